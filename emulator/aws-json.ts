/**
 * What the awsJson protocols (1.0: DynamoDB; 1.1: Service Catalog) share: `POST /` with an
 * `X-Amz-Target: <Prefix>.<Operation>` header and a JSON object body, answered with JSON of the
 * same content type; errors name their type in the body (`__type`) and in `x-amzn-errortype`.
 */
import { Buffer } from "node:buffer";
import { crc32 } from "node:zlib";
import type { Reply } from "./types.js";

export type JsonVersion = "1.0" | "1.1";

let counter = 0;
/** A request id in the UUID form most AWS JSON services answer with. */
export function requestId(): string {
  const hex = (++counter).toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

function headers(version: JsonVersion, body: string, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { "content-type": `application/x-amz-json-${version}`, "x-amzn-requestid": requestId(), ...extra };
  // DynamoDB (the 1.0 service here) also sends the CRC32 of the body, as the real service does.
  if (version === "1.0") out["x-amz-crc32"] = String(crc32(Buffer.from(body, "utf8")));
  return out;
}

/** 200 with `body` as JSON (`replacer` as for JSON.stringify). */
export function jsonReply(version: JsonVersion, body: object, replacer?: (this: unknown, key: string, value: unknown) => unknown): Reply {
  const text = JSON.stringify(body, replacer);
  return { status: 200, headers: headers(version, text), body: text };
}

/**
 * A JSON error answer. `type` may be a bare name or, as DynamoDB writes it, `namespace#Name`; the
 * header carries the same text, and the SDK names its exception after the part behind `#`.
 */
export function jsonError(version: JsonVersion, type: string, message: string, status = 400): Reply {
  const text = JSON.stringify({ __type: type, message });
  return { status, headers: headers(version, text, { "x-amzn-errortype": type }), body: text };
}

/** The body as a JSON object, or undefined when it is not one (an empty body is `{}`). */
export function parseJsonObject(raw: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = raw === "" ? {} : JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return undefined;
}

/** Top-level members as strings (non-strings as JSON), for the request log. */
export function jsonParams(body: Record<string, unknown> | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body ?? {})) params[name] = typeof value === "string" ? value : JSON.stringify(value);
  return params;
}
