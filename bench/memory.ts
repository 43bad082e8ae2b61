/**
 * Scenario 3: items() holds a page or so, whatever the listing's length. Heap after a forced GC
 * at the start, every 100,000 items and at the end of 1,000,000; buildFullResult() beside it as
 * the O(n) contrast. Then what a run keeps for each page it has read (the tokens it has sent, to
 * catch a repeat), over a long run with tokens as long as real ones.
 */
import { withPaginators } from "aws-paginators";
import type { Verdict } from "./stats.js";
import { generated, s3ClientAnswering } from "./stub-listing.js";

const TOTAL = 1_000_000;
const SIZE = 1_000;
/** Pages of the long run whose per-page cost is measured, after as many to warm up. */
const LONG_RUN = 100_000;
/** Token lengths measured: S3's continuation tokens are about 100 to 200 characters. */
const TOKEN_LENGTHS = [40, 120] as const;
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Live heap: the least of three readings, each after a turn of the event loop and two full GCs,
 * so that garbage the collector has not got to yet does not count as held.
 */
async function heap(): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc!();
    globalThis.gc!();
    least = Math.min(least, process.memoryUsage().heapUsed);
  }
  return least;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/**
 * A continuation token of `length` base64 characters, different for every page, built as one flat
 * string as an XML parser hands it over (a concatenation would weigh more than a real token).
 */
function token(page: number, length: number): string {
  const codes = new Array<number>(length);
  let state = (page + 1) * 2654435761;
  for (let i = 0; i < length; i++) {
    state = Math.imul(state ^ (state >>> 15), 2246822519) + i;
    codes[i] = BASE64.charCodeAt((state >>> 26) & 63);
  }
  return String.fromCharCode(...codes);
}

/**
 * Heap a run keeps per page it has read: a listing of one-key pages with tokens of
 * `tokenLength` characters, read with pages() and nothing held; the heap is read inside the loop
 * (the run alive) after `LONG_RUN` pages and after twice as many, and the difference divided by
 * `LONG_RUN`.
 */
async function runBytesPerPage(tokenLength: number): Promise<number> {
  const pages = 2 * LONG_RUN + 1;
  const byToken = new Map<string, number>();
  const fetch = (input: { ContinuationToken?: string }) => {
    const at = input.ContinuationToken === undefined ? 0 : byToken.get(input.ContinuationToken)!;
    byToken.delete(input.ContinuationToken!);
    const more = at + 1 < pages;
    const next = more ? token(at, tokenLength) : undefined;
    if (next !== undefined) byToken.set(next, at + 1);
    return Promise.resolve({ Contents: [{ Key: `key-${at}`, Size: at }], IsTruncated: more, ...(more ? { NextContinuationToken: next } : {}), KeyCount: 1, $metadata: {} });
  };
  const s3 = withPaginators(Object.assign(s3ClientAnswering(fetch), { listObjectsV2: fetch }));
  let read = 0;
  let first = 0;
  let second = 0;
  for await (const _ of s3.getPaginator("listObjectsV2").pages({ Bucket: "b" })) {
    if (++read === LONG_RUN) first = await heap();
    else if (read === 2 * LONG_RUN) second = await heap();
  }
  return (second - first) / LONG_RUN;
}

export async function memory(): Promise<Verdict[]> {
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  const fetch = generated(TOTAL, SIZE);
  const s3 = withPaginators(Object.assign(s3ClientAnswering(fetch), { listObjectsV2: fetch }));

  // What one page weighs on the heap: ten held at once, divided by ten.
  const before = await heap();
  const held = await Promise.all(Array.from({ length: 10 }, (_, i) => fetch({ ContinuationToken: String(i * SIZE) })));
  const pageBytes = ((await heap()) - before) / 10;
  held.length = 0;

  // One short run first, so what is made once (compiled code, the command class) is not growth.
  for await (const _ of s3.getPaginator("listObjectsV2").items({ Bucket: "b" }, { maxItems: 10 * SIZE }));
  const start = await heap();
  const marks: { items: number; heap: number }[] = [{ items: 0, heap: start }];
  let count = 0;
  for await (const _ of s3.getPaginator("listObjectsV2").items({ Bucket: "b" })) {
    if (++count % 100_000 === 0) marks.push({ items: count, heap: await heap() });
  }
  const end = await heap();
  console.log(`\nHeap during items() over ${TOTAL.toLocaleString("en")} keys (one page ≈ ${mb(pageBytes)})`);
  console.table(marks.map((mark) => ({ items: mark.items, heap: mb(mark.heap), growth: mb(mark.heap - start) })));

  const fullBefore = await heap();
  const full = await s3.getPaginator("listObjectsV2").paginate({ Bucket: "b" }, { maxItems: 200_000 }).buildFullResult();
  const fullGrowth = (await heap()) - fullBefore;
  console.log(`buildFullResult() of 200,000 keys holds ${mb(fullGrowth)} (${full.Contents!.length} items): O(n), as it must`);

  const perPage: { tokenLength: number; bytes: number }[] = [];
  for (const tokenLength of TOKEN_LENGTHS) perPage.push({ tokenLength, bytes: await runBytesPerPage(tokenLength) });
  console.log(`\nHeap a run keeps per page read (the tokens it has sent), pages ${LONG_RUN.toLocaleString("en")} to ${(2 * LONG_RUN).toLocaleString("en")} of a long run`);
  console.table(perPage.map(({ tokenLength, bytes }) => ({ "token length": tokenLength, "bytes a page": Math.round(bytes) })));

  const growth = Math.max(...marks.map((mark) => mark.heap)) - start;
  // Read inside the loop, with a page held, as at 100,000: the tokens the run keeps to catch a
  // repeat grow with pages (58 bytes each, measured by runBytesPerPage), so "flat" allows one page.
  const after100k = marks.find((mark) => mark.items === 100_000)!.heap;
  const after1m = marks[marks.length - 1]!.heap;
  const flat = after1m <= after100k + pageBytes;
  return [
    ...perPage.map(({ tokenLength, bytes }) => ({
      scenario: `run-bytes-per-page-${tokenLength}-char-tokens`,
      ratio: Math.round(bytes),
      median_ms: 0,
      baseline_ms: 0,
      spread: 0,
      target: "reported (bytes a page)",
      ok: true,
    })),
    {
      scenario: "items-heap-growth",
      ratio: Number((growth / pageBytes).toFixed(2)),
      median_ms: 0,
      baseline_ms: 0,
      spread: 0,
      target: "≤ 3 pages of growth",
      ok: growth <= 3 * pageBytes,
    },
    {
      scenario: "items-heap-flat",
      ratio: Number(((after1m - after100k) / pageBytes).toFixed(2)),
      median_ms: 0,
      baseline_ms: 0,
      spread: 0,
      target: "heap at 1,000,000 items ≤ at 100,000 (+1 page)",
      ok: flat,
    },
  ];
}
