/**
 * fast-check arbitraries of S3 keys for the parallel listing properties: any code point S3 takes
 * (control characters, both sides of U+FFFF, the characters url encoding touches), shared
 * prefixes, sets of distinct keys.
 */
import fc from "fast-check";

const codePoint = fc.oneof(
  fc.integer({ min: 0x01, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0x7ff }),
  fc.integer({ min: 0xe000, max: 0xffff }).filter((cp) => cp < 0xd800 || cp > 0xdfff),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
  fc.constantFrom(0x20, 0x2b, 0x25, 0x2f, 0x61, 0x62),
);
export const keyText = fc
  .array(codePoint, { minLength: 1, maxLength: 12 })
  .map((points) => String.fromCodePoint(...points));
export const keyArb = fc.tuple(fc.constantFrom("", "a/", "a/b/", "\u{1f600}/"), keyText).map(([prefix, rest]) => prefix + rest);
export const keySetArb = fc.uniqueArray(keyArb, { minLength: 0, maxLength: 120 });

