/**
 * Paginators from a table the program names: no lookup of the built-in tables, so a bundle holds
 * only the tables it uses. {@link withPaginators} adds that lookup on top.
 */
import { invalidConfig, OperationNotPageableError } from "./errors.js";
import { camelCase, nearestNames } from "./names.js";
import { Paginator } from "./paginator.js";
import { findOperation, type PaginatorTable } from "./table.js";
import type { PaginatorMethods } from "./with-paginators.js";

/** How a client's service is compared with a table's: as the generator and users spell it, loosely. */
const plainService = (service: string) => service.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Where a service's generated table is: the client package's name less `@aws-sdk/client-`, which
 * is the service id in lower case with dashes for spaces (`Route 53` → `route-53`), and its
 * export in camelCase (`route53Table`). Spelt here rather than read from the built-in registry,
 * so that a bundle naming its table carries no other.
 *
 * @internal
 */
export function tableImport(serviceId: string): string {
  const module = serviceId.toLowerCase().replace(/\s+/g, "-");
  const exported = `${module.replace(/-([a-z0-9])/g, (_, char: string) => char.toUpperCase())}Table`;
  return `import { ${exported} } from "aws-paginators/services/${module}"`;
}

/**
 * A table as given, checked: one made by defineTable, and for the client's service. A client that
 * does not say its service (a stub, a custom client) takes any table.
 *
 * @internal
 */
export function checkedTable(table: PaginatorTable<any, any, any>, client?: unknown): PaginatorTable<any, any, any> {
  if (table === null || typeof table !== "object" || typeof table.rules !== "object" || typeof table.service !== "string") {
    invalidConfig("the table", "it must be one made by defineTable({ service, rules, commands }), such as s3Table");
  }
  const serviceId = (client as { config?: { serviceId?: unknown } } | undefined)?.config?.serviceId;
  if (typeof serviceId === "string" && serviceId !== "" && plainService(serviceId) !== plainService(table.service)) {
    invalidConfig(
      `the table is for ${table.service}, but the client is for ${serviceId}`,
      `pass it the ${serviceId} table (${tableImport(serviceId)}), or pass the table a ${table.service} client`,
    );
  }
  return table;
}

/** The paginator of `name` (in any spelling), or an error listing the nearest names. */
export function paginatorOf(client: unknown, table: PaginatorTable<any, any>, name: string): Paginator<any, any, any, any> {
  const operation = typeof name === "string" ? findOperation(table, name) : undefined;
  if (operation === undefined) {
    const operations = Object.keys(table.rules);
    const suggestions = typeof name === "string" ? nearestNames(name, operations) : [];
    throw new OperationNotPageableError(
      `${table.service} has no paginator named ${JSON.stringify(name)}.` +
        (suggestions.length > 0 ? ` Did you mean ${suggestions.join(", ")}?` : "") +
        ` Paginated operations: ${operations.map(camelCase).join(", ")}.`,
      suggestions,
    );
  }
  return new Paginator(client, table, operation);
}

/** Adds `getPaginator` and `canPaginate` for a checked table. */
export function attachPaginators(client: object, table: PaginatorTable<any, any>): object {
  Object.defineProperties(client, {
    getPaginator: { value: (name: string) => paginatorOf(client, table, name), configurable: true, writable: true },
    canPaginate: { value: (name: string) => typeof name === "string" && findOperation(table, name) !== undefined, configurable: true, writable: true },
  });
  return client;
}

/**
 * `withPaginators(client, table)` for a bundle: adds `getPaginator(name)` and `canPaginate(name)`
 * for the table given, and nothing looks up the built-in tables, so the bundle carries only this
 * table. With a bare client, give the table its commands: {@link withCommands}.
 *
 * @example
 * ```ts
 * import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
 * import { s3Table, withCommands, withTable } from "aws-paginators";
 *
 * const s3 = withTable(new S3Client({}), withCommands(s3Table, { ListObjectsV2Command }));
 * for await (const object of s3.getPaginator("listObjectsV2").items({ Bucket: "my-bucket" })) console.log(object.Key);
 * ```
 *
 * @group Tables
 */
export function withTable<Client extends object, Table extends PaginatorTable<any, any, any>>(client: Client, table: Table): Client & PaginatorMethods<Table> {
  if (client === null || typeof client !== "object") invalidConfig("withTable", "it takes an AWS SDK v3 client, such as new S3Client({}), and its table, such as s3Table");
  return attachPaginators(client, checkedTable(table, client)) as Client & PaginatorMethods<Table>;
}
