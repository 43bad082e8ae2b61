import { invalidConfig } from "./errors.js";
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
  /** The client package's command classes, for bare clients: a loader, or the classes themselves as {@link withCommands} takes them. */
  readonly commands?: CommandLoader<Module> | CommandClasses<Module>;
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
  /**
   * The client package's command classes for bare clients: a {@link CommandLoader}, or the classes
   * themselves as {@link withCommands} takes them.
   */
  readonly commands?: CommandLoader<Module> | CommandClasses<Module>;
  /** Type-level only, never set at run time: what the table's paginators are typed from. */
  readonly __types?: Types;
}

/** Any table, whatever it is typed from. */
export type AnyTable = PaginatorTable<any, any, any>;

/** The client package's module type a table is typed from. */
type ModuleOf<Table> = Table extends PaginatorTable<any, infer Module, any> ? Module : unknown;

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
  if (definition == null || typeof definition !== "object") invalidConfig("defineTable", "it takes { service, rules, commands? }");
  const { service, rules, commands } = definition;
  if (typeof service !== "string" || service.length === 0) {
    invalidConfig("defineTable", 'service must name the service, as its client\'s config.serviceId does (e.g. "S3")');
  }
  const where = `defineTable(${service})`;
  if (rules == null || typeof rules !== "object" || Object.keys(rules).length === 0) {
    invalidConfig(where, "rules must map at least one PascalCase operation name to its rule");
  }
  if (commands !== undefined) checkCommands(where, commands, rules);
  const normalized: Record<string, PaginatorRule> = {};
  for (const [operation, spec] of Object.entries(rules)) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(operation)) {
      invalidConfig(where, `"${operation}" is not a PascalCase operation name (e.g. "ListObjectsV2")`);
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
 * The command classes of a client package, by their export names (`ListObjectsV2Command`, …):
 * what {@link withCommands} takes to hand a table the commands directly. Where the table's client
 * package type is unknown, any command classes.
 *
 * @example
 * ```ts
 * import { ListObjectsV2Command } from "@aws-sdk/client-s3";
 * const commands: CommandClasses<typeof import("@aws-sdk/client-s3")> = { ListObjectsV2Command };
 * ```
 *
 * @group Tables
 */
export type CommandClasses<Module> = unknown extends Module
  ? { readonly [name: `${string}Command`]: abstract new (input: any) => unknown }
  : { readonly [Name in keyof Module as Name extends `${string}Command` ? Name : never]?: Module[Name] };

/**
 * The same table with its client package's command classes given another way. For a bundle,
 * hand over the classes of the operations the program pages: `withCommands(s3Table,
 * { ListObjectsV2Command })` is typed (only that client's commands), loads nothing at run time,
 * and lets the bundler keep just those commands. A paginator of an operation whose command is
 * missing fails when it is made, naming the command to add. A function form loads the classes
 * on the first request instead, e.g. `() => import("@aws-sdk/client-s3")`, which a bundler
 * follows: most of the client package then goes into the bundle.
 *
 * An aggregated client (`new S3({})`) is called through its own methods and needs neither form.
 *
 * @example
 * ```ts
 * import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
 * import { s3Table, withCommands, withTable } from "aws-paginators";
 *
 * const s3 = withTable(new S3Client({}), withCommands(s3Table, { ListObjectsV2Command }));
 * ```
 * @see [Bundles and browsers](../docs/bundles-and-browsers.md)
 * @group Tables
 */
export function withCommands<Rules extends Record<string, RuleSpec>, Module>(
  table: PaginatorTable<Rules, any, any>,
  commands: CommandLoader<Module>,
): PaginatorTable<Rules, Module>;
export function withCommands<Table extends AnyTable>(table: Table, commands: CommandClasses<ModuleOf<Table>>): Table;
export function withCommands(table: PaginatorTable<any, any>, commands: CommandLoader<unknown> | CommandClasses<unknown>): PaginatorTable<any, any> {
  if (table === null || typeof table !== "object" || typeof table.rules !== "object") {
    invalidConfig("withCommands", "it takes a table, such as s3Table, and its commands");
  }
  checkCommands(`withCommands(${table.service})`, commands, table.rules);
  return Object.freeze({ service: table.service, rules: table.rules, commands });
}

/** Checks a table's commands: a loader, or command classes each named for one of its operations. */
function checkCommands(where: string, commands: unknown, rules: object): void {
  const forms = 'commands are command classes ({ ListObjectsV2Command }) or a loader (() => import("@aws-sdk/client-s3"))';
  if (typeof commands === "function") return;
  if (commands === null || typeof commands !== "object") invalidConfig(where, forms);
  for (const [name, value] of Object.entries(commands)) {
    if (!name.endsWith("Command") || typeof value !== "function" || !Object.hasOwn(rules, name.slice(0, -7))) {
      invalidConfig(where, `${forms}; ${name} is not the command class of one of its paginated operations (${Object.keys(rules).join(", ")})`);
    }
  }
}
