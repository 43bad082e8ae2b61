/**
 * boto3's `search`: a JMESPath expression applied to every page, results flattened; the core's
 * search() (lib/search.ts) loads this module on its first call, or {@link useJMESPath} brings it.
 *
 * The JMESPath library (about 22 KB minified) stays out of bundles: it is loaded on the first
 * search() by a name bundlers do not follow, which Node.js, Deno and Bun resolve from the
 * installed `jmespath` dependency. A bundle that must hold it imports `aws-paginators/jmespath`,
 * which gives the library to {@link useJMESPath} where the bundler can see it.
 */
import { PaginationError, InvalidConfigError } from "./errors.js";
import { checkSearchExpression } from "./search-expression.js";
import { useSearcher, type SearchSource } from "./search.js";
import type { CompiledRule } from "./rule.js";

/**
 * What search() needs of a JMESPath implementation: two functions of the `jmespath` package.
 *
 * @example
 * ```ts
 * import jmespath from "jmespath";
 * const implementation: JMESPath = jmespath;
 * ```
 * @group Reading a listing
 */
export interface JMESPath {
  /** The expression's result on one page. */
  search(data: unknown, expression: string): unknown;
  /**
   * Throws on an expression that is not valid. Optional (the `jmespath` package has it, its
   * `@types` do not declare it); with it, search() fails on a bad expression before its first
   * request: a syntax error, or a function the implementation does not have (found in the
   * compiled tree where it has the `jmespath` package's shape).
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
 * @see [Bundles and browsers](../docs/bundles-and-browsers.md)
 * @group Reading a listing
 */
export function useJMESPath(implementation: JMESPath): void {
  if (typeof implementation?.search !== "function" || (implementation.compile !== undefined && typeof implementation.compile !== "function")) {
    throw new InvalidConfigError('useJMESPath takes an object with search(data, expression) and optionally compile(expression), such as the "jmespath" package');
  }
  loaded = Promise.resolve(implementation);
  useSearcher(searchPages);
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

/**
 * The result key whose items an expression's results are, one to one, when it is a plain
 * projection of one (`Contents[].Key`, `Versions[*]`); -1 when its results cannot be mapped to items.
 */
function projectedKey(expression: string, resultKeys: readonly string[]): number {
  const match = /^\s*([A-Za-z_][\w.]*)\[\*?\](?:\.[A-Za-z_]\w*)*\s*$/.exec(expression);
  return match ? resultKeys.indexOf(match[1]!) : -1;
}

/**
 * The results of `expression` over the pages of `run`, lists flattened. Where the results map one
 * to one to the items of a result key (a plain projection such as `Contents[].Key`, on a page where
 * none of them is null), each result counts as its item delivered, so the run's token goes on right
 * after the last result. Otherwise a page counts as delivered only once all its results were read:
 * breaking out mid-page leaves the token at that page, which a resumed run then returns again
 * (replayed, never skipped).
 */
export async function* searchPages(run: SearchSource, expression: string, compiled: CompiledRule): AsyncGenerator<unknown, void, undefined> {
  const { operation } = compiled;
  const jmespath = await loadJMESPath();
  // Fail on a bad expression before the first request, not after it.
  checkSearchExpression(jmespath, expression, operation);
  const key = projectedKey(expression, compiled.rule.resultKey);
  for (;;) {
    const page = await run.openPage();
    if (page === undefined) return;
    let result: unknown;
    try {
      result = jmespath.search(page, expression);
    } catch (error) {
      // The page is not delivered: its token resumes at it, with the expression mended.
      throw new InvalidConfigError(`${operation}: JMESPath expression "${expression}" failed on a page: ${(error as Error)?.message ?? error}`, {
        operation,
        cause: error,
        resumeToken: run.resumeToken,
      });
    }
    const items = key < 0 ? undefined : compiled.resultKeys[key]!(page);
    const mapped = Array.isArray(result) && Array.isArray(items) && items.length === result.length;
    const values = Array.isArray(result) ? result : [result];
    for (let i = 0; i < values.length; i++) {
      run.throwIfAborted();
      if (mapped) run.took(key);
      // The page's last result read is the whole page read, also when the consumer stops there.
      else if (i === values.length - 1) run.deliverPage();
      yield values[i];
    }
    if (!mapped && values.length === 0) run.deliverPage();
  }
}
