import type { Getter } from "./expression.js";
import type { ResumableIterator } from "./resumable.js";
import type { Run } from "./run.js";

/**
 * Items of one result key, page after page, as an async iterator written by hand rather than as
 * an `async function*`: a generator pays a suspension per item, while this pays one resolved
 * promise per item, keeps its state in locals, and awaits only to fetch a page. Like a
 * generator, it queues calls to `next()` that overlap a page fetch (p-map's `pMapIterable` makes
 * such calls), so they get the following items in order.
 *
 * It reports each item it returns to the run, so the run's `resumeToken` goes on right after the
 * last item returned, whichever result key it reads. After an abort it returns no further item of
 * the page in hand: it rejects with the run's `PaginationAbortedError`.
 */
export function itemIterator<Item>(run: Run, key: number, get: Getter): ResumableIterator<Item> {
  let items: readonly Item[] = [];
  let index = 0;
  let done = false;
  /** Whether the page's value is a list, whose items the run counts (a scalar, like Count, is not). */
  let counted = false;
  /** A page being fetched: calls to next() that overlap it wait for it, in order. */
  let loading: Promise<IteratorResult<Item>> | undefined;
  const signal = run.signal;

  /** The rest of the page is not delivered: an abort, or the end of the iteration. */
  function drop(): void {
    done = true;
    items = [];
    index = 0;
  }

  /** The next item of the page in hand; after an abort, the run's abort error instead. */
  function take(): IteratorResult<Item> {
    if (signal?.aborted) {
      drop();
      run.throwIfAborted();
    }
    if (counted) run.took(key);
    return { value: items[index++]!, done: false };
  }

  async function nextPage(): Promise<IteratorResult<Item>> {
    try {
      while (!done) {
        let page: Record<string, unknown> | undefined;
        try {
          page = await run.openPage();
        } catch (error) {
          done = true;
          throw error;
        }
        if (page === undefined) break;
        const found = get(page);
        counted = Array.isArray(found);
        items = counted ? (found as Item[]) : found === undefined || found === null ? [] : [found as Item];
        index = 0;
        if (items.length > 0) return take();
      }
      done = true;
      return { value: undefined, done: true };
    } finally {
      // Before the promise settles, so that calls queued on it find no page loading.
      loading = undefined;
    }
  }

  const iterator: ResumableIterator<Item> = {
    get resumeToken() {
      return run.resumeToken;
    },
    next(): Promise<IteratorResult<Item>> {
      // Items are left only while no page is loading and the iteration goes on (drop() empties
      // them): the common case costs one comparison before the item.
      if (index < items.length) {
        try {
          return Promise.resolve(take());
        } catch (error) {
          return Promise.reject(error);
        }
      }
      if (loading) return loading.then(iterator.next, iterator.next);
      if (done) return Promise.resolve({ value: undefined, done: true });
      const started = nextPage();
      // nextPage() awaits before it ends, so its finally has not run yet.
      loading = started;
      return started;
    },
    return(): Promise<IteratorResult<Item>> {
      // The run keeps what was reported: it is where a resumed run goes on.
      drop();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
