/** A seeded pseudo-random source (mulberry32), so a fault rate hits the same requests every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks a fault rate option: a probability from 0 to 1. */
export function checkRate(name: string, rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be a number from 0 to 1 (the share of requests it hits), got ${rate}`);
  return rate;
}
