/**
 * Every error this library raises is a {@link PaginationError}; each kind has its own class and
 * `name`, so callers can branch on `instanceof` or on `error.name` (which survives a second copy
 * of the library and structured cloning).
 */

/**
 * Options shared by the error constructors.
 *
 * @example
 * ```ts
 * new PaginationAbortedError("ListObjectsV2: the run was aborted", { operation: "ListObjectsV2", resumeToken, cause: signal.reason });
 * ```
 */
export interface PaginationErrorOptions {
  /** The operation, in PascalCase, when the error concerns one. */
  operation?: string;
  /** A token that resumes the run at the page that did not complete. */
  resumeToken?: string;
  /** The error that caused this one (the SDK's error, an abort reason). */
  cause?: unknown;
}

/**
 * Base class of every error the library raises.
 *
 * @example
 * ```ts
 * try {
 *   for await (const page of paginator.paginate({ Bucket })) use(page);
 * } catch (error) {
 *   if (error instanceof PaginationError && error.resumeToken) save(error.resumeToken);
 *   else throw error;
 * }
 * ```
 */
export class PaginationError extends Error {
  /**
   * The error's kind: `"PaginationError"` here, and each subclass's own class name. Unlike
   * `instanceof`, it also works across two copies of the library and after structured cloning.
   *
   * @example
   * ```ts
   * if (error instanceof Error && error.name === "RepeatedTokenError") console.warn(error.message);
   * ```
   */
  override name = "PaginationError";
  /**
   * The operation, in PascalCase, when the error concerns one.
   *
   * @example
   * ```ts
   * console.error(`${error.operation} failed`); // "ListObjectsV2 failed"
   * ```
   */
  readonly operation: string | undefined;
  /**
   * Where the run can go on from: pass it as `startingToken`. Undefined when it cannot.
   *
   * @example
   * ```ts
   * if (error.resumeToken) paginator.paginate({ Bucket }, { startingToken: error.resumeToken });
   * ```
   */
  readonly resumeToken: string | undefined;

  /**
   * The library raises its errors itself; construct one only to stand in for it, in a test or a
   * stub client.
   *
   * @param message - What went wrong, for people.
   * @param options - The operation, the resume token and the cause, as the library sets them.
   *
   * @example
   * ```ts
   * const error = new PageRequestError("ListObjectsV2: the page request failed", { operation: "ListObjectsV2", cause: new Error("503") });
   * ```
   */
  constructor(message: string, options: PaginationErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.operation = options.operation;
    this.resumeToken = options.resumeToken;
  }
}

/**
 * The client has no paginator for that name. The message lists the nearest valid names.
 *
 * @example
 * ```ts
 * s3.getPaginator("listObject"); // OperationNotPageableError: … Did you mean listObjects, listObjectsV2?
 * ```
 */
export class OperationNotPageableError extends PaginationError {
  override name = "OperationNotPageableError";
  /**
   * The nearest operation names the table does have, in camelCase, nearest first.
   *
   * @example
   * ```ts
   * catch (error) {
   *   if (error instanceof OperationNotPageableError) console.log(error.suggestions); // [ 'listObjects', 'listObjectsV2' ]
   * }
   * ```
   */
  readonly suggestions: readonly string[];

  /**
   * Raised by `getPaginator()`; construct one only to stand in for it in a test.
   *
   * @param message - What went wrong, with the nearest names.
   * @param suggestions - The nearest operation names, in camelCase.
   * @param options - As for {@link PaginationError}.
   *
   * @example
   * ```ts
   * new OperationNotPageableError('S3 has no paginator named "listObject"', ["listObjects", "listObjectsV2"]);
   * ```
   */
  constructor(message: string, suggestions: readonly string[], options?: PaginationErrorOptions) {
    super(message, options);
    this.suggestions = suggestions;
  }
}

/**
 * A page returned a token the run had already sent: without this check the run would loop
 * forever. With `onRepeatedToken: "stop"` the run ends quietly instead.
 *
 * @example
 * ```ts
 * paginator.paginate(input, { onRepeatedToken: "stop" });
 * ```
 */
export class RepeatedTokenError extends PaginationError {
  override name = "RepeatedTokenError";
}

/**
 * The service said there are more results (`IsTruncated: true`) but sent no token to get them.
 * Stopping quietly would drop the rest of the listing, so the run fails instead.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof MissingTokenError) report(error.operation); }
 * ```
 */
export class MissingTokenError extends PaginationError {
  override name = "MissingTokenError";
}

/**
 * A paginator option or a table entry is wrong: the message names the option and how to fix it.
 * Raised before any request is sent.
 *
 * @example
 * ```ts
 * paginator.paginate({ Bucket }, { pageSize: 0 }); // InvalidConfigError: pageSize must be a positive integer…
 * ```
 */
export class InvalidConfigError extends PaginationError {
  override name = "InvalidConfigError";
}

/**
 * A `startingToken` that this library did not issue for this operation, or that was cut short or
 * edited.
 *
 * @example
 * ```ts
 * paginator.paginate({ Bucket }, { startingToken: "abc" }); // InvalidStartingTokenError
 * ```
 */
export class InvalidStartingTokenError extends PaginationError {
  override name = "InvalidStartingTokenError";
}

/**
 * A page request failed (after the SDK's own retries). `cause` is the SDK's error, so
 * `$metadata` and the throttling status stay visible; `resumeToken` fetches exactly that page
 * again.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof PageRequestError) console.log(error.cause, error.resumeToken);
 * }
 * ```
 */
export class PageRequestError extends PaginationError {
  override name = "PageRequestError";
}

/**
 * The run's `abortSignal` fired. `cause` is the signal's reason; `resumeToken` points at the first
 * page not yet returned.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * paginator.paginate({ Bucket }, { abortSignal: controller.signal });
 * ```
 */
export class PaginationAbortedError extends PaginationError {
  override name = "PaginationAbortedError";
}

/**
 * Throws an {@link InvalidConfigError} about `where` (an operation, a table entry): the one way
 * the checks report, so each check spells only its own words and a bundle carries the rest once.
 */
export function invalidConfig(where: string, problem: string, operation?: string): never {
  throw new InvalidConfigError(`${where}: ${problem}`, { operation });
}
