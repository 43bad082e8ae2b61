/**
 * aws-paginators: boto3- and Go-style paginators for the AWS SDK for JavaScript v3.
 *
 * @packageDocumentation
 */
export { withPaginators, getPaginator, canPaginate } from "./with-paginators.js";
export type { BuiltInClient, BuiltInTableOf, PaginatorFor, PaginatorMethods, TableNeeded, TableOfAnotherService } from "./with-paginators.js";
export { Paginator } from "./paginator.js";
export { PageIterator } from "./page-iterator.js";
export type { ResumableIterator } from "./resumable.js";
export { withTable } from "./with-table.js";
export { defineTable, withCommands } from "./table.js";
export type { CommandClasses, CommandLoader, PaginatorTable, TableDefinition } from "./table.js";
export type { PaginatorRule, RuleSpec } from "./rule.js";
export type { PaginationConfig } from "./config.js";
export type { Limiter, Scheduler } from "./limiter.js";
export { useJMESPath } from "./jmespath-search.js";
export type { JMESPath } from "./jmespath-search.js";
export { boundedMap } from "./bounded-map.js";
export type { BoundedMapOptions } from "./bounded-map.js";
export {
  PaginationError,
  OperationNotPageableError,
  RepeatedTokenError,
  MissingTokenError,
  InvalidConfigError,
  InvalidStartingTokenError,
  PageRequestError,
  PaginationAbortedError,
  isResumable,
} from "./errors.js";
export type { PaginationErrorOptions, Resumable } from "./errors.js";
export type { ItemOf, OperationInput, OperationName, OperationOutput, OperationTypes, Sendable, ServiceConfig, SnakeCase, TableOperationName, TableTypes } from "./types.js";
export { BUILT_IN_TABLES, serviceModuleName, tableModuleOf } from "./built-ins.js";
export type { BuiltInTable, TableModule } from "./built-ins.js";
export { s3Table } from "./services/s3.js";
export { serviceCatalogTable } from "./services/service-catalog.js";
