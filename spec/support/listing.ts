/**
 * A listing whose pages depend on the page size asked for, as a real service's do: a token is a
 * position (the index of the next entry), and a page is the next `MaxResults` entries from it.
 * Entries interleave the items of the `ListThings` rule's two result keys, `Items` (primary) and
 * `Others` (like S3's versions and delete markers), so a page may hold any mix of them, or none.
 */
import type { Output, Responder } from "./stub-client.js";

/** One entry of a listing: an item of result key 0 (`Items`) or 1 (`Others`). */
export interface Entry {
  readonly key: 0 | 1;
  readonly id: string;
}

export const RESULT_KEYS = ["Items", "Others"] as const;

/** A listing from the result key of each entry, in order; ids say the key and the position. */
export function listingOf(keys: readonly (0 | 1)[]): Entry[] {
  return keys.map((key, i) => ({ key, id: `${key === 0 ? "item" : "other"}-${String(i).padStart(4, "0")}` }));
}

/** The items of each result key, in listing order. */
export function itemsByKey(entries: readonly Entry[]): [string[], string[]] {
  return [entries.filter((e) => e.key === 0).map((e) => e.id), entries.filter((e) => e.key === 1).map((e) => e.id)];
}

/** The token for the page starting at entry `index`. */
export const tokenAt = (index: number) => `e${index}`;

/** The entry index a token stands for (the listing's start for none). */
export function indexOf(token: unknown): number {
  return token === undefined || token === null ? 0 : Number(String(token).slice(1));
}

/**
 * Serves `entries` as ListThings pages of `MaxResults` entries (`defaultSize` when none is asked
 * for). `truncated` pages (entry indexes) end one entry early, as a service may cut a page short.
 */
export function serveListing(entries: readonly Entry[], defaultSize = 4, truncated: ReadonlySet<number> = new Set()): Responder {
  return (input) => {
    const start = indexOf(input.NextToken);
    const size = typeof input.MaxResults === "number" ? input.MaxResults : defaultSize;
    let end = Math.min(entries.length, start + size);
    if (truncated.has(start) && end - start > 1) end--;
    const page = entries.slice(start, end);
    const output: Output = {
      Items: page.filter((e) => e.key === 0).map((e) => e.id),
      Others: page.filter((e) => e.key === 1).map((e) => e.id),
      Owner: "me",
    };
    if (end < entries.length) output.NextToken = tokenAt(end);
    return output;
  };
}
