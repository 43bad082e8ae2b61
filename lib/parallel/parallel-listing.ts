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
import { PaginationAbortedError, PaginationError } from "../errors.js";
import type { Limiter } from "../limiter.js";
import type { Send } from "../sender.js";
import { KeyAlphabet } from "./key-alphabet.js";
import { compareKeys } from "./key-order.js";
import { KeyRange } from "./key-range.js";
import type { ListingOperation } from "./listing-operations.js";
import { encodeParallelToken, type TokenRange } from "./parallel-token.js";
import { pivotBetween } from "./pivot.js";
import { seedRanges } from "./seed.js";
import { AimdGate, backoffMs, isThrottle } from "./throttle.js";
import { decodeS3Url } from "./url-decoding.js";

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

/** A page as handed out: the service's output cut to its range, and its items' decoded keys. */
export interface ListedPage {
  readonly output: Record<string, unknown>;
  readonly items: readonly unknown[];
  readonly keys: readonly string[];
  readonly range: KeyRange;
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

export class ParallelListing {
  /** Unfinished ranges in key order. */
  readonly ranges: KeyRange[];
  /**
   * Where the topmost range (the one with no upper bound) ended, once it was taken in full: a
   * resume token lists on from there, so that keys written above it since are found, as a
   * sequential token goes on to the end of the bucket.
   */
  private end: { readonly lo: string | null; readonly consumed: string | null } | undefined;
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
  private readonly onAbort = () => this.stop();

  constructor(readonly plan: ParallelPlan) {
    this.gate = new AimdGate(plan.parallel);
    const resume = plan.resume ?? [{ lo: this.userStartAfter(), cursor: null, hi: null }];
    this.ranges = resume.map(({ lo, cursor, hi }) => new KeyRange(lo, hi, cursor ?? lo));
    for (const range of this.ranges) for (const bound of [range.cursor, range.hi]) if (bound !== null) this.alphabet.observe(bound);
  }

  private userStartAfter(): string | null {
    const given = this.plan.input[this.plan.operation.startAfter];
    return typeof given === "string" && given !== "" ? given : null;
  }

  /** Ranges being fetched right now, for progress lines. */
  get inFlight(): number {
    return this.gate.active;
  }

  /** Where to go on from: every range not yet taken in full; undefined once the listing is complete. */
  get resumeToken(): string | undefined {
    const open = this.ranges.filter((range) => !range.finished);
    if (open.length === 0) return undefined;
    const token: TokenRange[] = open.map((range) => ({ lo: range.lo, cursor: range.consumed === range.lo ? null : range.consumed, hi: range.hi }));
    // The topmost range was taken in full while others were not: the token still lists on from where it ended.
    const top = this.ranges.find((range) => range.hi === null) ?? this.end;
    if (top !== undefined && token[token.length - 1]!.hi !== null) {
      token.push({ lo: top.lo, cursor: top.consumed === top.lo ? null : top.consumed, hi: null });
    }
    return encodeParallelToken(this.plan.operation.name, token);
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
      if (this.failure !== undefined) throw withResumeToken(this.failure, this.plan.operation.name, this.resumeToken);
      if (maxItems !== undefined && this.returned >= maxItems) return undefined;
      const page = this.takeReady();
      if (page !== undefined) {
        this.handedOut++;
        this.wakeAll();
        if (maxItems !== undefined && this.returned + page.items.length > maxItems) return this.cut(page, maxItems - this.returned);
        this.returned += page.items.length;
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

  /** Records that the consumer took the first `count` items of a page handed out. */
  consume(page: ListedPage, count: number): void {
    const { range } = page;
    if (count > 0) range.consumed = page.keys[count - 1]!;
    if (count >= page.keys.length && !page.partial && !page.taken) {
      page.taken = true;
      range.pending--;
      this.dropFinished();
    }
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
      if (range.queue.length > 0) return range.queue.shift() as ListedPage;
      if (!range.done) return undefined;
    }
    return undefined;
  }

  private cut(page: ListedPage, count: number): ListedPage {
    const items = page.items.slice(0, count);
    const cut: ListedPage = { ...page, partial: true, items, keys: page.keys.slice(0, count), output: this.shape(page.output, items) };
    // The uncut page is what the range still owes: the cut one is taken, the rest is not.
    this.returned += count;
    this.stop();
    return cut;
  }

  private emptyPage(): ListedPage {
    const range = new KeyRange(null, null);
    return { output: this.shape(this.lastOutput ?? {}, []), items: [], keys: [], range, partial: true };
  }

  private dropFinished(): void {
    for (let i = this.ranges.length - 1; i >= 0; i--) {
      const range = this.ranges[i]!;
      if (!range.finished) continue;
      if (range.hi === null) this.end = { lo: range.lo, consumed: range.consumed };
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
          const seeded = await seedRanges(this.ranges[0]!.lo, prefix, parallel, this.plan.pageSize ?? 1000, (startAfter, maxKeys, delimiter) => this.list(startAfter, maxKeys, delimiter), this.alphabet);
          if (this.stopped) return;
          this.lastOutput = seeded.output;
          this.ranges.splice(0, this.ranges.length, ...seeded.ranges);
          const first = seeded.firstPage;
          if (first) {
            this.deliver(this.ranges[0]!, first.output, first.items, first.keys);
            if (first.done) this.ranges[0]!.done = true;
          }
        }
        this.splitToFill();
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
    const pivot = pivotBetween(range.cursor, range.hi, this.alphabet, share);
    if (pivot === undefined) return undefined;
    const upper = new KeyRange(pivot, range.hi);
    range.hi = pivot;
    this.ranges.splice(this.ranges.indexOf(range) + 1, 0, upper);
    this.stats.splits++;
    return upper;
  }

  /** An unowned range to list, or one stolen from the range with the most keys left. */
  private claim(): KeyRange | undefined {
    const free = this.ranges.find((range) => !range.owned && !range.done);
    if (free) return free;
    const pageSize = this.plan.pageSize ?? 1000;
    let victim: KeyRange | undefined;
    let most = 2 * pageSize;
    for (const range of this.ranges) {
      if (!range.owned || range.done || range.unsplittable) continue;
      const left = range.remaining(this.alphabet);
      if (left !== undefined && left > most) {
        most = left;
        victim = range;
      }
    }
    if (victim === undefined) return undefined;
    const stolen = this.split(victim);
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
    while (!range.done && !this.stopped) {
      await this.roomForPages(range);
      if (this.stopped) return;
      const startAfter = range.cursor;
      let output: Record<string, unknown>;
      try {
        output = await this.list(startAfter, pageSize);
      } catch (error) {
        if (this.stopped) return;
        throw error;
      }
      if (this.stopped) return;
      const contents = output.Contents;
      const items = Array.isArray(contents) ? contents : [];
      const keys = items.map((item) => decodeS3Url(String((item as { Key?: unknown }).Key)));
      // The bound as it is now: a split while the request was out lowers it.
      let end = keys.length;
      if (range.hi !== null) {
        const hi = range.hi;
        while (end > 0 && compareKeys(keys[end - 1]!, hi) > 0) end--;
      }
      const truncated = output.IsTruncated === true;
      if (truncated && keys.length === 0) {
        throw new PaginationError(`${this.plan.operation.name}: the service said IsTruncated but returned no keys after ${JSON.stringify(startAfter)}; the listing cannot go on`, {
          operation: this.plan.operation.name,
        });
      }
      range.done = end < keys.length || !truncated;
      this.lastOutput = output;
      if (end === 0) {
        if (!range.done) throw new PaginationError(`${this.plan.operation.name}: no progress after ${JSON.stringify(startAfter)}`, { operation: this.plan.operation.name });
        continue;
      }
      if (end < keys.length || (startAfter !== null && compareKeys(keys[0]!, startAfter) <= 0)) {
        const from = startAfter === null ? 0 : keys.findIndex((key) => compareKeys(key, startAfter) > 0);
        this.deliver(range, output, items.slice(from, end), keys.slice(from, end));
      } else {
        this.deliver(range, output, items, keys);
      }
    }
  }

  /** Hands a fetched page to the consumer's side. */
  private deliver(range: KeyRange, output: Record<string, unknown>, items: readonly unknown[], keys: readonly string[]): void {
    if (keys.length === 0) return;
    range.first ??= keys[0];
    range.cursor = keys[keys.length - 1]!;
    range.fetched += keys.length;
    this.alphabet.observe(keys[0]!);
    this.alphabet.observe(range.cursor);
    range.pending++;
    const returned = this.plan.callerEncodes ? items : decodedItems(items, keys);
    const page: ListedPage = { output: this.shape(output, returned), items: returned, keys, range };
    if (this.plan.ordered) range.queue.push(page);
    else this.ready.push(page);
    this.wakeAll();
  }

  /** Unordered runs hold at most two pages per slot; ordered runs hold what the ranges ahead are still fetching. */
  private async roomForPages(range: KeyRange): Promise<void> {
    if (this.plan.ordered) return;
    while (!this.stopped && this.ready.length >= 2 * this.plan.parallel && range) {
      await new Promise<void>((resolve) => this.wakeWorkers.push(resolve));
    }
  }

  /** The output as the caller sees it: the range's items, with no tokens that mean nothing here. */
  private shape(output: Record<string, unknown>, items: readonly unknown[]): Record<string, unknown> {
    const shaped: Record<string, unknown> = { ...output, Contents: items, KeyCount: items.length };
    delete shaped.NextContinuationToken;
    delete shaped.ContinuationToken;
    delete shaped.NextMarker;
    delete shaped.Delimiter;
    delete shaped.CommonPrefixes;
    shaped[this.plan.operation.startAfter] = this.plan.input[this.plan.operation.startAfter];
    if (shaped[this.plan.operation.startAfter] === undefined) delete shaped[this.plan.operation.startAfter];
    shaped.MaxKeys = this.plan.input.MaxKeys ?? this.plan.pageSize ?? output.MaxKeys;
    if (!this.plan.callerEncodes) {
      delete shaped.EncodingType;
      if (this.plan.input.Prefix !== undefined) shaped.Prefix = this.plan.input.Prefix;
    }
    if (items.length === 0) delete shaped.Contents;
    return shaped;
  }

  /**
   * One request, through the limiter and the gate, retried with backoff while it is throttled;
   * no request starts after a stop or an abort.
   */
  private async list(startAfter: string | null, maxKeys: number, delimiter?: string): Promise<Record<string, unknown>> {
    const { operation, input } = this.plan;
    const request: Record<string, unknown> = { ...input, EncodingType: "url", MaxKeys: maxKeys };
    delete request[operation.startAfter];
    if (startAfter !== null) request[operation.startAfter] = startAfter;
    if (delimiter !== undefined) request.Delimiter = delimiter;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sendOnce(request);
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
