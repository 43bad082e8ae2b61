/**
 * Object listings, paged as S3 pages them.
 *
 * ListObjectsV2 hands out an opaque continuation token (base64, bound to the bucket) naming the
 * last key or common prefix returned; a token it did not mint is 400 InvalidArgument. ListObjects
 * (v1) pages by real keys: it sends NextMarker only when a delimiter was given and the page is
 * truncated, so a client must otherwise resume from the last key it got.
 */
import { lowerBound, upperBound, type Sorted } from "./key-order.js";
import { readEncoding, readLimit, readMarker, readScope, isReply, type Encode } from "./s3-params.js";
import { emptyReply, invalidArgument, ownerXml, xmlReply } from "./s3-replies.js";
import { walk, type Walk } from "./s3-listing.js";
import type { Bucket, ObjectEntry, S3Store } from "./store.js";
import { mintToken, readToken } from "./tokens.js";
import type { Page, Reply, Tokens } from "./types.js";
import { el, optEl } from "./xml.js";
import { contentsOutput, defined } from "./s3-output.js";

const keyOf = (entry: ObjectEntry) => entry.key;

/** Where a listing starts: the first key under `prefix` that sorts after `after`. */
function startIndex(objects: Sorted<ObjectEntry>, prefix: string, after: string | undefined): number {
  const first = lowerBound(objects, keyOf, prefix);
  return after === undefined ? first : Math.max(first, upperBound(objects, keyOf, after));
}

function contentsXml(entry: ObjectEntry, encode: Encode, withOwner: boolean): string {
  return `<Contents>${el("Key", encode(entry.key))}${el("LastModified", entry.lastModified)}${el("ETag", entry.etag)}${el("Size", entry.size)}${withOwner ? ownerXml() : ""}<StorageClass>STANDARD</StorageClass></Contents>`;
}

function bodyXml(result: Walk<ObjectEntry>, encode: Encode, withOwner: boolean): string[] {
  const parts = result.entries.map((entry) => contentsXml(entry, encode, withOwner));
  for (const prefix of result.commonPrefixes) parts.push(`<CommonPrefixes>${el("Prefix", encode(prefix))}</CommonPrefixes>`);
  return parts;
}

function lastName(result: Walk<ObjectEntry>): string | undefined {
  if (!result.last) return undefined;
  return "entry" in result.last ? result.last.entry.key : result.last.commonPrefix;
}

const V2_TOKEN = "ListObjectsV2";

export function listObjectsV2(bucket: Bucket, query: URLSearchParams): Reply | Page {
  const maxKeys = readLimit(query, "max-keys", 1000, 1000);
  if (isReply(maxKeys)) return maxKeys;
  const encode = readEncoding(query);
  if (isReply(encode)) return encode;
  const { prefix, delimiter } = readScope(query);
  const token = query.get("continuation-token");
  const startAfter = readMarker(query, "start-after");
  let after = startAfter;
  if (token !== null) {
    const fields = readToken(token, V2_TOKEN, 2);
    if (!fields || fields[0] !== bucket.name || typeof fields[1] !== "string") {
      return invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }
    after = fields[1];
  }
  const result = walk(bucket.objects, keyOf, { start: startIndex(bucket.objects, prefix, after), prefix, delimiter, after, limit: maxKeys });
  const last = lastName(result);
  const withOwner = query.get("fetch-owner") === "true";
  return {
    identity: `ListObjectsV2 ${bucket.name}`,
    tokenNames: ["NextContinuationToken"],
    sent: token === null ? undefined : { NextContinuationToken: token },
    hasFlag: true,
    truncated: result.truncated,
    next: result.truncated && last !== undefined ? { NextContinuationToken: mintToken(V2_TOKEN, bucket.name, last) } : undefined,
    render: (truncated: boolean, next: Tokens | undefined) =>
      xmlReply("ListBucketResult", [
        el("Name", bucket.name),
        el("Prefix", encode(prefix)),
        optEl("Delimiter", delimiter === undefined ? undefined : encode(delimiter)),
        el("MaxKeys", maxKeys),
        optEl("EncodingType", query.get("encoding-type") === null ? undefined : "url"),
        el("KeyCount", result.entries.length + result.commonPrefixes.length),
        el("IsTruncated", truncated),
        optEl("ContinuationToken", token ?? undefined),
        optEl("NextContinuationToken", next?.NextContinuationToken),
        optEl("StartAfter", startAfter === undefined ? undefined : encode(startAfter)),
        ...bodyXml(result, encode, withOwner),
      ]),
    output: (truncated: boolean, next: Tokens | undefined) =>
      defined({
        Name: bucket.name,
        Prefix: encode(prefix),
        Delimiter: delimiter === undefined ? undefined : encode(delimiter),
        MaxKeys: maxKeys,
        EncodingType: query.get("encoding-type") === null ? undefined : "url",
        KeyCount: result.entries.length + result.commonPrefixes.length,
        IsTruncated: truncated,
        ContinuationToken: token ?? undefined,
        NextContinuationToken: next?.NextContinuationToken,
        StartAfter: startAfter === undefined ? undefined : encode(startAfter),
        ...contentsOutput(result, encode, withOwner),
      }),
  };
}

export function listObjects(bucket: Bucket, query: URLSearchParams): Reply | Page {
  const maxKeys = readLimit(query, "max-keys", 1000, 1000);
  if (isReply(maxKeys)) return maxKeys;
  const encode = readEncoding(query);
  if (isReply(encode)) return encode;
  const { prefix, delimiter } = readScope(query);
  const marker = readMarker(query, "marker");
  const result = walk(bucket.objects, keyOf, { start: startIndex(bucket.objects, prefix, marker), prefix, delimiter, after: marker, limit: maxKeys });
  const last = lastName(result);
  return {
    identity: `ListObjects ${bucket.name}`,
    tokenNames: ["NextMarker"],
    sent: marker === undefined ? undefined : { NextMarker: marker },
    hasFlag: true,
    truncated: result.truncated,
    // Real S3: NextMarker only with a delimiter; without one the client resumes from the last key.
    next: result.truncated && delimiter !== undefined && last !== undefined ? { NextMarker: last } : undefined,
    render: (truncated: boolean, next: Tokens | undefined) =>
      xmlReply("ListBucketResult", [
        el("Name", bucket.name),
        el("Prefix", encode(prefix)),
        el("Marker", encode(marker ?? "")),
        optEl("NextMarker", next?.NextMarker === undefined ? undefined : encode(next.NextMarker)),
        el("MaxKeys", maxKeys),
        optEl("Delimiter", delimiter === undefined ? undefined : encode(delimiter)),
        optEl("EncodingType", query.get("encoding-type") === null ? undefined : "url"),
        el("IsTruncated", truncated),
        ...bodyXml(result, encode, true),
      ]),
    output: (truncated: boolean, next: Tokens | undefined) =>
      defined({
        Name: bucket.name,
        Prefix: encode(prefix),
        Marker: encode(marker ?? ""),
        NextMarker: next?.NextMarker === undefined ? undefined : encode(next.NextMarker),
        MaxKeys: maxKeys,
        Delimiter: delimiter === undefined ? undefined : encode(delimiter),
        EncodingType: query.get("encoding-type") === null ? undefined : "url",
        IsTruncated: truncated,
        ...contentsOutput(result, encode, true),
      }),
  };
}

/** HEAD /bucket/key: the object's headers, or a bodiless 404 (the SDK calls it NotFound). */
export function headObject(store: S3Store, bucket: Bucket, key: string): Reply {
  const entry = store.findObject(bucket, key);
  if (!entry) return emptyReply(404);
  return emptyReply(200, {
    "content-type": "application/octet-stream",
    "content-length": String(entry.size),
    etag: entry.etag,
    "last-modified": new Date(entry.lastModified).toUTCString(),
    "accept-ranges": "bytes",
  });
}
