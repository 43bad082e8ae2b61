/**
 * Property: every way of reading a listing resumes exactly, under any page size.
 *
 * A case is a random listing (entries of two result keys interleaved, `Items` primary and `Others`
 * secondary, like S3's versions and delete markers; some pages cut short, some answered empty
 * first; possibly no entries at all), served by a stub whose pages depend on the page size asked
 * for (a token is a position, a page is the next `pageSize` entries from it), and a chain of runs.
 * Each run reads in a random way (for-await pages, pages(), items(), items("Others"),
 * next()/currentPage(), hasMorePages()/nextPage(), buildFullResult(), search("Items[]") and a
 * search whose results are not items), with a random pageSize, maxItems and readAhead, and stops
 * at a random place (a break, an error thrown by the client, an abort, or not at all); the next
 * run starts from the token the last one left. A last run reads pages to the end.
 *
 * The oracle follows the position model. A token stands for a position: per result key k, the
 * number g[k] of k's items before it (the stub's token gives the entry index, the token's skips
 * add to it; a token of undefined is the end). For each run, from position g to g':
 * - a key the run reads (every key for page readers; k for items(k); Items for search) is
 *   delivered exactly from g[k]: what it delivered equals the listing's items of k from g[k] on, and
 *   g'[k] = g[k] + what it delivered. For a search whose results are not items, g'[k] may stay
 *   behind (the page it broke in is replayed, never skipped): g[k] ≤ g'[k] ≤ g[k] + delivered.
 * - a key the run does not read never goes back: g'[k] ≥ g[k]. Those items were passed over
 *   (an items(k) reader moving past a page counts it read for every key).
 * So per result key, the concatenation over the chain of what each run delivered (less a
 * replayed tail) and what it passed over is the listing's items of that key, in order, nothing
 * twice, nothing lost; the last run ends at the end of every key. Read-only calls (resumeToken,
 * hasMorePages(), currentPage(), err()), interleaved at random, change nothing.
 *
 * Seeded: FC_SEED=<n> replays a failing case (the seed is printed on failure); FC_RUNS sets the
 * number of chains.
 */
import { expect } from "chai";
import fc from "fast-check";
import { PaginationAbortedError, isResumable, withPaginators, type PageIterator, type ResumableIterator } from "../../lib/index.js";
import { decodeResumeToken } from "../../lib/resume-token.js";
import { indexOf, itemsByKey, listingOf, serveListing, type Entry } from "../support/listing.js";
import type { Output } from "../support/stub-client.js";
import { testTable } from "../support/test-table.js";

const READERS = ["forAwait", "pages", "items", "itemsOthers", "next", "hasMorePages", "buildFullResult", "search", "searchFiltered"] as const;
type Reader = (typeof READERS)[number];
const READS = ["resumeToken", "hasMorePages", "currentPage", "err"] as const;

interface RunSpec {
  readonly reader: Reader;
  readonly pageSize: number | undefined;
  readonly maxItems: number | undefined;
  readonly readAhead: boolean;
  readonly stop: "none" | "break" | "error" | "abort";
  /** Units (items, results or pages) delivered before the stop; for "error", the failing request. */
  readonly at: number;
  readonly reads: readonly (typeof READS)[number][];
}

interface Case {
  readonly keys: (0 | 1)[];
  readonly defaultSize: number;
  readonly truncated: number[];
  readonly empty: number[];
  readonly chain: RunSpec[];
  readonly drainSize: number | undefined;
}

const runSpec: fc.Arbitrary<RunSpec> = fc.record({
  reader: fc.constantFrom(...READERS),
  pageSize: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
  maxItems: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined, freq: 3 }),
  readAhead: fc.boolean(),
  stop: fc.constantFrom("none", "break", "break", "break", "error", "abort"),
  at: fc.nat({ max: 6 }),
  reads: fc.array(fc.constantFrom(...READS), { maxLength: 3 }),
});

const testCase: fc.Arbitrary<Case> = fc.record({
  keys: fc.array(fc.integer({ min: 0, max: 9 }).map((n): 0 | 1 => (n < 7 ? 0 : 1)), { maxLength: 45 }),
  defaultSize: fc.integer({ min: 1, max: 6 }),
  truncated: fc.array(fc.nat({ max: 45 }), { maxLength: 6 }),
  empty: fc.array(fc.nat({ max: 45 }), { maxLength: 3 }),
  chain: fc.array(runSpec, { minLength: 1, maxLength: 6 }),
  drainSize: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
});

class Fault extends Error {
  override name = "Fault";
  readonly $metadata = { httpStatusCode: 503 };
}

/** The stub client of one case: the listing, and a fault armed per run. */
function listingClient(entries: readonly Entry[], test: Case) {
  const serve = serveListing(entries, test.defaultSize, { truncated: new Set(test.truncated), empty: new Set(test.empty) });
  const state = { requests: 0, failAt: -1 };
  const client = {
    config: { serviceId: "Test" },
    async send(command: { input: Record<string, unknown> }): Promise<Output> {
      if (state.requests++ === state.failAt) throw new Fault("injected");
      return serve(command.input, 0);
    },
  };
  return { state, paginator: withPaginators(client, testTable).getPaginator("listThings") };
}

/** The position a token stands for: per result key, how many of its items come before it. */
function positionOf(token: string | undefined, entries: readonly Entry[], lengths: readonly number[]): number[] {
  if (token === undefined) return [...lengths];
  const { tokens, skips } = decodeResumeToken("ListThings", token, { tokens: 1, resultKeys: 2 });
  const index = indexOf(tokens?.[0]);
  return [0, 1].map((k) => entries.slice(0, index).filter((e) => e.key === k).length + skips[k]!);
}

interface Outcome {
  /** What the run delivered, per result key. */
  readonly delivered: [unknown[], unknown[]];
  /** The token it left: the iterator's, the error's or buildFullResult's NextToken. */
  readonly token: string | undefined;
}

/** Reads one run as `spec` says, checking read-only calls on the way. */
async function readRun(paginator: ReturnType<typeof listingClient>["paginator"], spec: RunSpec, startingToken: string | undefined): Promise<Outcome> {
  const controller = new AbortController();
  const config = {
    ...(spec.pageSize === undefined ? {} : { pageSize: spec.pageSize }),
    ...(spec.maxItems === undefined ? {} : { maxItems: spec.maxItems }),
    ...(startingToken === undefined ? {} : { startingToken }),
    ...(spec.readAhead ? { readAhead: 1 as const } : {}),
    ...(spec.stop === "abort" ? { abortSignal: controller.signal } : {}),
  };
  const run = paginator.paginate({}, config) as PageIterator<Record<string, any>>;
  const delivered: [unknown[], unknown[]] = [[], []];
  let units = 0;
  let iterator: ResumableIterator<unknown> | undefined;
  let afterAbort = -1;

  const readOnly = () => {
    if (spec.reads.length === 0) return;
    const read = spec.reads[units % spec.reads.length]!;
    const before = [run.resumeToken, iterator?.resumeToken, run.currentPage(), run.err()];
    if (read === "resumeToken") void run.resumeToken;
    else if (read === "hasMorePages") run.hasMorePages();
    else if (read === "currentPage") run.currentPage();
    else run.err();
    expect([run.resumeToken, iterator?.resumeToken, run.currentPage(), run.err()], `${read}() changed the run`).to.deep.equal(before);
  };
  const takePage = (page: Record<string, any>) => {
    delivered[0].push(...(page.Items ?? []));
    delivered[1].push(...(page.Others ?? []));
  };
  /** After each unit: whether to stop reading (a break), arming an abort first if due. */
  const stopHere = (): boolean => {
    units++;
    readOnly();
    if (spec.stop === "abort" && units === spec.at) {
      controller.abort();
      afterAbort = units;
    }
    if (afterAbort >= 0) expect(units, "delivered after abort()").to.equal(afterAbort);
    return spec.stop === "break" && units >= spec.at;
  };

  try {
    if (spec.stop === "break" && spec.at === 0) {
      readOnly();
      iterator = spec.reader === "items" ? run.items() : undefined;
      return { delivered, token: iterator?.resumeToken ?? run.resumeToken };
    }
    switch (spec.reader) {
      case "forAwait":
      case "pages": {
        iterator = spec.reader === "pages" ? run.pages() : (run[Symbol.asyncIterator]() as ResumableIterator<unknown>);
        for await (const page of { [Symbol.asyncIterator]: () => iterator! }) {
          takePage(page as Record<string, any>);
          if (stopHere()) break;
        }
        return { delivered, token: spec.reader === "pages" ? iterator.resumeToken : run.resumeToken };
      }
      case "items":
      case "itemsOthers":
      case "search":
      case "searchFiltered": {
        const key = spec.reader === "itemsOthers" ? 1 : 0;
        iterator =
          spec.reader === "items" ? run.items() : spec.reader === "itemsOthers" ? run.items("Others") : run.search(spec.reader === "search" ? "Items[]" : "Items[?@ != 'none']");
        for await (const value of iterator) {
          delivered[key].push(value);
          if (stopHere()) break;
        }
        return { delivered, token: iterator.resumeToken };
      }
      case "next":
        while (await run.next()) {
          takePage(run.currentPage()!);
          if (stopHere()) break;
        }
        return { delivered, token: run.resumeToken };
      case "hasMorePages":
        while (run.hasMorePages()) {
          takePage(await run.nextPage());
          if (stopHere()) break;
        }
        return { delivered, token: run.resumeToken };
      case "buildFullResult": {
        const full = (await run.buildFullResult()) as Record<string, any>;
        takePage(full);
        return { delivered, token: full.NextToken };
      }
    }
  } catch (error) {
    if (error instanceof PaginationAbortedError) {
      expect(spec.stop, "an abort nobody asked for").to.equal("abort");
    } else {
      expect(error, "a failure other than the injected one").to.be.instanceOf(Fault);
      expect(spec.stop).to.equal("error");
    }
    expect(isResumable(error), "the error carries a token").to.equal(true);
    const token = (error as { resumeToken: string }).resumeToken;
    if (iterator !== undefined) expect(iterator.resumeToken, "the iterator's token is the error's").to.equal(token);
    return { delivered, token };
  }
}

describe("property: every way of reading resumes exactly, under any page size", function () {
  this.timeout(60_000);

  it("chains of runs, each reading its own way and stopping anywhere, deliver each result key's items once, in order", async () => {
    const seed = process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);
    const numRuns = process.env.FC_RUNS === undefined ? 3000 : Number(process.env.FC_RUNS);
    let runs = 0;
    const started = performance.now();
    const property = fc.asyncProperty(testCase, async (test) => {
      const entries = listingOf(test.keys);
      const listing = itemsByKey(entries);
      const lengths = listing.map((items) => items.length);
      const { state, paginator } = listingClient(entries, test);
      /** Per key: what the chain delivered (less replays) and passed over, which must rebuild the listing. */
      const rebuilt: [unknown[], unknown[]] = [[], []];
      let token: string | undefined;
      let position = [0, 0];
      const chain: RunSpec[] = [...test.chain, { reader: "forAwait", pageSize: test.drainSize, maxItems: undefined, readAhead: false, stop: "none", at: 0, reads: [] }];
      for (const [i, spec] of chain.entries()) {
        state.requests = 0;
        state.failAt = spec.stop === "error" ? spec.at % 4 : -1;
        runs++;
        const outcome = await readRun(paginator, spec, token);
        const next = positionOf(outcome.token, entries, lengths);
        const reads = spec.reader === "itemsOthers" ? [false, true] : spec.reader.startsWith("search") || spec.reader === "items" ? [true, false] : [true, true];
        for (const k of [0, 1]) {
          const got = outcome.delivered[k]!;
          const where = `run ${i} (${JSON.stringify(spec)}), result key ${k}, from ${position[k]}`;
          if (!reads[k]) {
            expect(got, where).to.deep.equal([]);
            expect(next[k], `${where}: went back`).to.be.at.least(position[k]!);
            rebuilt[k]!.push(...listing[k]!.slice(position[k], next[k]));
            continue;
          }
          expect(got, `${where}: not what follows the token`).to.deep.equal(listing[k]!.slice(position[k], position[k]! + got.length));
          if (spec.reader === "searchFiltered") {
            expect(next[k], `${where}: skipped`).to.be.within(position[k]!, position[k]! + got.length);
          } else {
            expect(next[k], `${where}: the token is not right after what was delivered`).to.equal(position[k]! + got.length);
          }
          rebuilt[k]!.push(...got.slice(0, next[k]! - position[k]!));
        }
        if (spec.maxItems !== undefined && reads[0] && spec.stop === "none") {
          expect(outcome.delivered[0].length, `run ${i}: maxItems`).to.equal(Math.min(spec.maxItems, lengths[0]! - position[0]!));
        }
        position = next;
        token = outcome.token;
        if (token === undefined) break;
      }
      expect(token, "the last run read to the end").to.equal(undefined);
      expect(rebuilt).to.deep.equal(listing);
    });
    try {
      await fc.assert(property, { seed, numRuns });
    } catch (error) {
      (error as Error).message = `replay with FC_SEED=${seed}\n${(error as Error).message}`;
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`      ${numRuns} chains, ${runs} runs (seed ${seed}) in ${seconds.toFixed(1)} s`);
  });
});
