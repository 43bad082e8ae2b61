/**
 * The first ranges of a parallel listing, from one `Delimiter: "/"` request and one round of
 * `MaxKeys: 1` probes sent at once:
 * - the common prefixes the delimiter request returns are cuts (up to two per slot);
 * - the end of the listing is bounded by probing above ever shorter leading parts of the last
 *   key or prefix seen: the least probe that finds nothing above it bounds the last range, so
 *   pivots are placed where the keys are, not across the whole code point space.
 * A flat listing's delimiter request is its first page, and is used as such.
 */
import type { KeyAlphabet } from "./key-alphabet.js";
import { compareKeys } from "./key-order.js";
import { KeyRange } from "./key-range.js";
import { ceilingOf } from "./pivot.js";
import { listedPrefix } from "./listed-keys.js";

export type ListRequest = (startAfter: string | null, maxKeys: number, delimiter?: string) => Promise<Record<string, unknown>>;
/** The decoded keys of an answer's items, in key order (a key once per version, for versions). */
export type KeysOf = (output: Record<string, unknown>) => string[];

export interface SeedPage {
  /** The delimiter request's answer, which is the first page of the first range. */
  readonly output: Record<string, unknown>;
}

export interface Seed {
  readonly ranges: KeyRange[];
  /** The delimiter request's answer, to shape an empty listing's one page. */
  readonly output: Record<string, unknown>;
  readonly firstPage?: SeedPage;
}

function evenly<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 1) * items.length) / (count + 1))]!);
}

function commonPrefix(a: string, b: string): string {
  const A = [...a];
  const B = [...b];
  let i = 0;
  while (i < A.length && i < B.length && A[i] === B[i]) i++;
  return A.slice(0, i).join("");
}

export async function seedRanges(lo: string | null, prefix: string, slots: number, pageSize: number, list: ListRequest, keysOf: KeysOf, alphabet: KeyAlphabet): Promise<Seed> {
  // S3 leaves out a common prefix that does not sort after the marker, though keys under it do:
  // the folder the start key is in is its own range, and the delimiter request starts above it.
  const hidden = lo === null || !lo.startsWith(prefix) || lo.indexOf("/", prefix.length) < 0 ? undefined : ceilingOf(lo.slice(0, lo.indexOf("/", prefix.length) + 1));
  if (hidden !== undefined) {
    const { firstPage: _aboveOnly, ...above } = await seedRanges(hidden, prefix, slots, pageSize, list, keysOf, alphabet);
    alphabet.observe(lo!);
    return { ...above, ranges: [new KeyRange(lo, hidden), ...above.ranges] };
  }
  const output = await list(lo, 1000, "/");
  const keys = keysOf(output);
  const prefixes = (Array.isArray(output.CommonPrefixes) ? (output.CommonPrefixes as { Prefix?: unknown }[]) : []).map((p) => listedPrefix(output, String(p.Prefix)));
  const truncated = output.IsTruncated === true;
  for (const key of evenly(keys, 64)) alphabet.observe(key);
  for (const key of evenly(prefixes, 64)) alphabet.observe(key);

  const flat = prefixes.length === 0;
  const firstPage: SeedPage | undefined = flat && keys.length > 0 && keys.length <= pageSize ? { output } : undefined;
  if (!truncated && flat) {
    const only = new KeyRange(lo, null);
    only.done = keys.length === 0;
    return { ranges: [only], output, ...(firstPage ? { firstPage } : {}) };
  }

  const cuts = evenly(prefixes, 2 * slots);
  const last = [keys[keys.length - 1], prefixes[prefixes.length - 1]].filter((x): x is string => x !== undefined).sort(compareKeys).pop();
  let end: string | undefined;
  const emptyAbove = new Map<string, string | null>();
  if (last !== undefined && !truncated) {
    end = prefixes.includes(last) ? ceilingOf(last) : last;
  } else if (last !== undefined) {
    const shared = flat ? commonPrefix(keys[0]!, last) : last;
    const bounds = await boundTheEnd(shared, prefix, slots, list, keysOf, alphabet);
    for (const [at, first] of bounds.firstAbove) emptyAbove.set(at, first);
    end = bounds.end;
    cuts.push(...bounds.cuts);
  }
  const points = [...new Set(cuts)].filter((cut) => lo === null || compareKeys(cut, lo) > 0).sort(compareKeys);
  if (end !== undefined) {
    while (points.length > 0 && compareKeys(points[points.length - 1]!, end) >= 0) points.pop();
    points.push(end);
  }
  const ranges: KeyRange[] = [];
  let below = lo;
  for (const point of points) {
    ranges.push(new KeyRange(below, point));
    below = point;
  }
  const tail = new KeyRange(below, null);
  if (end !== undefined) tail.done = true;
  ranges.push(tail);
  // A probe that found its first key above the next cut (or none) shows a range empty.
  for (const range of ranges) {
    if (range.lo === null || !emptyAbove.has(range.lo)) continue;
    const first = emptyAbove.get(range.lo)!;
    if (first === null || (range.hi !== null && compareKeys(first, range.hi) > 0)) range.done = true;
  }
  const usable = firstPage && ranges[0]!.hi !== null && keys.every((key) => compareKeys(key, ranges[0]!.hi!) <= 0) ? firstPage : undefined;
  return { ranges, output, ...(usable ? { firstPage: usable } : {}) };
}

/**
 * Probes, all at once, above the ceilings of `shared` cut ever shorter (within the prefix): the
 * least ceiling with no key above it ends the listing; the others are cuts.
 */
async function boundTheEnd(shared: string, prefix: string, slots: number, list: ListRequest, keysOf: KeysOf, alphabet: KeyAlphabet) {
  const chars = [...shared];
  const minimum = [...prefix].length + 1;
  const lengths: number[] = [];
  for (let j = chars.length; j >= minimum; j--) lengths.push(j);
  const chosen = evenly(lengths, Math.max(2, slots));
  if (lengths.length > 0 && !chosen.includes(lengths[0]!)) chosen.unshift(lengths[0]!);
  if (lengths.length > 0 && !chosen.includes(lengths[lengths.length - 1]!)) chosen.push(lengths[lengths.length - 1]!);
  const ceilings = [...new Set(chosen.map((j) => ceilingOf(chars.slice(0, j).join(""))).filter((c): c is string => c !== undefined))].sort(compareKeys);
  const answers = await Promise.all(ceilings.map((at) => list(at, 1)));
  const firstAbove = new Map<string, string | null>();
  const cuts: string[] = [];
  let end: string | undefined;
  ceilings.forEach((at, i) => {
    const first = keysOf(answers[i]!)[0] ?? null;
    firstAbove.set(at, first);
    if (first !== null) alphabet.observe(first);
    if (end !== undefined) return;
    if (first === null) end = at;
    else cuts.push(at);
  });
  return { end, cuts, firstAbove };
}
