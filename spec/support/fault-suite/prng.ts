/**
 * A seeded PRNG for the fault suite, so a run's faults (and the data they hit) can be replayed:
 * mulberry32, 32-bit state. The seed comes from FAULT_SEED (decimal or 0x-hex) or a fixed default,
 * and each scenario derives its own stream from the seed and its name, so adding a scenario does
 * not move the faults of the others.
 */

import { seededRandom } from "../../../emulator/random.js";

export const DEFAULT_SEED = 0x5eed_2025;

/** mulberry32: the emulator's own seeded source, so a fault rate and the suite draw alike. */
export const mulberry32: (seed: number) => () => number = seededRandom;

/** The suite's seed: FAULT_SEED when set, else {@link DEFAULT_SEED}. */
export function suiteSeed(env: string | undefined = process.env.FAULT_SEED): number {
  if (env === undefined || env.trim() === "") return DEFAULT_SEED;
  const value = Number(env.trim());
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`FAULT_SEED must be a non-negative integer, got ${JSON.stringify(env)}`);
  return value >>> 0;
}

/** FNV-1a of a name, to give each scenario its own stream from one seed. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function streamFor(seed: number, name: string): () => number {
  return mulberry32((seed ^ hashName(name)) >>> 0);
}

/** An integer in [min, max]. */
export function intBetween(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** `count` distinct integers from [min, max], ascending. */
export function distinctInts(rng: () => number, count: number, min: number, max: number): number[] {
  const span = max - min + 1;
  if (count > span) throw new RangeError(`cannot pick ${count} distinct integers from ${span}`);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(intBetween(rng, min, max));
  return [...picked].sort((a, b) => a - b);
}
