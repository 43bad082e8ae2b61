/**
 * The keys of one parallel answer as S3 means them (lib/url-decoding.ts): decoded only when the
 * answer says it is encoded.
 */
import { decodeS3Url, isUrlEncoded } from "../url-decoding.js";

export { answerKey as listedKey } from "../url-decoding.js";

/** A common prefix, which seeding only uses as a place to cut: one that will not decode is used as sent. */
export function listedPrefix(output: Record<string, unknown>, value: string): string {
  if (!isUrlEncoded(output)) return value;
  try {
    return decodeS3Url(value);
  } catch {
    return value;
  }
}
