/** Timing helpers for the benches: repeated runs, medians and spreads, ratios side by side. */

export interface Sample {
  readonly name: string;
  readonly times: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Half the distance between the 25th and 75th percentiles, relative to the median. */
export function spread(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]!;
  return (at(0.75) - at(0.25)) / 2 / median(values);
}

/**
 * Runs each contender `rounds` times, interleaved (A B C, B C A, …) so that drift in the machine's
 * speed falls on all of them alike, after `warmup` untimed rounds.
 */
export async function compare(contenders: Record<string, () => Promise<unknown>>, rounds: number, warmup = 2): Promise<Map<string, Sample>> {
  const names = Object.keys(contenders);
  const samples = new Map<string, Sample>(names.map((name) => [name, { name, times: [] }]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      globalThis.gc?.();
      const started = performance.now();
      await contenders[name]!();
      const elapsed = performance.now() - started;
      if (round >= warmup) samples.get(name)!.times.push(elapsed);
    }
  }
  return samples;
}

export interface Verdict {
  scenario: string;
  ratio: number;
  median_ms: number;
  baseline_ms: number;
  spread: number;
  target: string;
  ok: boolean;
}

/** A contender's median against a baseline's, checked against `limit` (ratio must be ≤ it). */
export function verdict(scenario: string, samples: Map<string, Sample>, contender: string, baseline: string, limit: number): Verdict {
  const ours = median(samples.get(contender)!.times);
  const theirs = median(samples.get(baseline)!.times);
  const ratio = ours / theirs;
  return {
    scenario,
    ratio: Number(ratio.toFixed(3)),
    median_ms: Number(ours.toFixed(2)),
    baseline_ms: Number(theirs.toFixed(2)),
    spread: Number(spread(samples.get(contender)!.times).toFixed(3)),
    target: `≤ ${limit}× ${baseline}`,
    ok: ratio <= limit,
  };
}

export function printSamples(title: string, samples: Map<string, Sample>): void {
  console.log(`\n${title}`);
  const rows = [...samples.values()].map((sample) => ({
    contender: sample.name,
    "median ms": median(sample.times).toFixed(2),
    "± spread": `${(spread(sample.times) * 100).toFixed(1)}%`,
    runs: sample.times.length,
  }));
  console.table(rows);
}
