/**
 * Scenario 4b: the seed's nested fan-out (buckets → objects → a HeadObject each), done as
 * examples/fan-out.ts does it, against a loopback server (in its own process) that throttles above
 * K requests in flight. Counted at the server: requests in flight never above the bound, no
 * throttling, and wall time near (requests / bound) × latency; the Promise.all way beside it.
 */
import { bounded, promiseAll } from "../examples/fan-out.js";
import { s3ClientFor } from "../emulator/index.js";
import { startServerProcess } from "./server.js";
import type { Verdict } from "./stats.js";

const BUCKETS = 4;
const KEYS = 100;
const K = 8;
const LATENCY = 40;

export async function fanOut(): Promise<Verdict[]> {
  const server = await startServerProcess(KEYS, LATENCY, K, BUCKETS);
  try {
    const verdicts: Verdict[] = [];
    const rows = [];
    for (const [approach, bound] of [["bounded", K], ["bounded", K / 2], ["Promise.all", undefined]] as const) {
      server.resetStats();
      // The SDK's default 3 attempts: all the Promise.all way has against throttling.
      const client = s3ClientFor(server, { maxAttempts: 3 });
      const started = performance.now();
      const { objects, failed } = bound === undefined ? await promiseAll(client) : await bounded(client, bound);
      const ms = performance.now() - started;
      const stats = await server.stats();
      rows.push({ approach, bound: bound ?? "none", objects, failed, requests: stats.requests, "max in flight": stats.maxInFlight, throttled: stats.throttled, "wall ms": Math.round(ms) });
      if (bound === undefined) continue;
      if (objects !== BUCKETS * KEYS) throw new Error(`headed ${objects} objects, not ${BUCKETS * KEYS}`);
      const ideal = (stats.requests / bound) * LATENCY;
      const base = { median_ms: Number(ms.toFixed(1)), baseline_ms: Number(ideal.toFixed(1)), spread: 0 };
      verdicts.push(
        { scenario: `fan-out-in-flight-bound-${bound}`, ratio: stats.maxInFlight / bound, ...base, target: `max in flight ≤ ${bound} at the server`, ok: stats.maxInFlight <= bound },
        { scenario: `fan-out-throttled-bound-${bound}`, ratio: stats.throttled, ...base, target: `0 throttled (server throttles above ${K})`, ok: stats.throttled === 0 },
        { scenario: `fan-out-wall-time-bound-${bound}`, ratio: Number((ms / ideal).toFixed(3)), ...base, target: "≤ 1.2× (requests / bound) × latency", ok: ms <= 1.2 * ideal },
      );
    }
    console.log(`\nFan-out: ${BUCKETS} buckets × ${KEYS} objects, HeadObject each, ${LATENCY} ms latency, server throttles above ${K} in flight`);
    console.table(rows);
    return verdicts;
  } finally {
    server.stop();
  }
}
