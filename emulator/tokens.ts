/**
 * Opaque page tokens, as the real services hand out: base64 of a small JSON tuple naming what the
 * token is for and where the next page starts. Decoding is strict, so a token that was not minted
 * here (or was minted for another listing) is refused rather than misread.
 */
import { Buffer } from "node:buffer";

/** Encodes `[kind, ...fields]` as standard base64 (with `+`, `/` and `=`, as S3's tokens have). */
export function mintToken(kind: string, ...fields: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...fields]), "utf8").toString("base64");
}

/**
 * The fields of a token of this `kind` with `arity` fields, or undefined when `token` is not one
 * (bad base64, not our JSON, another kind, wrong shape).
 */
export function readToken(token: string, kind: string, arity: number): (string | number)[] | undefined {
  if (token === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
  const bytes = Buffer.from(token, "base64");
  if (bytes.toString("base64") !== token) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== arity + 1 || value[0] !== kind) return undefined;
  const fields = value.slice(1);
  return fields.every((f) => typeof f === "string" || typeof f === "number") ? fields : undefined;
}
