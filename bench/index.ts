/**
 * `npm run bench`: the library's cost as ratios against the SDK's own paginators and hand-written
 * loops, measured side by side in one process. Prints a table per scenario, then one JSON line per
 * verdict. Reports; never fails a build on timing.
 */
import { cpus } from "node:os";
import { itemsOverhead } from "./items-overhead.js";
import { fanOut } from "./fan-out.js";
import { memory } from "./memory.js";
import { network, readAhead } from "./network.js";
import { parallel } from "./parallel.js";
import { typeCostScenario } from "./type-cost.js";
import type { Verdict } from "./stats.js";

// The SDK's notice that its 2027 releases need Node 22; the lockfile pins what we measure.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const quick = process.argv.includes("--quick");
const rounds = quick ? 3 : 9;

console.log(`aws-paginators bench — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, Node ${process.version}`);
const scenarios: Record<string, () => Promise<Verdict[]>> = {
  network: () => network(quick ? 3 : 7),
  items: () => itemsOverhead(rounds),
  memory: () => memory(),
  "read-ahead": () => readAhead(quick ? 3 : 5),
  "fan-out": () => fanOut(),
  parallel: () => parallel(),
  types: async () => typeCostScenario(),
};
// `npm run bench -- --only memory` runs one scenario.
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
if (only !== undefined && !(only in scenarios)) throw new Error(`--only takes one of ${Object.keys(scenarios).join(", ")}; got ${only}`);
const verdicts: Verdict[] = [];
for (const [name, scenario] of Object.entries(scenarios)) if (only === undefined || only === name) verdicts.push(...(await scenario()));

console.log("\nVerdicts");
console.table(verdicts.map(({ scenario, ratio, median_ms, baseline_ms, target, ok }) => ({ scenario, ratio, median_ms, baseline_ms, target, ok: ok ? "ok" : "MISSED" })));
for (const verdict of verdicts) console.log(JSON.stringify(verdict));
