/**
 * boto3's `search`: a JMESPath expression applied to every page, results flattened.
 *
 * The JMESPath library is imported on the first call, so bundlers put it in a chunk of its own
 * and programs that never search do not load it.
 */
import { InvalidConfigError } from "./errors.js";

type Search = (data: unknown, expression: string) => unknown;

let loaded: Promise<Search> | undefined;

function loadSearch(): Promise<Search> {
  loaded ??= import("jmespath").then((module: any) => (module.search ?? module.default.search) as Search);
  return loaded;
}

export async function* searchPages(
  pages: AsyncIterable<unknown>,
  expression: string,
  operation: string,
): AsyncGenerator<unknown, void, undefined> {
  if (typeof expression !== "string" || expression.trim() === "") {
    throw new InvalidConfigError(`${operation}: search() takes a JMESPath expression, such as "Contents[].Key"`, { operation });
  }
  const search = await loadSearch();
  // Fail on a bad expression before the first request, not after it.
  try {
    search({}, expression);
  } catch (error) {
    throw new InvalidConfigError(`${operation}: "${expression}" is not a valid JMESPath expression: ${(error as Error).message}`, {
      operation,
      cause: error,
    });
  }
  for await (const page of pages) {
    const result = search(page, expression);
    if (Array.isArray(result)) yield* result;
    else yield result;
  }
}
