import type { PaginationConfig } from "./config.js";
import type { Limiter } from "./limiter.js";
import {
  MissingTokenError,
  PageRequestError,
  PaginationAbortedError,
  RepeatedTokenError,
  PaginationError,
  requestFailure,
} from "./errors.js";
import { replaceAtPath } from "./expression.js";
import { encodeResumeToken, tokensJson, type ResumePoint } from "./resume-token.js";
import type { CompiledRule } from "./rule.js";
import type { Send } from "./sender.js";
import { tokenDigest } from "./token-digest.js";

/** What a run needs, prepared once by `paginate()`. */
export interface RunPlan {
  readonly compiled: CompiledRule;
  readonly send: Send;
  /** The caller's input; read, never written. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The first request: the input, with the page size. */
  readonly firstRequest: Readonly<Record<string, unknown>>;
  /** Later requests before their tokens: the input without its tokens, with the page size. */
  readonly pageRequest: Readonly<Record<string, unknown>>;
  readonly config: PaginationConfig;
  /** The config's limiter as a function, if it has one. */
  readonly limiter: Limiter | undefined;
  /** Where the run starts: a decoded starting token, or undefined for the input as given. */
  readonly start: ResumePoint | undefined;
}

/** JMESPath falsiness, as boto3 reads a token: a finished DynamoDB BatchGetItem sends `UnprocessedKeys: {}`. */
function isAbsent(token: unknown): boolean {
  if (token === undefined || token === null || token === "") return true;
  if (Array.isArray(token)) return token.length === 0;
  if (typeof token === "object" && !(token instanceof Uint8Array)) {
    for (const _ in token) return false;
    return true;
  }
  return false;
}

/**
 * A stable key for a set of tokens, to notice one the run has sent before: the digest of their
 * text, so that a long run keeps 32 bytes a page, not the tokens (see token-digest.ts). Strings
 * and numbers (nearly every token) are written without JSON; maps and binary values with it.
 */
function tokenKey(tokens: readonly unknown[]): string {
  let key = "";
  for (const token of tokens) {
    if (typeof token === "string") key += `s${token.length}:${token}`;
    else if (typeof token === "number") key += `n${token};`;
    else if (token === undefined || token === null) key += "-;";
    else return tokenDigest(`j${tokensJson(tokens)}`);
  }
  return tokenDigest(key);
}

/** Tokens as a person reads them, in an error message. */
function describe(tokens: readonly unknown[]): string {
  return JSON.stringify(tokens, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value instanceof Uint8Array ? "<binary>" : value));
}

/**
 * An item reader's place in the open page, kept by the run: `items` is the page's list of the
 * reader's result key, as cut, and `index` how many of them were delivered. The reader moves
 * `index` on by one for each item it returns (the one thing it may write), so that an item costs
 * it what it costs a hand-written iterator; the run reads `index` whenever it needs its place
 * (a resume token, an error, the next page), and sets both for each page it opens.
 */
export interface ItemCursor {
  readonly items: readonly unknown[];
  index: number;
}

/** The run's side of the cursor: which result key it reads, and what the run has counted of it. */
interface RunCursor extends ItemCursor {
  items: readonly unknown[];
  readonly key: number;
  /** Whether `items` is a list the run counts (a scalar, like Count, is not). */
  counted: boolean;
  /** How much of `index` is already counted in the run's `delivered`. */
  folded: number;
}

/** No items: the cursor between pages, and a reader that stopped. */
export const NO_ITEMS: readonly never[] = [];

/**
 * One pass over a listing: the engine every way of reading is built on, and the only owner of
 * the run's place in the listing.
 *
 * The place is a {@link ResumePoint}: the tokens of the current page and, per result key, how
 * many items counted from those tokens' start were delivered. Readers never write it: they ask
 * for a page whole ({@link Run.nextPage}) or opened for reading item by item
 * ({@link Run.openPage}, then {@link Run.took} per item delivered, or {@link Run.deliverPage}),
 * or through the run's {@link ItemCursor} ({@link Run.itemCursor}).
 * Asking for the next page moves past the current one: it then counts as read for every key (the
 * primary only up to a `maxItems` cut). A skip count longer than a page's list carries into the
 * next page, so a token resumes exactly under any page size. Reading the token changes nothing.
 *
 * It sends at most one request at a time (two with `readAhead: 1`), only when asked.
 */
export class Run {
  // Fields are TypeScript's `private`, methods ECMAScript #private (a minifier shortens #names):
  // on Node 20, #fields on this per-page path cost about 0.4 µs a page against plain ones. Those
  // the constructor sets are `declare`d: no field declarations in the output, for a smaller bundle.
  private declare readonly plan: RunPlan;
  /** Told when the run receives a page (one the skips cover whole, too): the page iterator's "latest run". */
  readonly #onPage: (run: Run) => void;
  /** Whether the next request sends the input as given (no startingToken, first page). */
  private declare fromInput: boolean;

  // The cursor. `tokens` are those of the current page (or of the next request, when no page is
  // open); `delivered[k]` counts items of result key k delivered from the tokens' start; while a
  // page is open, `lengths[k]` is its list's length and `ends[k]` where this run's cut of it ends.
  // The two arrays are the run's own, rewritten for each page: a run allocates little per page.
  private declare tokens: readonly unknown[] | null;
  private declare readonly delivered: number[];
  private open = false;
  private declare readonly lengths: number[];
  private declare readonly ends: number[];
  /** The tokens after the open page; undefined when none follows. */
  private nextTokens: readonly unknown[] | undefined;
  /** No page follows what has been fetched: the listing is complete (or stopped on a repeated token). */
  #complete = false;
  /** Everything of the listing was delivered: no resume token. */
  #finished = false;
  /** `maxItems` is reached: this run stops, though the listing may go on. */
  #stopped = false;
  /** Raised by the next fetch: a token problem noticed on the page just returned. */
  #pendingError: PaginationError | undefined;
  #inFlight = false;
  /** The next page's request, started early when `readAhead` is 1. */
  #ahead: Promise<Record<string, unknown>> | undefined;
  /** Primary items this run returned, for `maxItems`. */
  #returned = 0;
  readonly #seen = new Set<string>();
  #page: Record<string, unknown> | undefined;
  #error: unknown;
  /** The item reader's cursor, if one asked for it. */
  private cursor: RunCursor | undefined;

  constructor(plan: RunPlan, onPage: (run: Run) => void = () => undefined) {
    this.plan = plan;
    this.#onPage = onPage;
    this.fromInput = plan.start === undefined;
    const keys = plan.compiled.rule.resultKey.length;
    this.tokens = plan.start ? plan.start.tokens : null;
    this.delivered = plan.start ? [...plan.start.skips] : new Array<number>(keys).fill(0);
    this.lengths = new Array<number>(keys).fill(0);
    this.ends = new Array<number>(keys).fill(0);
    this.#seen.add(tokenKey(this.#sentTokens()));
  }

  /** The page most recently received, as returned to the reader. */
  get currentPage(): Record<string, unknown> | undefined {
    return this.#page;
  }

  /** The error of the last fetch, until a fetch succeeds (Go's `Err()`). */
  get lastError(): unknown {
    return this.#error;
  }

  /** The run's abort signal, for readers that check it between items. */
  get signal(): AbortSignal | undefined {
    return this.plan.config.abortSignal;
  }

  /** Whether another page may follow (Go's `HasMorePages`). */
  get hasMorePages(): boolean {
    // A pending error counts as more: the next call must raise it, not end the loop quietly.
    return this.#pendingError !== undefined || (!this.#complete && !this.#stopped);
  }

  /** Where to go on from now; undefined once everything of the listing was delivered. */
  get resumeToken(): string | undefined {
    const point = this.#resumePoint();
    return point && encodeResumeToken(this.plan.compiled.operation, point);
  }

  #resumePoint(): ResumePoint | undefined {
    this.#settle();
    const lengths = this.lengths;
    const delivered = this.delivered;
    if (!this.open) {
      if (this.#finished) return undefined;
      return { tokens: this.fromInput ? this.#startTokens() : this.tokens, skips: [...delivered] };
    }
    for (let k = 0; k < lengths.length; k++) {
      if (delivered[k]! < lengths[k]!) return { tokens: this.tokens, skips: [...delivered] };
    }
    if (this.nextTokens === undefined) return undefined;
    return { tokens: this.nextTokens, skips: delivered.map((count, k) => count - lengths[k]!) };
  }

  /** The start point of a run from the input as given: its own tokens, if it has any. */
  #startTokens(): readonly unknown[] | null {
    const tokens = this.#inputTokens();
    return tokens.some((token) => !isAbsent(token)) ? tokens : null;
  }

  /** The tokens the next request sends, each in its place (absent ones undefined). */
  #sentTokens(): readonly unknown[] {
    if (this.fromInput) return this.#inputTokens();
    return this.tokens ?? this.plan.compiled.rule.inputToken.map(() => undefined);
  }

  /** The tokens the caller's own input carries, which the first request sends. */
  #inputTokens(): unknown[] {
    const { compiled, input } = this.plan;
    return compiled.rule.inputToken.map((name) => input[name]);
  }

  /** Reports one item of result key `key` of the open page delivered (an item reader's). */
  took(key: number): void {
    this.delivered[key]!++;
  }

  /**
   * The cursor of an item reader of result key `key`: each page it opens sets the cursor on that
   * key's list. One reader a run.
   */
  itemCursor(key: number): ItemCursor {
    return (this.cursor = { items: NO_ITEMS, index: 0, key, counted: false, folded: 0 } as RunCursor);
  }

  /** Counts what the item reader moved its cursor over since the run last looked. */
  #settle(): void {
    const { cursor } = this;
    if (!cursor?.counted) return;
    // The reader steps only within the list: index ≤ items.length.
    this.delivered[cursor.key]! += cursor.index - cursor.folded;
    cursor.folded = cursor.index;
  }

  /** Sets the item reader's cursor on the open page's list of its key, or on nothing. */
  #point(page: Record<string, unknown> | undefined): void {
    const { cursor } = this;
    if (!cursor) return;
    const found = page && this.plan.compiled.resultKeys[cursor.key]!(page);
    cursor.counted = Array.isArray(found);
    cursor.items = cursor.counted ? (found as unknown[]) : found == null ? NO_ITEMS : [found];
    cursor.index = cursor.folded = 0;
  }

  /** Reports the open page delivered whole, as cut (a page reader's, or a search's after its results). */
  deliverPage(): void {
    if (!this.open) return;
    this.#settle();
    const delivered = this.delivered;
    const ends = this.ends;
    for (let k = 0; k < ends.length; k++) if (delivered[k]! < ends[k]!) delivered[k] = ends[k]!;
  }

  /** The reader asked for more: the open page is read, and the cursor goes on to the next tokens. */
  #moveOn(): void {
    if (!this.open) return;
    this.deliverPage();
    const lengths = this.lengths;
    const delivered = this.delivered;
    for (let k = 0; k < lengths.length; k++) if (delivered[k]! < lengths[k]!) return; // cut by maxItems
    this.open = false;
    this.#page = undefined;
    for (let k = 0; k < lengths.length; k++) delivered[k]! -= lengths[k]!;
    if (this.nextTokens === undefined) this.#finished = true;
    else this.tokens = this.nextTokens;
    this.nextTokens = undefined;
  }

  /** A fresh request: the input as given for the first page, else the input with the tokens. */
  #buildRequest(tokens: readonly unknown[] | null): Record<string, unknown> {
    // Object.assign, not a spread: on Node 20 it copies a small object about ten times faster.
    if (this.fromInput) return Object.assign({}, this.plan.firstRequest);
    // A startingToken wins over tokens in the input: its tokens (none for the first page) are sent.
    const request: Record<string, unknown> = Object.assign({}, this.plan.pageRequest);
    if (tokens === null) return request;
    const names = this.plan.compiled.rule.inputToken;
    for (let i = 0; i < names.length; i++) {
      if (!isAbsent(tokens[i])) request[names[i]!] = tokens[i];
    }
    return request;
  }

  /** The error an abort rejects with, its token where the reader stopped. */
  abortError(): PaginationAbortedError {
    const { operation } = this.plan.compiled;
    return new PaginationAbortedError(`${operation}: the run was aborted; resumeToken goes on right after what was delivered`, {
      operation,
      resumeToken: this.resumeToken,
      cause: this.signal?.reason,
    });
  }

  /** Throws the abort error if the signal fired: readers call it before delivering an item. */
  throwIfAborted(): void {
    if (this.signal?.aborted) throw (this.#error = this.abortError());
  }

  #request(tokens: readonly unknown[] | null): Promise<Record<string, unknown>> {
    const { send, config, limiter } = this.plan;
    const { abortSignal: signal } = config;
    const request = this.#buildRequest(tokens);
    // Promise.resolve: a client or limiter may answer with a thenable that has no catch().
    if (!signal && !limiter) return Promise.resolve(send(request, undefined));
    const task = () => {
      // A limiter may start the task after the signal fired: no request starts then.
      if (signal?.aborted) return Promise.reject(this.abortError());
      return Promise.resolve(send(request, signal));
    };
    const sent = Promise.resolve(limiter ? limiter(task) : task());
    return signal ? this.#raceAbort(sent, signal) : sent;
  }

  /** A request as a promise, also when the client throws instead of rejecting. */
  #attempt(tokens: readonly unknown[] | null): Promise<Record<string, unknown>> {
    try {
      return this.#request(tokens);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Rejects as soon as the signal fires, whatever the client does with it. */
  async #raceAbort(sent: Promise<Record<string, unknown>>, signal: AbortSignal): Promise<Record<string, unknown>> {
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(this.abortError());
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([sent, aborted]);
    } catch (error) {
      // The SDK rejects with its own AbortError when the signal fires mid-request.
      if (signal.aborted && !(error instanceof PaginationAbortedError)) throw this.abortError();
      throw error;
    } finally {
      signal.removeEventListener("abort", onAbort);
      sent.catch(() => undefined);
    }
  }

  /** Raises the token problem the last page showed, once. */
  #raisePending(): never {
    this.#error = this.#pendingError;
    this.#pendingError = undefined;
    throw this.#error;
  }

  /** A page reader's next page, delivered whole as cut; undefined when the run is over. */
  nextPage(): Promise<Record<string, unknown> | undefined> {
    return this.#fetch(true);
  }

  /**
   * An item reader's next page, of which nothing counts as delivered until the reader reports it;
   * undefined when the run is over. A failed request leaves the run where it was: calling again
   * retries the same page.
   */
  openPage(): Promise<Record<string, unknown> | undefined> {
    return this.#fetch(false);
  }

  /** The next page, delivered `whole` (a page reader's) or opened for reporting item by item. */
  async #fetch(whole: boolean): Promise<Record<string, unknown> | undefined> {
    const { compiled, config } = this.plan;
    const { operation } = compiled;
    if (this.#inFlight) {
      throw new PaginationError(`${operation}: a page is already being fetched; await it before asking for the next`, { operation });
    }
    this.#moveOn();
    this.#point(undefined);
    if (this.#pendingError) this.#raisePending();
    if (this.open || this.#finished || this.#complete || this.#stopped) return undefined;
    for (;;) {
      if (config.abortSignal?.aborted) throw (this.#error = this.abortError());
      const tokens = this.fromInput ? this.#startTokens() : this.tokens;
      const sent = this.#sentTokens();
      let output: Record<string, unknown>;
      this.#inFlight = true;
      const ahead = this.#ahead;
      this.#ahead = undefined;
      try {
        output = await (ahead ?? this.#attempt(tokens));
      } catch (error) {
        throw (this.#error = error instanceof PaginationAbortedError ? error : requestFailure(error, operation, this.resumeToken));
      } finally {
        this.#inFlight = false;
      }
      if (output === null || typeof output !== "object") {
        throw (this.#error = new PageRequestError(`${operation}: the client returned ${String(output)} instead of an output object`, {
          operation,
          ...(this.resumeToken === undefined ? {} : { resumeToken: this.resumeToken }),
        }));
      }
      this.#error = undefined;
      const page = this.#accept(output, tokens, sent);
      // Received, even when the skips covered it: the run's place has moved.
      this.#onPage(this);
      // Every list of the page was delivered before (a skip longer than the page): go on.
      if (page === undefined) continue;
      if (config.readAhead === 1 && !this.#complete && !this.#stopped) {
        // One request still: the next page's, started while the consumer works on this one. Its
        // failure surfaces on the next fetch, which then finds the run where it was.
        this.#ahead = this.#attempt(this.nextTokens!);
        this.#ahead.catch(() => undefined);
      }
      if (whole) this.deliverPage();
      else this.#point(page);
      return page;
    }
  }

  /** The page's list of result key `k`, checked: the primary must be a list when present. */
  #listOf(output: Record<string, unknown>, k: number): unknown {
    const { compiled } = this.plan;
    const list = compiled.resultKeys[k]!(output);
    if (k === 0 && list !== undefined && list !== null && !Array.isArray(list)) {
      const { operation, rule } = compiled;
      throw (this.#error = new PaginationError(
        `${operation}: the page's ${rule.resultKey[0]} is ${typeof list}, not a list of items; the table's resultKey may name the wrong member`,
        { operation },
      ));
    }
    return list;
  }

  /**
   * Takes in a page: works out what follows it, and cuts it for the skips and `maxItems`. Returns
   * undefined for a page the skips cover whole, which the cursor has then passed.
   */
  #accept(output: Record<string, unknown>, tokens: readonly unknown[] | null, sent: readonly unknown[]): Record<string, unknown> | undefined {
    const { compiled, config } = this.plan;
    const { rule } = compiled;
    // No page is open here (fetch moved on first): the arrays are free to take this page's figures.
    const lengths = this.lengths;
    const ends = this.ends;
    const delivered = this.delivered;
    const keys = lengths.length;
    let covered = true;
    let skipping = false;
    for (let k = 0; k < keys; k++) {
      const list = this.#listOf(output, k);
      lengths[k] = ends[k] = Array.isArray(list) ? list.length : 0;
      if (delivered[k]! < lengths[k]!) covered = false;
      if (delivered[k]! > 0) skipping = true;
    }
    this.#follow(output, sent);
    this.fromInput = false;
    // A page the skips cover whole is passed, unless it is the last: then it is returned with
    // empty lists, so that a hasMorePages() that said true is followed by a page.
    if (covered && skipping && this.nextTokens !== undefined) {
      for (let k = 0; k < keys; k++) delivered[k]! -= lengths[k]!;
      this.tokens = this.nextTokens;
      this.nextTokens = undefined;
      return undefined;
    }
    const start = Math.min(delivered[0]!, lengths[0]!);
    const { maxItems } = config;
    if (maxItems !== undefined && ends[0]! - start > maxItems - this.#returned) ends[0] = start + (maxItems - this.#returned);
    let page = output;
    for (let k = 0; k < keys; k++) {
      const from = Math.min(delivered[k]!, lengths[k]!);
      // A cut page reads its list again (rare): no array of lists a page.
      if (from > 0 || ends[k]! < lengths[k]!) page = replaceAtPath(page, rule.resultKey[k]!, (this.#listOf(output, k) as unknown[]).slice(from, ends[k]));
    }
    this.#returned += ends[0]! - start;
    if (maxItems !== undefined && this.#returned >= maxItems) this.#stopped = true;
    this.tokens = tokens;
    this.open = true;
    this.#page = page;
    return page;
  }

  /** Works out the tokens after a page, and whether the listing ends there (or must fail there). */
  #follow(output: Record<string, unknown>, sent: readonly unknown[]): void {
    const { compiled, config } = this.plan;
    const { operation, rule } = compiled;
    const getters = compiled.outputTokens;
    const next = new Array<unknown>(getters.length);
    let absent = true;
    for (let i = 0; i < getters.length; i++) {
      next[i] = getters[i]!(output);
      if (absent && !isAbsent(next[i])) absent = false;
    }
    const more = compiled.moreResults === undefined || Boolean(compiled.moreResults(output));
    this.nextTokens = undefined;
    if (!more) {
      this.#complete = true;
      return;
    }
    if (absent) {
      this.#complete = true;
      if (compiled.moreResults !== undefined) {
        this.#pendingError = new MissingTokenError(
          `${operation}: the service set ${rule.moreResults} but sent no ${rule.outputToken.join(" or ")}; ` +
            `the listing cannot go on, and stopping quietly would drop the rest of it`,
          { operation },
        );
      }
      return;
    }
    const key = tokenKey(next);
    if (rule.endOnEchoedToken && key === tokenKey(sent)) {
      // The service's own end of the listing (GetLogEvents): the token it was sent, sent back.
      this.#complete = true;
    } else if (this.#seen.has(key)) {
      this.#complete = true;
      if (config.onRepeatedToken !== "stop") {
        this.#pendingError = new RepeatedTokenError(
          `${operation}: the service returned a token this run had already sent (${describe(next)}); ` +
            `following it would loop forever. Pass onRepeatedToken: "stop" to end quietly instead.`,
          { operation },
        );
      }
    } else {
      this.#seen.add(key);
      this.nextTokens = next;
    }
  }
}
