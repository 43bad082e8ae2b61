/**
 * Anything that runs a task when it sees fit and resolves with its result: a `p-limit` instance,
 * a function made by `p-throttle` (`throttle((task) => task())`), or any
 * `(task) => Promise`. Passing the same limiter to many paginators holds one limit across all of
 * them, and across any other call you pass through it.
 *
 * @example
 * ```ts
 * import pLimit from "p-limit";
 * const limiter = pLimit(4);
 * paginator.paginate({ Bucket }, { limiter });
 * ```
 * @see [Throttling and fan-out](../docs/throttling-and-fan-out.md)
 * @group Not flooding the service
 */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A scheduler object with a `schedule(task)` method, such as a `bottleneck` instance: passed as
 * the limiter as it is.
 *
 * @example
 * ```ts
 * import Bottleneck from "bottleneck";
 * paginator.paginate({ Bucket }, { limiter: new Bottleneck({ maxConcurrent: 4, minTime: 25 }) });
 * ```
 * @group Not flooding the service
 */
export interface Scheduler {
  /** Runs `task` when the scheduler sees fit and resolves (or rejects) as the task does. */
  schedule<T>(task: () => Promise<T>): Promise<T>;
}

export function limiterFunction(limiter: Limiter | Scheduler): Limiter {
  return typeof limiter === "function" ? limiter : (task) => limiter.schedule(task);
}
