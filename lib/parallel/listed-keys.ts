/**
 * The keys of one answer as S3 means them. A parallel run asks for `EncodingType=url`, but only
 * an answer that says `EncodingType: "url"` is encoded: a server that ignores the request (moto's
 * ListObjectVersions) sends keys as they are, and decoding those renames `a+b` to `a b`.
 */
import { PaginationError } from "../errors.js";
import { decodeS3Url } from "../url-decoding.js";

export function isUrlEncoded(output: Record<string, unknown>): boolean {
  return output.EncodingType === "url";
}

/** A key or marker of the answer, decoded when the answer is encoded; a malformed escape is the service's error, said so. */
export function listedKey(operation: string, output: Record<string, unknown>, value: string, what: string): string {
  if (!isUrlEncoded(output)) return value;
  try {
    return decodeS3Url(value);
  } catch {
    throw new PaginationError(`${operation}: the service said EncodingType=url but sent ${what} ${JSON.stringify(value)}, which is not url-encoded (a malformed % escape); the listing cannot go on`, {
      operation,
    });
  }
}

/** A common prefix, which seeding only uses as a place to cut: one that will not decode is used as sent. */
export function listedPrefix(output: Record<string, unknown>, value: string): string {
  if (!isUrlEncoded(output)) return value;
  try {
    return decodeS3Url(value);
  } catch {
    return value;
  }
}
