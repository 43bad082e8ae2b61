import { InvalidConfigError, PaginationError } from "./errors.js";
import { builtInFor } from "./built-ins.js";
import type { Paginator } from "./paginator.js";
import type { S3Client, ServiceCatalogClient } from "./peer-types.js";
import { serviceCatalogTable } from "./services/service-catalog.js";
import { s3Table } from "./services/s3.js";
import { findOperation, type AnyTable } from "./table.js";
import type { NameOf, OperationOf, TableOperationName, TypesOf } from "./types.js";
import { attachPaginators, checkedTable, paginatorOf, tableImport } from "./with-table.js";

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
 * The resolved config type of an SDK client (one whose config names its service and has the
 * SDK's endpoint provider and retry strategy), never for
 * other clients. Clients of different services are told apart by it: the SDK types
 * `config.serviceId` as a plain string, and two clients' classes are alike in everything else.
 */
type ServiceConfigOf<Client> = Client extends { readonly config: infer Config extends { serviceId: string; endpointProvider: unknown; retryStrategy: unknown } } ? Config : never;

type IsNever<T> = [T] extends [never] ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Matches<Client, Config> = IsNever<Config> extends true ? false : Same<ServiceConfigOf<Client>, Config>;

/**
 * The built-in table for a client type.
 *
 * @example
 * ```ts
 * type Table = BuiltInTableOf<S3Client>; // typeof s3Table
 * ```
 * @group Types
 */
export type BuiltInTableOf<Client> = Client extends unknown ? BuiltInTableOfOne<Client> : never;

type BuiltInTableOfOne<Client> =
  IsNever<ServiceConfigOf<Client>> extends true
    ? never
    : Matches<Client, S3ClientType["config"]> extends true
      ? typeof s3Table
      : Matches<Client, ServiceCatalogClientType["config"]> extends true
        ? typeof serviceCatalogTable
        : never;

/**
 * What the compiler prints for a client with no built-in table given none. An SDK client's table
 * is in the module named after its package (`@aws-sdk/client-dynamodb` →
 * `aws-paginators/services/dynamodb`); the message cannot name the client's own module, because
 * the SDK types `config.serviceId` as a plain string and nothing else in a client's type names it.
 *
 * @example
 * ```ts
 * // withPaginators(new DynamoDBClient({})) does not compile: DynamoDBClient is not a TableNeeded.
 * const message: keyof TableNeeded = "aws-paginators: no table is built in for this client; pass its table, e.g. for DynamoDBClient import { dynamodbTable } from 'aws-paginators/services/dynamodb' (the module is the client package's name less @aws-sdk/client-)";
 * ```
 * @group Types
 */
export interface TableNeeded {
  /** The message itself. */
  readonly "aws-paginators: no table is built in for this client; pass its table, e.g. for DynamoDBClient import { dynamodbTable } from 'aws-paginators/services/dynamodb' (the module is the client package's name less @aws-sdk/client-)": true;
}

/**
 * What the compiler prints for a table of another service than the client's.
 *
 * @example
 * ```ts
 * // withPaginators(new S3Client({}), serviceCatalogTable) does not compile.
 * type Message = keyof TableOfAnotherService<"Service Catalog">;
 * ```
 * @group Types
 */
export type TableOfAnotherService<Service extends string> = {
  readonly [Message in `aws-paginators: the table is for ${Service}, not this client's service; pass a ${Service} client, or this client's own table`]: true;
};

/** A client that needs no table: its own type where a table is built in for it. */
export type WithBuiltInTable<Client> = IsNever<BuiltInTableOf<Client>> extends true ? TableNeeded : Client;

/**
 * A table a client takes: any table for a client that does not say its service in its config
 * type (a stub `{ send }`, a custom client) or for a table that does not know its client's
 * config type; otherwise only one whose service's config type is the client's.
 */
export type TableFor<Client, Table> =
  unknown extends TypesOf<Table>["config"]
    ? Table
    : IsNever<ServiceConfigOf<Client>> extends true
      ? Table
      : Matches<Client, TypesOf<Table>["config"]> extends true
        ? Table
        : TableOfAnotherService<TypesOf<Table>["service"]>;

/**
 * The paginator `getPaginator(name)` returns for a table, typed from the table's types: the
 * operation's input and output, its result keys and its primary result key.
 *
 * @example
 * ```ts
 * type ListObjects = PaginatorFor<typeof s3Table, "listObjectsV2">;
 * // Paginator<ListObjectsV2CommandInput, ListObjectsV2CommandOutput, "Contents" | "CommonPrefixes", "Contents">
 * ```
 * @group Types
 */
export type PaginatorFor<Table, Name extends string> =
  TypesOf<Table>["operations"][OperationOf<Table, Name>] extends {
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
   * `"list_objects_v2"`. An unknown name fails to compile with the nearest names in the message,
   * and at run time throws an {@link OperationNotPageableError} listing them.
   *
   * @example
   * ```ts
   * const paginator = s3.getPaginator("listObjectVersions");
   * ```
   */
  getPaginator<Name extends string>(name: NameOf<Table, Name>): PaginatorFor<Table, Name>;
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

function serviceIdOf(client: unknown): string | undefined {
  const serviceId = (client as { config?: { serviceId?: unknown } }).config?.serviceId;
  return typeof serviceId === "string" && serviceId.length > 0 ? serviceId : undefined;
}

function tableOf(client: unknown, table: AnyTable | undefined): AnyTable {
  if (client === null || typeof client !== "object") {
    throw new InvalidConfigError("withPaginators/getPaginator take an AWS SDK v3 client, such as new S3Client({})");
  }
  if (table !== undefined) return checkedTable(table, client);
  const serviceId = serviceIdOf(client);
  const found = builtInFor(serviceId)?.table as AnyTable | undefined;
  if (!found) {
    throw new PaginationError(
      serviceId === undefined
        ? "no built-in paginator table for this client, whose config names no service: pass a table, withPaginators(client, defineTable({ service, rules, commands }))"
        : `no built-in paginator table for the ${serviceId} client (S3 and Service Catalog are built in): pass its table, ` +
            `${tableImport(serviceId)}; withPaginators(client, table). For a client of your own, defineTable({ service, rules, commands }) makes one`,
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
export function getPaginator<Client extends object, Name extends string>(
  client: WithBuiltInTable<Client>,
  name: NameOf<BuiltInTableOf<Client>, Name>,
): PaginatorFor<BuiltInTableOf<Client>, Name>;
export function getPaginator<Client extends object, Table extends AnyTable, Name extends string>(
  client: Client,
  name: NameOf<Table, Name>,
  table: TableFor<Client, Table>,
): PaginatorFor<Table, Name>;
export function getPaginator(client: object, name: string, table?: AnyTable): Paginator<any, any, any, any> {
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
export function canPaginate<Client extends object>(client: WithBuiltInTable<Client>, name: string): name is TableOperationName<BuiltInTableOf<Client>>;
export function canPaginate<Client extends object, Table extends AnyTable>(client: Client, name: string, table: TableFor<Client, Table>): name is TableOperationName<Table>;
export function canPaginate(client: object, name: string, table?: AnyTable): boolean {
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
export function withPaginators<Client extends object>(client: WithBuiltInTable<Client>): Client & PaginatorMethods<BuiltInTableOf<Client>>;
export function withPaginators<Client extends object, Table extends AnyTable>(client: Client, table: TableFor<Client, Table>): Client & PaginatorMethods<Table>;
export function withPaginators(client: object, table?: AnyTable): object {
  return attachPaginators(client, tableOf(client, table));
}
