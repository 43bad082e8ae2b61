import type { KeyAlphabet } from "./key-alphabet.js";
import { fraction, sharedLength } from "./pivot.js";
import { codePoints } from "./safe-code-points.js";

/**
 * One range `(lo, hi]` of a parallel listing: keys above `lo` and up to `hi`, in UTF-8 byte
 * order (null: no bound). A key equal to a bound belongs to the range below it.
 */
export class KeyRange {
  /** The last key fetched: the next request lists after it. */
  cursor: string | null;
  /** Versions: the version of `cursor` fetched last, when the range stopped inside that key's versions. */
  cursorVersion: string | null;
  /** Where the last page the consumer took in full ended: where a resumed run lists after. */
  consumed: string | null;
  consumedVersion: string | null;
  /** Per list: items after `consumed` the consumer has had already (from a resume token's skips). */
  consumedSkips: readonly number[];
  /** Per list: items the fetching side still drops, as a resumed token's skips say. */
  readonly skipLeft: number[];
  /** The page handed out and not yet taken in full, whose counts place the consumer exactly. */
  open: unknown;
  /** The first key fetched in the range, to measure its density. */
  first: string | undefined;
  fetched = 0;
  owned = false;
  /** Fetched to its end. */
  done = false;
  /** No pivot lies strictly between its cursor and its bound. */
  unsplittable = false;
  /** The range this one was split from, while its first page is out: told when that page shows this part empty. */
  splitFrom: KeyRange | undefined;
  /** A split of it found its upper part empty: its estimate of the keys left runs past its real end. */
  sparse = false;
  /** Fetched pages not yet taken in full by the consumer. */
  pending = 0;
  /** Ordered runs: fetched pages waiting for the ranges before this one. */
  readonly queue: unknown[] = [];

  constructor(
    readonly lo: string | null,
    public hi: string | null,
    cursor: string | null = lo,
    version: string | null = null,
    skips: readonly number[] = [],
  ) {
    this.cursor = cursor;
    this.cursorVersion = version;
    this.consumed = cursor;
    this.consumedVersion = version;
    this.consumedSkips = skips;
    this.skipLeft = [...skips];
  }

  /** Items a resumed token says the consumer had are still to be dropped. */
  get skipping(): boolean {
    return this.skipLeft.some((count) => count > 0);
  }

  /** Every key of the range fetched and taken by the consumer. */
  get finished(): boolean {
    return this.done && this.pending === 0;
  }

  /**
   * About how many keys are left to fetch: its density so far (keys per unit of alphabet space
   * between its first key and its cursor) times the space left up to `hi`. Undefined before its
   * first page.
   */
  remaining(alphabet: KeyAlphabet): number | undefined {
    if (this.first === undefined || this.cursor === null) return undefined;
    const first = codePoints(this.first);
    const hi = this.hi === null ? null : codePoints(this.hi);
    const shared = sharedLength(first, hi);
    const f0 = fraction(first, shared, alphabet);
    const fc = fraction(codePoints(this.cursor), shared, alphabet);
    const fh = fraction(hi, shared, alphabet);
    if (fh <= fc) return 0;
    if (fc <= f0) return this.fetched * 64;
    return (this.fetched * (fh - fc)) / (fc - f0);
  }

  /** Whether a page has measured its density. */
  get measured(): boolean {
    return this.first !== undefined && this.cursor !== null;
  }

  /** `remaining`, kept until the range moves (its cursor, its bound, its count); `unknown` when there is none. */
  estimate(alphabet: KeyAlphabet, unknown: number): number {
    const memo = this.memo;
    if (memo !== undefined && memo.cursor === this.cursor && memo.hi === this.hi && memo.fetched === this.fetched) return memo.value ?? unknown;
    const value = this.remaining(alphabet);
    this.memo = { cursor: this.cursor, hi: this.hi, fetched: this.fetched, value };
    return value ?? unknown;
  }

  private memo: { cursor: string | null; hi: string | null; fetched: number; value: number | undefined } | undefined;

  /** Its share of the alphabet space, for splitting ranges no page has measured yet. */
  width(alphabet: KeyAlphabet): number {
    const lo = codePoints(this.cursor ?? "");
    const hi = this.hi === null ? null : codePoints(this.hi);
    const shared = sharedLength(lo, hi);
    let scale = 1;
    for (let k = 0; k < shared; k++) scale /= alphabet.at(k).length;
    return scale * (fraction(hi, shared, alphabet) - fraction(lo, shared, alphabet));
  }
}
