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
