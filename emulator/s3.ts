/**
 * S3 over path-style REST: which operation a request is, from its method, path and query, and
 * which handler answers it. Listings: `GET /` (ListBuckets), `GET /{bucket}` (ListObjects, or
 * ListObjectsV2 with `list-type=2`, ListObjectVersions with `versions`, ListMultipartUploads with
 * `uploads`), `GET /{bucket}/{key}?uploadId=` (ListParts). HEAD of a bucket or an object answers
 * too, for fan-out over listed keys. Anything else is 501 NotImplemented.
 */
import { headBucket, listBuckets } from "./s3-buckets.js";
import { headObject, listObjects, listObjectsV2 } from "./s3-objects.js";
import { emptyReply, noSuchBucket, notImplemented, s3Error, slowDown } from "./s3-replies.js";
import { listMultipartUploads, listParts } from "./s3-uploads.js";
import { listObjectVersions } from "./s3-versions.js";
import type { Bucket, S3Store } from "./store.js";
import type { Page, Reply, Route } from "./types.js";

/** Query parameters ListObjects (v1) takes; any other bucket subresource is not implemented. */
const LIST_OBJECTS_PARAMS = new Set(["prefix", "delimiter", "marker", "max-keys", "encoding-type", "x-id"]);

export function s3Route(store: S3Store, method: string, rawUrl: string): Route {
  const q = rawUrl.indexOf("?");
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1));
  const params = Object.fromEntries(query);
  const route = (operation: string, handle: () => Reply | Page): Route => ({
    operation,
    params,
    throttle: slowDown,
    internalError: (message: string) => s3Error(500, "InternalError", message),
    handle,
  });

  let bucketName: string;
  let key: string;
  try {
    const path = rawPath.replace(/^\/+/, "");
    const slash = path.indexOf("/");
    bucketName = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
    key = slash < 0 ? "" : decodeURIComponent(path.slice(slash + 1));
  } catch {
    return route("Unknown", () => s3Error(400, "InvalidURI", "Couldn't parse the specified URI."));
  }
  const inBucket = (handle: (bucket: Bucket) => Reply | Page) => () => {
    const bucket = store.get(bucketName);
    return bucket ? handle(bucket) : noSuchBucket(bucketName);
  };

  if (bucketName === "") {
    if (method === "GET") return route("ListBuckets", () => listBuckets(store, query));
    return route("Unknown", () => notImplemented(`${method} /`));
  }
  if (key === "") {
    if (method === "HEAD") return route("HeadBucket", () => headBucket(store, bucketName));
    if (method !== "GET") return route("Unknown", () => notImplemented(`${method} /${bucketName}`));
    if (query.has("list-type")) {
      if (query.get("list-type") !== "2") return route("Unknown", () => notImplemented(`list-type=${query.get("list-type")}`));
      return route("ListObjectsV2", inBucket((bucket) => listObjectsV2(bucket, query)));
    }
    if (query.has("versions")) return route("ListObjectVersions", inBucket((bucket) => listObjectVersions(bucket, query)));
    if (query.has("uploads")) return route("ListMultipartUploads", inBucket((bucket) => listMultipartUploads(bucket, query)));
    const other = [...query.keys()].find((name) => !LIST_OBJECTS_PARAMS.has(name));
    if (other !== undefined) return route("Unknown", () => notImplemented(`GET /${bucketName}?${other}`));
    return route("ListObjects", inBucket((bucket) => listObjects(bucket, query)));
  }
  if (method === "HEAD" && !query.has("uploadId")) {
    return route("HeadObject", () => {
      const bucket = store.get(bucketName);
      return bucket ? headObject(store, bucket, key) : emptyReply(404);
    });
  }
  if (method === "GET" && query.has("uploadId")) return route("ListParts", inBucket((bucket) => listParts(store, bucket, key, query)));
  return route("Unknown", () => notImplemented(`${method} /${bucketName}/${key}`));
}
