/**
 * The services `aws-paginate` knows, and nothing else: one entry per paginator table, named as its
 * module is (`aws-paginators/services/<name>`): the built-in tables of the library's registry
 * (`BUILT_IN_TABLES`), then every generated one.
 */
import { BUILT_IN_TABLES, serviceModuleName, type PaginatorTable } from "aws-paginators";
import { allServiceTables, clientPackages } from "aws-paginators/all";

export interface Service {
  /** As the CLI takes it: `s3`, `service-catalog`. */
  readonly name: string;
  /** The client package, for messages and for tables without a `commands` loader. */
  readonly packageName: string;
  /** The bare client class the package exports (`S3Client`); found in the package when undefined. */
  readonly clientClass: string | undefined;
  readonly table: PaginatorTable<any, any>;
  /** Client configuration added when --endpoint-url is given. */
  readonly endpointConfig: Readonly<Record<string, unknown>>;
}

/** Configuration a service needs with a custom endpoint, by `serviceId`. */
const ENDPOINT_CONFIG: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  // Local and third-party S3 endpoints (MinIO, LocalStack, moto) serve buckets by path.
  S3: { forcePathStyle: true },
};

/** `"Service Catalog"` → `"service-catalog"`: the SDK's package suffix, and the CLI's name. */
export const serviceName: (serviceId: string) => string = serviceModuleName;

/** A table's service entry, derived from its `service` (the client's `config.serviceId`). */
export function serviceOf(table: PaginatorTable<any, any>): Service {
  const name = serviceName(table.service);
  return {
    name,
    packageName: `@aws-sdk/client-${name}`,
    clientClass: `${table.service.replace(/[^A-Za-z0-9]/g, "")}Client`,
    table,
    endpointConfig: ENDPOINT_CONFIG[table.service] ?? {},
  };
}

export function servicesOf(tables: Iterable<PaginatorTable<any, any>>): ReadonlyMap<string, Service> {
  const services = new Map<string, Service>();
  for (const table of tables) {
    const service = serviceOf(table);
    services.set(service.name, service);
  }
  return services;
}

/**
 * The services the CLI knows: the library's built-in tables, then every generated table, named as
 * its module is (`dynamodb`, `route-53`, `cloudwatch-logs`).
 */
export const SERVICES: ReadonlyMap<string, Service> = (() => {
  const services = new Map<string, Service>();
  for (const entry of BUILT_IN_TABLES) services.set(entry.module, { ...serviceOf(entry.table), name: entry.module, packageName: entry.clientPackage });
  for (const [name, table] of Object.entries(allServiceTables)) {
    if (services.has(name)) continue;
    services.set(name, {
      name,
      packageName: clientPackages[name as keyof typeof clientPackages],
      clientClass: undefined,
      table,
      endpointConfig: ENDPOINT_CONFIG[table.service] ?? {},
    });
  }
  return services;
})();

/**
 * A service by name, in any spelling: `service-catalog`, `servicecatalog` (the AWS CLI's),
 * `ServiceCatalog`, `"Service Catalog"`.
 */
export function findService(name: string, services: ReadonlyMap<string, Service> = SERVICES): Service | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const wanted = plain(name);
  for (const service of services.values()) if (plain(service.name) === wanted) return service;
  for (const service of services.values()) if (plain(service.table.service) === wanted) return service;
  return undefined;
}
