import { PaginationError } from "./errors.js";

/**
 * With `EncodingType=url`, S3 percent-encodes the keys (and prefixes and markers) it returns, as
 * an HTML form does: a space comes back as `+`, a literal `+` as `%2B`. The SDK does not decode
 * them (spec/unit/parallel-encoding.spec.ts shows it), so a parallel listing, which always asks
 * for the encoding so that keys with control characters survive the XML, decodes them itself; and
 * a rule's `urlEncodedTokens` are decoded before they are sent back as the next page's marker.
 */
export function decodeS3Url(encoded: string): string {
  const spaced = encoded.indexOf("+") < 0 ? encoded : encoded.replace(/\+/g, " ");
  return spaced.indexOf("%") < 0 ? spaced : decodeURIComponent(spaced);
}

/**
 * Whether an answer's keys are url-encoded: only an answer that says `EncodingType: "url"` is,
 * whatever was asked (moto's ListObjectVersions ignores the request and sends keys as they are,
 * which decoding would rename: `a+b` to `a b`).
 */
export function isUrlEncoded(output: unknown): boolean {
  return (output as { EncodingType?: unknown } | null)?.EncodingType === "url";
}

/** A key or marker of an answer, decoded when the answer is encoded; a malformed escape is the service's error, said so. */
export function answerKey(operation: string, output: unknown, value: string, what: string): string {
  if (!isUrlEncoded(output)) return value;
  try {
    return decodeS3Url(value);
  } catch {
    throw new PaginationError(`${operation}: the service said EncodingType=url but sent ${what} ${JSON.stringify(value)}, which is not url-encoded (a malformed % escape); the listing cannot go on`, {
      operation,
    });
  }
}
