import { InvalidConfigError } from "./errors.js";
import { nameIndex } from "./names.js";
import { normalizeRule, type PaginatorRule, type RuleSpec } from "./rule.js";
import type { DefinedTableTypes, TableTypes } from "./types.js";

/**
 * Where a table finds the SDK's command classes (`ListObjectsV2Command`, …) to send through a bare
 * client's `send()`: a function that returns the client package's module, usually
 * `() => import("@aws-sdk/client-dynamodb")`. Loaded once, and only when a bare client is used:
 * an aggregated client (`new DynamoDB({})`) is called through its own methods.
 *
 * @example
 * ```ts
 * const commands: CommandLoader<typeof import("@aws-sdk/client-dynamodb")> = () => import("@aws-sdk/client-dynamodb");
 * ```
 * @group Tables
 */
export type CommandLoader<Module> = () => Module | Promise<Module>;

/**
 * What {@link defineTable} takes.
 *
 * @example
 * ```ts
 * const table = defineTable({
 *   service: "DynamoDB",
 *   commands: () => import("@aws-sdk/client-dynamodb"),
 *   rules: { ListTables: { inputToken: "ExclusiveStartTableName", outputToken: "LastEvaluatedTableName", limitKey: "Limit", resultKey: "TableNames" } },
 * });
 * ```
 * @group Tables
 */
export interface TableDefinition<Rules extends Record<string, RuleSpec>, Module> {
  /**
   * The service, as the client's `config.serviceId` names it (`"S3"`, `"DynamoDB"`); used in
   * messages, and by `withPaginators(client)` to tell built-in tables apart.
   */
  readonly service: string;
  /** One rule per paginated operation, keyed by the operation's PascalCase name. */
  readonly rules: Rules;
  /** The client package's command classes, for bare clients. */
  readonly commands?: CommandLoader<Module>;
}

/**
 * A checked table of paginator rules for one client. `Rules` keeps the literal rule types (for
 * typed result keys) and `Module` the client package's type (for typed input and output);
 * `Types` is what the paginators are typed from, worked out from those two by default and stated
 * outright by a generated table's declarations. Made by {@link defineTable}; {@link s3Table} and
 * {@link serviceCatalogTable} are two.
 *
 * @example
 * ```ts
 * const table: PaginatorTable = s3Table;
 * console.log(table.service, Object.keys(table.rules).length); // S3 13
 * ```
 * @see [Every AWS service and the table format](../docs/tables.md), [Service modules](../docs/service-modules.md)
 * @group Tables
 */
export interface PaginatorTable<
  Rules extends Record<string, RuleSpec> = Record<string, RuleSpec>,
  Module = unknown,
  Types extends TableTypes<any, any, any, any> = DefinedTableTypes<Rules, Module>,
> {
  /** The service, as the client's `config.serviceId` names it (`"S3"`). */
  readonly service: string;
  /** The normalized rules, by PascalCase operation name. */
  readonly rules: { readonly [Operation in keyof Rules]: PaginatorRule };
  /** Where the client package's command classes are, for bare clients; see {@link CommandLoader}. */
  readonly commands?: CommandLoader<Module>;
  /** Type-level only, never set at run time: what the table's paginators are typed from. */
  readonly __types?: Types;
}

/** Any table, whatever it is typed from. */
export type AnyTable = PaginatorTable<any, any, any>;

const indexes = new WeakMap<AnyTable, Map<string, string>>();

/** The PascalCase operation a name (in any of the three spellings) stands for, if any. */
export function findOperation(table: AnyTable, name: string): string | undefined {
  let index = indexes.get(table);
  if (!index) {
    index = nameIndex(Object.keys(table.rules));
    indexes.set(table, index);
  }
  return index.get(name);
}

/**
 * Describes the paginated operations of any client in the same table form the built-in S3 and
 * Service Catalog tables use, checking every rule now rather than on the first request.
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
 * import { defineTable, withPaginators } from "aws-paginators";
 *
 * const dynamodbTable = defineTable({
 *   service: "DynamoDB",
 *   commands: () => import("@aws-sdk/client-dynamodb"),
 *   rules: {
 *     Scan: { inputToken: "ExclusiveStartKey", outputToken: "LastEvaluatedKey", limitKey: "Limit", resultKey: ["Items", "Count", "ScannedCount"] },
 *   },
 * });
 * const dynamodb = withPaginators(new DynamoDBClient({}), dynamodbTable);
 * for await (const item of dynamodb.getPaginator("scan").items({ TableName: "t" })) console.log(item);
 * ```
 * @see [Every AWS service and the table format](../docs/tables.md)
 * @group Tables
 */
export function defineTable<const Rules extends Record<string, RuleSpec>, Module = unknown>(
  definition: TableDefinition<Rules, Module>,
): PaginatorTable<Rules, Module> {
  if (definition == null || typeof definition !== "object") {
    throw new InvalidConfigError("defineTable takes { service, rules, commands? }");
  }
  const { service, rules, commands } = definition;
  if (typeof service !== "string" || service.length === 0) {
    throw new InvalidConfigError('defineTable: service must name the service, as its client\'s config.serviceId does (e.g. "S3")');
  }
  if (rules == null || typeof rules !== "object" || Object.keys(rules).length === 0) {
    throw new InvalidConfigError(`defineTable(${service}): rules must map at least one PascalCase operation name to its rule`);
  }
  if (commands !== undefined && typeof commands !== "function") {
    throw new InvalidConfigError(`defineTable(${service}): commands must be a function returning the client package, e.g. () => import("@aws-sdk/client-…")`);
  }
  const normalized: Record<string, PaginatorRule> = {};
  for (const [operation, spec] of Object.entries(rules)) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(operation)) {
      throw new InvalidConfigError(`defineTable(${service}): "${operation}" is not a PascalCase operation name (e.g. "ListObjectsV2")`);
    }
    normalized[operation] = normalizeRule(spec, `${service}.${operation}`);
  }
  return Object.freeze({
    service,
    rules: Object.freeze(normalized) as PaginatorTable<Rules, Module>["rules"],
    ...(commands ? { commands } : {}),
  });
}

/**
 * The same table with another `commands` loader. The built-in S3 and Service Catalog tables load
 * their client package by a name bundlers do not follow (so a program using one service does not
 * need the other installed); a bundle that must hold the client package itself, such as a
 * browser bundle using a bare client, gives the table a loader the bundler can see.
 *
 * @example
 * ```ts
 * import { S3Client } from "@aws-sdk/client-s3";
 * import { s3Table, withCommands, withPaginators } from "aws-paginators";
 *
 * const s3 = withPaginators(new S3Client({}), withCommands(s3Table, () => import("@aws-sdk/client-s3")));
 * ```
 * @see [Bundles and browsers](../docs/bundles-and-browsers.md)
 * @group Tables
 */
export function withCommands<Rules extends Record<string, RuleSpec>, Module>(
  table: PaginatorTable<Rules, any, any>,
  commands: CommandLoader<Module>,
): PaginatorTable<Rules, Module> {
  if (table === null || typeof table !== "object" || typeof table.rules !== "object") {
    throw new InvalidConfigError("withCommands takes a table, such as s3Table, and a loader, such as () => import(\"@aws-sdk/client-s3\")");
  }
  if (typeof commands !== "function") {
    throw new InvalidConfigError(`withCommands(${table.service}): commands must be a function returning the client package, e.g. () => import("@aws-sdk/client-…")`);
  }
  return Object.freeze({ service: table.service, rules: table.rules, commands });
}

