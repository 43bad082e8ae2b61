/**
 * Points that split a key range `(a, b]`: strings strictly between two bounds in UTF-8 byte
 * order, made of valid code points that XML 1.0 carries. Correctness never depends on where a
 * pivot lands (ranges tile the key space whatever it is); balance does, so pivots are placed by
 * the alphabet the listing has shown, and checked against the bounds before use.
 */
import type { KeyAlphabet } from "./key-alphabet.js";
import { compareKeys, utf8Length } from "./key-order.js";
import { codePoints, fromCodePoints, isSafe, MAX_CODE_POINT, MIN_SAFE, safeAbove, safeBetween } from "./safe-code-points.js";

/** S3's longest key: a bound longer than that would split nothing. */
export const MAX_BOUND_BYTES = 1024;
const DIGITS = 12;

/** Where a string sits in [0, 1) among strings sharing `shared` leading code points, by the alphabet. */
export function fraction(points: readonly number[] | null, shared: number, alphabet: KeyAlphabet): number {
  if (points === null) return 1;
  let value = 0;
  let scale = 1;
  for (let k = 0; k < DIGITS && shared + k < points.length; k++) {
    const letters = alphabet.at(shared + k);
    const cp = points[shared + k]!;
    const index = lowerBound(letters, cp);
    scale /= letters.length;
    value += index * scale;
    // A code point outside the alphabet sits on the edge between two letters: what follows it
    // carries no weight.
    if (letters[index] !== cp) break;
  }
  return value;
}

function lowerBound(sorted: readonly number[], cp: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function sharedLength(a: readonly number[], b: readonly number[] | null): number {
  if (b === null) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function between(candidate: string, a: string | null, b: string | null): boolean {
  return (a === null || compareKeys(candidate, a) > 0) && (b === null || compareKeys(candidate, b) < 0) && utf8Length(candidate) <= MAX_BOUND_BYTES;
}

/**
 * A pivot strictly between `a` (null: the start) and `b` (null: the end), about `share` of the
 * way from `a` by the alphabet; undefined when no safe string lies between.
 */
export function pivotBetween(a: string | null, b: string | null, alphabet: KeyAlphabet, share = 0.5): string | undefined {
  const A = codePoints(a ?? "");
  const B = b === null ? null : codePoints(b);
  const shared = sharedLength(A, B);
  const low = fraction(A, shared, alphabet);
  const high = B === null ? 1 : fraction(B, shared, alphabet);
  if (high > low) {
    let target = low + (high - low) * share;
    // Digits are added until the pivot is between the bounds and within 2% of the smaller part
    // of where it should be: the shortest such string.
    const tolerance = ((high - low) * Math.min(share, 1 - share)) / 50;
    const out = A.slice(0, shared);
    let scale = 1;
    let found: string | undefined;
    for (let k = 0; k < DIGITS; k++) {
      const letters = alphabet.at(shared + k);
      const scaled = target * letters.length;
      const index = Math.min(letters.length - 1, Math.floor(scaled));
      out.push(letters[index]!);
      target = scaled - index;
      scale /= letters.length;
      const candidate = fromCodePoints(out);
      if (between(candidate, a, b)) {
        found = candidate;
        if (target * scale <= tolerance) break;
      } else if (found !== undefined) break;
    }
    if (found !== undefined) return found;
  }
  return midpointByCodePoint(A, B, a, b);
}

/**
 * The plain midpoint at the first code point where the bounds differ, for bounds the alphabet
 * cannot tell apart (a sliver, or code points it has not seen).
 */
export function midpointByCodePoint(A: readonly number[], B: readonly number[] | null, a: string | null, b: string | null): string | undefined {
  const i = sharedLength(A, B);
  const upper = B === null ? MAX_CODE_POINT + 1 : i < B.length ? B[i]! : undefined;
  if (upper === undefined) return undefined; // b is a prefix of a: a >= b
  const candidates: number[][] = [];
  if (i < A.length) {
    const v = safeBetween(A[i]!, upper);
    if (v !== undefined) candidates.push([...A.slice(0, i), v]);
    candidates.push([...A, MIN_SAFE]);
    // A long key: bump its last code point instead of growing it.
    for (let j = A.length - 1; j >= i; j--) {
      const up = safeAbove(A[j]!);
      if (up !== undefined) candidates.push([...A.slice(0, j), up]);
    }
  } else {
    const v = safeBetween(MIN_SAFE - 1, upper);
    if (v !== undefined) candidates.push([...A, v]);
    if (isSafe(upper) && B !== null && B.length > A.length + 1) candidates.push([...A, upper]);
  }
  for (const points of candidates) {
    const candidate = fromCodePoints(points);
    if (between(candidate, a, b)) return candidate;
  }
  return undefined;
}

/**
 * The least string above every key that starts with `prefix`: its last code point raised to the
 * next safe one (dropping code points that cannot be raised); undefined if none can.
 */
export function ceilingOf(prefix: string): string | undefined {
  const points = codePoints(prefix);
  for (let j = points.length - 1; j >= 0; j--) {
    const up = safeAbove(points[j]!);
    if (up !== undefined) return fromCodePoints([...points.slice(0, j), up]);
  }
  return undefined;
}
