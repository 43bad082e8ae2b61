/**
 * What a run keeps of each token it has sent, to notice a repeat: a 128-bit digest instead of the
 * token. A token is as long as its service makes it (S3's continuation tokens are 100 to 200
 * characters), and a run keeps one for every page it reads; the digest is 8 UTF-16 code units,
 * 32 bytes on the heap whatever the token's length.
 *
 * The cost of a digest is that two different tokens could share one: the run would take the second
 * for a repeat, and fail with RepeatedTokenError (or, with onRepeatedToken: "stop", end early).
 * At 128 bits the chance of that within a run of n pages is about n² / 2¹²⁹: 10⁻²⁷ for a million
 * pages. (A 32-bit hash would make it one in a thousand at 3,000 pages, and 53 bits one in twenty
 * thousand at a million.) The four 32-bit lanes are MurmurHash3's mixing with four seeds: not a
 * cryptographic hash, which a service's tokens have no reason to attack.
 */

const SEEDS = [0x9e3779b9, 0x7f4a7c15, 0xf39cc060, 0x5ced1f3d] as const;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** MurmurHash3's finalizer: every input bit reaches every output bit. */
function finish(hash: number, length: number): number {
  let h = hash ^ length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The digest of `key`, as a string of 8 UTF-16 code units (usable as a Set member). */
export function tokenDigest(key: string): string {
  let [a, b, c, d] = SEEDS as readonly number[] as [number, number, number, number];
  for (let i = 0; i < key.length; i++) {
    let k = Math.imul(key.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul(rotateLeft(k, 15), 0x1b873593);
    a = (Math.imul(rotateLeft(a ^ k, 13), 5) + 0xe6546b64) | 0;
    b = (Math.imul(rotateLeft(b ^ k, 13), 5) + 0xe6546b64) | 0;
    c = (Math.imul(rotateLeft(c ^ k, 13), 5) + 0xe6546b64) | 0;
    d = (Math.imul(rotateLeft(d ^ k, 13), 5) + 0xe6546b64) | 0;
  }
  // Each lane is finished after the others are folded into it, so that the four are not four
  // views of one state.
  const fa = finish(a ^ d, key.length);
  const fb = finish(b ^ fa, key.length);
  const fc = finish(c ^ fb, key.length);
  const fd = finish(d ^ fc, key.length);
  return String.fromCharCode(fa & 0xffff, fa >>> 16, fb & 0xffff, fb >>> 16, fc & 0xffff, fc >>> 16, fd & 0xffff, fd >>> 16);
}
