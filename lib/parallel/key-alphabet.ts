import { isSafe } from "./safe-code-points.js";

/** How many leading code points of a key the alphabet tracks one by one. */
const POSITIONS = 48;
/** Keys that must show one code point at a position before pivots keep to it there. */
const FIXED_AFTER = 16;

/**
 * The code points seen in keys, overall and at each position: where to put a pivot that splits a
 * range's keys in two, not its code point space (in which nearly every key is ASCII, and a naive
 * midpoint lands in the CJK block). No alphabet is fixed: it is learned from the listing, each
 * ASCII digit or letter seen standing for its class (a sample of a few keys shows a few digits of
 * ten), every other code point for itself.
 */
export class KeyAlphabet {
  private readonly all = new Set<number>();
  private readonly byPosition: Set<number>[] = [];
  private cachedAll: number[] | undefined;
  private readonly cachedAt: (number[] | undefined)[] = [];
  /** Per position: the one code point every key seen had there (-1: more than one), and how many keys were seen. */
  private readonly onlyAt: number[] = [];
  private readonly seenAt: number[] = [];

  observe(key: string): void {
    let position = 0;
    for (const char of key) {
      const cp = char.codePointAt(0)!;
      if (position < POSITIONS) {
        const only = this.onlyAt[position];
        if (only === undefined) this.onlyAt[position] = cp;
        else if (only !== cp) this.onlyAt[position] = -1;
        this.seenAt[position] = (this.seenAt[position] ?? 0) + 1;
      }
      if (isSafe(cp)) {
        for (const member of classOf(cp)) {
          if (!this.all.has(member)) {
            this.all.add(member);
            this.cachedAll = undefined;
          }
          if (position < POSITIONS) {
            const set = (this.byPosition[position] ??= new Set());
            if (!set.has(member)) {
              set.add(member);
              this.cachedAt[position] = undefined;
            }
          }
        }
      }
      position++;
    }
  }

  /**
   * The sorted code points to use at `position`: the one every key had there, once enough keys
   * showed it, unless it is a digit or a letter (the `/` of `logs/p07/`: a pivot past it, in
   * `logs/p07c`, would hold no key); else those seen there, when more than one was; else every
   * code point seen; else printable ASCII. A digit stands for its class even where only one was
   * seen: the leading `0` of a counter that has not reached 100,000 yet.
   */
  at(position: number): readonly number[] {
    const only = this.onlyAt[position];
    if (only !== undefined && only >= 0 && this.seenAt[position]! >= FIXED_AFTER && isSafe(only) && classOf(only).length === 1) return (this.cachedAt[position] = [only]);
    const set = this.byPosition[position];
    if (set !== undefined && set.size > 1) {
      return (this.cachedAt[position] ??= [...set].sort((a, b) => a - b));
    }
    if (this.all.size > 1) return (this.cachedAll ??= [...this.all].sort((a, b) => a - b));
    return PRINTABLE;
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const DIGITS = range(0x30, 0x39);
const UPPER = range(0x41, 0x5a);
const LOWER = range(0x61, 0x7a);

function classOf(cp: number): readonly number[] {
  if (cp >= 0x30 && cp <= 0x39) return DIGITS;
  if (cp >= 0x41 && cp <= 0x5a) return UPPER;
  if (cp >= 0x61 && cp <= 0x7a) return LOWER;
  return [cp];
}

const PRINTABLE: readonly number[] = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => 0x20 + i).filter(isSafe);
