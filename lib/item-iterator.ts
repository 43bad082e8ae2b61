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
 * For the primary key it tells the run how far it has read, so the run's `resumeToken` goes on
 * after exactly the last item returned. Items of another key resume at the page they are on.
 */
export function itemIterator<Item>(run: Run, get: Getter, primary: boolean): ResumableIterator<Item> {
  let items: readonly Item[] = [];
  let index = 0;
  let done = false;
  /** A page being fetched: calls to next() that overlap it wait for it, in order. */
  let loading: Promise<IteratorResult<Item>> | undefined;
  if (primary) run.position = () => run.pageStart + index;

  async function nextPage(): Promise<IteratorResult<Item>> {
    while (!done) {
      // The page read to its end: for a secondary key, only now is it consumed.
      if (!primary) {
        run.consumed = run.pageEnd;
        run.pageOpen = false;
      }
      let page: Record<string, unknown> | undefined;
      try {
        page = await run.fetch();
      } catch (error) {
        done = true;
        throw error;
      }
      if (page === undefined) break;
      const found = get(page);
      items = Array.isArray(found) ? found : found === undefined || found === null ? [] : [found as Item];
      index = 0;
      if (items.length > 0) {
        if (!primary) run.pageOpen = true;
        return { value: items[index++]!, done: false };
      }
    }
    done = true;
    return { value: undefined, done: true };
  }

  const iterator: ResumableIterator<Item> = {
    get resumeToken() {
      return run.resumeToken;
    },
    next(): Promise<IteratorResult<Item>> {
      if (loading) return loading.then(iterator.next, iterator.next);
      if (index < items.length && !done) return Promise.resolve({ value: items[index++]!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      loading = nextPage().finally(() => (loading = undefined));
      return loading;
    },
    return(): Promise<IteratorResult<Item>> {
      // `index` stays: it is where the run resumes.
      done = true;
      items = [];
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
