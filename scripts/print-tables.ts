/**
 * Prints the built-in tables (s3Table, serviceCatalogTable) as Markdown, for docs/tables.md:
 * one row per operation with its rule, and whether the SDK has a paginateX() of its own.
 *
 *   npx tsx scripts/print-tables.ts > /tmp/tables.md
 */
import * as s3Module from "@aws-sdk/client-s3";
import * as serviceCatalogModule from "@aws-sdk/client-service-catalog";
import { s3Table, serviceCatalogTable, type PaginatorRule, type PaginatorTable } from "aws-paginators";

/** A value in a Markdown table cell: code spans, pipes escaped (GFM), "—" when absent. */
function cell(value: string | readonly string[] | undefined): string {
  if (value === undefined) return "—";
  const list = typeof value === "string" ? [value] : value;
  return list.map((item) => `\`${item.replaceAll("|", "\\|")}\``).join(", ");
}

function markdown(table: PaginatorTable, sdk: Record<string, unknown>): string {
  const rows = Object.entries(table.rules as Record<string, PaginatorRule>).map(([operation, rule]) =>
    [
      operation,
      cell(rule.inputToken),
      cell(rule.outputToken),
      cell(rule.moreResults),
      cell(rule.limitKey) + (rule.limitKeyType === "string" ? " (a string)" : ""),
      cell(rule.resultKey),
      cell(rule.nonAggregateKeys),
      typeof sdk[`paginate${operation}`] === "function" ? "yes" : "**no**",
    ].join(" | "),
  );
  return [
    `### ${table.service} (${rows.length} operations)`,
    "",
    "| operation | inputToken | outputToken | moreResults | limitKey | resultKey | nonAggregateKeys | SDK paginator |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
    "",
  ].join("\n");
}

console.log(markdown(s3Table, s3Module));
console.log(markdown(serviceCatalogTable, serviceCatalogModule));
