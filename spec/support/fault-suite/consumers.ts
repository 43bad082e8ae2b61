/**
 * Careful consumers: what a user who reads the README does when a page request fails.
 *
 * - {@link consumeForAwait}: `for await` over `items()` (or the pages); on a failed request (the
 *   SDK's own error, with a `resumeToken`) it checks the error, then starts a new run from the
 *   error's `resumeToken`. With `chained`, runs
 *   cut by `maxItems` go on from each run's `resumeToken` until the listing is complete.
 * - {@link consumeGo}: Go style, `while (await run.next())`; on a failed request it checks the
 *   error and calls `next()` again, which retries the same page.
 *
 * - {@link consumeCheckpointing}: reads items of any result key, or search() results, and breaks
 *   every so often to resume from the iterator's `resumeToken` under the next of a list of page
 *   sizes, as a consumer that checkpoints does; on a failure it resumes from the error's token.
 *   At each break it makes the read-only calls (resumeToken, hasMorePages(), currentPage(),
 *   err()) and checks they moved nothing.
 *
 * The first two count what the consumer received: pages (for items(), the pages it got items from) and
 * surfaced failures. A spec compares that with the requests the paginator sent (see probe.ts):
 * one per page delivered and one per failure are needed; anything beyond was sent after a
 * terminal condition (the end of the listing, a maxItems stop, a surfaced error) for nobody.
 * They also note where each failed request sits in the server's log, so a spec can check that
 * the next request asked for the same page.
 */
import { expect } from "chai";
import { PaginationError, isResumable, type PageIterator } from "../../../lib/index.js";
import type { LoopbackServer } from "../../../emulator/index.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPageIterator = PageIterator<any, any, any>;

/** A surfaced failed request, as the consumer saw it. */
export interface Surfaced {
  readonly resumeToken: string;
  /** The SDK error's name, and its code when it has one (`Error/ECONNRESET`). */
  readonly cause: string;
  /** Index in `server.stats.log` of the request that failed. */
  readonly logIndex: number;
}

export interface Outcome {
  /** Ids in the order the consumer got them. */
  readonly ids: string[];
  readonly errors: Surfaced[];
  /** Pages the consumer received (for items(): pages it received items from). */
  pages: number;
  /** Runs started (for-await) or 1 (Go). */
  runs: number;
}

interface Common {
  readonly server: LoopbackServer;
  /** Gives up (failing the spec) after this many errors or runs: a consumer must never loop forever. */
  readonly guard?: number;
}

export interface ForAwaitOptions extends Common {
  /** A PageIterator for a run from `startingToken` (undefined: from the start). */
  open(startingToken: string | undefined): AnyPageIterator;
  /** `items`: `iterator.items()`; `pages`: `for await (const page of iterator)`. */
  readonly read: "items" | "pages";
  /** Ids of one item (read: items) or of one page (read: pages). */
  idsOf(value: unknown): readonly string[];
  /** read: items: the page an item id is on (0-based), to count pages delivered. */
  pageOf?(id: string): number;
  /** Runs are cut by maxItems: go on from each run's resumeToken until it is undefined. */
  readonly chained?: boolean;
}

export interface CheckpointOptions extends Common {
  /** A PageIterator for a run from `startingToken` (undefined: from the start) at `pageSize`. */
  open(startingToken: string | undefined, pageSize: number): AnyPageIterator;
  /** What the consumer reads of a run: `items(key)` or `search(expression)`. */
  read(iterator: AnyPageIterator): AsyncIterable<unknown> & { readonly resumeToken: string | undefined };
  /** Ids of one value read. */
  idsOf(value: unknown): readonly string[];
  /** Values read before each break. */
  readonly breakEvery: number;
  /** Page size of each run in turn: a token from one resumes under the next. */
  readonly pageSizes: readonly number[];
}

export interface GoOptions extends Common {
  readonly run: AnyPageIterator;
  idsOfPage(page: unknown): readonly string[];
}

function causeLabel(cause: unknown): string {
  const { name, code } = (cause ?? {}) as { name?: unknown; code?: unknown };
  const base = typeof name === "string" ? name : "?";
  return typeof code === "string" && code !== base ? `${base}/${code}` : base;
}

/**
 * Checks a failure is what the README promises (the SDK's own error, its name and `$metadata`
 * intact, with `resumeToken` and `operation` added), and records it; anything else is rethrown.
 */
function surfaced(error: unknown, server: LoopbackServer): Surfaced {
  if (!isResumable(error) || error instanceof PaginationError) throw error;
  expect(error.resumeToken, `${error.message}: resumeToken`).to.be.a("string").that.is.not.empty;
  expect(error.operation, `${error.message}: operation`).to.be.a("string").that.is.not.empty;
  expect(error, `${error.message}: the SDK's error`).to.be.an("error");
  expect(error.name, `${error.message}: name`).to.be.a("string").that.is.not.empty;
  expect((error as { $metadata?: unknown }).$metadata, `${error.message}: $metadata`).to.be.an("object");
  return { resumeToken: error.resumeToken, cause: causeLabel(error), logIndex: server.stats.log.length - 1 };
}

export async function consumeForAwait(options: ForAwaitOptions): Promise<Outcome> {
  const { server, open, read, idsOf, pageOf, chained = false, guard = 1000 } = options;
  if (read === "items" && !pageOf) throw new TypeError("consumeForAwait: read: items needs pageOf");
  const outcome: Outcome = { ids: [], errors: [], pages: 0, runs: 0 };
  let startingToken: string | undefined;
  for (;;) {
    expect(outcome.runs, "runs started (a consumer must not loop forever)").to.be.lessThan(guard);
    outcome.runs++;
    const pagesInRun = new Set<number>();
    let pageCount = 0;
    const iterator = open(startingToken);
    let failure: Surfaced | undefined;
    try {
      if (read === "items") {
        for await (const item of iterator.items()) {
          for (const id of idsOf(item)) {
            outcome.ids.push(id);
            pagesInRun.add(pageOf!(id));
          }
        }
      } else {
        for await (const page of iterator) {
          pageCount++;
          outcome.ids.push(...idsOf(page));
        }
      }
    } catch (error) {
      failure = surfaced(error, server);
    }
    outcome.pages += read === "items" ? pagesInRun.size : pageCount;
    if (failure) {
      outcome.errors.push(failure);
      startingToken = failure.resumeToken;
      continue;
    }
    const next = iterator.resumeToken;
    if (next === undefined) return outcome;
    expect(chained, `a run without maxItems ended with a resumeToken (${next})`).to.equal(true);
    startingToken = next;
  }
}

export async function consumeCheckpointing(options: CheckpointOptions): Promise<Outcome> {
  const { server, open, read, idsOf, breakEvery, pageSizes, guard = 1000 } = options;
  const outcome: Outcome = { ids: [], errors: [], pages: 0, runs: 0 };
  let startingToken: string | undefined;
  for (;;) {
    expect(outcome.runs, "runs started (a consumer must not loop forever)").to.be.lessThan(guard);
    const run = open(startingToken, pageSizes[outcome.runs % pageSizes.length]!);
    outcome.runs++;
    const values = read(run);
    let taken = 0;
    let broke = false;
    try {
      for await (const value of values) {
        outcome.ids.push(...idsOf(value));
        if (++taken === breakEvery) {
          broke = true;
          break;
        }
      }
    } catch (error) {
      const failure = surfaced(error, server);
      expect(values.resumeToken, "the iterator's token after a failure is the error's").to.equal(failure.resumeToken);
      outcome.errors.push(failure);
      startingToken = failure.resumeToken;
      continue;
    }
    const token = values.resumeToken;
    const before = [run.resumeToken, run.currentPage(), run.err()];
    run.hasMorePages();
    expect([values.resumeToken, run.resumeToken, run.currentPage(), run.err()], "read-only calls moved the run").to.deep.equal([token, ...before]);
    if (!broke) expect(token, "resumeToken after the listing's end").to.equal(undefined);
    // A break right after the listing's last item leaves no token either: nothing is left.
    if (token === undefined) return outcome;
    startingToken = token;
  }
}

export async function consumeGo(options: GoOptions): Promise<Outcome> {
  const { server, run, idsOfPage, guard = 1000 } = options;
  const outcome: Outcome = { ids: [], errors: [], pages: 0, runs: 1 };
  for (;;) {
    let more: boolean;
    try {
      more = await run.next();
    } catch (error) {
      const seen = surfaced(error, server);
      expect(run.err(), "err() after a failed next()").to.equal(error);
      expect(run.resumeToken, "run.resumeToken after a failed next() is the error's").to.equal(seen.resumeToken);
      outcome.errors.push(seen);
      expect(outcome.errors.length, "errors surfaced (a consumer must not loop forever)").to.be.lessThan(guard);
      continue;
    }
    if (!more) break;
    outcome.pages++;
    outcome.ids.push(...idsOfPage(run.currentPage()));
  }
  expect(run.resumeToken, "resumeToken of a complete run").to.equal(undefined);
  expect(run.hasMorePages(), "hasMorePages() of a complete run").to.equal(false);
  expect(await run.next(), "next() after the end").to.equal(false);
  return outcome;
}

export interface Tally {
  readonly expected: number;
  readonly seen: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Ids no listing has. */
  readonly unexpected: number;
  /** Whether each kind's ids (the prefix before ":") came in listing order. */
  readonly inOrder: boolean;
}

/** Compares what a consumer got with the listing. Ids of several kinds are `Kind:id`. */
export function tally(expected: readonly string[], seen: readonly string[]): Tally {
  const want = new Set(expected);
  const got = new Set(seen);
  let lost = 0;
  for (const id of want) if (!got.has(id)) lost++;
  let unexpected = 0;
  for (const id of got) if (!want.has(id)) unexpected++;
  const kindOf = (id: string) => (id.includes(":") ? id.slice(0, id.indexOf(":")) : "");
  const kinds = new Set(expected.map(kindOf));
  const inOrder = [...kinds].every((kind) => {
    const a = expected.filter((id) => kindOf(id) === kind);
    const b = seen.filter((id) => kindOf(id) === kind);
    return a.length === b.length && a.every((id, i) => id === b[i]);
  });
  return { expected: expected.length, seen: seen.length, lost, duplicated: seen.length - got.size, unexpected, inOrder };
}

/**
 * Failed requests whose next request in the log did not ask for the same thing: a resume token
 * (or a Go-style retry) that refetched some other page. Parameters named in `ignore` may differ.
 */
export function refetchMismatches(server: LoopbackServer, errors: readonly Surfaced[], ignore: readonly string[] = []): string[] {
  const { log } = server.stats;
  const out: string[] = [];
  for (const { logIndex } of errors) {
    const failed = log[logIndex];
    const after = log[logIndex + 1];
    if (!failed || !after || failed.operation !== after.operation || paramsKey(failed.params, ignore) !== paramsKey(after.params, ignore)) {
      out.push(`#${logIndex + 1} ${JSON.stringify(failed?.params)} then ${JSON.stringify(after?.params)}`);
    }
  }
  return out;
}

/** A request's parameters as one comparable string, without those in `ignore` (a page size that changes on resume). */
function paramsKey(params: Record<string, string>, ignore: readonly string[]): string {
  return JSON.stringify(Object.entries(params).filter(([name]) => !ignore.includes(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
