/**
 * Virtual buckets: keys without per-object records, so a bucket of a million keys costs one array
 * of strings (or nothing but a function). A key source is a count and a key per index, strictly
 * ascending in S3's order (UTF-8 bytes); listings binary-search it and make each listed object
 * (size 0, an ETag derived from the key, one fixed LastModified) and, for ListObjectVersions, its
 * one version ("null", the latest) only when a page takes it.
 */
import { compareKeys, type Sorted } from "./key-order.js";
import { fakeEtag, type ObjectEntry, type VersionEntry } from "./store.js";

export interface KeySource {
  /** How many keys there are. */
  readonly count: number;
  /** The key at `index` (0 <= index < count); keys ascend strictly in UTF-8 byte order. */
  keyAt(index: number): string;
}

/** A source over these keys, sorted into S3's order; a key given twice is listed once. */
export function sortedKeys(keys: Iterable<string>): KeySource {
  const sorted = [...keys].sort(compareKeys);
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i] as string;
    if (typeof key !== "string") throw new TypeError(`sortedKeys: a key must be a string, got ${typeof key}`);
    if (n === 0 || sorted[n - 1] !== key) sorted[n++] = key;
  }
  sorted.length = n;
  return { count: n, keyAt: (index) => sorted[index] as string };
}

/**
 * A source whose key at each index is `keyAt(index)`, for 0 <= index < count: no key is stored.
 * The keys are checked once, here, to ascend strictly (O(count) calls), since a listing over keys
 * out of order would skip or repeat some without a word.
 */
export function generatedKeys(count: number, keyAt: (index: number) => string): KeySource {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`generatedKeys: count must be a non-negative integer, got ${count}`);
  let previous: string | undefined;
  for (let i = 0; i < count; i++) {
    const key = keyAt(i);
    if (typeof key !== "string") throw new TypeError(`generatedKeys: keyAt(${i}) must return a string, got ${typeof key}`);
    if (previous !== undefined && compareKeys(previous, key) >= 0) {
      throw new RangeError(
        `generatedKeys: keys must ascend strictly in UTF-8 byte order, but keyAt(${i - 1}) = ${JSON.stringify(previous)} ` +
          `does not sort before keyAt(${i}) = ${JSON.stringify(key)}; use sortedKeys() for keys in any order`,
      );
    }
    previous = key;
  }
  return { count, keyAt };
}

/**
 * A listed object of a virtual bucket. Binary searches make many that are only compared, so the
 * ETag (a hash of the key) is computed when a page reads it.
 */
class VirtualObject implements ObjectEntry {
  size = 0;
  private tag: string | undefined;

  constructor(
    readonly key: string,
    public lastModified: string,
  ) {}

  get etag(): string {
    return (this.tag ??= `"${fakeEtag(this.key)}"`);
  }

  set etag(value: string) {
    this.tag = value;
  }
}

/** The bucket's objects, one per key, made when a listing reads them. */
export function virtualObjects(source: KeySource, lastModified: string): Sorted<ObjectEntry> {
  return {
    length: source.count,
    at(index) {
      if (!(index >= 0 && index < source.count)) return undefined;
      return new VirtualObject(source.keyAt(index), lastModified);
    },
  };
}

/** Each key's one version, as an unversioned object lists: version id "null", the latest. */
export function virtualVersions(source: KeySource, lastModified: string): Sorted<VersionEntry> {
  return {
    length: source.count,
    at(index) {
      if (!(index >= 0 && index < source.count)) return undefined;
      // The ETag as a virtual object's: one hash per listed version, none for a comparison.
      return Object.defineProperties({ key: source.keyAt(index), versionId: "null", deleteMarker: false, isLatest: true, size: 0, lastModified } as VersionEntry, {
        etag: { get: () => `"${fakeEtag(source.keyAt(index))}"`, enumerable: true },
      });
    },
  };
}
