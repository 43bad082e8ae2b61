/**
 * `npm run generate`: builds one table module per AWS service in services/, from the client
 * packages themselves (fetched with `npm pack`), aws-sdk v2's paginators, and overrides.json.
 *
 *   npm run generate                      every client pinned in clients.txt
 *   npm run generate -- --only a,b        only these services (module names: dynamodb, route-53)
 *   npm run generate -- --check a,b       regenerate these into a temporary folder and fail if
 *                                         anything differs from services/ (what CI runs)
 *   npm run generate -- --latest          fetch each client's newest version and re-pin clients.txt
 *   npm run generate -- --from DIR        read packages already unpacked in DIR
 *
 * Writes services/<name>.{js,cjs,d.ts,d.cts}, services/_all.*, and services/REPORT.md.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareWithBoto3, type Agreement } from "./compare-boto3.js";
import { emitAll, emitService, type ServiceModule } from "./emit.js";
import { fetchPackages, unpackedIn, type FetchFailure, type Fetched } from "./fetch.js";
import { merge, type Merged, type Override } from "./merge.js";
import { plainName, readV2, type V2Service } from "./read-v2.js";
import { readV3 } from "./read-v3.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const V2_PACKAGE = "aws-sdk@2.1693.0";
/** Hand-curated and tested: the generated modules re-export these. */
const BUILT_IN: Record<string, string> = { s3: "s3Table", "service-catalog": "serviceCatalogTable" };

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
  const out = check ? mkdtempSync(join(tmpdir(), "aws-paginators-check-")) : join(root, "services");
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
        rules: result.rules,
        operations: client.operations,
        limitSources: result.limitSources,
        provenance, ...(BUILT_IN[name] ? { builtIn: BUILT_IN[name] } : {}) };
      emitService(out, module);
      modules.push(module);
    } catch (error) {
      unreadable.push({ name: pkg.name, reason: (error as Error).message });
    }
  }

  if (!only) {
    emitAll(out, modules);
    if (latest) writeFileSync(join(here, "clients.txt"), `# Client packages the generator reads, pinned; npm run generate -- --latest re-pins them.\n${fetched.filter((pkg) => pkg.name !== "aws-sdk").map((pkg) => `${pkg.name}@${pkg.version}`).join("\n")}\n`);
    let agreement: Agreement | undefined;
    const anchors = join(root, "..", "shared", "anchors", "botocore", "all-paginators.json");
    try {
      agreement = compareWithBoto3(anchors, modules);
    } catch (error) {
      console.error(`boto3 comparison skipped: ${(error as Error).message}`);
    }
    writeFileSync(join(out, "REPORT.md"), report(modules, merged, [...failed, ...unreadable], agreement));
    console.error(`wrote ${modules.length} service modules, ${modules.reduce((sum, module) => sum + module.rules.size, 0)} operations, to ${out}`);
  }

  if (check) {
    const differences: string[] = [];
    for (const file of readdirSync(out)) {
      const fresh = readFileSync(join(out, file), "utf8");
      let committed: string | undefined;
      try {
        committed = readFileSync(join(root, "services", file), "utf8");
      } catch {
        committed = undefined;
      }
      if (fresh !== committed) differences.push(file);
    }
    rmSync(out, { recursive: true, force: true });
    if (!from) rmSync(work, { recursive: true, force: true });
    if (differences.length > 0 || modules.length !== only!.length) {
      console.error(`generated output differs from services/: ${differences.join(", ") || `built ${modules.length} of ${only!.length}`}`);
      process.exit(1);
    }
    console.error(`services/ is what the generator makes for ${only!.join(", ")}`);
  } else if (!from) {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(modules: readonly ServiceModule[], merged: ReadonlyMap<string, Merged>, failures: readonly FetchFailure[], agreement: Agreement | undefined): string {
  const operations = modules.reduce((sum, module) => sum + module.rules.size, 0);
  const lines = [
    "# Generated tables: report",
    "",
    "Written by `npm run generate`. Sources, in order of precedence: `scripts/generate/overrides.json`;",
    `${V2_PACKAGE}'s \`apis/*.paginators.json\`; each client package's \`createPaginator\` calls; each client`,
    "package's request and response types (result keys, and token pairs no source names).",
    "",
    `- Services built: ${modules.length}`,
    `- Operations: ${operations}`,
  ];
  if (agreement) lines.push(...agreement.summary);
  lines.push("", "## Services that could not be built", "");
  lines.push(...(failures.length ? failures.map((failure) => `- ${failure.name}: ${failure.reason}`) : ["None."]));
  lines.push("", "## Operations left out", "");
  for (const [name, result] of [...merged].sort(([a], [b]) => a.localeCompare(b))) {
    for (const drop of result.dropped) lines.push(`- ${name} ${drop.operation}: ${drop.reason}`);
  }
  lines.push("", "## Result keys chosen among several lists", "", "The primary key is the list named after the operation; overrides.json settles the rest.", "");
  for (const [name, result] of [...merged].sort(([a], [b]) => a.localeCompare(b))) {
    for (const choice of result.ambiguous) lines.push(`- ${name} ${choice.operation}: ${choice.chosen} (of ${choice.lists.join(", ")})`);
  }
  if (agreement) lines.push("", ...agreement.details);
  return `${lines.join("\n")}\n`;
}

await main();
