/**
 * `import "aws-paginators/parallel"`: loads parallel listing, for `config.parallel`.
 *
 * The lister (byte ranges, work stealing, its resume tokens) is about 24 KB minified; it is its
 * own entry so that a program which lists sequentially does not carry it. A program that lists
 * in parallel imports this module once; it has no exports, only the effect of giving the lister
 * to `paginate()`. Without it, `parallel` > 1 is an `InvalidConfigError` that says to add it.
 *
 * @example
 * ```ts
 * import "aws-paginators/parallel";
 * ```
 *
 * @packageDocumentation
 */
import { useParallelLister } from "../parallel-option.js";
import { checkParallelConfig, parallelPlanFor } from "./parallel-config.js";
import { ParallelPageIterator } from "./parallel-page-iterator.js";

useParallelLister({ check: checkParallelConfig, planFor: parallelPlanFor, iterator: (runPlan, parallelPlan) => new ParallelPageIterator(runPlan, parallelPlan) });
