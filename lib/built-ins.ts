/**
 * The one registry of the tables built into the package, and the naming rule that leads from a
 * client's `config.serviceId` to the generated module holding its table. `withPaginators`, the
 * types, the `aws-paginate` command and the generator all read it: adding a built-in table is
 * one line in {@link BUILT_IN_TABLES}.
 */
import { serviceCatalogTable } from "./services/service-catalog.js";
import { s3Table } from "./services/s3.js";

/**
 * The built-in tables, each with the client's `config.serviceId` it serves, its client package,
 * the export that names it, and the generated module (`aws-paginators/services/<module>`) that
 * re-exports it. (`as typeof` keeps the declaration a reference to the table: inlined, its type
 * would name every client package, and a program with only one of them installed would not compile.)
 */
export const BUILT_IN_TABLES = [
  { serviceId: "S3", clientPackage: "@aws-sdk/client-s3", module: "s3", exportName: "s3Table", table: s3Table as typeof s3Table },
  { serviceId: "Service Catalog", clientPackage: "@aws-sdk/client-service-catalog", module: "service-catalog", exportName: "serviceCatalogTable", table: serviceCatalogTable as typeof serviceCatalogTable },
] as const;

/** One entry of {@link BUILT_IN_TABLES}. */
export type BuiltInEntry = (typeof BUILT_IN_TABLES)[number];

/** The built-in entry for a client's `config.serviceId`, if there is one. */
export function builtInFor(serviceId: unknown): BuiltInEntry | undefined {
  return BUILT_IN_TABLES.find((entry) => entry.serviceId === serviceId);
}

/**
 * `"CloudWatch Logs"` → `"cloudwatch-logs"`: the name of a service's generated module, which is
 * its client package's name less `@aws-sdk/client-` (a spec holds every generated module to it).
 */
export function serviceModuleName(serviceId: string): string {
  return serviceId.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** `cloudwatch-logs` → `cloudwatchLogsTable`, `route-53` → `route53Table`: what a generated module exports. */
export function tableExportName(moduleName: string): string {
  return `${moduleName.replace(/-([a-z0-9])/g, (_, char: string) => char.toUpperCase())}Table`;
}

/**
 * Where the table for a service is imported from: `"DynamoDB"` →
 * `{ module: "aws-paginators/services/dynamodb", exportName: "dynamodbTable" }`; a built-in's is
 * the package root. Follows the naming rule: whether the generator built that module is known
 * only from the generated data (`aws-paginators/all`).
 */
export function tableModuleOf(serviceId: string): { readonly module: string; readonly exportName: string } {
  const builtIn = builtInFor(serviceId);
  if (builtIn) return { module: "aws-paginators", exportName: builtIn.exportName };
  const name = serviceModuleName(serviceId);
  return { module: `aws-paginators/services/${name}`, exportName: tableExportName(name) };
}
