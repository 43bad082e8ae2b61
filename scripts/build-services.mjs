// Turns the generated tables, kept as data in lib/services/generated/<name>.json, into the modules
// `aws-paginators/services/<name>` and `aws-paginators/all` serve: dist/services/<name>.js (ESM),
// .cjs (CommonJS) and their declarations. The built-in tables (lib/built-ins.ts) get modules that
// re-export them. `_all` is derived here from the data files present, so it cannot go stale.
//
// Run by `npm run build`, and before the specs and `npm start` (`npm run build:services`, about a
// second). Needs tsx (`node --import tsx`) to read the registry from lib/built-ins.ts.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILT_IN_TABLES, tableExportName } from "../lib/built-ins.ts";
import { serviceDeclarations } from "./service-declarations.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DATA = join(root, "lib", "services", "generated");
const OUT = join(root, "dist", "services");

const header = (table) =>
  `// Built by \`npm run build\` from lib/services/generated/${table.name}.json (\`npm run generate\`). ${table.provenance}\n` +
  `// Those packages are Apache-2.0, like this one; see NOTICE.\n`;

/** Every generated table's data, by module name, sorted. */
export function readTables(folder = DATA) {
  return readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ name: file.slice(0, -".json".length), ...JSON.parse(readFileSync(join(folder, file), "utf8")) }));
}

function writeService(table) {
  const name = tableExportName(table.name);
  const file = (extension, text) => writeFileSync(join(OUT, `${table.name}${extension}`), text);
  const rules = JSON.stringify(table.rules);
  const service = JSON.stringify(table.service);
  const count = Object.keys(table.rules).length;
  file(
    ".js",
    `${header(table)}const rules = ${rules};\n` +
      `/** ${table.service}: ${count} paginated operations. Pass it to withPaginators(client, ${name}). */\n` +
      `export const ${name} = /* @__PURE__ */ Object.freeze({ service: ${service}, commands: () => import("${table.clientPackage}"), rules });\n`,
  );
  file(
    ".cjs",
    `${header(table)}"use strict";\nconst rules = ${rules};\n` +
      `exports.${name} = Object.freeze({ service: ${service}, commands: () => Promise.resolve().then(() => require("${table.clientPackage}")), rules });\n`,
  );
  // The whole data object goes in, so the declarations may use any of its fields.
  const types = serviceDeclarations({ ...table, header: header(table), exportName: name, packageName: table.clientPackage, serviceId: table.service, rules: table.rules });
  file(".d.ts", types);
  file(".d.cts", types);
}

/** A built-in table's module re-exports the root's, so that it is the very same table. */
function writeBuiltIn(entry) {
  const text = `// Built by \`npm run build\`: the built-in table, as the package root exports it.\n`;
  const reexport = `export { ${entry.exportName} } from "aws-paginators";\n`;
  writeFileSync(join(OUT, `${entry.module}.js`), text + reexport);
  writeFileSync(join(OUT, `${entry.module}.cjs`), `${text}"use strict";\nexports.${entry.exportName} = require("aws-paginators").${entry.exportName};\n`);
  writeFileSync(join(OUT, `${entry.module}.d.ts`), text + reexport);
  writeFileSync(join(OUT, `${entry.module}.d.cts`), text + reexport);
}

/** `aws-paginators/all`: every table, and `allTables`, `{ [service]: { [Operation]: rule } }`. */
function writeAll(modules) {
  const text = "// Built by `npm run build` from every table in the package.\n";
  const names = modules.map((module) => module.name);
  const packages = `Object.freeze({ ${modules.map((module) => `${JSON.stringify(module.name)}: ${JSON.stringify(module.clientPackage)}`).join(", ")} })`;
  const allTables = "Object.freeze(Object.fromEntries(Object.entries(allServiceTables).map(([name, table]) => [name, table.rules])))";
  writeFileSync(
    join(OUT, "_all.js"),
    text +
      modules.map((module) => `import { ${tableExportName(module.name)} } from "./${module.name}.js";`).join("\n") +
      `\n/** Every table, by service module name. */\nexport const allServiceTables = Object.freeze({ ${names.map((name) => `${JSON.stringify(name)}: ${tableExportName(name)}`).join(", ")} });\n` +
      `/** Every rule: { [service]: { [Operation]: rule } }. */\nexport const allTables = ${allTables};\n` +
      `/** Each service's client package. */\nexport const clientPackages = ${packages};\n`,
  );
  writeFileSync(
    join(OUT, "_all.cjs"),
    `${text}"use strict";\n` +
      `const allServiceTables = Object.freeze({ ${names.map((name) => `${JSON.stringify(name)}: require("./${name}.cjs").${tableExportName(name)}`).join(", ")} });\n` +
      `exports.allServiceTables = allServiceTables;\nexports.allTables = ${allTables};\nexports.clientPackages = ${packages};\n`,
  );
  const types =
    text +
    `import type { PaginatorRule, PaginatorTable } from "aws-paginators";\n` +
    `/** Every table, by service module name. */\nexport declare const allServiceTables: Readonly<Record<${names.map((name) => JSON.stringify(name)).join(" | ")}, PaginatorTable<any, any>>>;\n` +
    `/** Every rule: { [service]: { [Operation]: rule } }, the same normalized objects as paginator.rule. */\nexport declare const allTables: Readonly<Record<keyof typeof allServiceTables, Readonly<Record<string, PaginatorRule>>>>;\n` +
    `/** Each service's client package. */\nexport declare const clientPackages: Readonly<Record<keyof typeof allServiceTables, string>>;\n`;
  writeFileSync(join(OUT, "_all.d.ts"), types);
  writeFileSync(join(OUT, "_all.d.cts"), types);
}

export function buildServices() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const tables = readTables();
  for (const table of tables) writeService(table);
  for (const entry of BUILT_IN_TABLES) writeBuiltIn(entry);
  const modules = [...tables, ...BUILT_IN_TABLES.map((entry) => ({ name: entry.module, clientPackage: entry.clientPackage }))].sort((a, b) => a.name.localeCompare(b.name));
  writeAll(modules);
  return modules.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = buildServices();
  console.log(`built dist/services: ${count} table modules and aws-paginators/all, from ${relative(root, DATA)}`);
}
