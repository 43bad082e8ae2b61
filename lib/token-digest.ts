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
 * thousand at a million.) The hash is MurmurHash3's 128-bit x86 variant (four 32-bit lanes that
 * each take one word of a 16-byte block and feed the next), read over UTF-16 code units two to a
 * word: not a cryptographic hash, which a service's tokens have no reason to attack.
 *
 * A run digests a page's tokens straight from their values, with no text built first (a digest is
 * taken for every page): each token is a header block (its kind and length), then its code units,
 * its last block padded with zeros. The header's length is what keeps ["ab", "c"] apart from
 * ["a", "bc"] and the padding apart from real zeros.
 */

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

/** A token's kind, in its header block. */
const STRING = 1;
const NUMBER = 2;
const ABSENT = 3;
const OTHER = 4;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** Code units `i` and `i + 1` as one word; 0 past the end, the last block's padding. */
function word(text: string, i: number): number {
  const length = text.length;
  return (i < length ? text.charCodeAt(i) : 0) | (i + 1 < length ? text.charCodeAt(i + 1) << 16 : 0);
}

/** MurmurHash3's finalizer: every input bit reaches every output bit. */
function finish(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The digest of a page's tokens, as a string of 8 UTF-16 code units (usable as a Set member).
 * Strings and numbers are read as they are; `undefined` and `null` as absent; any other value
 * (a map, a binary value) by the text `textOf` gives it, kept apart from a string of that text.
 */
export function tokenDigest(tokens: readonly unknown[], textOf: (token: unknown) => string): string {
  // One function, its state in locals: a digest is taken for every page.
  let h1 = 0x9e3779b9 | 0;
  let h2 = 0x7f4a7c15 | 0;
  let h3 = 0xf39cc060 | 0;
  let h4 = 0x5ced1f3d | 0;
  let blocks = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    let kind: number;
    let text: string;
    if (typeof token === "string") (kind = STRING), (text = token);
    else if (typeof token === "number") (kind = NUMBER), (text = String(token));
    else if (token === undefined || token === null) (kind = ABSENT), (text = "");
    else (kind = OTHER), (text = textOf(token));
    const length = text.length;
    // The header block, then eight code units a block.
    for (let i = -8; i < length; i += 8) {
      let k1: number;
      let k2: number;
      let k3: number;
      let k4: number;
      if (i < 0) (k1 = kind), (k2 = length), (k3 = t), (k4 = 0);
      else (k1 = word(text, i)), (k2 = word(text, i + 2)), (k3 = word(text, i + 4)), (k4 = word(text, i + 6));
      k1 = Math.imul(rotateLeft(Math.imul(k1, C1), 15), C2);
      h1 ^= k1;
      h1 = (rotateLeft(h1, 19) + h2) | 0;
      h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;
      k2 = Math.imul(rotateLeft(Math.imul(k2, C2), 16), C3);
      h2 ^= k2;
      h2 = (rotateLeft(h2, 17) + h3) | 0;
      h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;
      k3 = Math.imul(rotateLeft(Math.imul(k3, C3), 17), C4);
      h3 ^= k3;
      h3 = (rotateLeft(h3, 15) + h4) | 0;
      h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;
      k4 = Math.imul(rotateLeft(Math.imul(k4, C4), 18), C1);
      h4 ^= k4;
      h4 = (rotateLeft(h4, 13) + h1) | 0;
      h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
      blocks++;
    }
  }
  const total = blocks * 16 + tokens.length;
  h1 ^= total;
  h2 ^= total;
  h3 ^= total;
  h4 ^= total;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = finish(h1);
  h2 = finish(h2);
  h3 = finish(h3);
  h4 = finish(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return String.fromCharCode(h1 & 0xffff, h1 >>> 16, h2 & 0xffff, h2 >>> 16, h3 & 0xffff, h3 >>> 16, h4 & 0xffff, h4 >>> 16);
}
