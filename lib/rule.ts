import { InvalidConfigError, invalidConfig } from "./errors.js";
import { compileExpression, isMemberName, type Getter } from "./expression.js";
import { answerKey } from "./url-decoding.js";

/**
 * How one operation pages, as written in a table: plain data, JSON-compatible, in the shape of
 * boto3's `paginators-1.json` with camelCase field names. A field that takes a list also takes
 * one string.
 *
 * @example
 * ```ts
 * const listObjects: RuleSpec = {
 *   inputToken: "Marker",
 *   outputToken: "NextMarker || Contents[-1].Key", // no NextMarker without a Delimiter
 *   moreResults: "IsTruncated",
 *   limitKey: "MaxKeys",
 *   resultKey: ["Contents", "CommonPrefixes"],
 *   nonAggregateKeys: ["Name", "Prefix", "Delimiter"],
 * };
 * ```
 * @see [Every AWS service and the table format](../docs/tables.md)
 * @group Tables
 */
export interface RuleSpec {
  /** Request member(s) that take the token(s). */
  readonly inputToken: string | readonly string[];
  /**
   * Where each next token comes from, one per input token: a member, a dotted path, or
   * `A || B[-1].C`.
   */
  readonly outputToken: string | readonly string[];
  /** A flag (`IsTruncated`): when falsy the run ends, whatever the tokens say. */
  readonly moreResults?: string;
  /** Request member that takes the page size, when the operation has one. */
  readonly limitKey?: string;
  /** `"string"` where the limit member is a string (API Gateway v2's `MaxResults`): the page size is sent as one. */
  readonly limitKeyType?: "string";
  /** The item list(s); the first is primary (counted by `maxItems`, yielded by `items()`). */
  readonly resultKey: string | readonly string[];
  /** Scalar members kept once (from the first page) by `buildFullResult()`. */
  readonly nonAggregateKeys?: readonly string[];
  /**
   * `true` where the service ends a listing by sending back the token it was sent (CloudWatch
   * Logs `GetLogEvents`): that echo then ends the run quietly. Elsewhere it is a repeated token.
   */
  readonly endOnEchoedToken?: true;
  /**
   * Input tokens whose value comes back url-encoded on a page that says `EncodingType: "url"`
   * (S3's key markers: `Marker`, `KeyMarker`): decoded before they are sent, so that a listing
   * asked for with `EncodingType: "url"` goes on past a key that needs encoding.
   */
  readonly urlEncodedTokens?: string | readonly string[];
}

/**
 * A rule in its normalized form, as `paginator.rule` shows it: every list a list, frozen. The
 * fields mean what they mean in {@link RuleSpec}.
 *
 * @example
 * ```ts
 * const rule: PaginatorRule = s3.getPaginator("listObjectVersions").rule;
 * rule.inputToken; // [ 'KeyMarker', 'VersionIdMarker' ]
 * rule.outputToken; // [ 'NextKeyMarker', 'NextVersionIdMarker' ]
 * rule.resultKey[0]; // 'Versions': the primary result key
 * ```
 * @group Tables
 */
export interface PaginatorRule {
  /** Request members that take the tokens, paired one to one with `outputToken`. */
  readonly inputToken: readonly string[];
  /** Where each next token comes from, one expression per input token. */
  readonly outputToken: readonly string[];
  /** The item lists; the first is primary (counted by `maxItems`, yielded by `items()`). */
  readonly resultKey: readonly string[];
  /** The flag (`IsTruncated`) that ends the run when falsy, if the operation has one. */
  readonly moreResults?: string;
  /** The request member that takes `pageSize`, if the operation has one. */
  readonly limitKey?: string;
  /** `"string"` where that member is a string: `pageSize` is then sent as one. */
  readonly limitKeyType?: "string";
  /** Members `buildFullResult()` keeps once, from the first page. */
  readonly nonAggregateKeys?: readonly string[];
  /** `true` where the service's answer to the end of the listing is the token it was sent. */
  readonly endOnEchoedToken?: true;
  /** Input tokens that come back url-encoded on a page that says `EncodingType: "url"`, decoded before they are sent. */
  readonly urlEncodedTokens?: readonly string[];
}

export interface CompiledRule {
  readonly operation: string;
  readonly rule: PaginatorRule;
  readonly outputTokens: readonly Getter[];
  readonly moreResults: Getter | undefined;
  readonly resultKeys: readonly Getter[];
  readonly primary: Getter;
  /** `nonAggregateKeys`, compiled: they may be dotted paths (`StreamDescription.StreamName`). */
  readonly nonAggregateKeys: readonly Getter[];
}

const RULE_FIELDS = new Set(["inputToken", "outputToken", "moreResults", "limitKey", "limitKeyType", "resultKey", "nonAggregateKeys", "endOnEchoedToken", "urlEncodedTokens"]);

function asList(value: unknown, field: string, where: string): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === "string" && item.length > 0)) {
    invalidConfig(where, `${field} must be a non-empty string or a non-empty list of strings`);
  }
  return [...list];
}

function optionalName(value: unknown, field: string, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0) {
    invalidConfig(where, `${field} must be a non-empty string when present`);
  }
  return value;
}

/**
 * Checks a rule as written in a table and returns its normalized, frozen form. `where` names the
 * table entry in errors.
 */
export function normalizeRule(spec: RuleSpec, where: string): PaginatorRule {
  if (spec == null || typeof spec !== "object") invalidConfig(where, `a rule must be an object`);
  for (const field of Object.keys(spec)) {
    if (!RULE_FIELDS.has(field)) {
      invalidConfig(where, `unknown rule field "${field}"; a rule has ${[...RULE_FIELDS].join(", ")}`);
    }
  }
  const inputToken = asList(spec.inputToken, "inputToken", where);
  const outputToken = asList(spec.outputToken, "outputToken", where);
  const resultKey = asList(spec.resultKey, "resultKey", where);
  if (inputToken.length !== outputToken.length) {
    invalidConfig(where, `inputToken has ${inputToken.length} member(s) and outputToken ${outputToken.length}; they pair up one to one`);
  }
  for (const name of inputToken) {
    if (!isMemberName(name)) invalidConfig(where, `inputToken "${name}" must be a request member name`);
  }
  const limitKey = optionalName(spec.limitKey, "limitKey", where);
  if (limitKey !== undefined && !isMemberName(limitKey)) {
    invalidConfig(where, `limitKey "${limitKey}" must be a request member name`);
  }
  if (limitKey !== undefined && inputToken.includes(limitKey)) {
    // The page size and the token would be written to one member, each overwriting the other.
    throw new InvalidConfigError(
      `${where}: limitKey "${limitKey}" is also an inputToken; limitKey names the request member that takes the page size (MaxResults, Limit, …), which is not a token member`,
    );
  }
  if (spec.limitKeyType !== undefined && (spec.limitKeyType !== "string" || limitKey === undefined)) {
    invalidConfig(where, `limitKeyType may only be "string", and only with a limitKey`);
  }
  const moreResults = optionalName(spec.moreResults, "moreResults", where);
  if (spec.endOnEchoedToken !== undefined && spec.endOnEchoedToken !== true) {
    invalidConfig(where, `endOnEchoedToken may only be true, where the service ends a listing by echoing its token`);
  }
  const nonAggregateKeys = spec.nonAggregateKeys === undefined ? undefined : asList(spec.nonAggregateKeys, "nonAggregateKeys", where);
  const urlEncodedTokens = spec.urlEncodedTokens === undefined ? undefined : asList(spec.urlEncodedTokens, "urlEncodedTokens", where);
  for (const name of urlEncodedTokens ?? []) {
    if (!inputToken.includes(name)) invalidConfig(where, `urlEncodedTokens names "${name}", which is not one of its inputToken (${inputToken.join(", ")})`);
  }
  const rule: PaginatorRule = {
    inputToken: Object.freeze(inputToken),
    outputToken: Object.freeze(outputToken),
    resultKey: Object.freeze(resultKey),
    ...(moreResults === undefined ? {} : { moreResults }),
    ...(limitKey === undefined ? {} : { limitKey }),
    ...(spec.limitKeyType === undefined ? {} : { limitKeyType: spec.limitKeyType }),
    ...(nonAggregateKeys === undefined ? {} : { nonAggregateKeys: Object.freeze(nonAggregateKeys) }),
    ...(spec.endOnEchoedToken === true ? { endOnEchoedToken: true as const } : {}),
    ...(urlEncodedTokens === undefined ? {} : { urlEncodedTokens: Object.freeze(urlEncodedTokens) }),
  };
  compileNew(rule, where);
  return Object.freeze(rule);
}

const compiledRules = new WeakMap<PaginatorRule, CompiledRule>();

/**
 * Compiles a normalized rule's expressions, once per rule object (getPaginator may be called for
 * every bucket of a fan-out); throws on an expression outside the subset.
 */
export function compileRule(rule: PaginatorRule, operation: string): CompiledRule {
  const cached = compiledRules.get(rule);
  if (cached?.operation === operation) return cached;
  const compiled = compileNew(rule, operation);
  compiledRules.set(rule, compiled);
  return compiled;
}

function compileNew(rule: PaginatorRule, operation: string): CompiledRule {
  const compile = (expression: string, field: string) => {
    try {
      return compileExpression(expression, `${operation}.${field}`);
    } catch (error) {
      throw new InvalidConfigError((error as Error).message);
    }
  };
  const resultKeys = rule.resultKey.map((key) => compile(key, "resultKey"));
  return {
    operation,
    rule,
    outputTokens: rule.outputToken.map((expression, index) => {
      const token = compile(expression, "outputToken");
      if (!rule.urlEncodedTokens?.includes(rule.inputToken[index]!)) return token;
      return (page: unknown) => {
        const value = token(page);
        return typeof value === "string" ? answerKey(operation, page, value, expression) : value;
      };
    }),
    moreResults: rule.moreResults === undefined ? undefined : compile(rule.moreResults, "moreResults"),
    resultKeys,
    primary: resultKeys[0]!,
    nonAggregateKeys: (rule.nonAggregateKeys ?? []).map((key) => compile(key, "nonAggregateKeys")),
  };
}
