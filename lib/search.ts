/**
 * boto3's `search`: a JMESPath expression applied to every page, results flattened.
 *
 * The JMESPath library is imported on the first call, so bundlers put it in a chunk of its own
 * and programs that never search do not load it.
 */
import { InvalidConfigError } from "./errors.js";

interface JMESPath {
  search(data: unknown, expression: string): unknown;
  compile(expression: string): unknown;
}

let loaded: Promise<JMESPath> | undefined;

function loadJMESPath(): Promise<JMESPath> {
  loaded ??= import("jmespath").then((module: any) => (typeof module.search === "function" ? module : module.default) as JMESPath);
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
  const jmespath = await loadJMESPath();
  // Fail on a bad expression before the first request, not after it.
  try {
    jmespath.compile(expression);
  } catch (error) {
    throw new InvalidConfigError(`${operation}: "${expression}" is not a valid JMESPath expression: ${(error as Error).message}`, {
      operation,
      cause: error,
    });
  }
  for await (const page of pages) {
    const result = jmespath.search(page, expression);
    if (Array.isArray(result)) yield* result;
    else yield result;
  }
}
