import type { ResumableIterator } from "./resumable.js";
import type { Run } from "./run.js";

const NONE: readonly never[] = Object.freeze([]);

/**
 * Items of one result key, page after page, as an async iterator written by hand rather than as
 * an `async function*`: a generator pays a suspension per item, while this pays one resolved
 * promise per item and awaits only to fetch a page. Like a generator, it queues calls to
 * `next()` that overlap a page fetch (p-map's `pMapIterable` makes such calls), so they get the
 * following items in order.
 *
 * It reads through the run's item cursor: the run sets it on each page's list of the key, and
 * the iterator moves its index on by one per item it returns, so the run's `resumeToken` goes on
 * right after the last item returned, whichever result key it reads. The iterator keeps no place
 * of its own. After an abort it returns no further item of the page in hand: it rejects with the
 * run's `PaginationAbortedError`.
 */
export function itemIterator<Item>(run: Run, key: number): ResumableIterator<Item> {
  const cursor = run.itemCursor(key);
  /** The cursor's list while this iterator reads it; none once it stopped (return, abort, error). */
  let items = NONE as readonly Item[];
  let done = false;
  /** A page being fetched: calls to next() that overlap it wait for it, in order. */
  let loading: Promise<IteratorResult<Item>> | undefined;
  const signal = run.signal;

  function stop(): void {
    done = true;
    items = NONE;
  }

  /** The rest of the page is not delivered: the abort error instead. */
  function aborted(): never {
    stop();
    run.throwIfAborted();
    throw run.abortError();
  }

  async function nextPage(): Promise<IteratorResult<Item>> {
    try {
      while (!done) {
        let page: Record<string, unknown> | undefined;
        // The run resets its cursor when it moves on: the old list must not meet the new index.
        items = NONE;
        try {
          page = await run.openPage();
        } catch (error) {
          stop();
          throw error;
        }
        if (page === undefined) break;
        const list = cursor.items as readonly Item[];
        if (list.length > 0) {
          if (signal?.aborted) aborted();
          // A return() while the page loaded ends the iteration after this call's item.
          if (!done) items = list;
          return { value: list[cursor.index++]!, done: false };
        }
      }
      stop();
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
      // Items are left only while no page is loading and the iteration goes on (stop() empties
      // them): an item costs a comparison, the abort check and the cursor's step.
      if (cursor.index < items.length) {
        if (signal?.aborted) {
          try {
            aborted();
          } catch (error) {
            return Promise.reject(error);
          }
        }
        return Promise.resolve({ value: items[cursor.index++]!, done: false });
      }
      if (loading) return loading.then(iterator.next, iterator.next);
      if (done) return Promise.resolve({ value: undefined, done: true });
      const started = nextPage();
      // nextPage() awaits before it ends, so its finally has not run yet.
      loading = started;
      return started;
    },
    return(): Promise<IteratorResult<Item>> {
      // The run keeps what was delivered: it is where a resumed run goes on.
      stop();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
