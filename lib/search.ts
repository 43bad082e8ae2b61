/**
 * boto3's `search`: a JMESPath expression applied to every page, results flattened.
 *
 * The JMESPath library (about 22 KB minified) stays out of bundles: it is loaded on the first
 * search() by a name bundlers do not follow, which Node.js, Deno and Bun resolve from the
 * installed `jmespath` dependency. A bundle that must hold it imports `aws-paginators/jmespath`,
 * which gives the library to {@link useJMESPath} where the bundler can see it.
 */
import { PaginationError, InvalidConfigError, invalidConfig } from "./errors.js";

/**
 * What search() needs of a JMESPath implementation: two functions of the `jmespath` package.
 *
 * @example
 * ```ts
 * import jmespath from "jmespath";
 * const implementation: JMESPath = jmespath;
 * ```
 */
export interface JMESPath {
  /** The expression's result on one page. */
  search(data: unknown, expression: string): unknown;
  /**
   * Throws on an expression that is not valid. Optional (the `jmespath` package has it, its
   * `@types` do not declare it); with it, search() fails on a bad expression before its first request.
   */
  compile?(expression: string): unknown;
}

// A variable, not a literal, so that bundlers leave the import alone (as the tables do with their
// client packages).
const PACKAGE = "jmespath";

let loaded: Promise<JMESPath> | undefined;

/**
 * Makes every search() use this JMESPath implementation instead of loading the `jmespath` package
 * itself. `import "aws-paginators/jmespath"` calls it with that package; call it yourself to bundle
 * the library your own way or to use another implementation with the same two functions.
 *
 * @example
 * ```ts
 * import jmespath from "jmespath";
 * import { useJMESPath } from "aws-paginators";
 *
 * useJMESPath(jmespath);
 * ```
 */
export function useJMESPath(implementation: JMESPath): void {
  if (typeof implementation?.search !== "function" || (implementation.compile !== undefined && typeof implementation.compile !== "function")) {
    throw new InvalidConfigError('useJMESPath takes an object with search(data, expression) and optionally compile(expression), such as the "jmespath" package');
  }
  loaded = Promise.resolve(implementation);
}

/**
 * The implementation in the `jmespath` package as an import gives it: its exports, or under
 * `default` where CommonJS interop wraps them.
 *
 * @internal
 */
export function jmespathOf(module: any): JMESPath {
  return typeof module?.search === "function" ? module : module?.default;
}

function loadJMESPath(): Promise<JMESPath> {
  if (loaded) return loaded;
  const loading: Promise<JMESPath> = import(/* webpackIgnore: true */ /* @vite-ignore */ PACKAGE).then(jmespathOf, (error: unknown) => {
    // Let a later search() try again, unless useJMESPath has given an implementation meanwhile.
    if (loaded === loading) loaded = undefined;
    throw new PaginationError(
      `search() could not load the "jmespath" package (${(error as Error)?.message ?? error}). ` +
        `In a bundle, add import "aws-paginators/jmespath" to your program once, so that the bundler includes it; ` +
        `otherwise install jmespath beside aws-paginators.`,
      { cause: error },
    );
  });
  loaded = loading;
  return loading;
}

export async function* searchPages(
  pages: AsyncIterable<unknown>,
  expression: string,
  operation: string,
): AsyncGenerator<unknown, void, undefined> {
  if (typeof expression !== "string" || expression.trim() === "") {
    invalidConfig(operation, `search() takes a JMESPath expression, such as "Contents[].Key"`, operation);
  }
  const jmespath = await loadJMESPath();
  // Fail on a bad expression before the first request, not after it.
  try {
    jmespath.compile?.(expression);
  } catch (error) {
    throw new InvalidConfigError(`${operation}: "${expression}" is not a valid JMESPath expression: ${(error as Error).message}`, {
      operation,
      cause: error,
    });
  }
  for await (const page of pages) {
    let result: unknown;
    try {
      result = jmespath.search(page, expression);
    } catch (error) {
      throw new InvalidConfigError(`${operation}: JMESPath expression "${expression}" failed on a page: ${(error as Error)?.message ?? error}`, {
        operation,
        cause: error,
      });
    }
    if (Array.isArray(result)) yield* result;
    else yield result;
  }
}
