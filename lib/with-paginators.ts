import { InvalidConfigError, PaginationError } from "./errors.js";
import { builtInFor } from "./built-ins.js";
import type { Paginator } from "./paginator.js";
import type { S3Client, ServiceCatalogClient } from "./peer-types.js";
import { serviceCatalogTable } from "./services/service-catalog.js";
import { s3Table } from "./services/s3.js";
import { findOperation, type PaginatorTable } from "./table.js";
import type { OperationOf, TableOperationName, TableOperations, TableOperationTypes } from "./types.js";
import { attachPaginators, checkedTable, paginatorOf } from "./with-table.js";

type IsAny<T> = 0 extends 1 & T ? true : false;
/** A client package's client class type, or never where the package's types are not installed. */
type Installed<T> = IsAny<T> extends true ? never : T;
type S3ClientType = Installed<S3Client>;
type ServiceCatalogClientType = Installed<ServiceCatalogClient>;

/**
 * Clients whose tables are built in: `S3Client`, `S3`, `ServiceCatalogClient`, `ServiceCatalog`.
 * A client whose package is not installed drops out of the union.
 *
 * @example
 * ```ts
 * function listAll(client: BuiltInClient) {
 *   return withPaginators(client);
 * }
 * ```
 * @group Types
 */
export type BuiltInClient = S3ClientType | ServiceCatalogClientType;

/**
 * The built-in table for a client type.
 *
 * @example
 * ```ts
 * type Table = BuiltInTableOf<S3Client>; // typeof s3Table
 * ```
 * @group Types
 */
export type BuiltInTableOf<Client> = Client extends S3ClientType
  ? typeof s3Table
  : Client extends ServiceCatalogClientType
    ? typeof serviceCatalogTable
    : never;

/**
 * The paginator `getPaginator(name)` returns for a table, typed from the client package's command
 * classes: the operation's input and output, its result keys and its primary result key.
 *
 * @example
 * ```ts
 * type ListObjects = PaginatorFor<typeof s3Table, "listObjectsV2">;
 * // Paginator<ListObjectsV2CommandInput, ListObjectsV2CommandOutput, "Contents" | "CommonPrefixes", "Contents">
 * ```
 * @group Types
 */
export type PaginatorFor<Table, Name extends string> =
  TableOperationTypes<Table, OperationOf<TableOperations<Table>, Name>> extends {
    input: infer Input extends object;
    output: infer Output extends object;
    resultKey: infer ResultKey extends string;
    primary: infer Primary extends string;
  }
    ? Paginator<Input, Output, ResultKey, Primary>
    : never;

/**
 * What {@link withPaginators} adds to a client.
 *
 * @example
 * ```ts
 * const s3: S3Client & PaginatorMethods<typeof s3Table> = withPaginators(new S3Client({}));
 * ```
 * @group Types
 */
export interface PaginatorMethods<Table> {
  /**
   * The paginator of an operation, by name: `"listObjectsV2"`, `"ListObjectsV2"` or
   * `"list_objects_v2"`. An unknown name fails to compile, and at run time throws an
   * {@link OperationNotPageableError} listing the nearest names.
   *
   * @example
   * ```ts
   * const paginator = s3.getPaginator("listObjectVersions");
   * ```
   */
  getPaginator<Name extends TableOperationName<Table>>(name: Name): PaginatorFor<Table, Name>;
  /**
   * Whether the client has a paginator of that name, in any of the three spellings (boto3's
   * `can_paginate`); narrows `name` to a name `getPaginator` takes.
   *
   * @example
   * ```ts
   * s3.canPaginate("listObjectVersions"); // true
   * s3.canPaginate("getObject"); // false
   * ```
   */
  canPaginate(name: string): name is TableOperationName<Table>;
}

function tableOf(client: unknown, table: PaginatorTable<any, any> | undefined): PaginatorTable<any, any> {
  if (table !== undefined) return checkedTable(table);
  if (client === null || typeof client !== "object") {
    throw new InvalidConfigError("withPaginators/getPaginator take an AWS SDK v3 client, such as new S3Client({})");
  }
  const serviceId = (client as { config?: { serviceId?: unknown } }).config?.serviceId;
  const found = builtInFor(serviceId)?.table;
  if (!found) {
    throw new PaginationError(
      `no built-in paginator table for ${typeof serviceId === "string" ? `the ${serviceId} client` : "this client"}: ` +
        `S3 and Service Catalog are built in; for another client pass a table, withPaginators(client, defineTable({ … }))`,
    );
  }
  return found;
}

/**
 * The paginator of one operation of a client, without changing the client.
 *
 * @example
 * ```ts
 * const paginator = getPaginator(new S3Client({}), "listObjectVersions");
 * for await (const version of paginator.items({ Bucket })) console.log(version.VersionId);
 * ```
 * @see [Getting started](../docs/getting-started.md)
 * @group Start here
 */
export function getPaginator<Client extends BuiltInClient, Name extends TableOperationName<BuiltInTableOf<Client>>>(
  client: Client,
  name: Name,
): PaginatorFor<BuiltInTableOf<Client>, Name>;
export function getPaginator<Table extends PaginatorTable<any, any>, Name extends TableOperationName<Table>>(
  client: object,
  name: Name,
  table: Table,
): PaginatorFor<Table, Name>;
export function getPaginator(client: object, name: string, table?: PaginatorTable<any, any>): Paginator<any, any, any, any> {
  return paginatorOf(client, tableOf(client, table), name);
}

/**
 * Whether a client has a paginator of that name, in any of the three spellings.
 *
 * @example
 * ```ts
 * canPaginate(new S3Client({}), "list_object_versions"); // true
 * canPaginate(new S3Client({}), "getObject"); // false
 * ```
 * @see [Getting started](../docs/getting-started.md)
 * @group Start here
 */
export function canPaginate<Client extends BuiltInClient>(client: Client, name: string): name is TableOperationName<BuiltInTableOf<Client>>;
export function canPaginate<Table extends PaginatorTable<any, any>>(client: object, name: string, table: Table): name is TableOperationName<Table>;
export function canPaginate(client: object, name: string, table?: PaginatorTable<any, any>): boolean {
  return typeof name === "string" && findOperation(tableOf(client, table), name) !== undefined;
}

/**
 * Adds `getPaginator(name)` and `canPaginate(name)` to a client and returns it, typed. S3 and
 * Service Catalog clients (bare or aggregated) need no table; any other client takes one made by
 * {@link defineTable}. Without a table it knows both built-in tables, so a bundle carries both:
 * a bundle that names its table uses {@link withTable}, which knows only that one.
 *
 * @example
 * ```ts
 * import { S3Client } from "@aws-sdk/client-s3";
 * import { withPaginators } from "aws-paginators";
 *
 * const s3 = withPaginators(new S3Client({}));
 * for await (const object of s3.getPaginator("listObjectsV2").items({ Bucket: "my-bucket" })) {
 *   console.log(object.Key);
 * }
 * ```
 * @see [Getting started](../docs/getting-started.md), [Migrating from boto3](../docs/migrating-from-boto3.md), [Migrating from the Go SDK](../docs/migrating-from-go.md)
 * @group Start here
 */
export function withPaginators<Client extends BuiltInClient>(client: Client): Client & PaginatorMethods<BuiltInTableOf<Client>>;
export function withPaginators<Client extends object, Table extends PaginatorTable<any, any>>(
  client: Client,
  table: Table,
): Client & PaginatorMethods<Table>;
export function withPaginators(client: object, table?: PaginatorTable<any, any>): object {
  return attachPaginators(client, tableOf(client, table));
}
