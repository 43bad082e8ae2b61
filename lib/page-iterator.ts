import { InvalidConfigError, PaginationError } from "./errors.js";
import { buildFullResult } from "./full-result.js";
import { itemIterator } from "./item-iterator.js";
import { Run, type RunPlan } from "./run.js";
import { searchPages } from "./search.js";
import { resumable, type ResumableIterator } from "./resumable.js";
import type { ItemOf } from "./types.js";

/**
 * What `paginator.paginate(input, config)` returns: every way to read one listing.
 *
 * - `for await (const page of iterator)`, `pages()`, `items()`, `search()` and
 *   `buildFullResult()` each start a fresh run from the start (or the `startingToken`), as
 *   boto3's page iterators do.
 * - `next()`/`currentPage()`/`err()` (Go's `pager.Next()`) and `hasMorePages()`/`nextPage()`
 *   (Go SDK v2) move one cursor run forward a page at a time.
 * - `resumeToken` tells where the run most recently read stopped.
 *
 * @typeParam Output - The operation's response type.
 * @typeParam ResultKey - The operation's result keys; the first is primary.
 * @typeParam Primary - The primary result key.
 *
 * @example
 * ```ts
 * const run = s3.getPaginator("listObjectsV2").paginate({ Bucket }, { pageSize: 100 });
 * while (await run.next()) {
 *   for (const object of run.currentPage()?.Contents ?? []) console.log(object.Key);
 * }
 * ```
 * @see [Semantics and resume tokens](../docs/semantics-and-resume-tokens.md), [Migrating from the Go SDK](../docs/migrating-from-go.md)
 * @group Start here
 */
export class PageIterator<Output extends object = Record<string, unknown>, ResultKey extends string = string, Primary extends string = ResultKey>
  implements AsyncIterable<Output>
{
  // ECMAScript #private, which a minifier shortens (TypeScript's `private` names it cannot).
  readonly #plan: RunPlan;
  /** The Go-style run of next()/nextPage(), started by the first of them (or hasMorePages()). */
  #cursor: Run | undefined;
  /** The run that most recently received a page: the one `resumeToken` reports. */
  #latest: Run | undefined;
  /** A run never read, for the start point's token before any run received a page. */
  #idle: Run | undefined;
  readonly #received = (run: Run) => {
    this.#latest = run;
  };

  /** @hideconstructor Use `paginator.paginate()`. */
  constructor(plan: RunPlan) {
    this.#plan = plan;
  }

  /** A fresh run; it becomes the one `resumeToken` reports only when it receives a page. */
  #startRun(): Run {
    return new Run(this.#plan, this.#received);
  }

  #cursorRun(): Run {
    return (this.#cursor ??= this.#startRun());
  }

  /**
   * Pages of a fresh run, lazily: a page is requested only when the loop asks for it. Each
   * `for await` starts its own run, as each `for page in page_iterator` does in boto3.
   *
   * @example
   * ```ts
   * for await (const page of paginator.paginate({ Bucket })) console.log(page.Contents?.length);
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<Output> {
    return this.pages();
  }

  /**
   * Pages of a fresh run.
   *
   * @example
   * ```ts
   * for await (const page of paginator.paginate({ Bucket }).pages()) console.log(page.KeyCount);
   * ```
   */
  pages(): ResumableIterator<Output> {
    return pagesOf(this.#startRun()) as ResumableIterator<Output>;
  }

  /**
   * Items of a result key (the primary one by default) across the pages of a fresh run. Breaking
   * out of the loop leaves `resumeToken` right after the last item returned.
   *
   * @example
   * ```ts
   * for await (const marker of s3.getPaginator("listObjectVersions").paginate({ Bucket }).items("DeleteMarkers")) console.log(marker.Key);
   * ```
   */
  items(): ResumableIterator<ItemOf<Output, Primary>>;
  items<Key extends ResultKey>(resultKey: Key): ResumableIterator<ItemOf<Output, Key>>;
  items(resultKey?: string): ResumableIterator<unknown> {
    const { compiled } = this.#plan;
    const index = resultKey === undefined ? 0 : compiled.rule.resultKey.indexOf(resultKey);
    if (index < 0) {
      throw new InvalidConfigError(
        `${compiled.operation}: "${resultKey}" is not a result key; its result keys are ${compiled.rule.resultKey.join(", ")}`,
        { operation: compiled.operation },
      );
    }
    return itemIterator(this.#startRun(), index);
  }

  /**
   * Go style: fetches the next page of the cursor run and resolves to whether there was one.
   * Rejects when a request fails; calling again retries the same page.
   *
   * @example
   * ```ts
   * while (await run.next()) use(run.currentPage());
   * ```
   */
  async next(): Promise<boolean> {
    return (await this.#cursorRun().nextPage()) !== undefined;
  }

  /**
   * The page the last successful `next()` or `nextPage()` fetched (Go's `pager.CurrentPage()`);
   * undefined before the first.
   *
   * @example
   * ```ts
   * while (await run.next()) console.log(run.currentPage()?.KeyCount);
   * ```
   */
  currentPage(): Output | undefined {
    return this.#cursor?.currentPage as Output | undefined;
  }

  /**
   * The error of the cursor run's last request, if it failed (Go's `pager.Err()`); cleared by the
   * next successful `next()`. `next()` also rejects with it.
   *
   * @example
   * ```ts
   * try {
   *   while (await run.next()) use(run.currentPage());
   * } catch {
   *   console.error(run.err()); // the same error: the SDK's own, with a resumeToken
   * }
   * ```
   */
  err(): unknown {
    return this.#cursor?.lastError;
  }

  /**
   * Go SDK v2: whether `nextPage()` has another page to fetch (or an error to raise). True before
   * the first page, even of an empty listing.
   *
   * @example
   * ```ts
   * while (run.hasMorePages()) use(await run.nextPage());
   * ```
   */
  hasMorePages(): boolean {
    // Asked before the first page, it must not start (and so report) a run: a read changes nothing.
    return this.#cursor === undefined ? true : this.#cursor.hasMorePages;
  }

  /**
   * Go SDK v2: fetches the next page of the cursor run. Rejects when there is none; check
   * `hasMorePages()` first.
   *
   * @example
   * ```ts
   * while (run.hasMorePages()) use(await run.nextPage());
   * ```
   */
  async nextPage(): Promise<Output> {
    const run = this.#cursorRun();
    const page = await run.nextPage();
    if (page === undefined) {
      const { operation } = this.#plan.compiled;
      throw new PaginationError(`${operation}: no more pages; check hasMorePages() before nextPage()`, { operation });
    }
    return page as Output;
  }

  /**
   * Where the run that most recently received a page stopped, as an opaque string to pass as
   * `startingToken`; undefined only once that run delivered the whole listing. Before any run
   * received a page it is the start point (the `startingToken`, or the input's own tokens).
   * Exact to the item: after `maxItems`, or a `break` out of `items()`, a run resumed from it
   * returns exactly the rest. Reading it, `hasMorePages()`, `currentPage()` and `err()` change
   * nothing; starting a run (`items()`, `search()`, …) changes nothing until that run receives a page.
   *
   * @example
   * ```ts
   * const run = paginator.paginate({ Bucket }, { maxItems: 100 });
   * for await (const page of run) use(page);
   * const rest = paginator.paginate({ Bucket }, { startingToken: run.resumeToken });
   * ```
   */
  get resumeToken(): string | undefined {
    return (this.#latest ?? (this.#idle ??= new Run(this.#plan))).resumeToken;
  }

  /**
   * boto3's `build_full_result()`: the whole run in one output. Lists of every result key are
   * concatenated, numeric result keys (DynamoDB's `Count`) summed, `nonAggregateKeys` kept from
   * the first page, and `NextToken` set to the resume token when `maxItems` stopped the run.
   *
   * @example
   * ```ts
   * const { Contents, NextToken } = await paginator.paginate({ Bucket }, { maxItems: 500 }).buildFullResult();
   * ```
   */
  async buildFullResult(): Promise<Partial<Output> & { NextToken?: string }> {
    const run = this.#startRun();
    return (await buildFullResult(pagesOf(run), this.#plan.compiled, () => run.resumeToken)) as Partial<Output> & { NextToken?: string };
  }

  /**
   * boto3's `search()`: a JMESPath expression applied to each page of a fresh run, lists
   * flattened into single results.
   *
   * @example
   * ```ts
   * for await (const key of paginator.paginate({ Bucket }).search("Contents[?Size > `0`].Key")) console.log(key);
   * ```
   */
  search(expression: string): ResumableIterator<unknown> {
    const run = this.#startRun();
    return resumable(searchPages(run, expression, this.#plan.compiled), run);
  }
}

/** Pages of a run, as a generator that also tells the run's `resumeToken`. */
function pagesOf(run: Run): ResumableIterator<Record<string, unknown>> {
  return resumable(pageGenerator(run), run);
}

async function* pageGenerator(run: Run): AsyncGenerator<Record<string, unknown>, void, undefined> {
  for (;;) {
    const page = await run.nextPage();
    if (page === undefined) return;
    yield page;
  }
}
