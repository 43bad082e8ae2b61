/**
 * ListObjectVersions: versions and delete markers in one order (keys ascending, each key's
 * versions newest first), both counting toward max-keys, paged by two real markers.
 *
 * `key-marker` alone resumes after every version of that key; with `version-id-marker` it resumes
 * after that one version, so a page may end in the middle of a key's versions. When a page ends on
 * a common prefix, NextKeyMarker is that prefix and NextVersionIdMarker is absent.
 */
import { lowerBound, upperBound, type Sorted } from "./key-order.js";
import { isReply, readEncoding, readLimit, readMarker, readScope } from "./s3-params.js";
import { invalidArgument, ownerXml, xmlReply } from "./s3-replies.js";
import { walk } from "./s3-listing.js";
import type { Bucket, VersionEntry } from "./store.js";
import type { Page, Reply, Tokens } from "./types.js";
import { el, optEl } from "./xml.js";
import { defined, versionsOutput } from "./s3-output.js";

const keyOf = (entry: VersionEntry) => entry.key;

export function listObjectVersions(bucket: Bucket, query: URLSearchParams): Reply | Page {
  const maxKeys = readLimit(query, "max-keys", 1000, 1000);
  if (isReply(maxKeys)) return maxKeys;
  const encode = readEncoding(query);
  if (isReply(encode)) return encode;
  const { prefix, delimiter } = readScope(query);
  const keyMarker = readMarker(query, "key-marker");
  const versionIdMarker = readMarker(query, "version-id-marker");
  const versions = bucket.versions;

  let start = lowerBound(versions, keyOf, prefix);
  if (versionIdMarker !== undefined) {
    if (keyMarker === undefined) {
      return invalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", versionIdMarker);
    }
    let at = lowerBound(versions, keyOf, keyMarker);
    while (at < versions.length && versions.at(at)?.key === keyMarker && versions.at(at)?.versionId !== versionIdMarker) at++;
    if (versions.at(at)?.key !== keyMarker) return invalidArgument("Invalid version id specified", "version-id-marker", versionIdMarker);
    start = Math.max(start, at + 1);
  } else if (keyMarker !== undefined) {
    start = Math.max(start, upperBound(versions, keyOf, keyMarker));
  }

  const result = walk(versions, keyOf, { start, prefix, delimiter, after: keyMarker, limit: maxKeys });
  let next: Tokens | undefined;
  if (result.truncated && result.last) {
    next = "entry" in result.last
      ? { NextKeyMarker: result.last.entry.key, NextVersionIdMarker: result.last.entry.versionId }
      : { NextKeyMarker: result.last.commonPrefix };
  }
  const sent: Record<string, string> = {};
  if (keyMarker !== undefined) sent.NextKeyMarker = keyMarker;
  if (versionIdMarker !== undefined) sent.NextVersionIdMarker = versionIdMarker;

  const latestOf = (entry: VersionEntry) => entry.isLatest ?? isNewest(versions, entry);
  const items = result.entries.map((entry) => {
    const latest = latestOf(entry);
    const common = `${el("Key", encode(entry.key))}${el("VersionId", entry.versionId)}${el("IsLatest", latest)}${el("LastModified", entry.lastModified)}`;
    return entry.deleteMarker
      ? `<DeleteMarker>${ownerXml()}${common}</DeleteMarker>`
      : `<Version>${el("ETag", entry.etag)}${el("Size", entry.size)}<StorageClass>STANDARD</StorageClass>${common}${ownerXml()}</Version>`;
  });
  for (const commonPrefix of result.commonPrefixes) items.push(`<CommonPrefixes>${el("Prefix", encode(commonPrefix))}</CommonPrefixes>`);

  return {
    identity: `ListObjectVersions ${bucket.name}`,
    tokenNames: ["NextKeyMarker", "NextVersionIdMarker"],
    sent: Object.keys(sent).length ? sent : undefined,
    hasFlag: true,
    truncated: result.truncated,
    next,
    render: (truncated: boolean, tokens: Tokens | undefined) =>
      xmlReply("ListVersionsResult", [
        el("Name", bucket.name),
        el("Prefix", encode(prefix)),
        el("KeyMarker", encode(keyMarker ?? "")),
        el("VersionIdMarker", versionIdMarker ?? ""),
        optEl("NextKeyMarker", tokens?.NextKeyMarker === undefined ? undefined : encode(tokens.NextKeyMarker)),
        optEl("NextVersionIdMarker", tokens?.NextVersionIdMarker),
        el("MaxKeys", maxKeys),
        optEl("Delimiter", delimiter === undefined ? undefined : encode(delimiter)),
        optEl("EncodingType", query.get("encoding-type") === null ? undefined : "url"),
        el("IsTruncated", truncated),
        ...items,
      ]),
    output: (truncated: boolean, tokens: Tokens | undefined) =>
      defined({
        Name: bucket.name,
        Prefix: encode(prefix),
        KeyMarker: encode(keyMarker ?? ""),
        VersionIdMarker: versionIdMarker ?? "",
        NextKeyMarker: tokens?.NextKeyMarker === undefined ? undefined : encode(tokens.NextKeyMarker),
        NextVersionIdMarker: tokens?.NextVersionIdMarker,
        MaxKeys: maxKeys,
        Delimiter: delimiter === undefined ? undefined : encode(delimiter),
        EncodingType: query.get("encoding-type") === null ? undefined : "url",
        IsTruncated: truncated,
        ...versionsOutput(result, encode, latestOf),
      }),
  };
}

/** Whether `entry` is the first (newest) of its key's versions. */
function isNewest(versions: Sorted<VersionEntry>, entry: VersionEntry): boolean {
  const first = lowerBound(versions, keyOf, entry.key);
  return versions.at(first) === entry;
}
