// The declarations (.d.ts and .d.cts text) of one generated service table module. Shared by the
// generator and the build, so the types a table carries are defined in one place.

/** A JSON value as a readonly literal type. */
function typeOf(value) {
  if (Array.isArray(value)) return `readonly [${value.map(typeOf).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{ ${Object.entries(value)
      .map(([key, inner]) => `readonly ${key}: ${typeOf(inner)}`)
      .join("; ")} }`;
  }
  return JSON.stringify(value);
}

/**
 * @param {{ header: string, exportName: string, packageName: string, serviceId: string, rules: Record<string, unknown> }} table
 * @returns {string} the declaration file's text
 */
export function serviceDeclarations({ header, exportName, packageName, serviceId, rules }) {
  const count = Object.keys(rules).length;
  return (
    `${header}// @ts-ignore: the client package is an optional peer; without it the table's types are loose.\n` +
    `import type * as Client from "${packageName}";\nimport type { PaginatorTable } from "aws-paginators";\n` +
    `declare const rules: ${typeOf(rules)};\n` +
    `/** ${serviceId}: ${count} paginated operations. Pass it to \`withPaginators(client, ${exportName})\`. */\n` +
    `export declare const ${exportName}: PaginatorTable<typeof rules, typeof Client>;\n`
  );
}
