/**
 * Which code points a synthesized bound may contain. A bound goes to S3 as `StartAfter`, which
 * S3 checks against XML 1.0; so a pivot made up by us uses only code points XML 1.0 carries,
 * leaving out also the C0 and C1 controls, DEL, noncharacters and `%` (which some emulators echo
 * back undecoded). Bounds copied from real keys may hold anything a key holds.
 */
export const MIN_SAFE = 0x20;
export const MAX_CODE_POINT = 0x10ffff;

export function isSafe(cp: number): boolean {
  if (cp < MIN_SAFE || cp > MAX_CODE_POINT) return false;
  if (cp === 0x25 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp >= 0xfdd0 && cp <= 0xfdef) return false;
  return (cp & 0xfffe) !== 0xfffe;
}

/** The safe code point nearest the middle of the open interval (lo, hi), or undefined. */
export function safeBetween(lo: number, hi: number): number | undefined {
  if (hi - lo <= 1) return undefined;
  const middle = Math.floor((lo + hi) / 2);
  for (let delta = 0; middle - delta > lo || middle + delta < hi; delta++) {
    if (middle - delta > lo && isSafe(middle - delta)) return middle - delta;
    if (middle + delta < hi && isSafe(middle + delta)) return middle + delta;
  }
  return undefined;
}

/** The smallest safe code point above `cp`, or undefined. */
export function safeAbove(cp: number): number | undefined {
  for (let next = cp + 1; next <= MAX_CODE_POINT; next++) {
    if (next === 0xd800) next = 0xe000;
    if (isSafe(next)) return next;
  }
  return undefined;
}

export function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const char of text) out.push(char.codePointAt(0)!);
  return out;
}

export function fromCodePoints(points: readonly number[]): string {
  let text = "";
  for (let i = 0; i < points.length; i += 0x2000) text += String.fromCodePoint(...points.slice(i, i + 0x2000));
  return text;
}
