/**
 * Fault plans: transport faults (throttle, reset, slow) on request indices drawn from a seeded
 * stream. Indices are distinct and within the pages the listing needs, so every planned fault
 * hits: a run makes at least that many requests. Two adjacent indices make a page fail twice
 * (the refetch fails again).
 */
import type { Fault } from "../../../emulator/index.js";
import { distinctInts, intBetween } from "./prng.js";

export type TransportKind = "throttle" | "reset" | "slow";

export interface PlanOptions {
  /** PascalCase operation the faults hit. */
  readonly operation: string;
  /** Requests the listing needs without faults (its page count): indices are drawn from 1..requests. */
  readonly requests: number;
  readonly count: number;
  readonly kinds?: readonly TransportKind[];
  /** "slow" holds an answer this long, drawn per fault; keep it small. */
  readonly slowMs?: readonly [number, number];
}

export function planFaults(rng: () => number, options: PlanOptions): Fault[] {
  const { operation, requests, count, kinds = ["throttle", "reset", "slow"], slowMs = [5, 25] } = options;
  return distinctInts(rng, Math.min(count, requests), 1, requests).map((request) => {
    const kind = kinds[Math.floor(rng() * kinds.length)]!;
    const fault: Fault = { operation, request, kind };
    return kind === "slow" ? { ...fault, delayMs: intBetween(rng, slowMs[0], slowMs[1]) } : fault;
  });
}

/** How a plan reads in a table cell: `3:throttle 7:reset 9:slow(12ms)`. */
export function describePlan(faults: readonly Fault[]): string {
  return faults.map((f) => `${f.request}:${f.kind}${f.kind === "slow" ? `(${f.delayMs}ms)` : ""}`).join(" ");
}

/** Faults of each kind in a plan. */
export function countKinds(faults: readonly Fault[]): Record<TransportKind, number> {
  const counts: Record<TransportKind, number> = { throttle: 0, reset: 0, slow: 0 };
  for (const f of faults) if (f.kind in counts) counts[f.kind as TransportKind]++;
  return counts;
}
