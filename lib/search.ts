/**
 * The core's search(): the expression checked, then the pages handed to the JMESPath search
 * (lib/jmespath-search.ts). That module is loaded on the first search() by a name bundlers do not
 * follow, as the `jmespath` package is, so a bundle that never searches carries neither; in a
 * bundle, `import "aws-paginators/jmespath"` (or a call of `useJMESPath`) brings both.
 */
import { invalidConfig, PaginationError } from "./errors.js";
import type { CompiledRule } from "./rule.js";

/** What search() needs of a run: the page to read next, and where to report what it delivered. */
export interface SearchSource {
  openPage(): Promise<Record<string, unknown> | undefined>;
  /** One item of result key `key` delivered. */
  took(key: number): void;
  /** The open page delivered whole. */
  deliverPage(): void;
  throwIfAborted(): void;
  /** Where the run goes on: given to an error raised on a page's data. */
  readonly resumeToken?: string | undefined;
}

type Searcher = (run: SearchSource, expression: string, compiled: CompiledRule) => AsyncGenerator<unknown, void, undefined>;

// A variable, not a literal, so that bundlers leave the import alone. Relative, so each build
// (ESM, CommonJS, the sources under tsx) loads its own copy.
const MODULE = "./jmespath-search.js";

let searcher: Searcher | undefined;

/** Called by `useJMESPath`. */
export function useSearcher(given: Searcher): void {
  searcher = given;
}

async function loadSearcher(): Promise<Searcher> {
  try {
    return (searcher ??= ((await import(/* webpackIgnore: true */ /* @vite-ignore */ MODULE)) as { searchPages: Searcher }).searchPages);
  } catch (error) {
    throw new PaginationError(
      `search() could not load its JMESPath support (${(error as Error)?.message ?? error}). ` +
        `In a bundle, add import "aws-paginators/jmespath" to your program once, so that the bundler includes it.`,
      { cause: error },
    );
  }
}

/** The results of `expression` over the pages of `run`, lists flattened (see lib/jmespath-search.ts). */
export async function* searchPages(run: SearchSource, expression: string, compiled: CompiledRule): AsyncGenerator<unknown, void, undefined> {
  const { operation } = compiled;
  if (typeof expression !== "string" || expression.trim() === "") {
    invalidConfig(operation, `search() takes a JMESPath expression, such as "Contents[].Key"`, operation);
  }
  yield* (await loadSearcher())(run, expression, compiled);
}
