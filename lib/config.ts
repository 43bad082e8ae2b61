import { invalidConfig } from "./errors.js";
import type { Limiter, Scheduler } from "./limiter.js";
import { nearestNames } from "./names.js";
import { checkParallelConfig } from "./parallel-option.js";

/**
 * How a run pages: boto3's `PaginationConfig` (`PageSize`, `MaxItems`, `StartingToken`) in
 * camelCase, and what boto3 lacks. Checked by `paginate()`, before any request: an unknown
 * option, a `pageSize` or `maxItems` that is not a positive integer, or a `pageSize` for an
 * operation with no limit member throws an `InvalidConfigError`. A member set to `undefined`
 * is the same as a member left out (so the type also compiles under `exactOptionalPropertyTypes`).
 *
 * @example
 * ```ts
 * const config: PaginationConfig = { pageSize: 100, maxItems: 250, readAhead: 1, abortSignal: AbortSignal.timeout(30_000) };
 * for await (const object of paginator.items({ Bucket }, config)) console.log(object.Key);
 * ```
 * @see [Semantics and resume tokens](../docs/semantics-and-resume-tokens.md)
 * @group Reading a listing
 */
export interface PaginationConfig {
  /** Items per request, written to the operation's limit member (`MaxKeys`, `PageSize`, …). */
  readonly pageSize?: number | undefined;
  /**
   * Stop after this many items of the primary result key, cutting a page if need be; the run's
   * `resumeToken` then goes on exactly after the last item returned.
   */
  readonly maxItems?: number | undefined;
  /** A `resumeToken` from an earlier run of the same operation: go on where it stopped. */
  readonly startingToken?: string | undefined;
  /** Stops the run between and during requests; no request starts after it fires. */
  readonly abortSignal?: AbortSignal | undefined;
  /**
   * What a token the run has already sent means: `"error"` (the default) raises
   * `RepeatedTokenError`, `"stop"` ends the run quietly.
   */
  readonly onRepeatedToken?: "error" | "stop" | undefined;
  /**
   * Wraps every page request, so one limit holds across paginators: a `p-limit` instance, a
   * `p-throttle`d runner, any `(task) => Promise`, or a `bottleneck` instance (its `schedule`).
   */
  readonly limiter?: Limiter | Scheduler | undefined;
  /**
   * Pages to fetch ahead of the consumer: 0 (the default) requests a page only when asked;
   * 1 requests page k+1 while the consumer works on page k, overlapping fetching with work.
   */
  readonly readAhead?: 0 | 1 | undefined;
  /**
   * `ListObjectsV2`, `ListObjects` and `ListObjectVersions` only: key ranges listed at once (default 1, sequential).
   * The listing is split by UTF-8 byte ranges and re-split as ranges finish; see the README's
   * "Parallel listing". Above 1 it needs `import "aws-paginators/parallel"` once in the program.
   */
  readonly parallel?: number | undefined;
  /**
   * With `parallel`: `true` (the default) yields items in the listing's own order, holding the
   * pages of later ranges until the earlier ones are done; `false` yields pages as ranges deliver
   * them, holding at most two pages per range in flight.
   */
  readonly ordered?: boolean | undefined;
  /**
   * Told why a parallel listing runs sequentially instead (a directory bucket lists in no order).
   * Should it throw, or return a promise that rejects, the run fails at its first read with that
   * error (never from `paginate()`, never unhandled); a promise it returns is awaited before the
   * first request.
   */
  readonly onFallback?: ((reason: string) => void) | undefined;
}

/** A value as the caller wrote it: JSON would print NaN and Infinity as null, and throws on a bigint. */
export function shownValue(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  return typeof value === "number" ? String(value) : (JSON.stringify(value) ?? String(value));
}

const positiveInteger = (value: unknown) => typeof value === "number" && Number.isSafeInteger(value) && value > 0;
const mustBePositive = (value: unknown) => `must be a positive integer, and it is ${shownValue(value)}`;
/**
 * Each option, in the order checked: what a valid value is, and what the message says it must be.
 * One table, so each check is only its own test and words.
 */
const OPTIONS: readonly (readonly [keyof PaginationConfig, (value: any) => boolean, (value: unknown) => string])[] = [
  ["pageSize", positiveInteger, mustBePositive],
  ["maxItems", positiveInteger, mustBePositive],
  ["startingToken", (value) => typeof value === "string" && value !== "", () => "must be a resumeToken string from an earlier run"],
  ["abortSignal", (value) => value !== null && typeof value.addEventListener === "function", () => "must be an AbortSignal (e.g. new AbortController().signal)"],
  ["onRepeatedToken", (value) => value === "error" || value === "stop", () => 'must be "error" or "stop"'],
  [
    "limiter",
    (value) => typeof value === "function" || (value !== null && typeof (value as Scheduler).schedule === "function"),
    () => "must be a function (task) => Promise, such as a p-limit instance, or an object with schedule(task), such as a bottleneck instance",
  ],
  ["readAhead", (value) => value === 0 || value === 1, () => "must be 0 or 1 (pages fetched ahead of the consumer)"],
];
/** Every option's name; the parallel ones are checked by checkParallelConfig. */
const KEYS: readonly string[] = [...OPTIONS.map(([key]) => key), "parallel", "ordered", "onFallback"];

/** An option of the caller's config, own or inherited (a class's getter), but not one Object.prototype carries. */
function optionOf(given: object, key: string): unknown {
  for (let holder: object | null = given; holder !== null && holder !== Object.prototype; holder = Object.getPrototypeOf(holder)) {
    if (Object.hasOwn(holder, key)) return (given as Record<string, unknown>)[key];
  }
  return undefined;
}

/** Checks a config before any request; throws an `InvalidConfigError` naming what is wrong. */
export function checkConfig(given: PaginationConfig | undefined, operation: string, limitKey: string | undefined): PaginationConfig {
  // No prototype: an option added to Object.prototype is no option of a run.
  if (given === undefined) return Object.create(null) as PaginationConfig;
  const fail = (problem: string) => invalidConfig(operation, problem, operation);
  if (given === null || typeof given !== "object" || Array.isArray(given)) {
    fail(`the pagination config must be an object, e.g. { pageSize: 100 }, and it is ${Array.isArray(given) ? "an array" : shownValue(given)}`);
  }
  // A copy, each option read once (an inherited one too, as from a class instance): the run uses
  // the values checked here, whatever the caller's object (or its getters) says later.
  const config: Record<string, unknown> = Object.create(null);
  for (const key of KEYS) {
    const value = optionOf(given, key);
    if (value !== undefined) config[key] = value;
  }
  for (const key of Object.keys(given)) {
    if (!KEYS.includes(key)) {
      const near = nearestNames(key, KEYS, 1);
      fail(`unknown pagination option "${key}"${near.length ? `; did you mean ${near[0]}?` : ""} (options: ${KEYS.join(", ")})`);
    }
  }
  for (const [key, valid, must] of OPTIONS) {
    const value = config[key];
    if (value !== undefined && !valid(value)) fail(`${key} ${must(value)}`);
  }
  if (config.pageSize !== undefined && limitKey === undefined) {
    fail("pageSize is not supported: the operation has no page-size member, so the service decides the page size");
  }
  checkParallelConfig(config as PaginationConfig, operation);
  return config as PaginationConfig;
}
