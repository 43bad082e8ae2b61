/**
 * S3 orders keys by their UTF-8 bytes, which is Unicode code point order. JavaScript's `<`
 * compares UTF-16 code units, which differs only where a surrogate pair (a code point above
 * U+FFFF) meets a code unit in U+E000..U+FFFF; `compareKeys` corrects exactly that case.
 * Binary searches over sorted arrays keep every listing request O(page size · log n).
 */

/** Negative, zero or positive as `a` sorts before, with or after `b` in UTF-8 byte order. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
  }
  return a.length - b.length;
}

/** Moves surrogates (0xD800..0xDFFF) above the rest of the BMP (0xE000..0xFFFF). */
function codePointRank(unit: number): number {
  if (unit <= 0xdfff) return unit + 0x2000;
  return unit - 0x800;
}

/**
 * What a listing walks: a sorted array, or a view that makes its entries on demand (a virtual
 * bucket of a million keys has no array of entries at all; see virtual-keys.ts).
 */
export interface Sorted<T> {
  readonly length: number;
  /** The entry at `index`, for 0 <= index < length. */
  at(index: number): T | undefined;
}

/** The first index in [lo, hi) where `pred` holds, for a `pred` that is false, then true. */
export function firstIndex<T>(sorted: Sorted<T>, pred: (item: T) => boolean, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(sorted.at(mid) as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first index whose key is >= `key`. */
export function lowerBound<T>(sorted: Sorted<T>, keyOf: (item: T) => string, key: string, lo = 0): number {
  return firstIndex(sorted, (item) => compareKeys(keyOf(item), key) >= 0, lo);
}

/** The first index whose key is > `key`. */
export function upperBound<T>(sorted: Sorted<T>, keyOf: (item: T) => string, key: string, lo = 0): number {
  return firstIndex(sorted, (item) => compareKeys(keyOf(item), key) > 0, lo);
}

/** Merges two arrays sorted by `compare` into a new one; on ties `a`'s items come first. */
export function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = compare(a[i] as T, b[j] as T) <= 0 ? (a[i++] as T) : (b[j++] as T);
  }
  while (i < a.length) out[k++] = a[i++] as T;
  while (j < b.length) out[k++] = b[j++] as T;
  return out;
}
