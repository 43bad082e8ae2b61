/**
 * ListBuckets, paged (when `max-buckets` is given) by an opaque continuation token, as S3 pages
 * it since 2024: without `max-buckets` every bucket comes back in one answer.
 */
import { lowerBound, upperBound } from "./key-order.js";
import { isReply, readLimit } from "./s3-params.js";
import { emptyReply, invalidArgument, ownerXml, xmlReply } from "./s3-replies.js";
import type { S3Store } from "./store.js";
import { mintToken, readToken } from "./tokens.js";
import type { Page, Reply, Tokens } from "./types.js";
import { el, optEl } from "./xml.js";

const TOKEN = "ListBuckets";
const nameOf = (name: string) => name;

export function listBuckets(store: S3Store, query: URLSearchParams): Reply | Page {
  const maxBuckets = readLimit(query, "max-buckets", 10000, 10000);
  if (isReply(maxBuckets)) return maxBuckets;
  if (maxBuckets < 1) return invalidArgument("max-buckets must be an integer from 1 to 10000", "max-buckets", String(maxBuckets));
  const prefix = query.get("prefix") ?? "";
  const token = query.get("continuation-token");
  const names = store.names;
  let start = lowerBound(names, nameOf, prefix);
  if (token !== null) {
    const fields = readToken(token, TOKEN, 1);
    if (!fields || typeof fields[0] !== "string") {
      return invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }
    start = Math.max(start, upperBound(names, nameOf, fields[0]));
  }
  const page: string[] = [];
  let i = start;
  while (i < names.length && page.length < maxBuckets && (names[i] as string).startsWith(prefix)) page.push(names[i++] as string);
  const more = i < names.length && (names[i] as string).startsWith(prefix);
  const last = page[page.length - 1];
  return {
    identity: "ListBuckets",
    tokenNames: ["ContinuationToken"],
    sent: token === null ? undefined : { ContinuationToken: token },
    hasFlag: false,
    truncated: more,
    next: more && last !== undefined ? { ContinuationToken: mintToken(TOKEN, last) } : undefined,
    render: (_truncated: boolean, next: Tokens | undefined) =>
      xmlReply("ListAllMyBucketsResult", [
        ownerXml(),
        `<Buckets>${page
          .map((name) => `<Bucket>${el("Name", name)}${el("CreationDate", store.get(name)?.creationDate ?? "")}<BucketRegion>us-east-1</BucketRegion></Bucket>`)
          .join("")}</Buckets>`,
        optEl("ContinuationToken", next?.ContinuationToken),
        optEl("Prefix", query.get("prefix") ?? undefined),
      ]),
  };
}

/** HEAD /bucket: 200 with the region header, or a bodiless 404 (the SDK calls it NotFound). */
export function headBucket(store: S3Store, name: string): Reply {
  return store.get(name) ? emptyReply(200, { "x-amz-bucket-region": "us-east-1" }) : emptyReply(404);
}
