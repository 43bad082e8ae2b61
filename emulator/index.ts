/**
 * A fault-injecting loopback server speaking S3 (REST-XML), Service Catalog (awsJson1_1),
 * DynamoDB Scan (awsJson1_0), Route 53 ListResourceRecordSets (REST-XML) and IAM ListUsers
 * (awsQuery) for integration specs, benchmarks, examples and `npm start`, driven through the real
 * SDK clients; and an in-process S3 client over the same store, for benches without HTTP.
 * Node-only; outside the library's import graph. README.md here describes it.
 */
export { startLoopbackServer, type LoopbackOptions, type LoopbackServer } from "./server.js";
export { dynamoDbClientFor, iamClientFor, route53ClientFor, s3ClientFor, serviceCatalogClientFor } from "./clients.js";
export type { Fault, FaultKind } from "./faults.js";
export type { LoopbackStats, LoggedRequest } from "./stats.js";
export type { ObjectSeed, VersionSeed } from "./store.js";
export type { CatalogOperation } from "./service-catalog.js";
export type { KeyAttribute, KeySchema } from "./dynamodb-tables.js";
export type { ItemSeed } from "./dynamodb-values.js";
export type { RecordSetSeed } from "./route53-zones.js";
export type { IamUserSeed } from "./iam-users.js";
export { compareKeys } from "./key-order.js";
export { createInProcessS3, type InProcessS3, type InProcessS3Error, type InProcessS3Options } from "./in-process-s3.js";
export { generatedKeys, sortedKeys, type KeySource } from "./virtual-keys.js";
export { s3UrlEncode } from "./s3-params.js";
