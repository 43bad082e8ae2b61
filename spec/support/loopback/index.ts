/**
 * A fault-injecting loopback server speaking S3 (REST-XML) and Service Catalog (awsJson1_1) for
 * integration specs, benchmarks and examples, driven through the real SDK clients. Node-only;
 * outside the library's import graph.
 */
export { startLoopbackServer, type LoopbackOptions, type LoopbackServer } from "./server.js";
export { s3ClientFor, serviceCatalogClientFor } from "./clients.js";
export type { Fault, FaultKind } from "./faults.js";
export type { LoopbackStats, LoggedRequest } from "./stats.js";
export type { ObjectSeed, VersionSeed } from "./store.js";
export type { CatalogOperation } from "./service-catalog.js";
export { compareKeys } from "./key-order.js";
