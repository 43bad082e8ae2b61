/**
 * Amazon S3: every operation of `@aws-sdk/client-s3` that takes a page token, including the ones
 * the SDK has no paginator for (ListObjects, ListObjectVersions, ListMultipartUploads, the bucket
 * configuration lists and GetObjectAttributes' parts). Tokens, flags, limit members and result
 * keys agree with boto3's `s3/paginators-1.json` where boto3 has the operation.
 */
import type { S3Module } from "../peer-types.js";
import { builtInTable } from "../built-in-table.js";
import type { PaginatorTable } from "../table.js";

// A variable, not a literal: bundlers leave the import alone, so a program that uses only Service
// Catalog bundles without @aws-sdk/client-s3. Used only for a bare S3Client.
const PACKAGE = "@aws-sdk/client-s3";

// Parts shared by several rules: spelled once, so a bundle carries them once.
const continuation = { inputToken: "ContinuationToken", outputToken: "NextContinuationToken", moreResults: "IsTruncated" } as const;
const objectListing = { moreResults: "IsTruncated", limitKey: "MaxKeys", nonAggregateKeys: ["Name", "Prefix", "Delimiter", "EncodingType", "RequestCharged"] } as const;
const partListing = { inputToken: "PartNumberMarker", limitKey: "MaxParts" } as const;

const rules = {
  ListBuckets: {
    inputToken: "ContinuationToken",
    outputToken: "ContinuationToken",
    limitKey: "MaxBuckets",
    resultKey: ["Buckets"],
    nonAggregateKeys: ["Owner", "Prefix"],
  },
  ListDirectoryBuckets: {
    inputToken: "ContinuationToken",
    outputToken: "ContinuationToken",
    limitKey: "MaxDirectoryBuckets",
    resultKey: ["Buckets"],
  },
  // No NextMarker without a Delimiter: the last key is the marker.
  // Markers are keys, url-encoded under EncodingType=url (boto3 sends them back encoded: boto/boto3#3621).
  ListObjects: { ...objectListing, inputToken: "Marker", outputToken: "NextMarker || Contents[-1].Key", resultKey: ["Contents", "CommonPrefixes"], urlEncodedTokens: "Marker" },
  ListObjectsV2: { ...objectListing, ...continuation, resultKey: ["Contents", "CommonPrefixes"] },
  // Two tokens; NextVersionIdMarker may be absent while NextKeyMarker is not.
  ListObjectVersions: {
    ...objectListing,
    inputToken: ["KeyMarker", "VersionIdMarker"],
    outputToken: ["NextKeyMarker", "NextVersionIdMarker"],
    resultKey: ["Versions", "DeleteMarkers", "CommonPrefixes"],
    urlEncodedTokens: "KeyMarker",
  },
  ListMultipartUploads: {
    inputToken: ["KeyMarker", "UploadIdMarker"],
    outputToken: ["NextKeyMarker", "NextUploadIdMarker"],
    urlEncodedTokens: "KeyMarker",
    moreResults: "IsTruncated",
    limitKey: "MaxUploads",
    resultKey: ["Uploads", "CommonPrefixes"],
    nonAggregateKeys: ["Bucket", "Prefix", "Delimiter", "EncodingType", "RequestCharged"],
  },
  // An integer marker; the last page says IsTruncated: false with NextPartNumberMarker "0".
  ListParts: {
    ...partListing,
    outputToken: "NextPartNumberMarker",
    moreResults: "IsTruncated",
    resultKey: ["Parts"],
    nonAggregateKeys: ["Bucket", "Key", "UploadId", "ChecksumAlgorithm", "ChecksumType", "Initiator", "Owner", "StorageClass"],
  },
  ListObjectAnnotations: {
    inputToken: "ContinuationToken",
    outputToken: "NextContinuationToken",
    limitKey: "MaxAnnotationResults",
    resultKey: ["Annotations"],
    nonAggregateKeys: ["AnnotationCount", "AnnotationPrefix", "Bucket", "Key", "ObjectVersionId", "RequestCharged"],
  },
  // The bucket configuration lists page by IsTruncated and take no page size.
  ListBucketAnalyticsConfigurations: { ...continuation, resultKey: ["AnalyticsConfigurationList"] },
  ListBucketIntelligentTieringConfigurations: { ...continuation, resultKey: ["IntelligentTieringConfigurationList"] },
  ListBucketInventoryConfigurations: { ...continuation, resultKey: ["InventoryConfigurationList"] },
  ListBucketMetricsConfigurations: { ...continuation, resultKey: ["MetricsConfigurationList"] },
  // The object's parts page under ObjectParts.
  GetObjectAttributes: {
    ...partListing,
    outputToken: "ObjectParts.NextPartNumberMarker",
    moreResults: "ObjectParts.IsTruncated",
    resultKey: ["ObjectParts.Parts"],
    nonAggregateKeys: ["ETag", "Checksum", "StorageClass", "ObjectSize", "LastModified", "VersionId", "DeleteMarker", "RequestCharged"],
  },
} as const;

/**
 * The built-in S3 table; `withPaginators(new S3Client({}))` uses it without being asked. Its 13
 * rules are listed in docs/tables.md.
 *
 * @example
 * ```ts
 * console.log(Object.keys(s3Table.rules)); // [ 'ListBuckets', 'ListDirectoryBuckets', 'ListObjects', … ]
 * const paginator = getPaginator(someS3LikeClient, "listObjects", s3Table); // any client with a compatible send()
 * ```
 * @see [Every AWS service and the table format](../../docs/tables.md)
 * @group Tables
 */
export const s3Table: PaginatorTable<typeof rules, S3Module> = builtInTable("S3", rules, () => import(/* webpackIgnore: true */ PACKAGE) as Promise<S3Module>);
