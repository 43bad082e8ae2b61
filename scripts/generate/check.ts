/**
 * Checks one rule against the client package it is for, reading the request and response types
 * the package ships: every input token is a member of the request; every output token, the
 * `moreResults` flag and every non-aggregate key is a path that exists in the response; the limit
 * key is a number member of the request (or a string one, stated by `limitKeyType: "string"`);
 * the primary result key is a list, and every other result key a list or a number (a count that
 * `buildFullResult` sums, as boto3 does). Returns what is wrong, one sentence each.
 */
import type { Rule } from "./merge.js";
import type { Member, V3Client } from "./read-v3.js";

/** What a member's type is, as far as paging cares. */
export type Kind = "list" | "map" | "number" | "string" | "boolean" | "structure" | "other";

export function kindOf(type: string, client: V3Client): Kind {
  if (/\[\]$/.test(type) || /^(readonly )?Array</.test(type)) return "list";
  if (/^(Partial<)?Record</.test(type)) return "map";
  if (type === "number") return "number";
  if (type === "string") return "string";
  if (type === "boolean") return "boolean";
  if (/^\w+$/.test(type) && client.members(type) !== undefined) return "structure";
  return "other";
}

const elementOf = (type: string) => type.replace(/\[\]$/, "").replace(/^(readonly )?Array<(.*)>$/, "$2").replace(/^\((.*)\)$/, "$1");

/**
 * The type at a path (`A`, `A.B`, `A[-1].B`, alternatives joined by `||`, each checked) in a
 * shape, or the reason it does not exist.
 */
export function typeAt(client: V3Client, shape: string, expression: string): { type: string } | { missing: string } {
  let found: { type: string } | { missing: string } = { missing: `empty expression ${JSON.stringify(expression)}` };
  for (const alternative of expression.split("||").map((part) => part.trim())) {
    let type: string | undefined = shape;
    for (const step of alternative.match(/[A-Za-z_][\w]*|\[-?\d+\]/g) ?? []) {
      if (step.startsWith("[")) {
        if (!/\[\]$|^(readonly )?Array</.test(type!)) return { missing: `${alternative}: ${step} indexes ${type}, not a list` };
        type = elementOf(type!);
        continue;
      }
      const members: Member[] | undefined = client.members(type!);
      const member: Member | undefined = members?.find((candidate) => candidate.name === step);
      if (!member) return { missing: `${alternative}: ${type} has no member ${step}` };
      type = member.type;
    }
    found = { type: type! };
  }
  return found;
}

export function checkRule(client: V3Client, operation: string, rule: Rule): string[] {
  const { input, output } = client.shapesOf(operation);
  if (!input || !output) return [`the client package declares no request or response type for ${operation}`];
  const problems: string[] = [];
  const inputMembers = client.members(input) ?? [];
  for (const token of rule.inputToken) {
    if (!inputMembers.some((member) => member.name === token)) problems.push(`the request (${input}) has no input token ${token}`);
  }
  const paths = [...rule.outputToken.map((path) => ["output token", path]), ...(rule.moreResults ? [["moreResults", rule.moreResults]] : []), ...(rule.nonAggregateKeys ?? []).map((path) => ["non-aggregate key", path])];
  for (const [what, path] of paths) {
    const found = typeAt(client, output, path!);
    if ("missing" in found) problems.push(`the ${what} ${path} is not in the response (${output}): ${found.missing}`);
  }
  if (rule.limitKey !== undefined) {
    const limit = inputMembers.find((member) => member.name === rule.limitKey);
    const kind = limit && kindOf(limit.type, client);
    if (!limit) problems.push(`the request (${input}) has no limit key ${rule.limitKey}`);
    else if (kind === "string" ? rule.limitKeyType !== "string" : kind !== "number") problems.push(`the limit key ${rule.limitKey} is a ${limit.type}${kind === "string" ? ` but the rule does not say limitKeyType: "string"` : ", not a number"}`);
  }
  rule.resultKey.forEach((path, index) => {
    const found = typeAt(client, output, path);
    if ("missing" in found) return void problems.push(`the result key ${path} is not in the response (${output}): ${found.missing}`);
    const kind = kindOf(found.type, client);
    if (kind !== "list" && (index === 0 || kind !== "number")) problems.push(`the ${index === 0 ? "primary " : ""}result key ${path} is a ${found.type}, not a list${index === 0 ? "" : " or a count"}`);
  });
  return problems;
}
