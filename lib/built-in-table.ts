import type { PaginatorRule, RuleSpec } from "./rule.js";
import type { CommandLoader, PaginatorTable } from "./table.js";

/**
 * A built-in table, from its rules as written: lists made of single strings, everything frozen,
 * as `defineTable` leaves them, but without its checks. A built-in is in every bundle that names
 * it, and `defineTable`'s checks and messages (about 2 KB minified) serve tables users write; the
 * built-ins are checked instead by a spec (tables.spec.ts: each equals `defineTable`'s result),
 * as the generated tables are checked when they are built.
 */
export function builtInTable<const Rules extends Record<string, RuleSpec>, Module>(
  service: string,
  rules: Rules,
  commands: CommandLoader<Module>,
): PaginatorTable<Rules, Module> {
  const list = (value: string | readonly string[]) => Object.freeze(typeof value === "string" ? [value] : value);
  const normalized: Record<string, PaginatorRule> = {};
  for (const [operation, { inputToken, outputToken, resultKey, nonAggregateKeys, urlEncodedTokens, ...rest }] of Object.entries(rules)) {
    normalized[operation] = Object.freeze({
      inputToken: list(inputToken),
      outputToken: list(outputToken),
      resultKey: list(resultKey),
      ...rest,
      ...(nonAggregateKeys ? { nonAggregateKeys: list(nonAggregateKeys) } : {}),
      ...(urlEncodedTokens ? { urlEncodedTokens: list(urlEncodedTokens) } : {}),
    });
  }
  return Object.freeze({ service, rules: Object.freeze(normalized) as PaginatorTable<Rules, Module>["rules"], commands });
}
