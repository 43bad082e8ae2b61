/**
 * Anything that runs a task when it sees fit and resolves with its result: a `p-limit` instance,
 * a `bottleneck` limiter's `schedule` (bound), a `p-throttle`d function runner. Passing the same
 * limiter to many paginators holds one limit across all of them.
 *
 * @example
 * ```ts
 * import pLimit from "p-limit";
 * const limiter = pLimit(4);
 * paginator.paginate({ Bucket }, { limiter });
 * ```
 */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;
