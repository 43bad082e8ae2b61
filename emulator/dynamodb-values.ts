/**
 * DynamoDB attribute values, held as the SDK hands them out (`{ S }`, `{ N }`, binary `{ B }` as
 * a Uint8Array, sets, `{ M }`, `{ L }`, `{ NULL }`, `{ BOOL }`) and written on the wire as JSON,
 * binary as base64. Also: equality, the order of key values (numbers by value, strings by UTF-8
 * bytes, binary by unsigned bytes, as DynamoDB orders sort keys), and the size DynamoDB counts
 * toward its 1 MB page.
 */
import { Buffer } from "node:buffer";
import { compareKeys } from "./key-order.js";

/** One attribute value: an object with exactly one member, named for its type. */
export type AttributeValue = { readonly [type: string]: unknown };
export type Item = Readonly<Record<string, AttributeValue>>;
/** An item as seeded: the SDK's `Record<string, AttributeValue>` (binary as Uint8Array). */
export type ItemSeed = Readonly<Record<string, object>>;
export type ScalarType = "S" | "N" | "B";

/** A value on the wire that DynamoDB would refuse; the message is DynamoDB's. */
export class InvalidAttributeValue extends Error {}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The type of a value: the name of its one member. */
export function typeOf(value: AttributeValue): string {
  for (const type in value) return type;
  return "";
}

function fail(message: string): never {
  throw new InvalidAttributeValue(message);
}

function decodeBase64(text: unknown): Uint8Array {
  if (typeof text !== "string" || text.length % 4 !== 0 || !BASE64.test(text)) fail("Invalid Base64 in binary attribute value");
  return new Uint8Array(Buffer.from(text, "base64"));
}

function checkNumber(text: unknown): string {
  if (typeof text !== "string" || !NUMBER.test(text)) fail(`The parameter cannot be converted to a numeric value: ${String(text)}`);
  return text;
}

/** A value read from a request's JSON, with binary decoded; throws InvalidAttributeValue. */
export function fromWire(value: unknown): AttributeValue {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("Supplied AttributeValue is not an object");
  const members = Object.keys(value);
  if (members.length !== 1) fail("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
  const type = members[0] as string;
  const raw = (value as Record<string, unknown>)[type];
  const list = (check: (v: unknown) => unknown): unknown[] => {
    if (!Array.isArray(raw)) fail(`Supplied AttributeValue ${type} is not a list`);
    return raw.map(check);
  };
  switch (type) {
    case "S":
      return typeof raw === "string" ? { S: raw } : fail("Supplied AttributeValue S is not a string");
    case "N":
      return { N: checkNumber(raw) };
    case "B":
      return { B: decodeBase64(raw) };
    case "SS":
      return { SS: list((v) => (typeof v === "string" ? v : fail("A string set holds a non-string"))) };
    case "NS":
      return { NS: list(checkNumber) };
    case "BS":
      return { BS: list(decodeBase64) };
    case "M": {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("Supplied AttributeValue M is not a map");
      return { M: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, fromWire(v)])) };
    }
    case "L":
      return { L: list(fromWire) };
    case "NULL":
      return raw === true ? { NULL: true } : fail("One or more parameter values were invalid: Null attribute value types must have the value of true");
    case "BOOL":
      return typeof raw === "boolean" ? { BOOL: raw } : fail("Supplied AttributeValue BOOL is not a boolean");
    default:
      return fail(`Supplied AttributeValue has an unknown datatype ${type}, must contain exactly one of the supported datatypes`);
  }
}

/** An item read from a request's JSON (a map of attribute values); throws InvalidAttributeValue. */
export function itemFromWire(value: unknown): Item {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("Supplied item is not a map of attribute values");
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, fromWire(v)]));
}

function base64Of(bytes: unknown): string {
  if (!(bytes instanceof Uint8Array)) fail("A binary value is held as a Uint8Array");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** A value as its JSON, binary as base64. */
export function toWire(value: AttributeValue): unknown {
  const type = typeOf(value);
  const raw = value[type];
  switch (type) {
    case "B":
      return { B: base64Of(raw) };
    case "BS":
      return { BS: Array.isArray(raw) ? raw.map(base64Of) : fail("Supplied AttributeValue BS is not a list") };
    case "M":
      return { M: itemToWire(raw as Item) };
    case "L":
      return { L: (raw as AttributeValue[]).map(toWire) };
    default:
      return { [type]: raw };
  }
}

export function itemToWire(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in item) out[name] = toWire(item[name] as AttributeValue);
  return out;
}

/** Checks a seeded value the way the wire reader would, binary given as a Uint8Array. */
export function checkSeed(value: unknown, where: string): AttributeValue {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: an attribute value is an object such as { S: "text" }, got ${JSON.stringify(value)}`);
  }
  try {
    return fromWire(toWire(value as AttributeValue));
  } catch (error) {
    throw new TypeError(`${where}: ${(error as Error).message}`);
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Whether two values are the same, as DynamoDB's `=` sees it (numbers by value, sets unordered). */
export function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  const x = a[type];
  const y = b[type];
  switch (type) {
    case "N":
      return Number(x) === Number(y);
    case "B":
      return bytesEqual(x as Uint8Array, y as Uint8Array);
    case "SS":
    case "NS":
    case "BS": {
      const canon = (v: unknown) => canonical({ [type[0] as string]: v });
      const left = new Set((x as unknown[]).map(canon));
      const right = new Set((y as unknown[]).map(canon));
      return left.size === right.size && [...left].every((v) => right.has(v));
    }
    case "M": {
      const m = x as Item;
      const n = y as Item;
      const keys = Object.keys(m);
      return keys.length === Object.keys(n).length && keys.every((k) => n[k] !== undefined && sameValue(m[k] as AttributeValue, n[k] as AttributeValue));
    }
    case "L": {
      const l = x as AttributeValue[];
      const r = y as AttributeValue[];
      return l.length === r.length && l.every((v, i) => sameValue(v, r[i] as AttributeValue));
    }
    default:
      return x === y;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** Orders two scalar values of one type: N by value, S by UTF-8 bytes, B by unsigned bytes. */
export function compareScalars(a: AttributeValue, b: AttributeValue): number {
  const type = typeOf(a);
  if (type === "N") return Math.sign(Number(a.N) - Number(b.N));
  if (type === "B") return compareBytes(a.B as Uint8Array, b.B as Uint8Array);
  return compareKeys(String(a[type]), String(b[type]));
}

/** A string naming a scalar value exactly (numbers by value), for maps of keys. */
export function canonical(value: AttributeValue): string {
  const type = typeOf(value);
  if (type === "N") return `N:${String(Number(value.N))}`;
  if (type === "B") return `B:${Buffer.from(value.B as Uint8Array).toString("base64")}`;
  return `${type}:${String(value[type])}`;
}

/** Roughly the size DynamoDB counts for an item: names and values, numbers about a byte per two digits. */
export function itemSize(item: Item): number {
  let size = 0;
  for (const name in item) size += Buffer.byteLength(name) + valueSize(item[name] as AttributeValue);
  return size;
}

function valueSize(value: AttributeValue): number {
  const type = typeOf(value);
  const raw = value[type];
  switch (type) {
    case "S":
      return Buffer.byteLength(raw as string);
    case "N":
      return Math.ceil((raw as string).length / 2) + 1;
    case "B":
      return (raw as Uint8Array).length;
    case "SS":
      return (raw as string[]).reduce((n, s) => n + Buffer.byteLength(s), 0);
    case "NS":
      return (raw as string[]).reduce((n, s) => n + Math.ceil(s.length / 2) + 1, 0);
    case "BS":
      return (raw as Uint8Array[]).reduce((n, b) => n + b.length, 0);
    case "M":
      return 3 + itemSize(raw as Item) + Object.keys(raw as Item).length;
    case "L":
      return 3 + (raw as AttributeValue[]).reduce((n, v) => n + 1 + valueSize(v), 0);
    default:
      return 1;
  }
}
