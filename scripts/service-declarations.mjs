// The declarations (.d.ts and .d.cts text) of one generated service table module. Shared by the
// generator and the build, so the types a table carries are defined in one place.
//
// The declarations state outright what the paginators are typed from (every accepted name, each
// operation's input, output and result keys), so that a program using one operation of a large
// service costs the compiler a few lookups, not a pass over every operation of the client.

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
 * The three spellings `getPaginator` takes: PascalCase, camelCase, and boto3's snake_case (a break
 * before a capital that follows a lower-case letter or digit, or that starts a capitalized word).
 * spec/unit/service-declarations.spec.ts holds this to lib/names.ts for every generated operation.
 */
export function spellings(operation) {
  const snake = operation
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
  return [...new Set([operation, operation.charAt(0).toLowerCase() + operation.slice(1), snake])];
}

const keys = (resultKey) => (Array.isArray(resultKey) ? resultKey : [resultKey]);

/**
 * @param {{ header: string, exportName: string, packageName: string, serviceId: string, rules: Record<string, { resultKey: string | string[] }> }} table
 * @returns {string} the declaration file's text
 */
export function serviceDeclarations({ header, exportName, packageName, serviceId, rules }) {
  const operations = Object.keys(rules);
  const typeName = exportName.charAt(0).toUpperCase() + exportName.slice(1);
  const names = operations.flatMap((operation) => spellings(operation).map((name) => `  readonly ${JSON.stringify(name)}: Sendable<typeof Client, ${JSON.stringify(operation)}>;\n`));
  const types = operations.map((operation) => {
    const resultKeys = keys(rules[operation].resultKey).map((key) => JSON.stringify(key));
    return (
      `  readonly ${operation}: OperationTypes<OperationInput<typeof Client, ${JSON.stringify(operation)}>, ` +
      `OperationOutput<typeof Client, ${JSON.stringify(operation)}>, ${resultKeys.join(" | ")}, ${resultKeys[0]}>;\n`
    );
  });
  return (
    `${header}// @ts-ignore: the client package is an optional peer; without it the table's types are loose.\n` +
    `import type * as Client from "${packageName}";\n` +
    `import type { OperationInput, OperationOutput, OperationTypes, PaginatorTable, Sendable, ServiceConfig, TableTypes } from "aws-paginators";\n` +
    `declare const rules: ${typeOf(rules)};\n` +
    `/** Every name getPaginator takes, and the operation it stands for where the installed client has it. */\ninterface Names {\n${names.join("")}}\n` +
    `interface Operations {\n${types.join("")}}\n` +
    // An interface, so that messages print the table's type by this name rather than in full.
    `export interface ${typeName} extends PaginatorTable<typeof rules, typeof Client, ` +
    `TableTypes<Names, Operations, ServiceConfig<typeof Client, ${JSON.stringify(operations[0])}>, ${JSON.stringify(serviceId)}>> {}\n` +
    `/** ${serviceId}: ${operations.length} paginated operations. Pass it to \`withPaginators(client, ${exportName})\`. */\n` +
    `export declare const ${exportName}: ${typeName};\n`
  );
}
