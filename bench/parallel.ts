/**
 * Parallel listing (`config.parallel`): one listing of N = 1,000,000 keys through the emulator's
 * in-process S3 client (S3's listing semantics over a virtual bucket, no HTTP), each request answered after L = 50 ms,
 * C = 16 ranges at once; then the CPU ceiling at L = 0, and the real SDK over loopback HTTP.
 * Each scenario checks that every key came exactly once, in order, and prints its figures; the
 * sequential time is computed (N/1,000 × L), not run.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { withPaginators, s3Table } from "aws-paginators";
import "aws-paginators/parallel";
import { createInProcessS3, generatedKeys, type KeySource } from "../emulator/index.js";
import { startServerProcess } from "./server.js";
import type { Verdict } from "./stats.js";

const N = 1_000_000;
const L = 50;
const C = 16;
const pad = (i: number, width = 7) => String(i).padStart(width, "0");

/** Keys in S3's order for each shape; each source ascends strictly. */
const SHAPES: Record<string, KeySource> = {
  uniform: { count: N, keyAt: (i) => `key-${pad(i)}` },
  // 5% of the keys spread over 19 prefixes, 95% under the last one.
  "skewed: 95% under the last prefix": {
    count: N,
    keyAt: (i) => {
      const few = N * 0.05;
      return i < few ? `logs/p${pad(Math.floor(i / (few / 19)), 2)}/${pad(i)}` : `logs/p19/${pad(i)}`;
    },
  },
  "skewed: Zipf over 100 prefixes": zipf(100, 1),
};

/** N keys under `prefixes` prefixes, prefix k holding a share ∝ 1/k^s (the largest first). */
function zipf(prefixes: number, s: number): KeySource {
  const weights = Array.from({ length: prefixes }, (_, k) => 1 / (k + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const starts: number[] = [];
  let at = 0;
  for (const weight of weights) {
    starts.push(Math.round(at));
    at += (weight / total) * N;
  }
  return {
    count: N,
    keyAt: (i) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= i) lo = mid;
        else hi = mid - 1;
      }
      return `z/${pad(lo, 3)}/${pad(i - starts[lo]!)}`;
    },
  };
}

interface Outcome {
  keys: number;
  wallMs: number;
  requests: number;
  cpuMs: number;
  throttled: number;
  /** Ordered runs: the most pages held at once (fetched or being fetched, not yet handed out), and the bound. */
  held: number | undefined;
  window: number | undefined;
}

async function listOnce(source: KeySource, latencyMs: number, slowDownRate = 0, ordered = true): Promise<Outcome> {
  const client = createInProcessS3({ latencyMs, slowDownRate, seed: 42 });
  client.putVirtualObjects("bench", generatedKeys(source.count, source.keyAt));
  const paginator = withPaginators(client as unknown as S3Client).getPaginator("listObjectsV2");
  const run = paginator.paginate({ Bucket: "bench" }, { parallel: C, ordered });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let keys = 0;
  let previous = "";
  let inOrder = true;
  const seen = ordered ? undefined : new Set<string>();
  for await (const page of run.pages()) {
    for (const object of page.Contents ?? []) {
      const key = object.Key!;
      if (ordered) {
        if (key <= previous) inOrder = false;
        previous = key;
      } else seen!.add(key);
      keys++;
    }
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (keys !== source.count || (ordered && !inOrder) || (seen && seen.size !== source.count)) {
    throw new Error(`parallel listing lost, repeated or reordered keys: ${keys} listed of ${source.count}, in order: ${inOrder}`);
  }
  const listing = (run as unknown as { listing?: { maxHeld: number; window: number } }).listing;
  return { keys, wallMs, requests: client.stats.requests, cpuMs: (used.user + used.system) / 1000, throttled: client.stats.faultsInjected, held: listing?.maxHeld, window: listing?.window };
}

function check(scenario: string, value: number, limit: number, unit: string, target: string): Verdict {
  return {
    scenario,
    ratio: Number((value / limit).toFixed(3)),
    median_ms: Number(value.toFixed(1)),
    baseline_ms: Number(limit.toFixed(1)),
    spread: 0,
    target: `${target} (${unit})`,
    ok: value <= limit,
  };
}

export async function parallel(): Promise<Verdict[]> {
  const ideal = (N / 1000 / C) * L;
  const requestLimit = 1.05 * (N / 1000) + 4 * C;
  console.log(`\nparallel listing: N = ${N.toLocaleString("en")} keys, L = ${L} ms a request, C = ${C}; sequential would take N/1,000 × L = ${((N / 1000) * L / 1000).toFixed(1)} s (computed, not run)`);
  const verdicts: Verdict[] = [];
  const rows: Record<string, unknown>[] = [];
  let uniformWall = 0;
  for (const [name, source] of Object.entries(SHAPES)) {
    const factor = name === "uniform" ? 1.25 : 1.6;
    const outcome = await listOnce(source, L);
    if (name === "uniform") uniformWall = outcome.wallMs;
    rows.push({ scenario: name, "wall s": (outcome.wallMs / 1000).toFixed(2), "limit s": ((factor * ideal + 4 * L) / 1000).toFixed(2), requests: outcome.requests, "request limit": Math.floor(requestLimit), "pages held": `${outcome.held} (≤ ${outcome.window})`, "vs sequential": `${((N / 1000) * L / outcome.wallMs).toFixed(1)}×` });
    verdicts.push(check(`parallel ${name}: wall`, outcome.wallMs, factor * ideal + 4 * L, "ms", `≤ ${factor} × (N/1000/C) × L + 4L`));
    verdicts.push(check(`parallel ${name}: LIST requests`, outcome.requests, requestLimit, "requests", "≤ 1.05 × N/1000 + 4C"));
  }
  const faulty = await listOnce(SHAPES.uniform!, L, 0.2);
  rows.push({ scenario: "uniform, 20% of requests 503", "wall s": (faulty.wallMs / 1000).toFixed(2), "limit s": ((2 * uniformWall) / 1000).toFixed(2), requests: faulty.requests, "request limit": "-", "pages held": `${faulty.held} (≤ ${faulty.window})`, "vs sequential": `${faulty.throttled} answered 503, nothing lost or repeated` });
  verdicts.push(check("parallel uniform, 20% 503: wall", faulty.wallMs, 2 * uniformWall, "ms", "≤ 2 × uniform"));
  const unordered = await listOnce(SHAPES.uniform!, L, 0, false);
  rows.push({ scenario: "uniform, ordered: false", "wall s": (unordered.wallMs / 1000).toFixed(2), "limit s": "-", requests: unordered.requests, "request limit": Math.floor(requestLimit), "pages held": `${unordered.held} (≤ ${unordered.window})`, "vs sequential": `${((N / 1000) * L / unordered.wallMs).toFixed(1)}×` });
  console.table(rows);

  verdicts.push(...(await versions(ideal)));

  const ceiling = await listOnce(SHAPES.uniform!, 0);
  const perCore = ceiling.keys / (ceiling.cpuMs / 1000);
  console.log(`CPU ceiling (L = 0, in process): ${Math.round(ceiling.keys / (ceiling.wallMs / 1000)).toLocaleString("en")} keys/s wall, ${Math.round(perCore).toLocaleString("en")} keys/s per core (CPU time ${ceiling.cpuMs.toFixed(0)} ms, the stand-in client's work included)`);
  verdicts.push({ scenario: "parallel CPU ceiling: keys/s per core", ratio: 1, median_ms: Number(ceiling.cpuMs.toFixed(1)), baseline_ms: Math.round(perCore), spread: 0, target: "report only (baseline_ms holds keys/s per core)", ok: true });
  verdicts.push(...(await overHttp()));
  return verdicts;
}

/** ListObjectVersions entries (versions and delete markers) in the versions line: smaller than N, as each is a stored record. */
const VERSION_ENTRIES = 200_000;

/**
 * Parallel ListObjectVersions: 90,000 keys of 2 entries each (every tenth key's newest a delete
 * marker) and one key of 20,000 versions, which a single range must page through by version
 * marker; checked entry by entry against the order a sequential listing has. A key is never
 * split, so its versions are one chain of requests: the wall limit adds that chain
 * (20 pages × L) to the uniform one.
 */
async function versions(idealPerMillion: number): Promise<Verdict[]> {
  const client = createInProcessS3({ latencyMs: L, seed: 42 });
  const big = 20_000;
  const entries = Array.from({ length: (VERSION_ENTRIES - big) / 2 }, (_, i) => [
    { key: `ver/${pad(i)}`, versionId: `b-${i}`, deleteMarker: i % 10 === 0 },
    { key: `ver/${pad(i)}`, versionId: `a-${i}` },
  ]).flat();
  const bigAt = entries.length / 2;
  entries.splice(bigAt, 0, ...Array.from({ length: big }, (_, v) => ({ key: `ver/${pad(bigAt / 2 - 1)}x`, versionId: `v-${pad(big - v)}`, deleteMarker: false })));
  client.putVersions("bench", entries);
  const position = new Map(entries.map((entry, i) => [`${entry.key}\u0000${entry.versionId}`, i]));
  const paginator = withPaginators(client as unknown as S3Client).getPaginator("listObjectVersions");
  const started = performance.now();
  let at = 0;
  let wrong = 0;
  for await (const page of paginator.paginate({ Bucket: "bench" }, { parallel: C }).pages()) {
    // Versions and delete markers come as two lists: together, in the listing's order, they are the next entries.
    const listed = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((entry) => position.get(`${entry.Key}\u0000${entry.VersionId}`) ?? -1).sort((a, b) => a - b);
    for (let i = 0; i < listed.length; i++) if (listed[i] !== at + i) wrong++;
    at += listed.length;
  }
  const wallMs = performance.now() - started;
  if (at !== entries.length || wrong > 0) throw new Error(`parallel ListObjectVersions lost, repeated or reordered entries: ${at} listed of ${entries.length}, ${wrong} out of place`);
  const ideal = (idealPerMillion * VERSION_ENTRIES) / N;
  const chain = (big / 1000) * L;
  const limit = 1.25 * ideal + 4 * L + chain;
  const requestLimit = 1.05 * (VERSION_ENTRIES / 1000) + 4 * C;
  console.log(
    `parallel ListObjectVersions, ${VERSION_ENTRIES.toLocaleString("en")} entries (one key of ${big.toLocaleString("en")} versions): ${(wallMs / 1000).toFixed(2)} s ` +
      `(limit ${(limit / 1000).toFixed(2)} s = 1.25 × ideal + 4L + the big key's chain of ${big / 1000} pages; sequential ${((VERSION_ENTRIES / 1000) * L / 1000).toFixed(1)} s, computed), ${client.stats.requests} LIST requests (limit ${Math.floor(requestLimit)})`,
  );
  return [
    check("parallel ListObjectVersions: wall", wallMs, limit, "ms", "≤ 1.25 × (entries/1000/C) × L + 4L + (versions of the biggest key/1000) × L"),
    check("parallel ListObjectVersions: LIST requests", client.stats.requests, requestLimit, "requests", "≤ 1.05 × entries/1000 + 4C"),
  ];
}

/** The real S3Client over loopback HTTP (the server in its own process), smaller N, sequential beside parallel. */
async function overHttp(): Promise<Verdict[]> {
  const keys = 100_000;
  const latencyMs = 20;
  const server = await startServerProcess(keys, latencyMs);
  try {
    const client = new S3Client({ endpoint: server.url, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "bench", secretAccessKey: "bench" } });
    const paginator = withPaginators(client).getPaginator("listObjectsV2");
    const timed = async (config: Record<string, unknown>) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      let count = 0;
      for await (const page of paginator.pages({ Bucket: "bench" }, config)) count += page.Contents?.length ?? 0;
      if (count !== keys) throw new Error(`listed ${count} keys over HTTP, not ${keys}`);
      const used = process.cpuUsage(cpu);
      return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
    };
    const sequential = await timed({});
    const fast = await timed({ parallel: C });
    console.log(
      `real S3Client over loopback HTTP, ${keys.toLocaleString("en")} keys, ${latencyMs} ms a request: sequential ${(sequential.wallMs / 1000).toFixed(2)} s, ` +
        `parallel ${C} ${(fast.wallMs / 1000).toFixed(2)} s (${(sequential.wallMs / fast.wallMs).toFixed(1)}×), ${Math.round(keys / (fast.cpuMs / 1000)).toLocaleString("en")} keys/s per core in the client process`,
    );
    client.destroy();
    return [{ scenario: "parallel over loopback HTTP: speed-up", ratio: Number((sequential.wallMs / fast.wallMs).toFixed(2)), median_ms: Number(fast.wallMs.toFixed(1)), baseline_ms: Number(sequential.wallMs.toFixed(1)), spread: 0, target: "report only", ok: true }];
  } finally {
    server.stop();
  }
}
