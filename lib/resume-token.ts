import { decodeBytes, decodeText, encodeBytes, encodeText } from "./base64url.js";
import { InvalidStartingTokenError } from "./errors.js";

/**
 * Resume tokens: where a run stopped, as one opaque string.
 *
 * A token carries the operation, the value of every input token for the page to fetch (strings,
 * integers, maps such as DynamoDB's `LastEvaluatedKey`, binary values), and, per result key, how
 * many of its items, counted from the start of the listing at those tokens, were already
 * delivered. Counting from the tokens' start (not from a page) is what makes a token exact under
 * any page size. A token is base64url (safe in URLs, JSON and shell arguments) of a JSON array
 * ending in a checksum, so a token that was cut short, edited or issued for another operation is
 * refused instead of silently listing the wrong thing.
 *
 * Version 2 (this one) carries a skip count per result key. Version 1 (0.1.0, one skip count for
 * the primary key) is refused with a message saying so: it could not say what the other result
 * keys had delivered, and 0.1.0 was never used outside this project's specs.
 */

const VERSION = 2;
/** Escapes of values JSON has no form for; a map's own key starting with `$` is escaped as `$$…`. */
const BYTES = "$bytes";
const BIGINT = "$bigint";

/**
 * Where a run goes on: the tokens of the page to request (`null`: the listing's first page) and,
 * per result key (in the rule's order), how many of its items from there on were delivered.
 */
export interface ResumePoint {
  readonly tokens: readonly unknown[] | null;
  readonly skips: readonly number[];
}

/** What a token must match: the rule's number of input tokens and of result keys. */
export interface TokenShape {
  readonly tokens: number;
  readonly resultKeys: number;
}

/**
 * FNV-1a, 32 bits: not security, only a guard against cut or edited tokens (sequential and parallel).
 *
 * @internal
 */
export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Tokens as JSON, binary and bigint values kept apart from strings and maps: a token's exact text. */
export function tokensJson(tokens: readonly unknown[] | null): string {
  return JSON.stringify(tokens, replacer);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES]: encodeBytes(value) };
  if (typeof value === "bigint") return { [BIGINT]: value.toString() };
  if (isPlainObject(value) && Object.keys(value).some((key) => key.startsWith("$"))) {
    // A service's own `$`-key (a map `{ "$bytes": "…" }`) must not read back as an escape.
    const escaped: Record<string, unknown> = {};
    for (const key of Object.keys(value)) escaped[key.startsWith("$") ? `$${key}` : key] = value[key];
    return escaped;
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === BYTES && typeof value[BYTES] === "string") return decodeBytes(value[BYTES]);
  if (keys.length === 1 && keys[0] === BIGINT && typeof value[BIGINT] === "string") return BigInt(value[BIGINT]);
  if (!keys.some((key) => key.startsWith("$$"))) return value;
  const unescaped: Record<string, unknown> = {};
  for (const key of keys) unescaped[key.startsWith("$$") ? key.slice(1) : key] = value[key];
  return unescaped;
}

/** Encodes where a run of `operation` goes on. */
export function encodeResumeToken(operation: string, point: ResumePoint): string {
  const body = JSON.stringify([VERSION, operation, point.tokens, point.skips], replacer);
  return encodeText(`${body.slice(0, -1)},"${checksum(body)}"]`);
}

/** The first member of a parallel listing's token (lib/parallel/parallel-token.ts), where a run's token has its version. */
export const PARALLEL_TOKEN_MARK = "parallel";

/**
 * Decodes a token for `operation`, whose rule has `shape`. Throws {@link InvalidStartingTokenError}
 * saying what is wrong with it: not ours, cut or edited, for another operation or another version,
 * with the wrong number of tokens or skip counts, or with a skip count that is not a whole number ≥ 0.
 */
export function decodeResumeToken(operation: string, token: string, shape: TokenShape): ResumePoint {
  const fail = (why: string) =>
    new InvalidStartingTokenError(
      `startingToken for ${operation} ${why}. Pass a resumeToken that a run of this operation returned, unchanged.`,
      { operation },
    );
  if (typeof token !== "string" || token.length === 0) throw fail("must be a non-empty string");
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeText(token));
  } catch {
    throw fail("is not a token this library issued (it may be cut short, or come from boto3 or the AWS CLI)");
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || typeof parsed[4] !== "string") {
    throw fail("is not a token this library issued");
  }
  const [version, tokenOperation, tokens, skips, sum] = parsed as [unknown, unknown, unknown, unknown, string];
  const body = JSON.stringify([version, tokenOperation, tokens, skips]);
  if (checksum(body) !== sum) throw fail("was edited or damaged (its checksum does not match)");
  if (version === PARALLEL_TOKEN_MARK) {
    throw new InvalidStartingTokenError(
      `startingToken for ${operation} is a parallel listing's token; resume it with parallel > 1 (any number), on a bucket that is not a directory bucket`,
      { operation },
    );
  }
  if (version === 1) throw fail("has version 1, from aws-paginators 0.1, which this version no longer reads (start the listing again)");
  if (version !== VERSION) throw fail(`has version ${String(version)}, and this library reads version ${VERSION}`);
  if (tokenOperation !== operation) throw fail(`was issued for ${String(tokenOperation)}, not ${operation}`);
  if (tokens !== null && !Array.isArray(tokens)) throw fail("carries no page tokens");
  if (tokens !== null && tokens.length !== shape.tokens) {
    throw fail(`carries ${tokens.length} page token(s), and ${operation} takes ${shape.tokens}`);
  }
  if (!Array.isArray(skips) || skips.length !== shape.resultKeys) {
    throw fail(`carries ${Array.isArray(skips) ? skips.length : "no"} skip count(s), and ${operation} has ${shape.resultKeys} result key(s)`);
  }
  for (const skip of skips as unknown[]) {
    if (typeof skip !== "number" || !Number.isSafeInteger(skip) || skip < 0) {
      throw fail(`has a skip count of ${String(skip)}, and a skip count is a whole number ≥ 0`);
    }
  }
  const revived = JSON.parse(JSON.stringify(tokens), reviver) as unknown[] | null;
  return { tokens: revived, skips: skips as number[] };
}
