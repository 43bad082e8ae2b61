/**
 * The Route 53 hosted zones the server lists: each zone's record sets, kept in the order
 * ListResourceRecordSets returns them. Zones hold only what is seeded (a real zone also has its
 * apex SOA and NS records).
 *
 * Names, as Route 53 treats them: case-insensitive (held in lowercase), absolute (a trailing dot
 * is added), and written in answers with every byte other than a-z, 0-9, `-`, `_` and `.` as a
 * three-digit octal escape (`*` is `\052`); `\ddd` escapes in a seed or a request are decoded.
 *
 * Order, as Route 53 documents it: by DNS name with its labels reversed (`www.example.com.` sorts
 * as `com.example.www.`), compared as the escaped text, byte by byte, trailing dot included, so
 * `a-b.example.com.` comes before `a.example.com.` (`-` is below `.`); then by type (by its
 * name: A, AAAA, CNAME, MX, NS, SOA, TXT…). Records that share a name and type (weighted, latency,
 * failover…) are ordered by SetIdentifier, byte by byte: Route 53 does not document that last
 * step, and this is the loopback server's choice.
 */
import { Buffer } from "node:buffer";
import { compareKeys, firstIndex } from "./key-order.js";

export const RECORD_TYPES: ReadonlySet<string> = new Set([
  "SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS",
]);

/** A record set as seeded, in the SDK's ResourceRecordSet shape (the members served here). */
export interface RecordSetSeed {
  readonly Name: string;
  readonly Type: string;
  readonly SetIdentifier?: string;
  readonly Weight?: number;
  readonly Region?: string;
  readonly Failover?: "PRIMARY" | "SECONDARY";
  readonly MultiValueAnswer?: boolean;
  readonly TTL?: number;
  readonly ResourceRecords?: readonly { readonly Value: string }[];
  readonly AliasTarget?: { readonly HostedZoneId: string; readonly DNSName: string; readonly EvaluateTargetHealth: boolean };
}

export interface RecordEntry {
  readonly seed: RecordSetSeed;
  /** The name as answers write it: lowercase, absolute, escaped. */
  readonly name: string;
  readonly type: string;
  readonly setIdentifier: string | undefined;
  /** The name with its labels reversed, for ordering. */
  readonly sortName: string;
}

/** Where a listing starts: the first record at or after this name, type and set identifier. */
export interface RecordPosition {
  readonly sortName: string;
  readonly type: string;
  readonly setIdentifier: string;
}

const PLAIN_BYTE = /[a-z0-9_.-]/;

/**
 * A name as Route 53 takes it, as a string of bytes (one char per byte): UTF-8 of the text, with
 * `\ddd` escapes decoded, ASCII letters in lowercase, and a trailing dot.
 */
export function normalizeName(text: string): string {
  const bytes = Buffer.from(text, "utf8").toString("latin1");
  const decoded = bytes.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8) & 0xff));
  const lower = decoded.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return lower.endsWith(".") ? lower : `${lower}.`;
}

/** A normalized name as Route 53 writes it in answers: bytes other than a-z 0-9 - _ . as `\ddd`. */
export function escapeName(name: string): string {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i] as string;
    out += PLAIN_BYTE.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`;
  }
  return out;
}

/** `www.example.com.` → `com.example.www.` (of the escaped name). */
export function reverseLabels(escaped: string): string {
  const labels = escaped.split(".");
  if (labels[labels.length - 1] === "") labels.pop();
  return `${labels.reverse().join(".")}.`;
}

/** The escaped name's sort key, for a name given in a seed or a request. */
export function sortNameOf(text: string): string {
  return reverseLabels(escapeName(normalizeName(text)));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders a record against a position (a record is a position with "" for no identifier). */
export function comparePosition(a: RecordPosition, b: RecordPosition): number {
  return compareText(a.sortName, b.sortName) || compareText(a.type, b.type) || compareKeys(a.setIdentifier, b.setIdentifier);
}

const positionOf = (entry: RecordEntry): RecordPosition => ({ sortName: entry.sortName, type: entry.type, setIdentifier: entry.setIdentifier ?? "" });

/** Checks a seed the way ChangeResourceRecordSets would, in brief; throws TypeError. */
function entryOf(seed: RecordSetSeed, where: string): RecordEntry {
  if (typeof seed?.Name !== "string" || seed.Name === "") throw new TypeError(`${where}: Name must be a non-empty string`);
  if (!RECORD_TYPES.has(seed.Type)) throw new TypeError(`${where}: Type must be one of ${[...RECORD_TYPES].join(", ")}, got ${JSON.stringify(seed.Type)}`);
  const routed = seed.Weight !== undefined || seed.Region !== undefined || seed.Failover !== undefined || seed.MultiValueAnswer !== undefined;
  if ((seed.SetIdentifier !== undefined) !== routed) {
    throw new TypeError(`${where}: a SetIdentifier goes with a routing policy (Weight, Region, Failover or MultiValueAnswer), and one without the other is invalid`);
  }
  if (!seed.AliasTarget && !(seed.ResourceRecords && seed.ResourceRecords.length > 0)) throw new TypeError(`${where}: give ResourceRecords or an AliasTarget`);
  const name = escapeName(normalizeName(seed.Name));
  return { seed, name, type: seed.Type, setIdentifier: seed.SetIdentifier, sortName: reverseLabels(name) };
}

/** A hosted zone id as Route 53 takes it: with or without the `/hostedzone/` prefix. */
export function normalizeZoneId(id: string): string {
  return id.replace(/^\/?hostedzone\//, "");
}

export class HostedZones {
  private readonly zones = new Map<string, RecordEntry[]>();

  /** Adds record sets (creating the zone); one with the same name, type and identifier is replaced. */
  put(zoneId: string, seeds: readonly RecordSetSeed[]): void {
    if (typeof zoneId !== "string" || normalizeZoneId(zoneId) === "") throw new TypeError("putRecordSets: a hosted zone id is a non-empty string");
    const id = normalizeZoneId(zoneId);
    const byPosition = new Map<string, RecordEntry>();
    for (const entry of this.zones.get(id) ?? []) byPosition.set(JSON.stringify(positionOf(entry)), entry);
    seeds.forEach((seed, i) => {
      const entry = entryOf(seed, `putRecordSets(${JSON.stringify(id)}) record ${i}`);
      byPosition.set(JSON.stringify(positionOf(entry)), entry);
    });
    this.zones.set(id, [...byPosition.values()].sort((a, b) => comparePosition(positionOf(a), positionOf(b))));
  }

  get(zoneId: string): readonly RecordEntry[] | undefined {
    return this.zones.get(normalizeZoneId(zoneId));
  }

  /** The index of the first record at or after `position`. */
  static startOf(records: readonly RecordEntry[], position: RecordPosition): number {
    return firstIndex(records, (entry) => comparePosition(positionOf(entry), position) >= 0);
  }

  clear(): void {
    this.zones.clear();
  }
}
