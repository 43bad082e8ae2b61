import type { Run } from "./run.js";

/**
 * An async iterator over a listing that also tells where it stopped: after a `break`, an error
 * or an abort, `resumeToken` goes on from there (pass it as `startingToken`); it is undefined once
 * the listing is complete. What `pages()`, `items()` and `search()` return.
 *
 * @example
 * ```ts
 * const objects = paginator.items({ Bucket });
 * for await (const object of objects) if (object.Key === "stop-here") break;
 * const rest = paginator.items({ Bucket }, { startingToken: objects.resumeToken });
 * ```
 * @see [Semantics and resume tokens](../docs/semantics-and-resume-tokens.md)
 * @group Reading a listing
 */
export interface ResumableIterator<T> extends AsyncIterableIterator<T> {
  /** Where the iteration stopped; undefined once the listing is complete. */
  readonly resumeToken: string | undefined;
}

/** Gives an iterator its run's `resumeToken`. */
export function resumable<T>(iterator: AsyncIterableIterator<T>, run: Run): ResumableIterator<T> {
  return Object.defineProperty(iterator, "resumeToken", { get: () => run.resumeToken, enumerable: true }) as ResumableIterator<T>;
}
