/**
 * The S3 listings a parallel run can split, and how each takes a lower bound, names its lists
 * and its tokens. `ListObjects` (v1) takes its `Marker` as `ListObjectsV2` takes `StartAfter`: the
 * key to list after. `ListObjectVersions` takes `KeyMarker` alone to list the keys after one (all
 * of its versions passed), and `KeyMarker` + `VersionIdMarker` to go on inside one key's
 * versions: so ranges split between keys, and a key with more versions than a page is paged
 * whole by the one range that holds it.
 */
export interface ListingOperation {
  readonly name: string;
  /** The request member that takes the key to list after. */
  readonly startAfter: "StartAfter" | "Marker" | "KeyMarker";
  /** The request member that takes the version to list after, within the `startAfter` key. */
  readonly versionAfter?: "VersionIdMarker";
  /** The result keys a range fills, in the table's order (the first is primary), each sorted by key. */
  readonly lists: readonly string[];
  /** Output members that page the service's own chain, meaningless on a range's page. */
  readonly tokens: readonly string[];
  /** The output member that counts the primary list, when the operation has one. */
  readonly count?: "KeyCount";
  /** Input members a parallel run cannot honour, with why. */
  readonly refused: Readonly<Record<string, string>>;
}

const TOKEN_WHY = "a parallel run pages each range by key, not by an opaque token; pass StartAfter, or a parallel resumeToken as startingToken";
const DELIMITER_WHY = "a parallel run lists every key; list with a Delimiter sequentially";

export const LISTING_OPERATIONS: Readonly<Record<string, ListingOperation>> = {
  ListObjectsV2: {
    name: "ListObjectsV2",
    startAfter: "StartAfter",
    lists: ["Contents"],
    tokens: ["NextContinuationToken", "ContinuationToken"],
    count: "KeyCount",
    refused: { ContinuationToken: TOKEN_WHY, Delimiter: DELIMITER_WHY },
  },
  ListObjects: {
    name: "ListObjects",
    startAfter: "Marker",
    lists: ["Contents"],
    tokens: ["NextMarker"],
    count: "KeyCount",
    refused: { Delimiter: DELIMITER_WHY },
  },
  ListObjectVersions: {
    name: "ListObjectVersions",
    startAfter: "KeyMarker",
    versionAfter: "VersionIdMarker",
    lists: ["Versions", "DeleteMarkers"],
    tokens: ["NextKeyMarker", "NextVersionIdMarker", "VersionIdMarker"],
    refused: {
      VersionIdMarker: "a parallel run starts after a whole key; pass KeyMarker alone (the keys after it), or a parallel resumeToken as startingToken",
      Delimiter: DELIMITER_WHY,
    },
  },
};

/**
 * Directory buckets (S3 Express One Zone, `…--x-s3`) and their access points (`…--xa-s3`) list in
 * no order, so they cannot be split by key; their ARNs end as their names do.
 */
export function isDirectoryBucket(bucket: unknown): boolean {
  return typeof bucket === "string" && (bucket.endsWith("--x-s3") || bucket.endsWith("--xa-s3"));
}
