import { replaceAtPath } from "./expression.js";
import type { CompiledRule } from "./rule.js";

/**
 * boto3's `build_full_result`: one output for a whole run. Lists of every result key are
 * concatenated, numeric result keys (DynamoDB's `Count`) summed, `nonAggregateKeys` taken from
 * the first page, and `NextToken` set to the resume token when the run stopped early.
 *
 * A failure returns nothing of the pages read before it, so the error's `resumeToken` is set back
 * to where this run started (`startToken`): resuming from it loses none of them.
 */
export async function buildFullResult(
  pages: AsyncIterable<Record<string, unknown>>,
  compiled: CompiledRule,
  resumeToken: () => string | undefined,
): Promise<Record<string, unknown>> {
  const startToken = resumeToken();
  try {
    return await aggregate(pages, compiled, resumeToken);
  } catch (error) {
    // The run defined the token as a writable property on the error it rejects with.
    if (error !== null && typeof error === "object" && typeof (error as { resumeToken?: unknown }).resumeToken === "string") {
      (error as { resumeToken: string | undefined }).resumeToken = startToken;
    }
    throw error;
  }
}

async function aggregate(
  pages: AsyncIterable<Record<string, unknown>>,
  compiled: CompiledRule,
  resumeToken: () => string | undefined,
): Promise<Record<string, unknown>> {
  const { rule, resultKeys } = compiled;
  const totals: unknown[] = rule.resultKey.map(() => undefined);
  let first: Record<string, unknown> | undefined;
  for await (const page of pages) {
    first ??= page;
    for (let i = 0; i < resultKeys.length; i++) {
      const value = resultKeys[i]!(page);
      if (value === undefined || value === null) continue;
      const total = totals[i];
      if (Array.isArray(value)) {
        if (Array.isArray(total)) for (const item of value) total.push(item);
        else totals[i] = [...value];
      } else if (typeof value === "number" && typeof total === "number") {
        totals[i] = total + value;
      } else if (typeof value === "string" && typeof total === "string") {
        totals[i] = total + value;
      } else if (total === undefined) {
        totals[i] = value;
      }
    }
  }
  let result: Record<string, unknown> = {};
  (rule.nonAggregateKeys ?? []).forEach((key, i) => {
    const value = first && compiled.nonAggregateKeys[i]!(first);
    if (value !== undefined) result = replaceAtPath(result, key, value);
  });
  for (let i = 0; i < rule.resultKey.length; i++) {
    if (totals[i] !== undefined) result = replaceAtPath(result, rule.resultKey[i]!, totals[i]);
  }
  const token = resumeToken();
  if (token !== undefined) result.NextToken = token;
  return result;
}
