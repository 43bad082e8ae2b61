/**
 * One rule per paginated operation of a client, from the sources in this order of precedence:
 *
 * 1. `overrides.json`, hand-written, one reason per entry (what no source says, or says wrong);
 * 2. aws-sdk v2's paginators.json (boto3's format): tokens (several, or expressions), the
 *    `more_results` flag, the limit member, result keys and their order;
 * 3. the v3 package's createPaginator calls: the token pair and the page-size member;
 * 4. the v3 package's types, for what is still missing: the result key (the output's one list
 *    member), and operations no source paginates whose request and response carry a token pair.
 *
 * Every rule is checked against the v3 request and response types; a rule naming members the
 * client does not have is dropped, and the report says so.
 */
import { asList, type BotoRule, type V2Service } from "./read-v2.js";
import type { Member, V3Client } from "./read-v3.js";

export interface Rule {
  inputToken: string[];
  outputToken: string[];
  moreResults?: string;
  limitKey?: string;
  limitKeyType?: "string";
  resultKey: string[];
  nonAggregateKeys?: string[];
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
  /** Operations whose result key had to be guessed among several lists. */
  readonly ambiguous: { operation: string; lists: string[]; chosen: string }[];
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
const VERBS = /^(List|Describe|Get|Search|Scan|Query|Lookup|Batch|Fetch|Preview)/;

/** Among several lists of a response, the one named after the operation's noun. */
function primaryList(operation: string, lists: Member[]): Member {
  const noun = operation.replace(VERBS, "").toLowerCase();
  const score = (member: Member) => {
    const name = member.name.toLowerCase();
    if (name === noun) return 0;
    if (noun.endsWith(name) || name.endsWith(noun)) return 1;
    if (noun.includes(name.replace(/s$/, "")) || name.includes(noun.replace(/s$/, ""))) return 2;
    return 3;
  };
  return [...lists].sort((a, b) => score(a) - score(b))[0]!;
}

export function merge(client: V3Client, v2: V2Service | undefined, overrides: Readonly<Record<string, Override>>): Merged {
  const rules = new Map<string, Rule>();
  const sources = new Map<string, Source[]>();
  const dropped: Merged["dropped"] = [];
  const ambiguous: Merged["ambiguous"] = [];
  const limitSources = new Map<string, string>();
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

    let inputToken = list(override?.inputToken) ?? list(boto?.input_token) ?? (v3 ? [v3.inputToken] : undefined);
    let outputToken = list(override?.outputToken) ?? list(boto?.output_token) ?? (v3 ? [v3.outputToken] : undefined);
    if (!inputToken || !outputToken) {
      const pair = TOKEN_PAIRS.find(([token]) => inputNames.has(token));
      const next = pair?.[1].find((name) => outputMembers.some((member) => member.name === name && !member.list));
      if (pair && next) {
        inputToken = [pair[0]];
        outputToken = [next];
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
    }
    if (override) used.push("override");
    if (boto) used.push("v2");
    if (v3) used.push("v3");

    const missing = inputToken.filter((name) => !inputNames.has(name));
    if (missing.length > 0) {
      dropped.push({ operation, reason: `request has no ${missing.join(", ")}` });
      continue;
    }
    const outputNames = new Set(outputMembers.map((member) => member.name));
    const badOutput = outputToken.flatMap((expression) => expression.split("||")).map((part) => part.trim().split(/[.[]/)[0]!).filter((name) => !outputNames.has(name));
    if (badOutput.length > 0) {
      dropped.push({ operation, reason: `response has no ${badOutput.join(", ")}` });
      continue;
    }

    let limitKey = override?.limitKey ?? boto?.limit_key ?? v3?.limitKey;
    limitSources.set(operation, override?.limitKey ? "overrides.json" : boto?.limit_key ? "aws-sdk v2" : v3?.limitKey ? "the v3 client's own paginator" : "the request type");
    if (limitKey === undefined) limitKey = LIMITS.find((name) => inputNames.has(name) && /number|string/.test(inputMembers.find((member) => member.name === name)!.type));
    if (limitKey !== undefined && !inputNames.has(limitKey)) limitKey = v3?.limitKey && inputNames.has(v3.limitKey) ? v3.limitKey : undefined;
    const limitType = limitKey && inputMembers.find((member) => member.name === limitKey)!.type;

    let resultKey = list(override?.resultKey) ?? list(boto?.result_key);
    if (!resultKey) {
      // The response's lists, or those of the object the output token sits in.
      const nested = outputToken[0]!.includes(".") ? outputToken[0]!.split(".")[0]! : undefined;
      const holder = nested ? client.members(outputMembers.find((member) => member.name === nested)?.type ?? "") ?? [] : outputMembers;
      const lists = holder.filter((member) => member.list);
      if (lists.length === 0) {
        dropped.push({ operation, reason: "the response has no list to page" });
        continue;
      }
      const primary = lists.length === 1 ? lists[0]! : primaryList(operation, lists);
      if (lists.length > 1) ambiguous.push({ operation, lists: lists.map((member) => member.name), chosen: primary.name });
      resultKey = [primary, ...lists.filter((member) => member !== primary)].map((member) => (nested ? `${nested}.${member.name}` : member.name));
      if (!used.includes("types")) used.push("types");
    }
    const moreResults = override?.moreResults ?? boto?.more_results;
    const nonAggregateKeys = override?.nonAggregateKeys ?? boto?.non_aggregate_keys;
    rules.set(operation, {
      inputToken,
      outputToken,
      ...(moreResults ? { moreResults } : {}),
      ...(limitKey ? { limitKey } : {}),
      ...(limitType === "string" ? { limitKeyType: "string" as const } : {}),
      resultKey,
      ...(nonAggregateKeys?.length ? { nonAggregateKeys } : {}),
    });
    sources.set(operation, used);
  }
  return { rules, sources, dropped, ambiguous, limitSources };
}
