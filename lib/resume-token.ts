import { decodeBytes, decodeText, encodeBytes, encodeText } from "./base64url.js";
import { InvalidStartingTokenError } from "./errors.js";

/**
 * Resume tokens: where a run stopped, as one opaque string.
 *
 * A token carries the operation, the value of every input token for the page to fetch (strings,
 * integers, maps such as DynamoDB's `LastEvaluatedKey`, binary values), and how many items of
 * that page's primary result were already returned. It is base64url (safe in URLs, JSON and
 * shell arguments) of a JSON array ending in a checksum, so a token that was cut short, edited or
 * issued for another operation is refused instead of silently listing the wrong thing.
 */

const VERSION = 1;
const BYTES = "$bytes";

/** Where a run goes on: the tokens of the page to request (`null`: the first page) and the skip. */
export interface ResumePoint {
  readonly tokens: readonly unknown[] | null;
  readonly skip: number;
}

/** FNV-1a, 32 bits: not security, only a guard against cut or edited tokens. */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Tokens as JSON, binary and bigint values kept apart from strings: a token's exact text. */
export function tokensJson(tokens: readonly unknown[] | null): string {
  return JSON.stringify(tokens, replacer);
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES]: encodeBytes(value) };
  if (typeof value === "bigint") return { $bigint: value.toString() };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && typeof record[BYTES] === "string") return decodeBytes(record[BYTES]);
    if (keys.length === 1 && typeof record.$bigint === "string") return BigInt(record.$bigint);
  }
  return value;
}

/** Encodes where a run of `operation` goes on. */
export function encodeResumeToken(operation: string, point: ResumePoint): string {
  const body = JSON.stringify([VERSION, operation, point.tokens, point.skip], replacer);
  return encodeText(`${body.slice(0, -1)},"${checksum(body)}"]`);
}

/**
 * Decodes a token for `operation`. Throws {@link InvalidStartingTokenError} saying what is wrong
 * with it: not ours, cut or edited, for another operation, or with a bad skip count.
 */
export function decodeResumeToken(operation: string, token: string): ResumePoint {
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
  const [version, tokenOperation, tokens, skip, sum] = parsed as [unknown, unknown, unknown, unknown, string];
  const body = JSON.stringify([version, tokenOperation, tokens, skip]);
  if (checksum(body) !== sum) throw fail("was edited or damaged (its checksum does not match)");
  if (version !== VERSION) throw fail(`has version ${String(version)}, and this library reads version ${VERSION}`);
  if (tokenOperation !== operation) throw fail(`was issued for ${String(tokenOperation)}, not ${operation}`);
  if (tokens !== null && !Array.isArray(tokens)) throw fail("carries no page tokens");
  if (typeof skip !== "number" || !Number.isInteger(skip) || skip < 0) {
    throw fail(`has a skip count of ${String(skip)}, and a skip count is a whole number ≥ 0`);
  }
  const revived = JSON.parse(JSON.stringify(tokens), reviver) as unknown[] | null;
  return { tokens: revived, skip };
}
