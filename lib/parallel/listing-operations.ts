/**
 * The S3 listings a parallel run can split, and how each takes a lower bound and says it is done.
 * `ListObjects` (v1) takes its `Marker` as `ListObjectsV2` takes `StartAfter`: the key to list after.
 */
export interface ListingOperation {
  readonly name: string;
  /** The request member that takes the key to list after. */
  readonly startAfter: "StartAfter" | "Marker";
  /** Input members a parallel run cannot honour, with why. */
  readonly refused: Readonly<Record<string, string>>;
}

const TOKEN_WHY = "a parallel run pages each range by key, not by an opaque token; pass StartAfter, or a parallel resumeToken as startingToken";

export const LISTING_OPERATIONS: Readonly<Record<string, ListingOperation>> = {
  ListObjectsV2: {
    name: "ListObjectsV2",
    startAfter: "StartAfter",
    refused: { ContinuationToken: TOKEN_WHY, Delimiter: "a parallel run lists every key; list with a Delimiter sequentially" },
  },
  ListObjects: {
    name: "ListObjects",
    startAfter: "Marker",
    refused: { Delimiter: "a parallel run lists every key; list with a Delimiter sequentially" },
  },
};

/** Directory buckets (S3 Express One Zone) list in no order, so they cannot be split by key. */
export function isDirectoryBucket(bucket: unknown): boolean {
  return typeof bucket === "string" && bucket.endsWith("--x-s3");
}
