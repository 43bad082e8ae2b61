/**
 * A one-line progress report on stderr (`12 pages, 11,500 items, 48,211 items/s`, and with
 * --parallel `, 16 ranges in flight`), redrawn at most
 * ten times a second and cleared at the end. Shown only when stderr is a terminal and stdout is
 * not, so it never mixes with the output in a terminal or in a file.
 */

/** What the progress line needs of a stream: `process.stderr` has it. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const CLEAR = "\r\x1b[K";
const format = new Intl.NumberFormat("en-US");

export class Progress {
  private pages = 0;
  private items = 0;
  private readonly started: number;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private drawn = false;
  /** A parallel listing's ranges being fetched, shown when it is set and says a number. */
  inFlight: (() => number | undefined) | undefined;

  constructor(
    private readonly stream: ProgressStream,
    readonly enabled: boolean,
    private readonly now: () => number = () => performance.now(),
    private readonly intervalMs = 100,
  ) {
    this.started = now();
  }

  /** Whether to show progress: stderr a terminal, stdout not one, and not switched off. */
  static wanted(stderr: ProgressStream, stdout: { readonly isTTY?: boolean }, requested: boolean): boolean {
    return requested && stderr.isTTY === true && stdout.isTTY !== true;
  }

  /** Counts a page; the line is redrawn when its items are counted. */
  page(): void {
    this.pages++;
  }

  addItems(count: number): void {
    this.items += count;
    this.draw();
  }

  /** The line as it would be drawn now. */
  line(): string {
    const seconds = (this.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(this.items / seconds) : 0;
    const text = `${format.format(this.pages)} ${this.pages === 1 ? "page" : "pages"}, ${format.format(this.items)} ${this.items === 1 ? "item" : "items"}, ${format.format(rate)} items/s${this.rangesText()}`;
    const width = this.stream.columns;
    return width !== undefined && width > 1 && text.length >= width ? text.slice(0, width - 1) : text;
  }

  private rangesText(): string {
    const ranges = this.inFlight?.();
    return ranges === undefined ? "" : `, ${format.format(ranges)} ${ranges === 1 ? "range" : "ranges"} in flight`;
  }

  private draw(): void {
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.lastDrawn < this.intervalMs) return;
    this.lastDrawn = now;
    this.drawn = true;
    this.stream.write(CLEAR + this.line());
  }

  /** Removes the line (before any other stderr output, and at the end). */
  clear(): void {
    if (!this.drawn) return;
    this.drawn = false;
    this.lastDrawn = Number.NEGATIVE_INFINITY;
    this.stream.write(CLEAR);
  }
}
