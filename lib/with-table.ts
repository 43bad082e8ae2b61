/**
 * Paginators from a table the program names: no lookup of the built-in tables, so a bundle holds
 * only the tables it uses. {@link withPaginators} adds that lookup on top.
 */
import { invalidConfig, OperationNotPageableError } from "./errors.js";
import { camelCase, nearestNames } from "./names.js";
import { Paginator } from "./paginator.js";
import { findOperation, type PaginatorTable } from "./table.js";
import type { PaginatorMethods } from "./with-paginators.js";

/** The table itself, once checked to be one. */
export function checkedTable(table: PaginatorTable<any, any>): PaginatorTable<any, any> {
  if (table === null || typeof table !== "object" || typeof table.rules !== "object" || typeof table.service !== "string") {
    invalidConfig("the table", "it must be one made by defineTable({ service, rules, commands }), such as s3Table");
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
 */
export function withTable<Client extends object, Table extends PaginatorTable<any, any>>(client: Client, table: Table): Client & PaginatorMethods<Table> {
  if (client === null || typeof client !== "object") invalidConfig("withTable", "it takes an AWS SDK v3 client, such as new S3Client({}), and its table, such as s3Table");
  return attachPaginators(client, checkedTable(table)) as Client & PaginatorMethods<Table>;
}
