// The static platform guard: lib/ must compile with no Node types (types: [], lib ES2022 + DOM),
// and the canary, which uses Buffer and process, must fail to compile under the same settings,
// so that the guard is known to bite. Run by `npm run test:platform`, part of `npm test`.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const tsc = (project) => spawnSync(process.execPath, [fileURLToPath(import.meta.resolve("typescript/bin/tsc")), "-p", here(project)], { encoding: "utf8" });

const guard = tsc("tsconfig.json");
if (guard.status !== 0) {
  console.error(`platform guard: lib/ uses an API outside ES2022 + DOM (no Node types):\n${guard.stdout}${guard.stderr}`);
  process.exit(1);
}
const canary = tsc("tsconfig.canary.json");
const output = canary.stdout + canary.stderr;
const bites = ["Buffer", "process"].every((name) => new RegExp(`canary\\.ts\\(\\d+,\\d+\\): error TS\\d+: Cannot find name '${name}'`).test(output));
const onlyCanary = output.split("\n").filter((line) => /error TS/.test(line)).every((line) => line.includes("canary.ts"));
if (canary.status === 0 || !bites || !onlyCanary) {
  console.error(`platform guard: the canary (Buffer, process) must fail to compile with exactly those two errors, and it gave:\n${output || "(no errors: Node's types are in scope)"}`);
  process.exit(1);
}
console.log("platform guard: lib/ compiles with no Node types; the canary's Buffer and process are rejected");
