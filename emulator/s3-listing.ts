/**
 * The walk every S3 listing shares (objects v1 and v2, versions, uploads): from a start index in a
 * key-sorted array, take the entries under `prefix`, rolling keys that contain `delimiter` after
 * the prefix up into common prefixes, until `limit` entries and prefixes have been taken.
 *
 * A common prefix is one element however many keys it covers: the walk jumps over its keys with a
 * binary search. A common prefix that does not sort after `after` (the marker or token the request
 * started from) is skipped, so a listing resumed from a marker that *is* a common prefix goes on
 * past it, as S3 does.
 */
import { compareKeys, firstIndex, type Sorted } from "./key-order.js";

export interface WalkOptions {
  /** Index of the first candidate entry (already past any marker). */
  readonly start: number;
  readonly prefix: string;
  readonly delimiter: string | undefined;
  /** The marker the listing resumes after, if any. */
  readonly after: string | undefined;
  /** How many entries plus common prefixes to take. */
  readonly limit: number;
}

export interface Walk<T> {
  readonly entries: T[];
  readonly commonPrefixes: string[];
  /** The last element taken, in listing order: an entry or a common prefix. */
  readonly last: { readonly entry: T } | { readonly commonPrefix: string } | undefined;
  /** Whether anything under the prefix is left after the last element taken. */
  readonly truncated: boolean;
}

export function walk<T>(sorted: Sorted<T>, keyOf: (item: T) => string, options: WalkOptions): Walk<T> {
  const { prefix, delimiter, after, limit } = options;
  const entries: T[] = [];
  const commonPrefixes: string[] = [];
  let last: Walk<T>["last"];
  let truncated = false;
  // S3 answers max-keys=0 with nothing and IsTruncated false, whatever the bucket holds.
  if (limit <= 0) return { entries, commonPrefixes, last, truncated };
  let i = options.start;
  const n = sorted.length;
  while (i < n) {
    const entry = sorted.at(i) as T;
    const key = keyOf(entry);
    if (!key.startsWith(prefix)) break;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const commonPrefix = key.slice(0, cut + (delimiter as string).length);
      const end = firstIndex(sorted, (item) => !keyOf(item).startsWith(commonPrefix), i + 1);
      if (after !== undefined && compareKeys(commonPrefix, after) <= 0) {
        i = end;
        continue;
      }
      if (entries.length + commonPrefixes.length >= limit) {
        truncated = true;
        break;
      }
      commonPrefixes.push(commonPrefix);
      last = { commonPrefix };
      i = end;
    } else {
      if (entries.length + commonPrefixes.length >= limit) {
        truncated = true;
        break;
      }
      entries.push(entry);
      last = { entry };
      i++;
    }
  }
  return { entries, commonPrefixes, last, truncated };
}
