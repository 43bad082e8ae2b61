/**
 * One answer of the service read for one range: its lists cut to the range's bound, the keys
 * decoded, and where the range goes on from. A place in a listing is a key, or (versions) one
 * version of a key: S3 lists the keys after `KeyMarker` alone, and with `VersionIdMarker` the
 * versions of that key after that one, then the keys after it.
 */
import { compareKeys } from "./key-order.js";
import type { ListingOperation } from "./listing-operations.js";
import { PaginationError } from "../errors.js";
import { listedKey } from "./listed-keys.js";
import { checkKeyOrder } from "./order-guard.js";

export interface Place {
  /** The key listed after; null: the start of the listing. */
  readonly key: string | null;
  /** The version of `key` listed after; null: every version of `key` is behind. */
  readonly version: string | null;
}

export interface RangePage {
  /** Per list of the operation: the items within the range, as the service sent them. */
  readonly lists: readonly (readonly unknown[])[];
  /** Their keys, decoded. */
  readonly keys: readonly (readonly string[])[];
  /** Items within the range, in all lists. */
  readonly count: number;
  /** Items in the answer, in all lists, before the cut. */
  readonly answered: number;
  /** The range ends within this page (a key passed its bound, or the listing ended). */
  readonly done: boolean;
  /** Where the range's next request lists after. */
  readonly next: Place;
}

type Entry = { Key?: unknown; VersionId?: unknown; LastModified?: unknown };

export function readRangePage(operation: ListingOperation, output: Record<string, unknown>, after: Place, hi: string | null): RangePage {
  const lists: unknown[][] = [];
  const keys: string[][] = [];
  let answered = 0;
  let count = 0;
  let cut = false;
  let last: string | null = null;
  for (const name of operation.lists) {
    const raw = Array.isArray(output[name]) ? (output[name] as Entry[]) : [];
    answered += raw.length;
    const decoded = raw.map((item, i) => keyOf(operation.name, output, name, item, i));
    checkKeyOrder(operation, name, decoded, after);
    let end = decoded.length;
    if (hi !== null) while (end > 0 && compareKeys(decoded[end - 1]!, hi) > 0) end--;
    if (end < decoded.length) cut = true;
    // A page wholly within the range (most of them) is kept as the service sent it, uncopied.
    const whole = end === raw.length;
    lists.push(whole ? raw : raw.slice(0, end));
    keys.push(whole ? decoded : decoded.slice(0, end));
    count += end;
    if (end > 0 && (last === null || compareKeys(decoded[end - 1]!, last) > 0)) last = decoded[end - 1]!;
  }
  const done = cut || output.IsTruncated !== true;
  let next: Place = { key: last ?? after.key, version: null };
  if (!done && operation.versionAfter !== undefined) next = versionPlace(operation.name, output, lists, keys, next);
  return { lists, keys, count, answered, done, next };
}

/**
 * Where a truncated page of versions ends: the service's NextKeyMarker and NextVersionIdMarker,
 * or, should it leave them out, its last entry (of a key in both lists, the older by LastModified:
 * each key's entries come newest first).
 */
function versionPlace(operation: string, output: Record<string, unknown>, lists: readonly (readonly unknown[])[], keys: readonly (readonly string[])[], last: Place): Place {
  const marker = output.NextKeyMarker;
  if (typeof marker === "string" && marker !== "") {
    const version = output.NextVersionIdMarker;
    return { key: listedKey(operation, output, marker, "NextKeyMarker"), version: typeof version === "string" && version !== "" ? version : null };
  }
  let oldest: Entry | undefined;
  lists.forEach((list, k) => {
    const entry = list[list.length - 1] as Entry | undefined;
    if (entry === undefined || keys[k]![list.length - 1] !== last.key) return;
    if (oldest === undefined || timeOf(entry) < timeOf(oldest)) oldest = entry;
  });
  return typeof oldest?.VersionId === "string" ? { key: last.key, version: oldest.VersionId } : last;
}

/** An entry's key, decoded; an entry that is no item with a string Key is the service's error, said so. */
function keyOf(operation: string, output: Record<string, unknown>, list: string, item: Entry, index: number): string {
  if (item === null || typeof item !== "object" || typeof item.Key !== "string") {
    const what =
      item === null || typeof item !== "object"
        ? `${typeof item === "string" ? JSON.stringify(item) : String(item)} at index ${index}, not an item with a Key`
        : `an entry with no string Key at index ${index}`;
    throw new PaginationError(`${operation}: the page's ${list} holds ${what}; the listing cannot go on`, { operation });
  }
  return listedKey(operation, output, item.Key, `the key`);
}

const timeOf = (entry: Entry) => (entry.LastModified instanceof Date ? entry.LastModified.getTime() : Date.parse(String(entry.LastModified)));

export const samePlace = (a: Place, b: Place) => a.key === b.key && a.version === b.version;
