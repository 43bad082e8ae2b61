/**
 * Ordered parallel runs hold a bounded number of pages: a slow consumer, or a head range slower
 * than the others, leaves at most orderedWindowPages(parallel) pages fetched and not yet taken,
 * and the listing stays exact (against a sequential one), resumable and abortable while ranges
 * above the window wait.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { PaginationAbortedError, withPaginators, type PaginationError } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import type { ParallelListing } from "../../lib/parallel/parallel-listing.js";
import { orderedStepPages, orderedWindowPages } from "../../lib/parallel/parallel-listing.js";
import type { ParallelPageIterator } from "../../lib/parallel/parallel-page-iterator.js";
import { listingStub } from "../support/s3-listing-stub.js";
import { collect } from "../support/stub-client.js";
import { pad, range } from "../support/parallel-key-sets.js";

const BUCKET = "window-spec";
const PARALLEL = 4;
const PAGE = 10;
const WINDOW = orderedWindowPages(PARALLEL);
// Many times the window, in two shapes: one folder of counters, and folders of uneven size.
const FLAT = range(WINDOW * PAGE * 4, (i) => `w/${pad(i, 6)}`);
const FOLDERS = range(40, (f) => range(30 + ((f * 37) % 11) * 40, (i) => `f${pad(f, 2)}/${pad(i, 4)}`)).flat();

type Stub = ReturnType<typeof listingStub>;

function stubOf(keys: readonly string[], delay?: (input: Record<string, unknown>) => number): Stub {
  const stub = listingStub();
  stub.putKeys(BUCKET, keys);
  if (delay) {
    const list = stub.listObjectsV2.bind(stub);
    stub.listObjectsV2 = async (input, opts) => {
      const ms = delay(input);
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      return list(input, opts);
    };
  }
  return stub;
}

function paginator(stub: Stub) {
  return withPaginators(stub as unknown as S3Client).getPaginator("listObjectsV2");
}

/** Pages held right now, counted from the ranges' queues, not from the listing's own counters. */
function heldNow(listing: ParallelListing): number {
  return listing.ranges.reduce((sum, r) => sum + r.queue.length, 0);
}

/** Lists in order, a page at a time, waiting `pauseMs` after each; returns the keys and the most pages seen held. */
async function slowly(stub: Stub, pauseMs: number, config: Record<string, unknown> = {}) {
  const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: PARALLEL, pageSize: PAGE, ...config }) as unknown as ParallelPageIterator;
  const keys: string[] = [];
  let most = 0;
  for await (const page of run.pages() as AsyncIterable<{ Contents?: { Key?: string }[] }>) {
    for (const item of page.Contents ?? []) keys.push(item.Key!);
    most = Math.max(most, heldNow(run.listing!));
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return { keys, most, listing: run.listing! };
}

async function oracle(stub: Stub): Promise<string[]> {
  return (await collect(paginator(stub).items({ Bucket: BUCKET }, { pageSize: 1000 }))).map((item) => item.Key!);
}

describe("parallel listing, ordered: the pages held are bounded", () => {
  it("states its window: two steps of max(16, C) pages per slot", () => {
    expect(orderedStepPages(4)).to.equal(16);
    expect(orderedStepPages(64)).to.equal(64);
    expect(orderedWindowPages(4)).to.equal(128);
    expect(orderedWindowPages(16)).to.equal(512);
  });

  for (const [name, keys] of Object.entries({ "one folder": FLAT, "folders of uneven size": FOLDERS })) {
    it(`${name}: a slow consumer leaves at most the window held, and the listing is exact`, async () => {
      const stub = stubOf(keys);
      const { keys: got, most, listing } = await slowly(stub, 1);
      expect(got).to.deep.equal(await oracle(stub));
      expect(most).to.be.at.most(WINDOW);
      expect(listing.maxHeld).to.be.at.most(WINDOW);
      // The consumer was slow enough for the window to matter.
      expect(listing.maxHeld).to.be.above(WINDOW / 2);
    });

    it(`${name}: a head range slower than the rest does not let the others run ahead without bound`, async () => {
      const first = keys[Math.floor(keys.length / 8)]!;
      // Requests below the first eighth of the keys take 5 ms; the rest are answered at once.
      const stub = stubOf(keys, (input) => (typeof input.StartAfter !== "string" || input.StartAfter < first ? 5 : 0));
      const { keys: got, most, listing } = await slowly(stub, 0);
      expect(got).to.deep.equal(await oracle(stub));
      expect(most).to.be.at.most(WINDOW);
      expect(listing.maxHeld).to.be.at.most(WINDOW);
    });
  }

  it("a fast consumer is not held back: requests overlap, and about one page more per step is sent", async () => {
    const stub = stubOf(FLAT);
    const { keys: got } = await slowly(stub, 0);
    expect(got).to.deep.equal(FLAT);
    const pages = FLAT.length / PAGE;
    expect(stub.stats.requests).to.be.at.most(pages * 1.1 + 4 * PARALLEL);
    expect(stub.stats.maxInFlight).to.equal(PARALLEL);
  });

  it("resumes exactly from a token taken while ranges above the window wait, with any parallel", async () => {
    const stub = stubOf(FOLDERS);
    const expected = await oracle(stub);
    const got: string[] = [];
    let token: string | undefined;
    let waited = 0;
    for (let round = 0; round < 50 && (round === 0 || token !== undefined); round++) {
      const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 2 + (round % 5), pageSize: PAGE, ...(token ? { startingToken: token } : {}) }) as unknown as ParallelPageIterator;
      const items = run.items() as AsyncIterableIterator<{ Key?: string }> & { resumeToken?: string };
      let taken = 0;
      for await (const item of items) {
        got.push(item.Key!);
        if (++taken === 97) break;
        // Slow enough, now and then, for ranges above the window to be waiting with a cursor of their own.
        if (taken % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      if (run.listing!.ranges.some((r) => !r.owned && !r.done && r.cursor !== r.lo)) waited++;
      token = items.resumeToken;
    }
    if (token !== undefined) got.push(...(await collect(paginator(stub).items({ Bucket: BUCKET }, { parallel: 3, startingToken: token }))).map((item) => item.Key!));
    expect(got).to.deep.equal(expected);
    expect(waited).to.be.above(0);
  });

  it("an abort while ranges wait stops the run, with no request after it, and its token resumes exactly", async () => {
    const stub = stubOf(FLAT);
    const controller = new AbortController();
    const got: string[] = [];
    const run = paginator(stub).items({ Bucket: BUCKET }, { parallel: PARALLEL, pageSize: PAGE, abortSignal: controller.signal });
    const error = await (async () => {
      try {
        for await (const item of run) {
          got.push(item.Key!);
          if (got.length % PAGE === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          if (got.length === WINDOW * PAGE) controller.abort();
        }
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).to.be.instanceOf(PaginationAbortedError);
    const sent = stub.stats.requests;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stub.stats.requests).to.equal(sent);
    const rest = await collect(paginator(stub).items({ Bucket: BUCKET }, { parallel: 6, startingToken: (error as PaginationError).resumeToken! }));
    expect([...got, ...rest.map((item) => item.Key!)]).to.deep.equal(FLAT);
  });
});

describe("parallel listing, unordered: the pages held are bounded", () => {
  it("a slow consumer leaves at most 2 × C pages waiting or being fetched, and every key comes once", async () => {
    const stub = stubOf(FLAT);
    const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: PARALLEL, pageSize: PAGE, ordered: false }) as unknown as ParallelPageIterator;
    const keys: string[] = [];
    let most = 0;
    for await (const page of run.pages() as AsyncIterable<{ Contents?: { Key?: string }[] }>) {
      for (const item of page.Contents ?? []) keys.push(item.Key!);
      const listing = run.listing! as unknown as { ready: unknown[]; inFlight: number };
      // Counted from the waiting queue and the requests out, not from the listing's own counter.
      most = Math.max(most, listing.ready.length + listing.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(keys.sort()).to.deep.equal(FLAT);
    expect(most).to.be.at.most(2 * PARALLEL);
    expect(run.listing!.maxHeld).to.be.at.most(2 * PARALLEL);
    expect(run.listing!.window).to.equal(2 * PARALLEL);
  });
});
