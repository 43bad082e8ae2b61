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

/** Odd pages a listing is served with, at entry indexes. */
export interface PageShapes {
  /** Pages starting here end one entry early, as a service may cut a page short. */
  readonly truncated?: ReadonlySet<number>;
  /**
   * Here the service first answers an empty page, whose token (`f<index>`) stands for the same
   * position, as DynamoDB does after a filter that matched nothing.
   */
  readonly empty?: ReadonlySet<number>;
}

/**
 * Serves `entries` as ListThings pages of `MaxResults` entries (`defaultSize` when none is asked
 * for). An empty `Others` list is left out of the page, as services leave out empty lists.
 */
export function serveListing(entries: readonly Entry[], defaultSize = 4, shapes: PageShapes = {}): Responder {
  return (input) => {
    const start = indexOf(input.NextToken);
    if (shapes.empty?.has(start) && !String(input.NextToken ?? "").startsWith("f")) {
      return { Items: [], Owner: "me", NextToken: `f${start}` };
    }
    const size = typeof input.MaxResults === "number" ? input.MaxResults : defaultSize;
    let end = Math.min(entries.length, start + size);
    if (shapes.truncated?.has(start) && end - start > 1) end--;
    const page = entries.slice(start, end);
    const others = page.filter((e) => e.key === 1).map((e) => e.id);
    const output: Output = { Items: page.filter((e) => e.key === 0).map((e) => e.id), Owner: "me" };
    if (others.length > 0) output.Others = others;
    if (end < entries.length) output.NextToken = tokenAt(end);
    return output;
  };
}
