/**
 * A search() expression checked before the run's first request: its syntax, and the functions it
 * names. JMESPath implementations parse an unknown function without complaint and fail only when
 * they evaluate it, which may be never (`Contents[].foo(Key)` on a page with no `Contents`), or
 * late: after pages were fetched and results yielded.
 */
import { InvalidConfigError } from "./errors.js";
import type { JMESPath } from "./jmespath-search.js";

/**
 * The function names in a compiled expression. The `jmespath` package compiles to nodes
 * `{ type: "Function", name, children }`; the walk takes any tree of that shape and finds nothing
 * in one that is not, so another implementation's functions are left to it.
 */
function functionNames(tree: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(tree)) {
    for (const node of tree) functionNames(node, names);
  } else if (tree !== null && typeof tree === "object") {
    const node = tree as { type?: unknown; name?: unknown };
    if (node.type === "Function" && typeof node.name === "string") names.add(node.name);
    for (const value of Object.values(tree)) if (value !== null && typeof value === "object") functionNames(value, names);
  }
  return names;
}

/**
 * Whether the implementation has a function of that name. It is asked, not a list: an
 * implementation may add functions of its own. Calling the function with no arguments fails
 * either way (every JMESPath function takes one or more), and only an unknown one fails as
 * "Unknown function"; a failure worded otherwise counts as known, leaving the rest to the page.
 */
function hasFunction(jmespath: JMESPath, name: string): boolean {
  try {
    jmespath.search(null, `${name}()`);
    return true;
  } catch (error) {
    return !/unknown function/i.test(String((error as Error)?.message ?? error));
  }
}

/**
 * Throws an {@link InvalidConfigError} naming the expression when it does not compile or calls a
 * function the implementation does not have.
 */
export function checkSearchExpression(jmespath: JMESPath, expression: string, operation: string): void {
  let compiled: unknown;
  try {
    compiled = jmespath.compile?.(expression);
  } catch (error) {
    throw new InvalidConfigError(`${operation}: "${expression}" is not a valid JMESPath expression: ${(error as Error).message}`, {
      operation,
      cause: error,
    });
  }
  const unknown = [...functionNames(compiled)].filter((name) => !hasFunction(jmespath, name));
  if (unknown.length > 0) {
    throw new InvalidConfigError(
      `${operation}: "${expression}" is not a valid JMESPath expression: it calls ${unknown.map((name) => `${name}()`).join(", ")}, ` +
        `which JMESPath does not have (its functions include length(), contains(), starts_with(), sort_by(), to_string())`,
      { operation },
    );
  }
}
