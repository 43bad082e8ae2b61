/**
 * Every error this library raises is a {@link PaginationError}; each kind has its own class and
 * `name`, so callers can branch on `instanceof` or on `error.name` (which also survives
 * structured cloning).
 *
 * `instanceof` holds across copies of the library: an app that `import`s it and a dependency that
 * `require`s it load two copies (the ESM and the CommonJS build), each with its own classes. So
 * every class marks its instances with a `Symbol.for("aws-paginators.<name>")` key, which all
 * copies share, and its `Symbol.hasInstance` looks for that mark.
 */

/** Where a class keeps the key that marks its instances. */
const BRAND = Symbol.for("aws-paginators.brand");

/** Marks the instances of `errorClass`, in every copy of the library, as being of the kind `name`. */
function brand(errorClass: Function, name: string): void {
  const key = Symbol.for(`aws-paginators.${name}`);
  Object.defineProperty(errorClass, BRAND, { value: key });
  Object.defineProperty(errorClass.prototype, key, { value: true });
}

/**
 * Options shared by the error constructors.
 *
 * @example
 * ```ts
 * new PaginationAbortedError("ListObjectsV2: the run was aborted", { operation: "ListObjectsV2", resumeToken, cause: signal.reason });
 * ```
 * @group Errors
 */
export interface PaginationErrorOptions {
  /** The operation, in PascalCase, when the error concerns one. */
  operation?: string | undefined;
  /** A token that resumes the run at the page that did not complete. */
  resumeToken?: string | undefined;
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
 * @see [Errors](../docs/errors.md)
 * @group Errors
 */
export class PaginationError extends Error {
  static {
    brand(this, "PaginationError");
  }

  /**
   * `error instanceof PaginationError` (or any subclass) is true for that class's errors from any
   * copy of the library, not only this one; a class of your own that extends one of these is
   * checked as usual.
   *
   * @example
   * ```ts
   * // A dependency require()s aws-paginators, the app import()s it: still the same classes.
   * try {
   *   for await (const page of paginator.paginate({ Bucket })) use(page);
   * } catch (error) {
   *   if (error instanceof RepeatedTokenError) console.warn(error.message);
   * }
   * ```
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // Only the library's own classes have a mark: a subclass of yours is not one of them.
    const key: unknown = Object.hasOwn(this, BRAND) ? (this as unknown as Record<symbol, unknown>)[BRAND] : undefined;
    return typeof key === "symbol" && typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[key] === true;
  }

  /**
   * The error's kind: `"PaginationError"` here, and each subclass's own class name. Unlike
   * `instanceof`, it also works after structured cloning (`postMessage`, a worker's error).
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
 * // @ts-expect-error: a name the table lacks is a compile error too, where the name is a literal
 * s3.getPaginator("listObject"); // OperationNotPageableError: … Did you mean listObjects, listObjectsV2?
 * ```
 * @group Errors
 */
export class OperationNotPageableError extends PaginationError {
  static {
    brand(this, "OperationNotPageableError");
  }

  override name = "OperationNotPageableError";
  /**
   * The nearest operation names the table does have, in camelCase, nearest first.
   *
   * @example
   * ```ts
   * if (error instanceof OperationNotPageableError) console.log(error.suggestions); // [ 'listObjects', 'listObjectsV2' ]
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
 * @group Errors
 */
export class RepeatedTokenError extends PaginationError {
  static {
    brand(this, "RepeatedTokenError");
  }

  override name = "RepeatedTokenError";
}

/**
 * The service said there are more results (`IsTruncated: true`) but sent no token to get them.
 * Stopping quietly would drop the rest of the listing, so the run fails instead.
 *
 * @example
 * ```ts
 * if (error instanceof MissingTokenError) report(error.operation);
 * ```
 * @group Errors
 */
export class MissingTokenError extends PaginationError {
  static {
    brand(this, "MissingTokenError");
  }

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
 * @group Errors
 */
export class InvalidConfigError extends PaginationError {
  static {
    brand(this, "InvalidConfigError");
  }

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
 * @group Errors
 */
export class InvalidStartingTokenError extends PaginationError {
  static {
    brand(this, "InvalidStartingTokenError");
  }

  override name = "InvalidStartingTokenError";
}

/**
 * A page request failed with something that cannot carry a resume token itself: a thrown string,
 * a frozen object, a value that is not an `Error`, or an output that is not an object. `cause` is
 * what was thrown. A failed request that throws an `Error` (every SDK error) is rethrown as that
 * error itself, with `resumeToken` and `operation` added (see {@link isResumable}).
 *
 * @example
 * ```ts
 * if (error instanceof PageRequestError) console.log(error.cause, error.resumeToken);
 * ```
 * @group Errors
 */
export class PageRequestError extends PaginationError {
  static {
    brand(this, "PageRequestError");
  }

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
 * @group Errors
 */
export class PaginationAbortedError extends PaginationError {
  static {
    brand(this, "PaginationAbortedError");
  }

  override name = "PaginationAbortedError";
}

/**
 * What a failed or aborted run adds to the error it rejects with: where to go on from, and the
 * operation that failed.
 *
 * @example
 * ```ts
 * function checkpoint(error: Error & Resumable) {
 *   console.log(`${error.operation} failed; resume with startingToken ${error.resumeToken}`);
 * }
 * ```
 *
 * @group Errors
 */
export interface Resumable {
  /** Pass as `startingToken` to refetch the page that failed and go on from there. */
  readonly resumeToken: string;
  /** The operation, in PascalCase. */
  readonly operation: string;
}

/**
 * Whether an error carries a resume token: the SDK's own error from a failed page request (which
 * keeps its class, `name` and `$metadata`), or one of the library's errors that has one.
 *
 * @example
 * ```ts
 * try {
 *   for await (const object of paginator.items({ Bucket })) use(object);
 * } catch (error) {
 *   if (error instanceof NoSuchBucket) console.warn(`no bucket ${Bucket}`); // the SDK's own class
 *   else if (isResumable(error)) save(error.resumeToken);
 *   else throw error;
 * }
 * ```
 *
 * @group Errors
 */
export function isResumable(error: unknown): error is Error & Resumable {
  if (error === null || typeof error !== "object") return false;
  const { resumeToken, operation } = error as Partial<Resumable>;
  return typeof resumeToken === "string" && typeof operation === "string";
}

function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
}

/**
 * The error a failed page request rejects with: the thrown error itself, with `resumeToken` and
 * `operation` defined on it (not enumerable, so logging and serializing it are unchanged), so
 * that `instanceof`, `name` and `$metadata` keep working as the SDK documents them. What cannot
 * carry them (not an `Error`, or not extensible) is wrapped in a {@link PageRequestError}.
 *
 * @internal
 */
export function requestFailure(thrown: unknown, operation: string, resumeToken: string | undefined): unknown {
  if (isError(thrown) && Object.isExtensible(thrown) && !(thrown instanceof PaginationAbortedError)) {
    try {
      for (const [key, value] of [["resumeToken", resumeToken], ["operation", operation]] as const) {
        Object.defineProperty(thrown, key, { value, configurable: true, writable: true, enumerable: false });
      }
      return thrown;
    } catch {
      // A property that cannot be redefined: fall through to the wrapper.
    }
  }
  const message = isError(thrown) ? thrown.message : String(thrown);
  return new PageRequestError(`${operation}: the page request failed: ${message}`, { operation, resumeToken, cause: thrown });
}

/**
 * Throws an {@link InvalidConfigError} about `where` (an operation, a table entry): the one way
 * the checks report, so each check spells only its own words and a bundle carries the rest once.
 */
export function invalidConfig(where: string, problem: string, operation?: string): never {
  throw new InvalidConfigError(`${where}: ${problem}`, { operation });
}
