/**
 * A parallel listing's resume token: every range not yet fully returned, as `[lo, cursor, hi]`
 * (`cursor`: the last key returned from the range, null if none; `hi`: null at the end of the
 * listing), for one operation. Like the sequential tokens it is base64url of JSON ending in a
 * checksum, so it is URL-safe and a cut or edited token is refused; its first member marks it as
 * a parallel token, so each kind of run refuses the other's with a message saying so.
 *
 * A `ListObjectVersions` range is `[lo, cursor, hi, version, skipVersions, skipDeleteMarkers]`:
 * `cursor` and `version` are where the last page the consumer took ended (a key, and the version
 * of it listed after, or null), and the skips count the items of each list after that place that
 * the consumer has had already, so that each list resumes exactly under any page size.
 *
 * Size: about 4/3 × (the bytes of its bounds + 10 per range) + 40, e.g. ~1.5 KB for 16 ranges of
 * 30-byte keys; at most ~4 KB per range for 1,024-byte keys; a versions range adds its version
 * id (about 32 bytes on S3) and two counts.
 */
import { decodeText, encodeText } from "../base64url.js";
import { InvalidStartingTokenError } from "../errors.js";
import { checksum, PARALLEL_TOKEN_MARK } from "../resume-token.js";
import { compareKeys } from "./key-order.js";
import { LISTING_OPERATIONS } from "./listing-operations.js";

const MARK = PARALLEL_TOKEN_MARK;
const VERSION = 1;

export interface TokenRange {
  readonly lo: string | null;
  readonly cursor: string | null;
  readonly hi: string | null;
  /** Versions: the version of `cursor` listed after (null: all of its versions are behind). */
  readonly version?: string | null;
  /** Versions: per list, items after the cursor the consumer has had already. */
  readonly skips?: readonly number[];
}

/** Whether a starting token is a parallel listing's (without checking it further). */
export function isParallelToken(token: unknown): boolean {
  if (typeof token !== "string") return false;
  try {
    return decodeText(token).startsWith(`["${MARK}",`);
  } catch {
    return false;
  }
}

const versioned = (operation: string) => LISTING_OPERATIONS[operation]?.versionAfter !== undefined;

export function encodeParallelToken(operation: string, ranges: readonly TokenRange[]): string {
  const members = versioned(operation)
    ? (r: TokenRange) => [r.lo, r.cursor, r.hi, r.version ?? null, r.skips?.[0] ?? 0, r.skips?.[1] ?? 0]
    : (r: TokenRange) => [r.lo, r.cursor, r.hi];
  const body = JSON.stringify([MARK, VERSION, operation, ranges.map(members)]);
  return encodeText(`${body.slice(0, -1)},"${checksum(body)}"]`);
}

const isBound = (value: unknown): value is string | null => value === null || typeof value === "string";
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

export function decodeParallelToken(operation: string, token: string): TokenRange[] {
  const fail = (why: string) =>
    new InvalidStartingTokenError(
      `startingToken for a parallel ${operation} listing ${why}. Pass a resumeToken that a parallel run of this operation returned, unchanged.`,
      { operation },
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeText(token));
  } catch {
    throw fail("is not a token this library issued");
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== MARK) {
    throw fail("is not a parallel run's token: a sequential run's token resumes without `parallel` (or with parallel: 1), and an edited or damaged one cannot be used");
  }
  const [, version, tokenOperation, ranges, sum] = parsed as [string, unknown, unknown, unknown, unknown];
  if (checksum(JSON.stringify(parsed.slice(0, 4))) !== sum) throw fail("was edited or damaged (its checksum does not match)");
  if (version !== VERSION) throw fail(`has version ${String(version)}, and this library reads version ${VERSION}`);
  if (tokenOperation !== operation) throw fail(`was issued for ${String(tokenOperation)}, not ${operation}`);
  const width = versioned(operation) ? 6 : 3;
  const wellFormed = (r: unknown) =>
    Array.isArray(r) && r.length === width && r.slice(0, 3).every(isBound) && (width === 3 || ((r[3] === null || (typeof r[3] === "string" && r[1] !== null)) && isCount(r[4]) && isCount(r[5])));
  if (!Array.isArray(ranges) || !ranges.every(wellFormed)) throw fail("has malformed ranges");
  const out: TokenRange[] = (ranges as unknown[][]).map(([lo, cursor, hi, at, ...skips]) => {
    const range = { lo, cursor, hi } as { lo: string | null; cursor: string | null; hi: string | null };
    return width === 3 ? range : { ...range, version: at as string | null, skips: skips as number[] };
  });
  for (let i = 0; i < out.length; i++) {
    const { lo, cursor, hi } = out[i]!;
    const next = out[i + 1];
    const ordered =
      (cursor === null || lo === null || compareKeys(lo, cursor) <= 0) &&
      (hi === null || (cursor ?? lo) === null || compareKeys((cursor ?? lo)!, hi) <= 0) &&
      (next === undefined || (hi !== null && next.lo !== null && compareKeys(hi, next.lo) <= 0));
    if (!ordered) throw fail("has ranges out of order");
  }
  return out;
}
