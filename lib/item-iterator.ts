import type { ResumableIterator } from "./resumable.js";
import { NO_ITEMS as NONE, type Run } from "./run.js";

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
  let items: readonly Item[] = NONE;
  let done = false;
  /** A page being fetched: calls to next() that overlap it wait for it, in order. */
  let loading: Promise<IteratorResult<Item>> | undefined;
  const signal = run.signal;
  const end = (): IteratorResult<Item> => ((done = true), (items = NONE), { value: undefined, done: true });
  /** After an abort, the rest of the page is not delivered: the abort error instead. */
  const aborted = () => (end(), run.abortError());

  async function nextPage(): Promise<IteratorResult<Item>> {
    try {
      while (!done) {
        // The run resets its cursor when it moves on: the old list must not meet the new index.
        items = NONE;
        const page = await run.openPage();
        if (page === undefined) break;
        const list = cursor.items as readonly Item[];
        if (list.length > 0) {
          if (signal?.aborted) throw aborted();
          // A return() while the page loaded ends the iteration after this call's item.
          if (!done) items = list;
          return { value: list[cursor.index++]!, done: false };
        }
      }
      return end();
    } catch (error) {
      end();
      throw error;
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
      // Items are left only while no page is loading and the iteration goes on (end() empties
      // them): an item costs a comparison, the abort check and the cursor's step.
      if (cursor.index < items.length) {
        return signal?.aborted ? Promise.reject(aborted()) : Promise.resolve({ value: items[cursor.index++]!, done: false });
      }
      if (loading) return loading.then(iterator.next, iterator.next);
      if (done) return Promise.resolve(end());
      // nextPage() awaits before it ends, so its finally has not run yet.
      return (loading = nextPage());
    },
    return(): Promise<IteratorResult<Item>> {
      // The run keeps what was delivered: it is where a resumed run goes on.
      return Promise.resolve(end());
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
