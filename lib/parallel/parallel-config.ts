import { shownValue, type PaginationConfig } from "../config.js";
import { InvalidConfigError, InvalidStartingTokenError } from "../errors.js";
import type { Limiter } from "../limiter.js";
import type { Send } from "../sender.js";
import type { SequentialFallback } from "../parallel-option.js";
import { reportFallback } from "./fallback.js";
import { isDirectoryBucket, LISTING_OPERATIONS } from "./listing-operations.js";
import type { ParallelPlan } from "./parallel-listing.js";
import { decodeParallelToken, isParallelToken } from "./parallel-token.js";

/**
 * Past this, more ranges cost more probes and bookkeeping than they win: a range per request in
 * flight, and S3 answers about 5,500 LIST requests a second per prefix.
 */
const MAX_PARALLEL = 256;

/** Checks `parallel`, `ordered` and `onFallback` of a config, before any request. */
export function checkParallelConfig(config: PaginationConfig, operation: string): void {
  const { parallel, ordered, onFallback } = config;
  const fail = (problem: string): never => {
    throw new InvalidConfigError(`${operation}: ${problem}`, { operation });
  };
  if (parallel !== undefined && (typeof parallel !== "number" || !Number.isSafeInteger(parallel) || parallel < 1 || parallel > MAX_PARALLEL)) {
    fail(`parallel must be a whole number from 1 to ${MAX_PARALLEL} (ranges listed at once), and it is ${shownValue(parallel)}`);
  }
  if (parallel !== undefined && parallel > 1 && LISTING_OPERATIONS[operation] === undefined) {
    fail(`parallel listing splits S3 key listings only (${Object.keys(LISTING_OPERATIONS).join(", ")}); list ${operation} with parallel: 1 (the default)`);
  }
  if (ordered !== undefined && typeof ordered !== "boolean") fail("ordered must be true (the listing's order, the default) or false (as ranges arrive)");
  if (onFallback !== undefined && typeof onFallback !== "function") fail("onFallback must be a function (reason: string) => void");
}

/**
 * The plan of a parallel listing, when the config asks for parallel > 1 (checked by
 * checkParallelConfig first); undefined, or the send to use, when the listing cannot be split and
 * runs sequentially. A sequential run's token is refused here.
 */
export function parallelPlanFor(
  operation: string,
  input: Readonly<Record<string, unknown>>,
  config: PaginationConfig,
  send: Send,
  limiter: Limiter | undefined,
): ParallelPlan | SequentialFallback | undefined {
  const parallel = config.parallel!;
  const token = config.startingToken;
  const listing = LISTING_OPERATIONS[operation]!;
  if (isDirectoryBucket(input.Bucket)) {
    // The sequential run this falls back to refuses a parallel token.
    const reason = `${operation}: ${String(input.Bucket)} is a directory bucket or an S3 Express access point, which lists keys in no order, so it cannot be split by key range; listing it sequentially`;
    const fallbackSend = reportFallback(config.onFallback, reason, send);
    return fallbackSend === undefined ? undefined : { fallbackSend };
  }
  for (const [member, why] of Object.entries(listing.refused)) {
    if (input[member] !== undefined) throw new InvalidConfigError(`${operation}: input.${member} cannot be used with parallel: ${why}`, { operation });
  }
  if (token !== undefined && !isParallelToken(token)) {
    throw new InvalidStartingTokenError(`startingToken for ${operation} is not a parallel run's token: a sequential run's token resumes without parallel (or with parallel: 1), and an edited or damaged one cannot be used`, { operation });
  }
  const maxKeys = input.MaxKeys;
  const pageSize = config.pageSize ?? (typeof maxKeys === "number" ? maxKeys : undefined);
  return {
    operation: listing,
    send,
    input,
    callerEncodes: input.EncodingType === "url",
    parallel: slotsFor(parallel, config.maxItems, pageSize),
    ordered: config.ordered ?? true,
    pageSize,
    maxItems: config.maxItems,
    abortSignal: config.abortSignal,
    limiter,
    resume: token === undefined ? null : decodeParallelToken(operation, token),
  };
}

/**
 * Ranges in flight: no more than `maxItems` can use. Each range's first page may hold none of the
 * items asked for (a range can be empty), so a couple more than the pages maxItems fills are
 * listed at once; `maxItems: 1` at `parallel: 256` then costs the seeding and a few pages, not 256.
 */
function slotsFor(parallel: number, maxItems: number | undefined, pageSize: number | undefined): number {
  if (maxItems === undefined) return parallel;
  return Math.min(parallel, Math.ceil(maxItems / (pageSize ?? 1000)) + 2);
}
