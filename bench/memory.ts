/**
 * Scenario 3: items() holds a page or so, whatever the listing's length. Heap after a forced GC
 * at the start, every 100,000 items and at the end of 1,000,000; buildFullResult() beside it as
 * the O(n) contrast.
 */
import { withPaginators } from "aws-paginators";
import type { Verdict } from "./stats.js";
import { generated, s3ClientAnswering } from "./stub-listing.js";

const TOTAL = 1_000_000;
const SIZE = 1_000;

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

  const growth = Math.max(...marks.map((mark) => mark.heap)) - start;
  // Read inside the loop, with a page held, as at 100,000: the tokens the run keeps to catch a
  // repeat grow with pages (tens of bytes each), so "flat" allows one page.
  const after100k = marks.find((mark) => mark.items === 100_000)!.heap;
  const after1m = marks[marks.length - 1]!.heap;
  const flat = after1m <= after100k + pageBytes;
  return [
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
