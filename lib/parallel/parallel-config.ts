import type { PaginationConfig } from "../config.js";
import { InvalidConfigError, InvalidStartingTokenError } from "../errors.js";
import type { Limiter } from "../limiter.js";
import type { Send } from "../sender.js";
import { isDirectoryBucket, LISTING_OPERATIONS } from "./listing-operations.js";
import type { ParallelPlan } from "./parallel-listing.js";
import { decodeParallelToken, isParallelToken } from "./parallel-token.js";

/** Checks `parallel`, `ordered` and `onFallback` of a config, before any request. */
/**
 * Past this, more ranges cost more probes and bookkeeping than they win: a range per request in
 * flight, and S3 answers about 5,500 LIST requests a second per prefix.
 */
const MAX_PARALLEL = 256;

export function checkParallelConfig(config: PaginationConfig, operation: string): void {
  const { parallel, ordered, onFallback } = config;
  if (parallel !== undefined && (typeof parallel !== "number" || !Number.isSafeInteger(parallel) || parallel < 1 || parallel > MAX_PARALLEL)) {
    throw new InvalidConfigError(
      `${operation}: parallel must be a whole number from 1 to ${MAX_PARALLEL} (ranges listed at once), and it is ${JSON.stringify(parallel) ?? String(parallel)}`,
      { operation },
    );
  }
  if (parallel !== undefined && parallel > 1 && LISTING_OPERATIONS[operation] === undefined) {
    throw new InvalidConfigError(
      `${operation}: parallel listing splits S3 key listings only (${Object.keys(LISTING_OPERATIONS).join(", ")}); list ${operation} with parallel: 1 (the default)`,
      { operation },
    );
  }
  if (ordered !== undefined && typeof ordered !== "boolean") {
    throw new InvalidConfigError(`${operation}: ordered must be true (the listing's order, the default) or false (as ranges arrive)`, { operation });
  }
  if (onFallback !== undefined && typeof onFallback !== "function") {
    throw new InvalidConfigError(`${operation}: onFallback must be a function (reason: string) => void`, { operation });
  }
}

/**
 * The plan of a parallel listing, when the config asks for one and the listing can be split;
 * undefined for a sequential run. A starting token of the other kind is refused here.
 */
export function parallelPlanFor(
  operation: string,
  input: Readonly<Record<string, unknown>>,
  config: PaginationConfig,
  send: Send,
  limiter: Limiter | undefined,
): ParallelPlan | undefined {
  const parallel = config.parallel ?? 1;
  const token = config.startingToken;
  const refuseParallelToken = () => {
    if (isParallelToken(token)) {
      throw new InvalidStartingTokenError(
        `startingToken for ${operation} is a parallel listing's token; resume it with parallel > 1 (any number), on a bucket that is not a directory bucket`,
        { operation },
      );
    }
  };
  if (parallel <= 1) {
    refuseParallelToken();
    return undefined;
  }
  const listing = LISTING_OPERATIONS[operation]!;
  if (isDirectoryBucket(input.Bucket)) {
    refuseParallelToken();
    config.onFallback?.(`${operation}: ${String(input.Bucket)} is a directory bucket, which lists keys in no order, so it cannot be split by key range; listing it sequentially`);
    return undefined;
  }
  for (const [member, why] of Object.entries(listing.refused)) {
    if (input[member] !== undefined) throw new InvalidConfigError(`${operation}: input.${member} cannot be used with parallel: ${why}`, { operation });
  }
  if (token !== undefined && !isParallelToken(token)) {
    throw new InvalidStartingTokenError(`startingToken for ${operation} is not a parallel run's token: a sequential run's token resumes without parallel (or with parallel: 1), and an edited or damaged one cannot be used`, { operation });
  }
  const maxKeys = input.MaxKeys;
  return {
    operation: listing,
    send,
    input,
    callerEncodes: input.EncodingType === "url",
    parallel,
    ordered: config.ordered ?? true,
    pageSize: config.pageSize ?? (typeof maxKeys === "number" ? maxKeys : undefined),
    maxItems: config.maxItems,
    abortSignal: config.abortSignal,
    limiter,
    resume: token === undefined ? null : decodeParallelToken(operation, token),
  };
}
