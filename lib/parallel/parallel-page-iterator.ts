import { InvalidConfigError, PaginationAbortedError, PaginationError } from "../errors.js";
import { buildFullResult } from "../full-result.js";
import { PageIterator } from "../page-iterator.js";
import type { ResumableIterator } from "../resumable.js";
import type { RunPlan } from "../run.js";
import { searchPages, type SearchSource } from "../search.js";
import type { CompiledRule } from "../rule.js";
import type { ItemOf } from "../types.js";
import { ServerOrderError } from "./order-guard.js";
import { ParallelListing, type ListedPage, type ParallelPlan } from "./parallel-listing.js";
import { decodeParallelToken } from "./parallel-token.js";

/**
 * A {@link PageIterator} over a parallel listing: every way of reading works as for a sequential
 * run (each `for await`, `pages()`, `items()`, `search()` and `buildFullResult()` starts its own
 * listing; `next()`/`nextPage()` move one cursor listing), and `resumeToken` is a parallel token.
 */
export class ParallelPageIterator<Output extends object = Record<string, unknown>, ResultKey extends string = string, Primary extends string = ResultKey> extends PageIterator<
  Output,
  ResultKey,
  Primary
> {
  private readonly runPlan: RunPlan;
  private readonly parallelPlan: ParallelPlan;
  private cursorListing: ParallelListing | undefined;
  private latestListing: ParallelListing | undefined;
  private cursorPage: Output | undefined;
  private cursorError: unknown;
  /** A `next()` is awaiting its page: another one is refused, as on a sequential run. */
  private fetching = false;
  /** The cursor's listing failed: the next `next()` goes on, from where the consumer is, in a listing of its own. */
  private retryCursor = false;
  /** Primary items the cursor returned, across its listings: a retry's maxItems is what is left. */
  private cursorReturned = 0;
  private cursorOver = false;

  /** @hideconstructor Use `paginator.paginate()` with `parallel`. */
  constructor(runPlan: RunPlan, parallelPlan: ParallelPlan) {
    super(runPlan);
    this.runPlan = runPlan;
    this.parallelPlan = parallelPlan;
  }

  /** The listing read most recently: its ranges and counters, for benches and specs. */
  get listing(): ParallelListing | undefined {
    return this.latestListing;
  }

  /** Requests of the listing read most recently now in flight, one per range: for progress lines. */
  get rangesInFlight(): number {
    return this.latestListing?.inFlight ?? 0;
  }

  private startListing(): ParallelListing {
    const listing = new ParallelListing(this.parallelPlan);
    this.latestListing = listing;
    return listing;
  }

  override [Symbol.asyncIterator](): AsyncIterator<Output> {
    return this.pages();
  }

  override pages(): ResumableIterator<Output> {
    const listing = this.startListing();
    return withToken(pageGenerator(listing), listing) as ResumableIterator<Output>;
  }

  override items(): ResumableIterator<ItemOf<Output, Primary>>;
  override items<Key extends ResultKey>(resultKey: Key): ResumableIterator<ItemOf<Output, Key>>;
  override items(resultKey?: string): ResumableIterator<unknown> {
    const { compiled } = this.runPlan;
    const index = resultKey === undefined ? 0 : compiled.rule.resultKey.indexOf(resultKey);
    if (index < 0) {
      throw new InvalidConfigError(`${compiled.operation}: "${resultKey}" is not a result key; its result keys are ${compiled.rule.resultKey.join(", ")}`, {
        operation: compiled.operation,
      });
    }
    const listing = this.startListing();
    // A parallel listing has no delimiter: a result key it does not fill (CommonPrefixes) is empty.
    return withToken(index < this.parallelPlan.operation.lists.length ? itemGenerator(listing, index) : pageGenerator(listing, true), listing);
  }

  override async next(): Promise<boolean> {
    return (await this.fetchCursorPage()) !== undefined;
  }

  override currentPage(): Output | undefined {
    return this.cursorPage;
  }

  override err(): unknown {
    return this.cursorError;
  }

  override hasMorePages(): boolean {
    if (this.cursorOver) return false;
    this.cursorListing ??= this.startListing();
    this.latestListing = this.cursorListing;
    return this.cursorListing.hasMore;
  }

  override async nextPage(): Promise<Output> {
    const page = await this.fetchCursorPage();
    if (page === undefined) {
      const { operation } = this.runPlan.compiled;
      throw new PaginationError(`${operation}: no more pages; check hasMorePages() before nextPage()`, { operation });
    }
    return page;
  }

  private async fetchCursorPage(): Promise<Output | undefined> {
    const { operation } = this.runPlan.compiled;
    if (this.fetching) throw new PaginationError(`${operation}: a page is already being fetched; await it before asking for the next`, { operation });
    if (this.retryCursor) this.retryCursorListing();
    if (this.cursorOver) return undefined;
    this.cursorListing ??= this.startListing();
    const listing = this.cursorListing;
    this.latestListing = listing;
    this.fetching = true;
    try {
      const page = await listing.nextPage();
      this.cursorError = undefined;
      if (page === undefined) return undefined;
      listing.take(page);
      this.cursorReturned += page.items.length;
      return (this.cursorPage = page.output as Output);
    } catch (error) {
      this.cursorError = error;
      // Go style, as a sequential run: calling again retries what failed. An abort stays; a
      // server out of S3's order has no exact place to go on from.
      this.retryCursor = !(error instanceof PaginationAbortedError) && !(error instanceof ServerOrderError);
      throw error;
    } finally {
      this.fetching = false;
    }
  }

  /**
   * Replaces the failed cursor listing by one from the consumer's place in it (its resume token):
   * each range re-requests from what the consumer took, so nothing is lost or listed twice. A
   * listing that failed before the consumer had anything starts afresh, seeding included.
   */
  private retryCursorListing(): void {
    this.retryCursor = false;
    const failed = this.cursorListing;
    if (failed === undefined) return;
    const token = failed.resumeToken;
    const { maxItems } = this.parallelPlan;
    const left = maxItems === undefined ? undefined : maxItems - this.cursorReturned;
    if (token === undefined || left === 0) {
      // Everything was taken before the failure: the listing is over.
      this.cursorOver = true;
      return;
    }
    const plan = { ...this.parallelPlan, maxItems: left };
    // Nothing taken yet: the run's own start (its seeding included), else the consumer's place.
    const fresh = new ParallelListing(plan);
    this.cursorListing = token === fresh.resumeToken ? fresh : new ParallelListing({ ...plan, resume: decodeParallelToken(plan.operation.name, token) });
    this.latestListing = this.cursorListing;
  }

  override get resumeToken(): string | undefined {
    return this.latestListing?.resumeToken ?? (this.latestListing ? undefined : new ParallelListing(this.parallelPlan).resumeToken);
  }

  override async buildFullResult(): Promise<Partial<Output> & { NextToken?: string }> {
    const listing = this.startListing();
    return (await buildFullResult(pageGenerator(listing), this.runPlan.compiled, () => listing.resumeToken)) as Partial<Output> & { NextToken?: string };
  }

  override search(expression: string): ResumableIterator<unknown> {
    const listing = this.startListing();
    return withToken(searchOver(listing, expression, this.runPlan.compiled), listing);
  }
}

/** search() over a parallel listing: results mapped to keys count one by one, else a page counts once read whole. */
async function* searchOver(listing: ParallelListing, expression: string, compiled: CompiledRule): AsyncGenerator<unknown, void, undefined> {
  let open: ListedPage | undefined;
  // Per result key: results of the open page taken, each mapped to that key's item.
  let taken: number[] = [];
  const source: SearchSource = {
    async openPage() {
      if (open) listing.take(open);
      open = await listing.nextPage();
      taken = [];
      return open?.output as Record<string, unknown> | undefined;
    },
    took: (key) => listing.consume(open!, (taken[key] = (taken[key] ?? 0) + 1), key),
    deliverPage: () => listing.take(open!),
    throwIfAborted: () => listing.checkAbort(),
    get resumeToken() {
      return listing.resumeToken;
    },
  };
  try {
    yield* searchPages(source, expression, compiled);
  } finally {
    listing.stop();
  }
}

function withToken<T>(iterator: AsyncIterableIterator<T>, listing: ParallelListing): ResumableIterator<T> {
  return Object.defineProperty(iterator, "resumeToken", { get: () => listing.resumeToken, enumerable: true }) as ResumableIterator<T>;
}

/** Pages; with `none`, nothing (a result key a parallel listing never fills), read to the end for its token. */
async function* pageGenerator(listing: ParallelListing, none = false): AsyncGenerator<any, void, undefined> {
  try {
    for (;;) {
      const page = await listing.nextPage();
      if (page === undefined) return;
      listing.take(page);
      if (!none) yield page.output;
    }
  } finally {
    listing.stop();
  }
}

/** Items of list `list`; a page counts as read in full (every list) once the next is asked for, as in a sequential run. */
async function* itemGenerator(listing: ParallelListing, list: number): AsyncGenerator<unknown, void, undefined> {
  try {
    for (;;) {
      const page = await listing.nextPage();
      if (page === undefined) return;
      const items = page.lists[list]!;
      for (let i = 0; i < items.length; i++) {
        if (i > 0) listing.checkAbort();
        listing.consume(page, i + 1, list);
        yield items[i];
      }
      listing.take(page);
    }
  } finally {
    listing.stop();
  }
}
