/**
 * `npm run generate`: writes one data file per AWS service in lib/services/generated/, from the
 * client packages themselves (fetched with `npm pack`), aws-sdk v2's paginators, and
 * overrides.json; `npm run build` turns the data into modules.
 *
 *   npm run generate                      every client pinned in clients.txt
 *   npm run generate -- --only a,b        only these services (module names: dynamodb, route-53)
 *   npm run generate -- --check a,b       regenerate these into a temporary folder and fail if
 *                                         anything differs from lib/services/generated/ (what CI runs)
 *   npm run generate -- --latest          fetch each client's newest version and re-pin clients.txt
 *   npm run generate -- --from DIR        read packages already unpacked in DIR
 *
 * Writes lib/services/generated/<name>.json (none for the built-in tables of lib/built-ins.ts,
 * which are hand-curated) and, on a full run, lib/services/generated/REPORT.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareWithBoto3, type Agreement } from "./compare-boto3.js";
import { BUILT_IN_TABLES } from "../../lib/built-ins.js";
import { writeDataFile, type ServiceModule } from "./data-file.js";
import { fetchPackages, unpackedIn, type FetchFailure, type Fetched } from "./fetch.js";
import { merge, type Merged, type Override, type Rule, type Source } from "./merge.js";
import { plainName, readV2, type V2Service } from "./read-v2.js";
import { readV3 } from "./read-v3.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const V2_PACKAGE = "aws-sdk@2.1693.0";
/** Hand-curated and tested: the build re-exports these, so no data file is written for them. */
const BUILT_IN: Record<string, string> = Object.fromEntries(BUILT_IN_TABLES.map((entry) => [entry.module, entry.exportName]));
const DATA = join(root, "lib", "services", "generated");

function builtInRules(name: string): Map<string, Rule> {
  const entry = BUILT_IN_TABLES.find((candidate) => candidate.module === name)!;
  return new Map(Object.entries(entry.table.rules as unknown as Record<string, Rule>));
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index < 0 ? undefined : process.argv[index + 1];
}

function pinned(): string[] {
  return readFileSync(join(here, "clients.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

const moduleName = (packageName: string) => packageName.replace(/^@aws-sdk\/client-/, "");

function findV2(services: readonly V2Service[], serviceId: string, name: string): V2Service | undefined {
  const bySdkId = services.find((service) => service.serviceId === serviceId);
  if (bySdkId) return bySdkId;
  const wanted = [plainName(serviceId), plainName(name)];
  return services.find((service) => wanted.includes(plainName(service.name)) || wanted.includes(plainName(service.id)));
}

async function main(): Promise<void> {
  const check = option("--check");
  const only = (check ?? option("--only"))?.split(",").map((name) => name.trim());
  const latest = process.argv.includes("--latest");
  const from = option("--from");
  const out = check ? mkdtempSync(join(tmpdir(), "aws-paginators-check-")) : DATA;
  const work = from ?? mkdtempSync(join(tmpdir(), "aws-paginators-generate-"));

  let specs = pinned();
  if (only) specs = specs.filter((spec) => only.includes(moduleName(spec.replace(/@[^@/]*$/, ""))));
  if (latest) specs = specs.map((spec) => spec.replace(/@[^@/]*$/, ""));
  let fetched: Fetched[];
  let failed: FetchFailure[] = [];
  if (from) {
    const names = new Set(specs.map((spec) => spec.replace(/@[^@/]*$/, "")));
    fetched = unpackedIn(from).filter((pkg) => names.has(pkg.name) || pkg.name === "aws-sdk");
  } else {
    console.error(`fetching ${specs.length} client packages and ${V2_PACKAGE} with npm pack into ${work}`);
    ({ fetched, failed } = await fetchPackages([...specs, V2_PACKAGE], work));
  }
  const v2Package = fetched.find((pkg) => pkg.name === "aws-sdk");
  if (!v2Package) throw new Error(`could not fetch ${V2_PACKAGE}: ${failed.find((f) => f.name === "aws-sdk")?.reason ?? "not found"}`);
  const v2 = readV2(v2Package.dir);
  const overrides = JSON.parse(readFileSync(join(here, "overrides.json"), "utf8")) as Record<string, Record<string, Override>>;

  mkdirSync(out, { recursive: true });
  // A full run rewrites every data file: a service no longer built leaves none behind.
  if (!only) for (const file of readdirSync(out).filter((name) => name.endsWith(".json"))) rmSync(join(out, file));
  const modules: ServiceModule[] = [];
  const merged = new Map<string, Merged>();
  const unreadable: FetchFailure[] = [];
  for (const pkg of fetched.filter((candidate) => candidate.name !== "aws-sdk")) {
    const name = moduleName(pkg.name);
    try {
      const client = readV3(pkg.dir);
      const v2Service = findV2(v2.services, client.serviceId, name);
      const result = merge(client, v2Service, Object.fromEntries(Object.entries(overrides[name] ?? {}).filter(([key]) => key !== "$comment")));
      merged.set(name, result);
      if (result.rules.size === 0 && !BUILT_IN[name]) continue;
      const provenance = `From ${pkg.name}@${pkg.version}${v2Service ? ` and ${V2_PACKAGE} (apis/${v2Service.file})` : ""}${overrides[name] ? ", with scripts/generate/overrides.json" : ""}.`;
      const aliases = [name, client.serviceId, client.endpointPrefix, v2Service?.id, v2Service?.name, v2Service?.endpointPrefix].filter((alias): alias is string => Boolean(alias));
      const module: ServiceModule = {
        name,
        packageName: pkg.name,
        version: pkg.version,
        serviceId: client.serviceId,
        aliases,
        // A built-in table ships its own hand-curated rules: the report counts and compares those.
        rules: BUILT_IN[name] ? builtInRules(name) : result.rules,
        operations: client.operations,
        limitSources: result.limitSources,
        provenance, ...(BUILT_IN[name] ? { builtIn: BUILT_IN[name] } : {}) };
      if (!module.builtIn) writeDataFile(out, module);
      modules.push(module);
    } catch (error) {
      unreadable.push({ name: pkg.name, reason: (error as Error).message });
    }
  }

  if (!only) {
    if (latest) writeFileSync(join(here, "clients.txt"), `# Client packages the generator reads, pinned; npm run generate -- --latest re-pins them.\n${fetched.filter((pkg) => pkg.name !== "aws-sdk").map((pkg) => `${pkg.name}@${pkg.version}`).join("\n")}\n`);
    let agreement: Agreement | undefined;
    const anchors = join(root, "..", "shared", "anchors", "botocore", "all-paginators.json");
    try {
      agreement = compareWithBoto3(anchors, modules);
    } catch (error) {
      console.error(`boto3 comparison skipped: ${(error as Error).message}`);
    }
    writeFileSync(join(out, "REPORT.md"), report(modules, merged, overrides, [...failed, ...unreadable], agreement));
    console.error(`wrote ${modules.length} service modules, ${modules.reduce((sum, module) => sum + module.rules.size, 0)} operations, to ${out}`);
  }

  if (check) {
    const differences: string[] = [];
    for (const file of readdirSync(out)) {
      const fresh = readFileSync(join(out, file), "utf8");
      let committed: string | undefined;
      try {
        committed = readFileSync(join(DATA, file), "utf8");
      } catch {
        committed = undefined;
      }
      if (fresh !== committed) differences.push(file);
    }
    rmSync(out, { recursive: true, force: true });
    if (!from) rmSync(work, { recursive: true, force: true });
    if (differences.length > 0 || modules.length !== only!.length) {
      console.error(`generated output differs from lib/services/generated/: ${differences.join(", ") || `built ${modules.length} of ${only!.length}`}`);
      process.exit(1);
    }
    console.error(`lib/services/generated/ is what the generator makes for ${only!.join(", ")}`);
  } else if (!from) {
    rmSync(work, { recursive: true, force: true });
  }
}

const SOURCE_NAMES: Record<Source, string> = {
  override: "scripts/generate/overrides.json",
  v2: `${V2_PACKAGE}'s paginators.json`,
  v3: "the v3 client's own paginator (createPaginator)",
  types: "the v3 client's request and response types",
};

function report(
  modules: readonly ServiceModule[],
  merged: ReadonlyMap<string, Merged>,
  overrides: Readonly<Record<string, Readonly<Record<string, Override | string>>>>,
  failures: readonly FetchFailure[],
  agreement: Agreement | undefined,
): string {
  const operations = modules.reduce((sum, module) => sum + module.rules.size, 0);
  const built = new Set(modules.map((module) => module.name));
  // The built-in tables are hand-curated: what the generator would make of them is not shipped.
  const sorted = [...merged].filter(([name]) => !BUILT_IN[name]).sort(([a], [b]) => a.localeCompare(b));
  const count = (pick: (result: Merged) => ReadonlyMap<string, Source>, source: Source) =>
    sorted.reduce((sum, [, result]) => sum + [...pick(result).entries()].filter(([operation, from]) => from === source && result.rules.has(operation)).length, 0);
  const entries = Object.entries(overrides)
    .filter(([service]) => service !== "$comment")
    .flatMap(([service, rules]) => Object.entries(rules).filter(([operation]) => operation !== "$comment").map(([operation, rule]) => ({ service, operation, rule: rule as Override })));
  const lines = [
    "# Generated tables: report",
    "",
    "Written by `npm run generate`. Sources, in order of precedence: `scripts/generate/overrides.json`;",
    `${V2_PACKAGE}'s \`apis/*.paginators.json\`; each client package's \`createPaginator\` calls; each client`,
    "package's request and response types (a result key where the response has one candidate list and",
    "nothing else, and token pairs no source names). Every rule is then checked against its client",
    "package's types (scripts/generate/check.ts): input tokens and the limit key are request members, the",
    "limit key a number (or a string, stated), output tokens and flags are paths in the response, the",
    "primary result key is a list and the others lists or counts. A rule failing a check is left out below.",
    "",
    `- Services built: ${modules.length} (${modules.filter((module) => !module.builtIn).length} data files, and the built-in tables of lib/built-ins.ts: ${Object.keys(BUILT_IN).join(", ")})`,
    `- Operations: ${operations}`,
  ];
  if (agreement) lines.push(...agreement.summary);
  lines.push(
    "",
    "## Operations each source settled",
    "",
    "| source | tokens | result keys |",
    "| --- | --- | --- |",
    ...(["override", "v2", "v3", "types"] as const).map(
      (source) => `| ${SOURCE_NAMES[source]} | ${count((result) => result.tokenSources, source)} | ${source === "v3" ? "—" : count((result) => result.resultSources, source)} |`,
    ),
  );
  lines.push("", "## Overrides", "", `${entries.length} entries in scripts/generate/overrides.json, each with its reason.`, "");
  lines.push(...entries.map(({ service, operation, rule }) => `- ${service} ${operation}${rule.skip ? " (left out)" : ""}: ${rule.reason}`));
  lines.push("", "## Listings that end on an echoed token", "", "Rules with `endOnEchoedToken: true`: the client's documentation says the service answers the last page with the token it was sent.", "");
  const echoes = entries.filter(({ rule }) => rule.endOnEchoedToken);
  lines.push(...(echoes.length ? echoes.map(({ service, operation, rule }) => `- ${service} ${operation}: ${rule.reason}`) : ["None."]));
  lines.push("", "## Result keys among several candidates", "", "Operations whose response has more than one list or map besides its tokens: a source says which holds the items, or the operation is left out.", "");
  for (const [name, result] of sorted) {
    for (const choice of result.ambiguous) {
      const rule = result.rules.get(choice.operation);
      lines.push(`- ${name} ${choice.operation} (${choice.candidates.join(", ")}): ${rule && choice.settledBy ? `${rule.resultKey[0]}, from ${SOURCE_NAMES[choice.settledBy]}` : "left out"}`);
    }
  }
  lines.push("", "## Services that could not be built", "");
  lines.push(...(failures.length ? failures.map((failure) => `- ${failure.name}: ${failure.reason}`) : ["None."]));
  lines.push("", "## Operations left out", "");
  for (const [name, result] of sorted) {
    for (const drop of result.dropped) lines.push(`- ${name} ${drop.operation}: ${drop.reason}`);
  }
  if (agreement) lines.push("", ...agreement.details);
  return `${lines.join("\n")}\n`;
}

await main();
