/**
 * `import "aws-paginators/jmespath"`: puts the `jmespath` package into a bundle for search().
 *
 * search() loads JMESPath by a name bundlers do not follow, so that the programs that never search
 * do not carry its 22 KB. A bundled program that does search imports this module once; it has no
 * exports, only the effect of giving the library to search().
 *
 * @example
 * ```ts
 * import "aws-paginators/jmespath";
 * ```
 *
 * @packageDocumentation
 */
import * as jmespath from "jmespath";
import { jmespathOf, useJMESPath } from "./jmespath-search.js";

useJMESPath(jmespathOf(jmespath));
