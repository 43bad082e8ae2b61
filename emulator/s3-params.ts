/**
 * The query parameters S3 listings share, read and checked the way S3 checks them: integer
 * limits (a bad one is 400 InvalidArgument; a large one is capped), `encoding-type=url`, and
 * prefix and delimiter.
 */
import { invalidArgument } from "./s3-replies.js";
import type { Reply } from "./types.js";

/** `name` as a page size: `fallback` when absent, at most `cap`, or an error answer. */
export function readLimit(query: URLSearchParams, name: string, fallback: number, cap: number): number | Reply {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2147483647) {
    return invalidArgument(`Provided ${name} not an integer or within integer range`, name, raw);
  }
  return Math.min(Number(raw), cap);
}

/** How keys and markers are written in the answer: as they are, or URL-encoded. */
export type Encode = (text: string) => string;

export function readEncoding(query: URLSearchParams): Encode | Reply {
  const raw = query.get("encoding-type");
  if (raw === null) return (text) => text;
  if (raw.toLowerCase() !== "url") return invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", raw);
  return s3UrlEncode;
}

/** What S3's url encoding leaves as it is. */
const UNRESERVED = /^[A-Za-z0-9\-_.*/]*$/;

/**
 * S3's `encoding-type=url`: every UTF-8 byte percent-encoded (upper-case hex) except letters,
 * digits and `-_.*` and `/`; a space is `+` (so a literal `+` is `%2B`), which is why a client
 * decodes these values as form data (boto3's unquote_plus), not with decodeURIComponent alone.
 */
export function s3UrlEncode(text: string): string {
  // Most keys need no encoding at all: they are answered as they are, without a copy.
  if (UNRESERVED.test(text)) return text;
  return encodeURIComponent(text).replace(/%20|%2F|[!'()~]/g, (match) => {
    if (match === "%20") return "+";
    if (match === "%2F") return "/";
    return `%${match.charCodeAt(0).toString(16).toUpperCase()}`;
  });
}

export interface Scope {
  readonly prefix: string;
  /** Undefined when absent or empty (S3 treats an empty delimiter as none). */
  readonly delimiter: string | undefined;
}

export function readScope(query: URLSearchParams): Scope {
  return { prefix: query.get("prefix") ?? "", delimiter: query.get("delimiter") || undefined };
}

/** A marker parameter: undefined when absent or empty. */
export function readMarker(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) || undefined;
}

export function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && "status" in value && "body" in value;
}
