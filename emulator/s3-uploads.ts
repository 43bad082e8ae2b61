/**
 * Unfinished multipart uploads and their parts.
 *
 * ListMultipartUploads orders uploads by key, then upload id, and pages by two real markers:
 * `key-marker` alone resumes after every upload of that key, with `upload-id-marker` after that
 * upload. NextKeyMarker/NextUploadIdMarker name the last upload on every page that has one; only
 * IsTruncated says whether more follow.
 *
 * ListParts pages by an integer marker and, like S3, sends NextPartNumberMarker (the last part
 * number on the page) on every page, the last one too, where IsTruncated is false.
 */
import { compareKeys, firstIndex, lowerBound } from "./key-order.js";
import { isReply, readEncoding, readLimit, readMarker, readScope } from "./s3-params.js";
import { invalidArgument, noSuchUpload, ownerXml, xmlReply } from "./s3-replies.js";
import { walk } from "./s3-listing.js";
import { fakeEtag, type Bucket, type S3Store, type UploadEntry } from "./store.js";
import type { Page, Reply, Tokens } from "./types.js";
import { el, optEl } from "./xml.js";

const keyOf = (entry: UploadEntry) => entry.key;
const PART_SIZE = 5 * 1024 * 1024;

export function listMultipartUploads(bucket: Bucket, query: URLSearchParams): Reply | Page {
  const maxUploads = readLimit(query, "max-uploads", 1000, 1000);
  if (isReply(maxUploads)) return maxUploads;
  const encode = readEncoding(query);
  if (isReply(encode)) return encode;
  const { prefix, delimiter } = readScope(query);
  const keyMarker = readMarker(query, "key-marker");
  // S3 ignores upload-id-marker without key-marker.
  const uploadIdMarker = keyMarker === undefined ? undefined : readMarker(query, "upload-id-marker");
  const uploads = bucket.uploads;

  let start = lowerBound(uploads, keyOf, prefix);
  if (keyMarker !== undefined) {
    const after = uploadIdMarker === undefined
      ? (u: UploadEntry) => compareKeys(u.key, keyMarker) > 0
      : (u: UploadEntry) => { const c = compareKeys(u.key, keyMarker); return c > 0 || (c === 0 && compareKeys(u.uploadId, uploadIdMarker) > 0); };
    start = Math.max(start, firstIndex(uploads, after));
  }
  const result = walk(uploads, keyOf, { start, prefix, delimiter, after: keyMarker, limit: maxUploads });
  let next: Tokens | undefined;
  if (result.last) {
    next = "entry" in result.last
      ? { NextKeyMarker: result.last.entry.key, NextUploadIdMarker: result.last.entry.uploadId }
      : { NextKeyMarker: result.last.commonPrefix };
  }
  const sent: Record<string, string> = {};
  if (keyMarker !== undefined) sent.NextKeyMarker = keyMarker;
  if (uploadIdMarker !== undefined) sent.NextUploadIdMarker = uploadIdMarker;

  const items = result.entries.map((u) =>
    `<Upload>${el("Key", encode(u.key))}${el("UploadId", u.uploadId)}${ownerXml("Initiator")}${ownerXml()}<StorageClass>STANDARD</StorageClass>${el("Initiated", u.initiated)}</Upload>`);
  for (const commonPrefix of result.commonPrefixes) items.push(`<CommonPrefixes>${el("Prefix", encode(commonPrefix))}</CommonPrefixes>`);

  return {
    identity: `ListMultipartUploads ${bucket.name}`,
    tokenNames: ["NextKeyMarker", "NextUploadIdMarker"],
    sent: Object.keys(sent).length ? sent : undefined,
    hasFlag: true,
    truncated: result.truncated,
    next,
    render: (truncated: boolean, tokens: Tokens | undefined) =>
      xmlReply("ListMultipartUploadsResult", [
        el("Bucket", bucket.name),
        el("KeyMarker", encode(keyMarker ?? "")),
        el("UploadIdMarker", uploadIdMarker ?? ""),
        optEl("NextKeyMarker", tokens?.NextKeyMarker === undefined ? undefined : encode(tokens.NextKeyMarker)),
        optEl("NextUploadIdMarker", tokens?.NextUploadIdMarker),
        optEl("Prefix", prefix === "" ? undefined : encode(prefix)),
        optEl("Delimiter", delimiter === undefined ? undefined : encode(delimiter)),
        el("MaxUploads", maxUploads),
        optEl("EncodingType", query.get("encoding-type") === null ? undefined : "url"),
        el("IsTruncated", truncated),
        ...items,
      ]),
  };
}

export function listParts(store: S3Store, bucket: Bucket, key: string, query: URLSearchParams): Reply | Page {
  const uploadId = query.get("uploadId") ?? "";
  const upload = store.findUpload(bucket, key, uploadId);
  if (!upload) return noSuchUpload(uploadId);
  const maxParts = readLimit(query, "max-parts", 1000, 1000);
  if (isReply(maxParts)) return maxParts;
  const rawMarker = query.get("part-number-marker");
  if (rawMarker !== null && !/^\d{1,10}$/.test(rawMarker)) {
    return invalidArgument("Provided part-number-marker not an integer or within integer range", "part-number-marker", rawMarker);
  }
  const marker = rawMarker === null ? 0 : Number(rawMarker);
  const first = marker + 1;
  const lastOnPage = Math.min(upload.partCount, marker + maxParts);
  const parts: string[] = [];
  for (let n = first; n <= lastOnPage; n++) {
    parts.push(`<Part>${el("PartNumber", n)}${el("LastModified", upload.initiated)}${el("ETag", `"${fakeEtag(`${uploadId}\u0000${n}`)}"`)}${el("Size", PART_SIZE)}</Part>`);
  }
  const truncated = lastOnPage < upload.partCount;
  return {
    identity: `ListParts ${bucket.name} ${key} ${uploadId}`,
    tokenNames: ["NextPartNumberMarker"],
    sent: rawMarker === null ? undefined : { NextPartNumberMarker: rawMarker },
    hasFlag: true,
    truncated,
    next: { NextPartNumberMarker: String(Math.max(lastOnPage, marker)) },
    render: (isTruncated: boolean, tokens: Tokens | undefined) =>
      xmlReply("ListPartsResult", [
        el("Bucket", bucket.name),
        el("Key", key),
        el("UploadId", uploadId),
        ownerXml("Initiator"),
        ownerXml(),
        el("StorageClass", "STANDARD"),
        el("PartNumberMarker", marker),
        optEl("NextPartNumberMarker", tokens?.NextPartNumberMarker),
        el("MaxParts", maxParts),
        el("IsTruncated", isTruncated),
        ...parts,
      ]),
  };
}
