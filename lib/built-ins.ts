/**
 * The one registry of the tables built into the package, and the naming rule that leads from a
 * client's `config.serviceId` to the generated module holding its table. `withPaginators`, the
 * types, the `aws-paginate` command, the generator and the build all read it: adding a built-in
 * table is one entry in {@link BUILT_IN_TABLES}.
 */
import { serviceCatalogTable } from "./services/service-catalog.js";
import { s3Table } from "./services/s3.js";

/**
 * One built-in table and what leads to it: an entry of {@link BUILT_IN_TABLES}.
 *
 * @example
 * ```ts
 * const [s3]: typeof BUILT_IN_TABLES = BUILT_IN_TABLES;
 * const entry: BuiltInTable<"S3", "@aws-sdk/client-s3", "s3", "s3Table", typeof s3Table> = s3;
 * ```
 *
 * @group Tables
 */
export interface BuiltInTable<ServiceId extends string, ClientPackage extends string, Module extends string, ExportName extends string, Table> {
  /** The `config.serviceId` of the clients it serves (`"S3"`). */
  readonly serviceId: ServiceId;
  /** The client package (`"@aws-sdk/client-s3"`). */
  readonly clientPackage: ClientPackage;
  /** The module that re-exports it: `aws-paginators/services/<module>`. */
  readonly module: Module;
  /** The name it is exported by, from the package root and from its module (`"s3Table"`). */
  readonly exportName: ExportName;
  /** The table. */
  readonly table: Table;
}

/**
 * The built-in tables, each with the client's `config.serviceId` it serves, its client package,
 * the export that names it, and the generated module (`aws-paginators/services/<module>`) that
 * re-exports it. Adding a built-in is one entry here, its type and its value. (The type is written
 * out so that the declaration refers to each table: inferred, it would inline them and name every
 * client package, and a program with only one of them installed would not compile.)
 *
 * @example
 * ```ts
 * for (const { serviceId, module, exportName } of BUILT_IN_TABLES) console.log(serviceId, module, exportName);
 * // S3 s3 s3Table, then Service Catalog service-catalog serviceCatalogTable
 * ```
 *
 * @group Tables
 */
export const BUILT_IN_TABLES: readonly [
  BuiltInTable<"S3", "@aws-sdk/client-s3", "s3", "s3Table", typeof s3Table>,
  BuiltInTable<"Service Catalog", "@aws-sdk/client-service-catalog", "service-catalog", "serviceCatalogTable", typeof serviceCatalogTable>,
] = [
  { serviceId: "S3", clientPackage: "@aws-sdk/client-s3", module: "s3", exportName: "s3Table", table: s3Table },
  { serviceId: "Service Catalog", clientPackage: "@aws-sdk/client-service-catalog", module: "service-catalog", exportName: "serviceCatalogTable", table: serviceCatalogTable },
];

/** One entry of {@link BUILT_IN_TABLES}. */
export type BuiltInEntry = (typeof BUILT_IN_TABLES)[number];

/** The built-in entry for a client's `config.serviceId`, if there is one. */
export function builtInFor(serviceId: unknown): BuiltInEntry | undefined {
  return BUILT_IN_TABLES.find((entry) => entry.serviceId === serviceId);
}

/**
 * `"CloudWatch Logs"` → `"cloudwatch-logs"`: the name of a service's generated module, which is
 * its client package's name less `@aws-sdk/client-` (a spec holds every generated module to it).
 *
 * @example
 * ```ts
 * serviceModuleName("Route 53"); // "route-53", as in aws-paginators/services/route-53
 * ```
 *
 * @group Tables
 */
export function serviceModuleName(serviceId: string): string {
  return serviceId.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** `cloudwatch-logs` → `cloudwatchLogsTable`, `route-53` → `route53Table`: what a generated module exports. */
export function tableExportName(moduleName: string): string {
  return `${moduleName.replace(/-([a-z0-9])/g, (_, char: string) => char.toUpperCase())}Table`;
}

/**
 * Where a service's table is imported from, as {@link tableModuleOf} says.
 *
 * @example
 * ```ts
 * const where: TableModule = { module: "aws-paginators/services/dynamodb", exportName: "dynamodbTable" };
 * ```
 *
 * @group Tables
 */
export interface TableModule {
  /** The module to import (`"aws-paginators/services/dynamodb"`, or `"aws-paginators"` for a built-in table). */
  readonly module: string;
  /** The name the module exports the table by (`"dynamodbTable"`). */
  readonly exportName: string;
}

/**
 * Where the table for a service is imported from: `"DynamoDB"` →
 * `{ module: "aws-paginators/services/dynamodb", exportName: "dynamodbTable" }`; a built-in's is
 * the package root. Follows the naming rule: whether the generator built that module is known
 * only from the generated data (`aws-paginators/all`).
 *
 * @example
 * ```ts
 * const { module, exportName } = tableModuleOf("CloudWatch Logs");
 * console.log(`import { ${exportName} } from "${module}"`); // import { cloudwatchLogsTable } from "aws-paginators/services/cloudwatch-logs"
 * ```
 *
 * @group Tables
 */
export function tableModuleOf(serviceId: string): TableModule {
  const builtIn = builtInFor(serviceId);
  if (builtIn) return { module: "aws-paginators", exportName: builtIn.exportName };
  const name = serviceModuleName(serviceId);
  return { module: `aws-paginators/services/${name}`, exportName: tableExportName(name) };
}
