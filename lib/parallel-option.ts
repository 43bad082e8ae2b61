/**
 * The core's side of parallel listing: the checks of the `parallel`, `ordered` and `onFallback`
 * options, and the slot that `import "aws-paginators/parallel"` fills with the lister. The lister
 * (lib/parallel/, about 21 KB minified) is thus in no bundle of a program that does not list in
 * parallel; a program that asks for `parallel` without the import is told to add it.
 */
import { decodeText } from "./base64url.js";
import type { PaginationConfig } from "./config.js";
import { InvalidConfigError, InvalidStartingTokenError } from "./errors.js";
import type { Limiter } from "./limiter.js";
import type { PageIterator } from "./page-iterator.js";
import type { ParallelPlan } from "./parallel/parallel-listing.js";
import type { RunPlan } from "./run.js";
import type { Send } from "./sender.js";

/** The operations the lister splits; the lister's own table (lib/parallel/listing-operations.ts) agrees, by a spec. */
export const PARALLEL_OPERATIONS: readonly string[] = ["ListObjectsV2", "ListObjects"];

/**
 * Past this, more ranges cost more probes and bookkeeping than they win: a range per request in
 * flight, and S3 answers about 5,500 LIST requests a second per prefix.
 */
export const MAX_PARALLEL = 256;

/** The first member of a parallel token's JSON: each kind of run refuses the other's by it. */
export const PARALLEL_TOKEN_MARK = "parallel";

/** What `aws-paginators/parallel` registers. */
export interface ParallelLister {
  /** The plan of a parallel run, or undefined when the listing runs sequentially (a directory bucket). */
  planFor(operation: string, input: Readonly<Record<string, unknown>>, config: PaginationConfig, send: Send, limiter: Limiter | undefined): ParallelPlan | undefined;
  iterator(runPlan: RunPlan, parallelPlan: ParallelPlan): PageIterator;
}

let lister: ParallelLister | undefined;

/** Called once by `aws-paginators/parallel`. */
export function useParallelLister(given: ParallelLister): void {
  lister = given;
}

/** Checks `parallel`, `ordered` and `onFallback` of a config, before any request. */
export function checkParallelConfig(config: PaginationConfig, operation: string): void {
  const { parallel, ordered, onFallback } = config;
  const fail = (problem: string): never => {
    throw new InvalidConfigError(`${operation}: ${problem}`, { operation });
  };
  if (parallel !== undefined && (typeof parallel !== "number" || !Number.isSafeInteger(parallel) || parallel < 1 || parallel > MAX_PARALLEL)) {
    fail(`parallel must be a whole number from 1 to ${MAX_PARALLEL} (ranges listed at once), and it is ${JSON.stringify(parallel) ?? String(parallel)}`);
  }
  if (parallel !== undefined && parallel > 1 && !PARALLEL_OPERATIONS.includes(operation)) {
    fail(`parallel listing splits S3 key listings only (${PARALLEL_OPERATIONS.join(", ")}); list ${operation} with parallel: 1 (the default)`);
  }
  if (ordered !== undefined && typeof ordered !== "boolean") fail("ordered must be true (the listing's order, the default) or false (as ranges arrive)");
  if (onFallback !== undefined && typeof onFallback !== "function") fail("onFallback must be a function (reason: string) => void");
}

/** Whether a starting token is a parallel listing's (without checking it further). */
export function isParallelToken(token: unknown): boolean {
  if (typeof token !== "string") return false;
  try {
    return decodeText(token).startsWith(`["${PARALLEL_TOKEN_MARK}",`);
  } catch {
    return false;
  }
}

/**
 * The registered lister when the config asks for a parallel run; undefined for a sequential one,
 * which refuses a parallel run's token.
 */
export function parallelListerFor(operation: string, config: PaginationConfig): ParallelLister | undefined {
  if ((config.parallel ?? 1) > 1) {
    if (lister === undefined) {
      throw new InvalidConfigError(
        `${operation}: parallel is ${config.parallel}, but parallel listing is not loaded: add import "aws-paginators/parallel" to your program once ` +
          `(it is a separate entry so that programs which list sequentially do not carry it)`,
        { operation },
      );
    }
    return lister;
  }
  refuseParallelToken(operation, config.startingToken);
  return undefined;
}

/** A run that lists sequentially cannot resume a parallel run's token. */
export function refuseParallelToken(operation: string, token: unknown): void {
  if (isParallelToken(token)) {
    throw new InvalidStartingTokenError(
      `startingToken for ${operation} is a parallel listing's token; resume it with parallel > 1 (any number), on a bucket that is not a directory bucket`,
      { operation },
    );
  }
}
