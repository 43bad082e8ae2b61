/**
 * The core's side of parallel listing: the checks of the `parallel`, `ordered` and `onFallback`
 * options, and the slot that `import "aws-paginators/parallel"` fills with the lister. The lister
 * (lib/parallel/, about 30 KB minified) is thus in no bundle of a program that does not list in
 * parallel; a program that asks for `parallel` without the import is told to add it.
 */
import type { PaginationConfig } from "./config.js";
import { InvalidConfigError } from "./errors.js";
import type { Limiter } from "./limiter.js";
import type { PageIterator } from "./page-iterator.js";
import type { ParallelPlan } from "./parallel/parallel-listing.js";
import type { RunPlan } from "./run.js";
import type { Send } from "./sender.js";

/**
 * A listing asked for in parallel that runs sequentially (a directory bucket), through this send:
 * it fails every request with the error of an `onFallback` that threw or rejected.
 */
export interface SequentialFallback {
  readonly fallbackSend: Send;
}

/** What `aws-paginators/parallel` registers. */
export interface ParallelLister {
  /** Checks the parallel options of a config (checkParallelConfig, when loaded). */
  check(config: PaginationConfig, operation: string): void;
  /** The plan of a parallel run, or undefined (or the send to use) when the listing runs sequentially (a directory bucket). */
  planFor(operation: string, input: Readonly<Record<string, unknown>>, config: PaginationConfig, send: Send, limiter: Limiter | undefined): ParallelPlan | SequentialFallback | undefined;
  iterator(runPlan: RunPlan, parallelPlan: ParallelPlan): PageIterator;
}

let lister: ParallelLister | undefined;

/**
 * Set by any copy of the library that loaded the lister: the ESM and CommonJS builds are separate
 * copies, so a program that imports one and requires `aws-paginators/parallel` from the other is
 * told so, not merely that the lister is not loaded.
 */
const LOADED = Symbol.for("aws-paginators.parallel-loaded");

/** Called once by `aws-paginators/parallel`. */
export function useParallelLister(given: ParallelLister): void {
  lister = given;
  (globalThis as Record<symbol, unknown>)[LOADED] = true;
}

/**
 * Checks `parallel`, `ordered` and `onFallback` of a config, before any request: by the lister
 * when it is loaded; without it, any of them but `parallel: 1` is refused, saying to load it.
 */
export function checkParallelConfig(config: PaginationConfig, operation: string): void {
  if (lister) return lister.check(config, operation);
  const { parallel, ordered, onFallback } = config;
  if ((parallel !== undefined && parallel !== 1) || ordered !== undefined || onFallback !== undefined) {
    const elsewhere = (globalThis as Record<symbol, unknown>)[LOADED]
      ? "; it was loaded into another copy of aws-paginators (its ESM and CommonJS builds are separate copies): load it the way you load aws-paginators"
      : "";
    throw new InvalidConfigError(
      `${operation}: parallel listing is not loaded: add import "aws-paginators/parallel" to your program once (require("aws-paginators/parallel") in CommonJS), ` +
        `for parallel, ordered and onFallback (a separate entry, so that programs which list sequentially do not carry it)${elsewhere}`,
      { operation },
    );
  }
}

/**
 * The registered lister when the config asks for a parallel run (checkParallelConfig has made
 * sure it is loaded); undefined for a sequential one, whose token decoder refuses a parallel token.
 */
export function parallelListerFor(config: PaginationConfig): ParallelLister | undefined {
  return (config.parallel ?? 1) > 1 ? lister : undefined;
}
