/**
 * One rule per paginated operation of a client, from the sources in this order of precedence:
 *
 * 1. `overrides.json`, hand-written, one reason per entry (what no source says, or says wrong);
 * 2. aws-sdk v2's paginators.json (boto3's format): tokens (several, or expressions), the
 *    `more_results` flag, the limit member, result keys and their order;
 * 3. the v3 package's createPaginator calls: the token pair and the page-size member;
 * 4. the v3 package's types, for what is still missing: the result key, where the response has
 *    one candidate (a list or a map) besides its tokens and it is a list, and operations no source
 *    paginates whose request and response carry a token pair.
 *
 * A result key is never guessed among several candidates: without a source, the operation is
 * left out. Every rule is checked against the v3 request and response types (check.ts); a rule
 * failing its check is left out, and the report says why.
 */
import { asList, type BotoRule, type V2Service } from "./read-v2.js";
import { checkRule, kindOf } from "./check.js";
import type { Member, V3Client } from "./read-v3.js";

export interface Rule {
  inputToken: string[];
  outputToken: string[];
  moreResults?: string;
  limitKey?: string;
  limitKeyType?: "string";
  resultKey: string[];
  nonAggregateKeys?: string[];
  endOnEchoedToken?: true;
}

export type Source = "override" | "v2" | "v3" | "types";

export interface Override extends Partial<Rule> {
  readonly reason: string;
  readonly skip?: boolean;
}

export interface Merged {
  readonly rules: Map<string, Rule>;
  /** Where each rule's fields came from, for the report. */
  readonly sources: Map<string, Source[]>;
  /** Operations left out, and why. */
  readonly dropped: { operation: string; reason: string }[];
  /** Where the limit key came from, per operation, for the report. */
  readonly limitSources: Map<string, string>;
  /** Where each rule's result keys came from: an override, aws-sdk v2, or the response's one list. */
  readonly resultSources: Map<string, Source>;
  /** Where each rule's tokens came from. */
  readonly tokenSources: Map<string, Source>;
  /** Operations whose response has several candidate item members, and the source that said which (none: left out). */
  readonly ambiguous: { operation: string; candidates: string[]; settledBy: Source | undefined }[];
}

const list = (value: string | string[] | undefined): string[] | undefined => (value === undefined ? undefined : asList(value));

const TOKEN_PAIRS: [string, string[]][] = [
  ["NextToken", ["NextToken"]],
  ["nextToken", ["nextToken"]],
  ["Marker", ["NextMarker", "Marker"]],
  ["marker", ["nextMarker", "marker"]],
  ["PageToken", ["NextPageToken", "PageToken"]],
  ["pageToken", ["nextPageToken", "pageToken"]],
  ["ContinuationToken", ["NextContinuationToken", "ContinuationToken"]],
  ["PaginationToken", ["PaginationToken", "NextPaginationToken"]],
  ["paginationToken", ["paginationToken", "nextPaginationToken"]],
  ["StartingToken", ["NextToken"]],
  // API Gateway v1 pages by `position`, and the SDK generates no paginator for most of its lists.
  ["position", ["position"]],
];
const LIMITS = ["MaxResults", "maxResults", "MaxItems", "maxItems", "MaxRecords", "Limit", "limit", "PageSize", "pageSize", "MaxKeys", "MaxEntries", "maxPageSize", "MaxPageSize"];
export function merge(client: V3Client, v2: V2Service | undefined, overrides: Readonly<Record<string, Override>>): Merged {
  const rules = new Map<string, Rule>();
  const sources = new Map<string, Source[]>();
  const dropped: Merged["dropped"] = [];
  const ambiguous: Merged["ambiguous"] = [];
  const limitSources = new Map<string, string>();
  const resultSources = new Map<string, Source>();
  const tokenSources = new Map<string, Source>();
  const candidates = new Set<string>([...client.paginators.keys(), ...Object.keys(v2?.paginators ?? {}), ...Object.keys(overrides)]);
  // Operations no source paginates, whose request and response carry a token pair.
  for (const operation of client.operations) {
    if (candidates.has(operation)) continue;
    const { input, output } = client.shapesOf(operation);
    const inputs = new Set((input && client.members(input)?.map((member) => member.name)) ?? []);
    const outputs = client.members(output ?? "") ?? [];
    const pair = TOKEN_PAIRS.find(([token, nexts]) => inputs.has(token) && nexts.some((next) => outputs.some((member) => member.name === next && !member.list)));
    if (pair && outputs.some((member) => member.list)) candidates.add(operation);
  }

  for (const operation of [...candidates].sort()) {
    const override = overrides[operation];
    if (override?.skip) {
      dropped.push({ operation, reason: `override: ${override.reason}` });
      continue;
    }
    if (!client.operations.has(operation)) {
      dropped.push({ operation, reason: `the installed client package has no ${operation}Command` });
      continue;
    }
    const { input, output } = client.shapesOf(operation);
    const inputMembers = (input && client.members(input)) || [];
    const outputMembers = (output && client.members(output)) || [];
    const inputNames = new Set(inputMembers.map((member) => member.name));
    const used: Source[] = [];
    const boto: BotoRule | undefined = v2?.paginators[operation];
    const v3 = client.paginators.get(operation);

    let tokenSource: Source = override?.inputToken ? "override" : boto?.input_token ? "v2" : "v3";
    let inputToken = list(override?.inputToken) ?? list(boto?.input_token) ?? (v3 ? [v3.inputToken] : undefined);
    let outputToken = list(override?.outputToken) ?? list(boto?.output_token) ?? (v3 ? [v3.outputToken] : undefined);
    if (!inputToken || !outputToken) {
      const pair = TOKEN_PAIRS.find(([token]) => inputNames.has(token));
      const next = pair?.[1].find((name) => outputMembers.some((member) => member.name === name && !member.list));
      if (pair && next) {
        inputToken = [pair[0]];
        outputToken = [next];
        tokenSource = "types";
        used.push("types");
      }
    }
    if (!inputToken || !outputToken) {
      dropped.push({ operation, reason: "no source names its tokens" });
      continue;
    }
    // A v2 rule for an operation the v3 client pages with other members is out of date.
    if (boto && !override?.inputToken && !inputToken.every((name) => inputNames.has(name)) && v3) {
      inputToken = [v3.inputToken];
      outputToken = [v3.outputToken];
      tokenSource = "v3";
    }
    if (override) used.push("override");
    if (boto) used.push("v2");
    if (v3) used.push("v3");

    let limitKey = override?.limitKey ?? boto?.limit_key ?? v3?.limitKey;
    limitSources.set(operation, override?.limitKey ? "overrides.json" : boto?.limit_key ? "aws-sdk v2" : v3?.limitKey ? "the v3 client's own paginator" : "the request type");
    if (limitKey === undefined) limitKey = LIMITS.find((name) => inputNames.has(name) && /number|string/.test(inputMembers.find((member) => member.name === name)!.type));
    if (limitKey !== undefined && !inputNames.has(limitKey)) limitKey = v3?.limitKey && inputNames.has(v3.limitKey) ? v3.limitKey : undefined;
    const limitType = limitKey && inputMembers.find((member) => member.name === limitKey)!.type;

    let resultKey = list(override?.resultKey) ?? list(boto?.result_key);
    const resultSource: Source = override?.resultKey ? "override" : boto?.result_key ? "v2" : "types";
    // The response's lists and maps, or those of the object the output token sits in, less the
    // tokens themselves: the items can only be one of them.
    const nested = outputToken[0]!.includes(".") ? outputToken[0]!.split(".")[0]! : undefined;
    const holder = nested ? client.members(outputMembers.find((member) => member.name === nested)?.type ?? "") ?? [] : outputMembers;
    const tokens = new Set(outputToken.map((path) => path.split(".").pop()!));
    const path = (member: Member) => (nested ? `${nested}.${member.name}` : member.name);
    const candidates = holder.filter((member) => !tokens.has(member.name) && (member.list || kindOf(member.type, client) === "map"));
    if (candidates.length > 1) ambiguous.push({ operation, candidates: candidates.map(path), settledBy: resultKey ? resultSource : undefined });
    if (!resultKey) {
      const lists = candidates.filter((member) => member.list);
      if (candidates.length > 1) {
        dropped.push({ operation, reason: `the response has several candidate item members (${candidates.map(path).join(", ")}) and no source says which holds the items; settle it in overrides.json` });
        continue;
      }
      if (lists.length === 0) {
        dropped.push({ operation, reason: candidates.length ? `the response's only candidate item member, ${path(candidates[0]!)}, is a map, not a list` : "the response has no list to page" });
        continue;
      }
      resultKey = [path(lists[0]!)];
      if (!used.includes("types")) used.push("types");
    }
    const moreResults = override?.moreResults ?? boto?.more_results;
    const nonAggregateKeys = override?.nonAggregateKeys ?? boto?.non_aggregate_keys;
    const rule: Rule = {
      inputToken,
      outputToken,
      ...(moreResults ? { moreResults } : {}),
      ...(limitKey ? { limitKey } : {}),
      ...(limitType === "string" ? { limitKeyType: "string" as const } : {}),
      resultKey,
      ...(nonAggregateKeys?.length ? { nonAggregateKeys } : {}),
      ...(override?.endOnEchoedToken ? { endOnEchoedToken: true as const } : {}),
    };
    const problems = checkRule(client, operation, rule);
    if (problems.length > 0) {
      dropped.push({ operation, reason: `fails its check against ${client.packageName}: ${problems.join("; ")}` });
      continue;
    }
    rules.set(operation, rule);
    sources.set(operation, used);
    resultSources.set(operation, resultSource);
    tokenSources.set(operation, tokenSource);
  }
  return { rules, sources, dropped, ambiguous, limitSources, resultSources, tokenSources };
}
