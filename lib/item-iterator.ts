import type { Getter } from "./expression.js";
import type { Run } from "./run.js";

/**
 * Items of one result key, page after page, as an async iterator written by hand rather than as
 * an `async function*`: a generator pays a suspension per item, while this pays one resolved
 * promise per item and awaits only to fetch a page.
 *
 * For the primary key it counts each item it returns into the run, so the run's `resumeToken`
 * goes on after exactly the last item returned. Items of another key resume at the page they
 * are on.
 */
export class ItemIterator<Item> implements AsyncIterableIterator<Item> {
  private readonly run: Run;
  private readonly get: Getter;
  private readonly primary: boolean;
  private items: readonly Item[] = [];
  private index = 0;
  private done = false;

  constructor(run: Run, get: Getter, primary: boolean) {
    this.run = run;
    this.get = get;
    this.primary = primary;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Item>> {
    if (this.index < this.items.length) {
      if (this.primary) this.run.consumed++;
      return Promise.resolve({ value: this.items[this.index++]!, done: false });
    }
    return this.nextPage();
  }

  private async nextPage(): Promise<IteratorResult<Item>> {
    const run = this.run;
    for (;;) {
      if (this.done) return { value: undefined, done: true };
      // The page read to its end: for a secondary key, only now is it consumed.
      if (!this.primary) run.consumed = run.pageEnd;
      let page: Record<string, unknown> | undefined;
      try {
        page = await run.fetch();
      } catch (error) {
        this.done = true;
        throw error;
      }
      if (page === undefined) {
        this.done = true;
        return { value: undefined, done: true };
      }
      const items = this.get(page);
      this.items = Array.isArray(items) ? items : items === undefined || items === null ? [] : [items as Item];
      this.index = 0;
      if (this.items.length > 0) {
        if (this.primary) run.consumed++;
        return { value: this.items[this.index++]!, done: false };
      }
    }
  }

  return(): Promise<IteratorResult<Item>> {
    this.done = true;
    this.items = [];
    return Promise.resolve({ value: undefined, done: true });
  }
}
