import { InvalidConfigError } from "./errors.js";

/**
 * What {@link boundedMap} takes besides the source and the mapper.
 *
 * @example
 * ```ts
 * const options: BoundedMapOptions = { concurrency: 8, ordered: false, signal: AbortSignal.timeout(60_000) };
 * ```
 * @group Not flooding the service
 */
export interface BoundedMapOptions {
  /** How many mappers run at once: the bound on requests in flight. A positive integer. */
  readonly concurrency: number;
  /**
   * `true` (the default) yields results in the source's order; `false` yields each as soon as it
   * is ready, so one slow item does not hold back the rest.
   */
  readonly ordered?: boolean | undefined;
  /** Stops the map: nothing new starts, and the iterator rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

type PMapIterable = typeof import("p-map").pMapIterable;
let pMapIterable: Promise<PMapIterable> | undefined;

/**
 * Maps an async (or sync) iterable with at most `concurrency` mappers at once, streaming the
 * results with backpressure: it reads the source no further ahead of the consumer than
 * `concurrency` items, so a nested listing never floods the service. An error from a mapper
 * ends the map: nothing new starts, and the iterator rejects with that error (after the results
 * before it, when `ordered`).
 *
 * Built on `p-map`'s `pMapIterable`, which already has the bound, the backpressure, the two
 * orders and the prompt stop on error; this adds the abort signal it lacks (and passes it to the
 * mapper), checks the options, and loads p-map only when a map starts.
 *
 * @example
 * ```ts
 * const s3 = withPaginators(new S3Client({}));
 * const buckets = s3.getPaginator("listBuckets").items({});
 * const sizes = boundedMap(buckets, async (bucket) => {
 *   let bytes = 0;
 *   for await (const object of s3.getPaginator("listObjectsV2").items({ Bucket: bucket.Name! })) bytes += object.Size ?? 0;
 *   return { bucket: bucket.Name, bytes };
 * }, { concurrency: 4 });
 * for await (const size of sizes) console.log(size);
 * ```
 * @see [Throttling and fan-out](../docs/throttling-and-fan-out.md)
 * @group Not flooding the service
 */
export function boundedMap<Item, Result>(
  source: AsyncIterable<Item> | Iterable<Item>,
  mapper: (item: Item, index: number, signal: AbortSignal | undefined) => Result | Promise<Result>,
  options: BoundedMapOptions,
): AsyncIterableIterator<Result> {
  if (source == null || (typeof (source as AsyncIterable<Item>)[Symbol.asyncIterator] !== "function" && typeof (source as Iterable<Item>)[Symbol.iterator] !== "function")) {
    throw new InvalidConfigError("boundedMap: the source must be an iterable or an async iterable, such as paginator.items(input)");
  }
  if (typeof mapper !== "function") throw new InvalidConfigError("boundedMap: the mapper must be a function (item, index, signal) => result");
  const { concurrency, ordered = true, signal } = options ?? ({} as BoundedMapOptions);
  if (typeof concurrency !== "number" || !Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new InvalidConfigError(`boundedMap: concurrency must be a positive integer (the most requests in flight), and it is ${String(concurrency)}`);
  }
  if (typeof ordered !== "boolean") throw new InvalidConfigError("boundedMap: ordered must be true or false");
  if (signal !== undefined && (signal === null || typeof signal.addEventListener !== "function")) {
    throw new InvalidConfigError("boundedMap: signal must be an AbortSignal");
  }

  let inner: AsyncIterator<Result> | undefined;
  let closed = false;
  const start = async (): Promise<AsyncIterator<Result>> => {
    pMapIterable ??= import("p-map").then((module) => module.pMapIterable);
    const map = await pMapIterable;
    inner ??= map(
      source,
      (item: Item, index: number) => {
        // A mapper that would start after the abort does not start.
        if (signal?.aborted) throw signal.reason;
        return mapper(item, index, signal);
      },
      { concurrency, backpressure: concurrency, preserveOrder: ordered },
    )[Symbol.asyncIterator]() as AsyncIterator<Result>;
    return inner;
  };

  // One listener for the whole map, whatever the number of items, removed when the map ends: a
  // long-lived signal shared by many maps must not collect one listener per map.
  let abortedPromise: Promise<never> | undefined;
  let onAbort: (() => void) | undefined;
  const aborted = (): Promise<never> => {
    if (!abortedPromise) {
      abortedPromise = new Promise<never>((_, reject) => {
        if (signal!.aborted) return reject(signal!.reason);
        onAbort = () => reject(signal!.reason);
        signal!.addEventListener("abort", onAbort, { once: true });
      });
      abortedPromise.catch(() => undefined);
    }
    return abortedPromise;
  };
  const release = (): void => {
    if (onAbort) signal!.removeEventListener("abort", onAbort);
    onAbort = undefined;
  };

  const close = async (): Promise<IteratorResult<Result>> => {
    closed = true;
    release();
    await inner?.return?.();
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<Result> = {
    async next(): Promise<IteratorResult<Result>> {
      if (closed) return { value: undefined, done: true };
      if (!signal) return (inner ?? (await start())).next();
      try {
        const result = await Promise.race([(async () => (inner ?? (await start())).next())(), aborted()]);
        if (result.done) {
          closed = true;
          release();
        }
        return result;
      } catch (error) {
        // A mapper's error or the abort ends the map.
        release();
        if (signal.aborted) void close();
        throw error;
      }
    },
    return: close,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
