/**
 * What the types cost the compiler: a small program is checked by `tsc --extendedDiagnostics` in a
 * temporary folder, and its instantiation count and check time read from the report. The folder
 * sees the SDK clients installed here, the library (its source or its built declarations), and
 * generated service declarations written afresh by scripts/service-declarations.mjs, so what is
 * measured is what the declarations function writes now.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { allServiceTables, clientPackages } from "aws-paginators/all";
// @ts-ignore: a plain .mjs module, shared with the generator and the build
import { serviceDeclarations } from "../scripts/service-declarations.mjs";
import type { Verdict } from "./stats.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface TypeCost {
  readonly instantiations: number;
  readonly checkSeconds: number;
  readonly totalSeconds: number;
}

export interface TypeCostOptions {
  /** The library's entry the program compiles against: `lib/index.ts`, or `dist/esm/index.d.ts` after a build (absolute, or from the project root). */
  readonly library: string;
  /** The generated services the program imports, by module name (`ec2`). */
  readonly services?: readonly string[];
}

/** What tsc prints for a program (`program.ts`, of `source`), and whether it compiled. */
export function compileProgram(source: string, { library, services = [] }: TypeCostOptions, flags: readonly string[] = []): { ok: boolean; output: string } {
  const folder = mkdtempSync(join(tmpdir(), "aws-paginators-type-cost-"));
  try {
    mkdirSync(join(folder, "node_modules"));
    for (const scope of ["@aws-sdk", "@smithy"]) symlinkSync(join(root, "node_modules", scope), join(folder, "node_modules", scope), "dir");
    mkdirSync(join(folder, "services"));
    for (const name of services) {
      const table = allServiceTables[name as keyof typeof allServiceTables];
      const text: string = serviceDeclarations({
        header: "// Written by bench/type-cost.ts from scripts/service-declarations.mjs.\n",
        exportName: `${name.replace(/-([a-z0-9])/g, (_, char: string) => char.toUpperCase())}Table`,
        packageName: clientPackages[name as keyof typeof clientPackages],
        serviceId: table.service,
        rules: table.rules,
      });
      writeFileSync(join(folder, "services", `${name}.d.ts`), text);
    }
    writeFileSync(join(folder, "program.ts"), source);
    const compilerOptions = {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      types: [],
      lib: ["ES2022", "DOM"],
      paths: { "aws-paginators": [resolve(root, library)], "aws-paginators/services/*": ["./services/*"] },
    };
    writeFileSync(join(folder, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["program.ts"] }));
    try {
      return { ok: true, output: execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", folder, ...flags], { encoding: "utf8" }) };
    } catch (error) {
      return { ok: false, output: (error as { stdout?: string }).stdout ?? String(error) };
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What a program costs the compiler; throws if it does not compile. */
export function typeCost(source: string, options: TypeCostOptions): TypeCost {
  const { ok, output } = compileProgram(source, options, ["--extendedDiagnostics"]);
  if (!ok) throw new Error(`the type-cost program does not compile:\n${output}`);
  const figure = (label: string) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output);
    if (!match) throw new Error(`tsc --extendedDiagnostics printed no "${label}":\n${output}`);
    return Number(match[1]);
  };
  return { instantiations: figure("Instantiations"), checkSeconds: figure("Check time"), totalSeconds: figure("Total time") };
}

/**
 * The library's declarations as a build writes them, into a temporary folder (for a measure that
 * needs no build); returns the folder, whose `index.d.ts` is the entry.
 */
export function emitLibraryDeclarations(): string {
  const folder = mkdtempSync(join(tmpdir(), "aws-paginators-declarations-"));
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json"), "--emitDeclarationOnly", "--outDir", folder], { stdio: "inherit" });
  copyFileSync(join(root, "lib/peer-types.d.ts"), join(folder, "peer-types.d.ts"));
  return folder;
}

/** The programs compared: one paginator of the largest service (EC2), and of S3, ours and the SDK's. */
export const TYPE_COST_PROGRAMS = {
  ec2: {
    services: ["ec2"],
    ours: `import { EC2Client } from "@aws-sdk/client-ec2";
import { withPaginators } from "aws-paginators";
import { ec2Table } from "aws-paginators/services/ec2";

export async function main(): Promise<void> {
  const ec2 = withPaginators(new EC2Client({}), ec2Table);
  for await (const reservation of ec2.getPaginator("describeInstances").items({})) console.log(reservation.ReservationId);
}
`,
    sdk: `import { EC2Client, paginateDescribeInstances } from "@aws-sdk/client-ec2";

export async function main(): Promise<void> {
  const client = new EC2Client({});
  for await (const page of paginateDescribeInstances({ client }, {})) for (const reservation of page.Reservations ?? []) console.log(reservation.ReservationId);
}
`,
  },
  s3: {
    services: [],
    ours: `import { S3Client } from "@aws-sdk/client-s3";
import { withPaginators } from "aws-paginators";

export async function main(): Promise<void> {
  const s3 = withPaginators(new S3Client({}));
  for await (const object of s3.getPaginator("listObjectsV2").items({ Bucket: "b" })) console.log(object.Key);
}
`,
    sdk: `import { S3Client, paginateListObjectsV2 } from "@aws-sdk/client-s3";

export async function main(): Promise<void> {
  const client = new S3Client({});
  for await (const page of paginateListObjectsV2({ client }, { Bucket: "b" })) for (const object of page.Contents ?? []) console.log(object.Key);
}
`,
  },
} as const;

/** The largest service's instantiations a program may cost (spec/unit/type-cost.spec.ts holds it too). */
export const MAX_EC2_INSTANTIATIONS = 20_000;

/**
 * Scenario 5: the type cost of one paginator, EC2's and S3's, ours beside the SDK's paginateX,
 * compiled against the built declarations in dist/ (what users compile against).
 */
export function typeCostScenario(): Verdict[] {
  const rows: Record<string, unknown>[] = [];
  const verdicts: Verdict[] = [];
  for (const [service, program] of Object.entries(TYPE_COST_PROGRAMS)) {
    const ours = typeCost(program.ours, { library: "dist/esm/index.d.ts", services: program.services });
    const sdk = typeCost(program.sdk, { library: "dist/esm/index.d.ts", services: [] });
    rows.push({ program: `${service}: aws-paginators`, ...ours }, { program: `${service}: the SDK's paginator`, ...sdk });
    verdicts.push({
      scenario: `type-instantiations-${service}`,
      ratio: Number((ours.instantiations / sdk.instantiations).toFixed(1)),
      median_ms: Math.round(ours.checkSeconds * 1000),
      baseline_ms: Math.round(sdk.checkSeconds * 1000),
      spread: 0,
      target: service === "ec2" ? `≤ ${MAX_EC2_INSTANTIATIONS.toLocaleString("en-US")} instantiations (ours ${ours.instantiations.toLocaleString("en-US")}, SDK ${sdk.instantiations.toLocaleString("en-US")})` : `reported (ours ${ours.instantiations.toLocaleString("en-US")}, SDK ${sdk.instantiations.toLocaleString("en-US")})`,
      ok: service !== "ec2" || ours.instantiations <= MAX_EC2_INSTANTIATIONS,
    });
  }
  console.log("\nType cost: tsc --extendedDiagnostics of one paginator's program (check time in ms is the verdict's median_ms / baseline_ms)");
  console.table(rows);
  return verdicts;
}
