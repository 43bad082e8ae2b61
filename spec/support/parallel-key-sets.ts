/**
 * The issue's hard key sets for parallel listing specs: keys equal to split points, prefix
 * chains, characters S3's url encoding and XML make awkward, UTF-8 against UTF-16 order, the
 * longest keys, page-sized listings and a skewed one.
 */
import { compareKeys } from "../../lib/parallel/key-order.js";

export const range = <T>(n: number, key: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => key(i));
export const pad = (i: number, width = 5) => String(i).padStart(width, "0");
export const sortedUtf8 = (keys: Iterable<string>) => [...new Set(keys)].sort(compareKeys);

export const KEY_SETS: Record<string, string[]> = {
  "prefix chains (a, a/, a/b)": ["a", "a/", "a/b", "a/b/", "a/b/c", "a/c", "ab", "a0", "a.", ...range(40, (i) => `a/b/c/${pad(i, 2)}`)],
  "space, +, %, a literal %2B": ["a b", "a+b", "a%b", "a%2Bb", "a%2B", "%", "+", " ", "a  b", "100%", "%20", "a+", ...range(30, (i) => `x ${i}+%2B`)],
  "control characters 0x01-0x1F, DEL and C1": [...range(31, (i) => `c${String.fromCharCode(i + 1)}`), "c\x7f", ...range(32, (i) => `c${String.fromCharCode(0x80 + i)}`), "c", "d"],
  "U+E000-U+FFFF beside characters above U+FFFF": ["\ue000", "\uffef", "\ufffd", "\u{10000}", "\u{1f600}", "\u{10ffff}", "a\ue000", "a\u{1f600}", "a\ufffd", "a\u{10000}b", ...range(20, (i) => `e\u{1f600}${i}`), ...range(20, (i) => `e\ufffd${i}`)],
  "1,024-byte keys": ["x".repeat(1024), `${"x".repeat(1023)}y`, `${"€".repeat(341)}x`, `${"€".repeat(341)}y`, `${"\u{1f600}".repeat(256)}`, ...range(20, (i) => `${"x".repeat(1020)}${pad(i, 4)}`)],
  "exactly 1,000 keys": range(1000, (i) => `k${pad(i)}`),
  "exactly 1,001 keys": range(1001, (i) => `k${pad(i)}`),
  "95% under one prefix": [...range(10, (i) => `p${pad(i, 2)}/x`), ...range(190, (i) => `p99/${pad(i)}`)],
};

