// Builds the package: ESM and CommonJS, each with its .d.ts, from the same lib/ source; then the
// generated tables' modules, from their data (scripts/build-services.mjs).
import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync, writeFileSync } from "node:fs";

const tsc = (project) => execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", project], { stdio: "inherit" });

rmSync("dist", { recursive: true, force: true });
tsc("tsconfig.build.json");
tsc("tsconfig.cjs.json");
// tsc does not copy hand-written declarations; this one keeps its @ts-ignore comments.
for (const format of ["esm", "cjs"]) copyFileSync("lib/peer-types.d.ts", `dist/${format}/peer-types.d.ts`);
// Node reads dist/cjs as CommonJS whatever the root package.json says.
writeFileSync("dist/cjs/package.json", JSON.stringify({ type: "commonjs" }, null, 2) + "\n");
console.log("built dist/esm (ESM) and dist/cjs (CommonJS), with types");
execFileSync(process.execPath, ["--import", "tsx", "scripts/build-services.mjs"], { stdio: "inherit" });
