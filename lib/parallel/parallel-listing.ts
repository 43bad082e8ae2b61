/**
 * One S3 listing split into key ranges listed at once: the engine behind `config.parallel`.
 *
 * It yields pages in the listing's own order (or, unordered, as ranges deliver them) and tells,
 * at any moment, a resume token exact to the item: every range not yet fully taken, from the last
 * key the consumer took in it. Ranges are paged with `StartAfter` = the last key fetched, so any
 * range can be split or resumed at any moment; an idle slot splits the range with the most keys
 * left at a pivot above its cursor (work stealing), and the first page of the new range is the
 * probe that shows whether its part was empty.
 */
import { PageRequestError, PaginationAbortedError, PaginationError } from "../errors.js";
import type { Limiter } from "../limiter.js";
import type { Send } from "../sender.js";
import { KeyAlphabet } from "./key-alphabet.js";
import { compareKeys } from "./key-order.js";
import { KeyRange } from "./key-range.js";
import type { ListingOperation } from "./listing-operations.js";
import { encodeParallelToken, type TokenRange } from "./parallel-token.js";
import { ServerOrderError } from "./order-guard.js";
import { pivotBetween } from "./pivot.js";
import { readRangePage, samePlace, type Place, type RangePage } from "./range-page.js";
import { seedRanges } from "./seed.js";
import { AimdGate, backoffMs, isThrottle } from "./throttle.js";

export interface ParallelPlan {
  readonly operation: ListingOperation;
  readonly send: Send;
  /** The caller's input, without the members a parallel run sets itself. */
  readonly input: Readonly<Record<string, unknown>>;
  /** Whether the caller asked for url-encoded keys, and so gets them back encoded. */
  readonly callerEncodes: boolean;
  readonly parallel: number;
  readonly ordered: boolean;
  readonly pageSize: number | undefined;
  readonly maxItems: number | undefined;
  readonly abortSignal: AbortSignal | undefined;
  readonly limiter: Limiter | undefined;
  /** Ranges from a starting token, or null to seed the listing afresh. */
  readonly resume: readonly TokenRange[] | null;
  /** Base of the throttling backoff, in ms. */
  readonly backoffBaseMs?: number;
}

/**
 * A page as handed out: the service's output cut to its range, its lists (one per result key the
 * operation fills; `items` is the primary one) and their decoded keys, and the places it spans,
 * so that the consumer's place in it can be told exactly.
 */
export interface ListedPage {
  readonly output: Record<string, unknown>;
  readonly lists: readonly (readonly unknown[])[];
  readonly keys: readonly (readonly string[])[];
  readonly items: readonly unknown[];
  readonly range: KeyRange;
  /** Where the request for it listed after, and, per list, how many items after that the consumer had before it. */
  readonly start: Place;
  readonly startSkips: readonly number[];
  /** Where it ends, and what the consumer has had after that once it is taken. */
  readonly end: Place;
  readonly endSkips: readonly number[];
  /** Per list: items the consumer has had. */
  readonly delivered: number[];
  /** Cut by maxItems: taking all of it leaves the rest of the fetched page owed. */
  readonly partial?: boolean;
  taken?: boolean;
}

/** Counters, for progress lines and benches. */
export interface ParallelStats {
  requests: number;
  throttled: number;
  splits: number;
}

const MAX_THROTTLE_RETRIES = 12;
/**
 * Ordered runs: the pages a range keeps when a slot splits it (a step of the staircase in
 * `claimInOrder`). One step is split off per round trip, and a slot lists a step in as many, so
 * a step of `parallel` pages (16 at least) keeps every slot busy.
 */
export function orderedStepPages(parallel: number): number {
  return Math.max(16, parallel);
}

/**
 * Ordered runs: at most this many pages are held (fetched, or being fetched, and not yet handed
 * to the consumer): two steps per slot, one for the staircase, one for ranges above it.
 */
export function orderedWindowPages(parallel: number): number {
  return 2 * orderedStepPages(parallel) * parallel;
}

export class ParallelListing {
  /** Unfinished ranges in key order. */
  readonly ranges: KeyRange[];
  /**
   * Where the topmost range (the one with no upper bound) ended, once it was taken in full: a
   * resume token lists on from there, so that keys written above it since are found, as a
   * sequential token goes on to the end of the bucket.
   */
  private end: KeyRange | undefined;
  readonly stats: ParallelStats = { requests: 0, throttled: 0, splits: 0 };
  readonly gate: AimdGate;
  private readonly alphabet = new KeyAlphabet();
  private readonly ready: ListedPage[] = [];
  private readonly internal = new AbortController();
  private started = false;
  private stopped = false;
  private failure: unknown;
  private returned = 0;
  private handedOut = 0;
  private lastOutput: Record<string, unknown> | undefined;
  private wakeConsumer: (() => void) | undefined;
  private wakeWorkers: (() => void)[] = [];
  private workersLeft = 0;
  /** Ordered runs: pages in the ranges' queues, and page requests in flight (each brings one page at most). */
  private queued = 0;
  private fetching = 0;
  /** Ordered runs: the most pages held at once, for specs and benches. */
  maxHeld = 0;
  private readonly onAbort = () => this.stop();

  constructor(readonly plan: ParallelPlan) {
    this.gate = new AimdGate(plan.parallel);
    const resume = plan.resume ?? [{ lo: this.userStartAfter(), cursor: null, hi: null }];
    this.ranges = resume.map(({ lo, cursor, hi, version, skips }) => new KeyRange(lo, hi, cursor ?? lo, version ?? null, skips ?? this.noSkips()));
    for (const range of this.ranges) for (const bound of [range.cursor, range.hi]) if (bound !== null) this.alphabet.observe(bound);
  }

  private noSkips(): number[] {
    return this.plan.operation.lists.map(() => 0);
  }

  private userStartAfter(): string | null {
    const given = this.plan.input[this.plan.operation.startAfter];
    return typeof given === "string" && given !== "" ? given : null;
  }

  /** Ordered runs: the most pages held (`orderedWindowPages`); unordered: the pages waiting or being fetched at which requests stop (`roomForPage`). */
  get window(): number {
    return this.plan.ordered ? orderedWindowPages(this.plan.parallel) : 2 * this.plan.parallel;
  }

  /** Ranges being fetched right now, for progress lines. */
  get inFlight(): number {
    return this.gate.active;
  }

  /** Where to go on from: every range not yet taken in full; undefined once the listing is complete. */
  get resumeToken(): string | undefined {
    const open = this.ranges.filter((range) => !range.finished);
    if (open.length === 0) return undefined;
    const token = open.map((range) => this.tokenRange(range));
    // The topmost range was taken in full while others were not: the token still lists on from where it ended.
    const top = this.ranges.find((range) => range.hi === null) ?? this.end;
    if (top !== undefined && token[token.length - 1]!.hi !== null) token.push(this.tokenRange(top));
    return encodeParallelToken(this.plan.operation.name, token);
  }

  /**
   * A range's place as the consumer has it: in the page it has open, the place the page was
   * listed from and the items it has had since; else where the last page it took ended.
   */
  private tokenRange(range: KeyRange): TokenRange {
    const page = range.open as ListedPage | undefined;
    const { lo, hi } = range;
    if (this.plan.operation.versionAfter === undefined) {
      const had = page?.delivered[0] ?? 0;
      const cursor = page === undefined ? range.consumed : had > 0 ? page.keys[0]![had - 1]! : page.start.key;
      return { lo, cursor: cursor === lo ? null : cursor, hi };
    }
    const place = page?.start ?? { key: range.consumed, version: range.consumedVersion };
    const skips = page ? page.delivered.map((had, k) => (page.startSkips[k] ?? 0) + had) : range.consumedSkips;
    return { lo, cursor: place.key === lo && place.version === null ? null : place.key, hi, version: place.version, skips };
  }

  /** Whether another page may follow. */
  get hasMore(): boolean {
    if (this.failure !== undefined) return true;
    if (this.stopped) return false;
    return !this.started || this.ranges.some((range) => !range.finished);
  }

  // ---- the consumer's side --------------------------------------------------------------

  /** The next page, or undefined at the end; rejects with the error that stopped the run. */
  async nextPage(): Promise<ListedPage | undefined> {
    const { maxItems } = this.plan;
    if (!this.started) this.start();
    for (;;) {
      this.checkAbort();
      if (this.failure !== undefined) throw withResumeToken(this.failure, this.plan.operation.name, this.failure instanceof ServerOrderError ? undefined : this.resumeToken);
      if (maxItems !== undefined && this.returned >= maxItems) return undefined;
      const ready = this.takeReady();
      if (ready !== undefined) {
        this.handedOut++;
        this.wakeAll();
        const page = maxItems !== undefined && this.returned + ready.items.length > maxItems ? this.cut(ready, maxItems - this.returned) : ready;
        if (page === ready) this.returned += page.items.length;
        page.range.open = page;
        return page;
      }
      if (this.ranges.every((range) => range.done && range.queue.length === 0) && this.ready.length === 0) {
        this.stop();
        if (this.handedOut === 0) {
          this.handedOut++;
          return this.emptyPage();
        }
        return undefined;
      }
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
  }

  /** Throws if the run's signal fired: also between the items of a page already fetched. */
  checkAbort(): void {
    const signal = this.plan.abortSignal;
    if (signal?.aborted) throw this.abortError(signal);
  }

  /** Records that the consumer has had the first `count` items of list `list` (the primary by default) of a page handed out. */
  consume(page: ListedPage, count: number, list = 0): void {
    if (count > page.delivered[list]!) page.delivered[list] = count;
    if (page.delivered.every((had, k) => had >= page.lists[k]!.length)) this.take(page);
  }

  /** Records that the consumer has had all of a page handed out, every list of it (as cut by maxItems). */
  take(page: ListedPage): void {
    page.lists.forEach((list, k) => (page.delivered[k] = list.length));
    if (page.partial || page.taken) return;
    page.taken = true;
    const { range } = page;
    range.consumed = page.end.key;
    range.consumedVersion = page.end.version;
    range.consumedSkips = page.endSkips;
    if (range.open === page) range.open = undefined;
    range.pending--;
    this.dropFinished();
  }

  /** Stops the run: no request starts after this; those in flight are aborted. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.plan.abortSignal?.removeEventListener("abort", this.onAbort);
    this.internal.abort();
    this.gate.open();
    this.wakeAll();
  }

  private takeReady(): ListedPage | undefined {
    if (!this.plan.ordered) return this.ready.shift();
    for (const range of this.ranges) {
      if (range.queue.length > 0) {
        this.queued--;
        return range.queue.shift() as ListedPage;
      }
      if (!range.done) return undefined;
    }
    return undefined;
  }

  /** The page up to `count` primary items; the other lists whole, as a sequential run cuts. */
  private cut(page: ListedPage, count: number): ListedPage {
    const items = page.items.slice(0, count);
    const lists = [items, ...page.lists.slice(1)];
    const keys = [page.keys[0]!.slice(0, count), ...page.keys.slice(1)];
    const cut: ListedPage = { ...page, partial: true, items, lists, keys, delivered: page.delivered.map(() => 0), output: this.shape(page.output, lists) };
    // The uncut page is what the range still owes: the cut one is taken, the rest is not.
    this.returned += count;
    this.stop();
    return cut;
  }

  private emptyPage(): ListedPage {
    const range = new KeyRange(null, null);
    const none = this.plan.operation.lists.map(() => []);
    const place = { key: null, version: null };
    const skips = this.noSkips();
    return { output: this.shape(this.lastOutput ?? {}, none), lists: none, keys: none, items: [], range, start: place, startSkips: skips, end: place, endSkips: skips, delivered: [...skips], partial: true };
  }

  private dropFinished(): void {
    for (let i = this.ranges.length - 1; i >= 0; i--) {
      const range = this.ranges[i]!;
      if (!range.finished) continue;
      if (range.hi === null) this.end = range;
      this.ranges.splice(i, 1);
    }
  }

  private abortError(signal: AbortSignal): PaginationAbortedError {
    const operation = this.plan.operation.name;
    return new PaginationAbortedError(`${operation}: the run was aborted; resumeToken goes on from the first item not yet returned`, {
      operation,
      resumeToken: this.resumeToken,
      cause: signal.reason,
    });
  }

  // ---- the fetching side ------------------------------------------------------------------

  private start(): void {
    this.started = true;
    const { abortSignal, parallel } = this.plan;
    abortSignal?.addEventListener("abort", this.onAbort, { once: true });
    void (async () => {
      try {
        if (this.plan.resume === null) {
          const prefix = typeof this.plan.input.Prefix === "string" ? this.plan.input.Prefix : "";
          const list = (startAfter: string | null, maxKeys: number, within: string, delimiter?: string) =>
            this.list({ key: startAfter, version: null }, maxKeys, delimiter, within === prefix ? undefined : within);
          const keysOf = (output: Record<string, unknown>) => readRangePage(this.plan.operation, output, { key: null, version: null }, null).keys.flat().sort(compareKeys);
          const seeded = await seedRanges(this.ranges[0]!.lo, prefix, parallel, this.plan.pageSize ?? 1000, list, keysOf, this.alphabet);
          if (this.stopped) return;
          this.lastOutput = seeded.output;
          this.ranges.splice(0, this.ranges.length, ...seeded.ranges);
          const first = seeded.firstPage;
          if (first) {
            const range = this.ranges[0]!;
            const read = readRangePage(this.plan.operation, first.output, { key: range.cursor, version: null }, range.hi);
            range.done = read.done;
            this.deliver(range, first.output, read);
          }
        }
        // Ordered runs list from the head up, in steps split off as slots come free (see claim).
        if (!this.plan.ordered) this.splitToFill();
        this.workersLeft = parallel;
        for (let i = 0; i < parallel; i++) void this.worker();
      } catch (error) {
        this.fail(error);
      }
    })();
  }

  /**
   * Before any range is listed: splits each into parts of about equal width (by the alphabet),
   * so that there are about as many ranges as slots.
   */
  private splitToFill(): void {
    const slots = this.plan.parallel;
    const open = this.ranges.filter((range) => !range.done);
    if (open.length >= slots) return;
    const widths = open.map((range) => range.width(this.alphabet));
    const total = widths.reduce((sum, width) => sum + width, 0);
    if (!(total > 0)) return;
    open.forEach((range, i) => {
      let parts = Math.max(1, Math.round((widths[i]! / total) * slots));
      let piece = range;
      while (parts > 1) {
        const upper = this.split(piece, 1 / parts);
        if (upper === undefined) break;
        // The lower part is the piece split off; what is left is split again.
        piece = upper;
        parts--;
      }
    });
  }

  /** Splits a range above its cursor; the new upper range is returned, unowned. */
  private split(range: KeyRange, share = 0.5): KeyRange | undefined {
    // The items a resumed token skips come first after the cursor, wherever a pivot would fall.
    if (range.skipping) return undefined;
    const pivot = pivotBetween(range.cursor, range.hi, this.alphabet, share);
    if (pivot === undefined) return undefined;
    const upper = new KeyRange(pivot, range.hi);
    upper.splitFrom = range;
    range.hi = pivot;
    this.ranges.splice(this.ranges.indexOf(range) + 1, 0, upper);
    this.stats.splits++;
    return upper;
  }

  /**
   * Pages held by an ordered run: fetched and not yet handed to the consumer, or being fetched
   * (a request brings one page at most).
   */
  private get held(): number {
    return this.queued + this.ready.length + this.fetching;
  }

  /**
   * Whether a range may ask for a page (unordered runs bound their pages in `roomForPage`).
   * Ordered runs: the range the consumer waits on (the first not fetched to its end) whenever its
   * queue is empty, so the run always moves; any other while fewer than `orderedWindowPages - 1`
   * pages are held, and while the pages the consumer takes before its next one (`pagesBefore`)
   * are fewer than `reach`, so that slots work where the consumer is. Each range has one
   * request out at most, and that of the head is the only one sent at the window's edge: so an
   * ordered run holds `orderedWindowPages` pages at most, whatever the estimates.
   */
  private mayFetch(range: KeyRange, before = this.pagesBefore(range)): boolean {
    if (!this.plan.ordered) return true;
    if (range.queue.length === 0 && range === this.ranges.find((r) => !r.done)) return true;
    return this.held < orderedWindowPages(this.plan.parallel) - 1 && before + range.queue.length < this.reach;
  }

  /**
   * Ordered runs: how many pages ahead of the consumer slots work: a step and a half per slot,
   * so that a staircase that runs ahead of the one below it (two ranges of the seed, listed at
   * once) does not stop short of the window.
   */
  private get reach(): number {
    const reach = (3 * orderedStepPages(this.plan.parallel) * this.plan.parallel) / 2;
    // No further than maxItems needs: pages past the cut would be requested for nothing.
    return Math.min(reach, this.pagesLeftForMaxItems());
  }

  /** Pages the consumer may still take under maxItems (at the page size asked for); Infinity without it. */
  private pagesLeftForMaxItems(): number {
    const { maxItems, pageSize = 1000 } = this.plan;
    return maxItems === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil((maxItems - this.returned) / pageSize));
  }

  /**
   * Ordered runs: about how many pages the consumer takes before a range's next page: those held
   * below it, and those still to fetch there (a step for a range no page has measured yet).
   */
  private pagesBefore(range: KeyRange): number {
    let pages = 0;
    for (const other of this.ranges) {
      if (other === range) break;
      pages += this.pagesIn(other);
    }
    return pages;
  }

  private pagesIn(range: KeyRange): number {
    const pageSize = this.plan.pageSize ?? 1000;
    const step = orderedStepPages(this.plan.parallel);
    return range.queue.length + (range.done ? 0 : range.estimate(this.alphabet, step * pageSize) / pageSize);
  }

  /** An unowned range to list, or one stolen from the range with the most keys left. */
  private claim(): KeyRange | undefined {
    if (this.plan.ordered) return this.claimInOrder();
    const free = this.ranges.find((range) => !range.owned && !range.done);
    if (free) return free;
    // Under maxItems, more ranges at work than the pages still needed would only cost probes.
    if (this.pagesLeftForMaxItems() <= this.ranges.filter((range) => range.owned && !range.done).length) return undefined;
    return this.steal(this.ranges, 0);
  }

  /**
   * Ordered runs: the consumer takes pages in key order, so slots work on the next pages in key
   * order, not across the bucket (whose pages would wait for everything below them): the first
   * free range that may fetch; else a step split off the first range with more than two steps
   * left, which keeps one step and gives the rest (so slots line up a step apart, like a
   * staircase); at the end, where no range has two steps left, the biggest halved.
   */
  private claimInOrder(): KeyRange | undefined {
    let before = 0;
    for (const range of this.ranges) {
      if (before >= this.reach) break;
      if (!range.owned && !range.done && this.mayFetch(range, before)) return range;
      before += this.pagesIn(range);
    }
    if (this.held >= orderedWindowPages(this.plan.parallel) - 1) return undefined;
    const pageSize = this.plan.pageSize ?? 1000;
    const stepPages = orderedStepPages(this.plan.parallel);
    before = 0;
    for (const range of this.ranges) {
      // The part split off would start a step above the range's cursor: past the reach, it would wait.
      if (before + stepPages >= this.reach) return undefined;
      if (!range.done && !range.unsplittable && !range.skipping && range.estimate(this.alphabet, 0) > 2 * stepPages * pageSize) {
        return this.steal([range], stepPages * pageSize);
      }
      before += this.pagesIn(range);
    }
    // Nothing is still to be measured: halve the biggest, so that the last steps are not listed one by one.
    if (this.ranges.some((range) => !range.done && !range.measured)) return undefined;
    return this.steal(this.ranges.filter((range) => range.owned), 0);
  }

  /**
   * Splits the range of `candidates` with the most keys left (more than two pages); the upper part
   * is returned, unowned. `step` (ordered runs): the keys the range keeps, else it keeps half.
   */
  private steal(candidates: readonly KeyRange[], step: number): KeyRange | undefined {
    const pageSize = this.plan.pageSize ?? 1000;
    let victim: KeyRange | undefined;
    let most = Math.max(2 * pageSize, 2 * step);
    let share = 0.5;
    for (const range of candidates) {
      if ((!range.owned && step === 0) || range.done || range.unsplittable || range.skipping) continue;
      const estimate = range.remaining(this.alphabet);
      if (estimate === undefined) continue;
      // The estimate spreads the density seen so far over the space up to the bound, which may
      // hold no keys a few pages on (a zero-padded counter, `0000000` to `0019230`, under
      // `0000000` to `9999999`). Once a split of the range found its upper part empty, it keeps
      // at most as many keys again as it has fetched: past its real end, such a pivot costs one
      // empty page, where halving down from the bound costs one per halving.
      const keep = Math.max(range.fetched, 4 * pageSize);
      const capped = range.sparse && estimate > 2 * keep;
      const left = capped ? 2 * keep : estimate;
      if (left > most) {
        most = left;
        victim = range;
        share = Math.min(capped ? keep / estimate : 0.5, step > 0 ? step / estimate : 1);
      }
    }
    if (victim === undefined) return undefined;
    const stolen = this.split(victim, share);
    if (stolen === undefined) victim.unsplittable = true;
    return stolen;
  }

  private async worker(): Promise<void> {
    try {
      while (!this.stopped) {
        const range = this.claim();
        if (range === undefined) {
          if (this.ranges.every((r) => r.done)) break;
          await new Promise<void>((resolve) => this.wakeWorkers.push(resolve));
          continue;
        }
        range.owned = true;
        try {
          await this.drain(range);
        } finally {
          range.owned = false;
        }
        this.wakeAll();
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.workersLeft--;
      this.wakeAll();
    }
  }

  /** Lists a range to its end (or its bound, which a split may lower meanwhile). */
  private async drain(range: KeyRange): Promise<void> {
    const pageSize = this.plan.pageSize ?? 1000;
    const { name } = this.plan.operation;
    while (!range.done && !this.stopped) {
      // Checked and counted in one step (no await between): workers woken together cannot all pass.
      while (!this.stopped && !this.roomForPage()) await new Promise<void>((resolve) => this.wakeWorkers.push(resolve));
      if (this.stopped) return;
      // Ordered runs: a range past the window is left, with its cursor, for the slot to go where the consumer is.
      if (!this.mayFetch(range)) return;
      const after: Place = { key: range.cursor, version: range.cursorVersion };
      let output: Record<string, unknown>;
      this.fetching++;
      this.maxHeld = Math.max(this.maxHeld, this.held);
      try {
        output = await this.list(after, pageSize);
      } catch (error) {
        if (this.stopped) return;
        throw error;
      } finally {
        this.fetching--;
      }
      if (this.stopped) return;
      // The bound as it is now: a split while the request was out lowers it.
      const read = readRangePage(this.plan.operation, output, after, range.hi);
      if (output.IsTruncated === true && read.answered === 0) {
        throw new PaginationError(`${name}: the service said IsTruncated but returned no keys after ${JSON.stringify(after.key)}; the listing cannot go on`, { operation: name });
      }
      if (!read.done && samePlace(read.next, after)) throw new PaginationError(`${name}: no progress after ${JSON.stringify(after.key)}`, { operation: name });
      if (range.splitFrom) {
        if (range.fetched === 0 && read.count === 0 && read.done) range.splitFrom.sparse = true;
        range.splitFrom = undefined;
      }
      range.done = read.done;
      this.lastOutput = output;
      this.deliver(range, output, read);
    }
  }

  /** Moves a range past a page read for it, and hands what the consumer has not had to the consumer's side. */
  private deliver(range: KeyRange, output: Record<string, unknown>, read: RangePage): void {
    const start: Place = { key: range.cursor, version: range.cursorVersion };
    const startSkips = [...range.skipLeft];
    range.cursor = read.next.key;
    range.cursorVersion = read.next.version;
    if (read.count === 0) return;
    const firstKey = read.keys.find((keys) => keys.length > 0)![0]!;
    range.first ??= firstKey;
    range.fetched += read.count;
    this.alphabet.observe(firstKey);
    if (range.cursor !== null) this.alphabet.observe(range.cursor);
    // A resumed range drops, per list, the items its token says the consumer had.
    const dropped = read.lists.map((list, k) => {
      const n = Math.min(range.skipLeft[k] ?? 0, list.length);
      if (n > 0) range.skipLeft[k]! -= n;
      return n;
    });
    const keys = read.keys.map((list, k) => (dropped[k]! > 0 ? list.slice(dropped[k]) : list));
    const raw = read.lists.map((list, k) => (dropped[k]! > 0 ? list.slice(dropped[k]) : list));
    if (keys.every((list) => list.length === 0)) return;
    range.pending++;
    const lists = this.plan.callerEncodes ? raw : raw.map((list, k) => decodedItems(list, keys[k]!));
    const page: ListedPage = {
      output: this.shape(output, lists),
      lists,
      keys,
      items: lists[0]!,
      range,
      start,
      startSkips,
      end: read.next,
      endSkips: [...range.skipLeft],
      delivered: lists.map(() => 0),
    };
    if (this.plan.ordered) {
      range.queue.push(page);
      this.queued++;
      this.maxHeld = Math.max(this.maxHeld, this.held);
    } else {
      this.ready.push(page);
      this.maxHeld = Math.max(this.maxHeld, this.held);
    }
    this.wakeAll();
  }

  /**
   * Unordered runs send a request only while fewer than two pages per slot wait or are being
   * fetched, and while those hold fewer items than maxItems still needs; ordered runs are bounded
   * by `mayFetch`.
   */
  private roomForPage(): boolean {
    if (this.plan.ordered) return true;
    if (this.ready.length + this.fetching >= 2 * this.plan.parallel) return false;
    return this.ready.length + this.fetching < this.pagesLeftForMaxItems();
  }

  /** The output as the caller sees it: the range's items, with no tokens that mean nothing here. */
  private shape(output: Record<string, unknown>, lists: readonly (readonly unknown[])[]): Record<string, unknown> {
    const { operation, input } = this.plan;
    const shaped: Record<string, unknown> = { ...output };
    operation.lists.forEach((name, k) => {
      if (lists[k]!.length > 0) shaped[name] = lists[k];
      else delete shaped[name];
    });
    if (operation.count !== undefined) shaped[operation.count] = lists[0]!.length;
    for (const token of operation.tokens) delete shaped[token];
    delete shaped.Delimiter;
    delete shaped.CommonPrefixes;
    shaped[operation.startAfter] = input[operation.startAfter];
    if (shaped[operation.startAfter] === undefined) delete shaped[operation.startAfter];
    shaped.MaxKeys = input.MaxKeys ?? this.plan.pageSize ?? output.MaxKeys;
    if (!this.plan.callerEncodes) {
      delete shaped.EncodingType;
      if (input.Prefix !== undefined) shaped.Prefix = input.Prefix;
    }
    return shaped;
  }

  /**
   * One request, through the limiter and the gate, retried with backoff while it is throttled;
   * no request starts after a stop or an abort.
   */
  private async list(after: Place, maxKeys: number, delimiter?: string, prefix?: string): Promise<Record<string, unknown>> {
    const { operation, input } = this.plan;
    const request: Record<string, unknown> = { ...input, EncodingType: "url", MaxKeys: maxKeys };
    if (prefix !== undefined) request.Prefix = prefix;
    delete request[operation.startAfter];
    if (after.key !== null) request[operation.startAfter] = after.key;
    if (operation.versionAfter !== undefined && after.version !== null) request[operation.versionAfter] = after.version;
    if (delimiter !== undefined) request.Delimiter = delimiter;
    for (let attempt = 0; ; attempt++) {
      try {
        const output = await this.sendOnce(request);
        if (output === null || typeof output !== "object") {
          throw new PageRequestError(`${operation.name}: the client returned ${String(output)} instead of an output object`, { operation: operation.name });
        }
        return output;
      } catch (error) {
        if (this.stopped || !isThrottle(error) || attempt >= MAX_THROTTLE_RETRIES) throw error;
        this.stats.throttled++;
        await this.sleep(backoffMs(attempt, this.plan.backoffBaseMs ?? 50));
      }
    }
  }

  private async sendOnce(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { send, limiter } = this.plan;
    await this.gate.acquire();
    let throttled = false;
    try {
      const task = () => {
        if (this.stopped) return Promise.reject(new PaginationError("stopped"));
        this.stats.requests++;
        return send(request, this.internal.signal);
      };
      return await (limiter ? limiter(task) : task());
    } catch (error) {
      throttled = isThrottle(error);
      throw error;
    } finally {
      this.gate.release(throttled);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.internal.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private fail(error: unknown): void {
    // A failure after a stop (a request it aborted) is not the run's.
    if (this.failure !== undefined || this.stopped) return;
    this.failure = error;
    this.stop();
  }

  private wakeAll(): void {
    const consumer = this.wakeConsumer;
    this.wakeConsumer = undefined;
    consumer?.();
    const workers = this.wakeWorkers;
    this.wakeWorkers = [];
    for (const wake of workers) wake();
  }
}

/** Items with their keys decoded from S3's url encoding. */
function decodedItems(items: readonly unknown[], keys: readonly string[]): unknown[] {
  return items.map((item, i) => {
    const key = keys[i]!;
    return (item as { Key?: unknown }).Key === key ? item : { ...(item as object), Key: key };
  });
}

/**
 * The SDK's own error, with where to resume and the operation added, as every failed request of
 * the library rejects; a non-object thrown value is wrapped.
 */
function withResumeToken(error: unknown, operation: string, resumeToken: string | undefined): unknown {
  if (error instanceof PaginationError) {
    return new (error.constructor as typeof PaginationError)(error.message, { operation, resumeToken, cause: error.cause });
  }
  if (error !== null && typeof error === "object") {
    try {
      Object.defineProperty(error, "resumeToken", { value: resumeToken, configurable: true, enumerable: false, writable: true });
      Object.defineProperty(error, "operation", { value: operation, configurable: true, enumerable: false, writable: true });
      return error;
    } catch {
      // A frozen error: wrapped below.
    }
  }
  return new PaginationError(`${operation}: a page request failed: ${String(error)}`, { operation, resumeToken, cause: error });
}
