/**
 * S3 listing pages as the SDK's deserializer makes them from the XML (for the in-process client):
 * numbers and booleans typed, dates as Date, a member absent when its element is, and an empty
 * list absent rather than [].
 */
import type { Encode } from "./s3-params.js";
import { ownerOutput } from "./s3-replies.js";
import type { Walk } from "./s3-listing.js";
import type { ObjectEntry, VersionEntry } from "./store.js";
import type { Output } from "./types.js";

/** Drops members whose value is undefined, as the SDK leaves out members whose element is absent. */
export function defined(members: Record<string, unknown>): Output {
  const out: Output = {};
  for (const [name, value] of Object.entries(members)) if (value !== undefined) out[name] = value;
  return out;
}

const parsedDates = new Map<string, number>();
let lastIso: string | undefined;
let lastMs = 0;
/** A new Date for an ISO timestamp, parsing each distinct one once (a page repeats the same few). */
export function dateOf(iso: string): Date {
  // A page's objects mostly share one timestamp: no map lookup for them.
  if (iso === lastIso) return new Date(lastMs);
  let ms = parsedDates.get(iso);
  if (ms === undefined) {
    ms = Date.parse(iso);
    if (parsedDates.size > 10000) parsedDates.clear();
    parsedDates.set(iso, ms);
  }
  lastIso = iso;
  lastMs = ms;
  return new Date(ms);
}

export function contentsOutput(result: Walk<ObjectEntry>, encode: Encode, withOwner: boolean): Output {
  // Built directly, not through defined(): this runs once per listed object.
  const contents = result.entries.map((entry): Output => {
    const item: Output = { Key: encode(entry.key), LastModified: dateOf(entry.lastModified), ETag: entry.etag, Size: entry.size };
    if (withOwner) item.Owner = ownerOutput();
    item.StorageClass = "STANDARD";
    return item;
  });
  return defined({ Contents: contents.length ? contents : undefined, CommonPrefixes: commonPrefixesOutput(result, encode) });
}

export function commonPrefixesOutput(result: Walk<unknown>, encode: Encode): Output[] | undefined {
  return result.commonPrefixes.length ? result.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })) : undefined;
}

export function versionsOutput(result: Walk<VersionEntry>, encode: Encode, isLatest: (entry: VersionEntry) => boolean): Output {
  const versions: Output[] = [];
  const deleteMarkers: Output[] = [];
  for (const entry of result.entries) {
    const common = { Key: encode(entry.key), VersionId: entry.versionId, IsLatest: isLatest(entry), LastModified: dateOf(entry.lastModified), Owner: ownerOutput() };
    if (entry.deleteMarker) deleteMarkers.push(common);
    else versions.push({ ETag: entry.etag, Size: entry.size, StorageClass: "STANDARD", ...common });
  }
  return defined({
    Versions: versions.length ? versions : undefined,
    DeleteMarkers: deleteMarkers.length ? deleteMarkers : undefined,
    CommonPrefixes: commonPrefixesOutput(result, encode),
  });
}
