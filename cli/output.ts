/**
 * NDJSON on stdout: one JSON value a line, dates as ISO 8601 strings (`Date#toJSON`), written with
 * backpressure so a slow reader slows the listing down instead of filling memory, and a reader
 * that goes away (`| head`) ends the run quietly.
 */
import type { Writable } from "node:stream";

/** JSON for one output line: pages lose the SDK's `$metadata`; bigints become strings, bytes base64. */
export function jsonLine(value: unknown): string {
  return (
    JSON.stringify(value, function (this: unknown, key: string, member: unknown) {
      if (key === "$metadata" && this === value) return undefined;
      if (typeof member === "bigint") return member.toString();
      if (member instanceof Uint8Array) return Buffer.from(member.buffer, member.byteOffset, member.byteLength).toString("base64");
      return member;
    }) + "\n"
  );
}

export class NdjsonWriter {
  private readonly stream: Writable;
  private closedBy: Error | undefined;
  private readonly onError = (error: Error) => {
    this.closedBy = error;
  };

  constructor(stream: Writable) {
    this.stream = stream;
    stream.on("error", this.onError);
  }

  /** Whether the reader went away (EPIPE) or the stream failed: nothing more can be written. */
  get closed(): boolean {
    return this.closedBy !== undefined || this.stream.destroyed;
  }

  /** Writes one line; waits while the stream's buffer is full. Resolves false once closed. */
  async write(value: unknown): Promise<boolean> {
    if (this.closed) return false;
    if (this.stream.write(jsonLine(value))) return true;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off("drain", done);
        this.stream.off("close", done);
        this.stream.off("error", done);
        resolve();
      };
      this.stream.on("drain", done);
      this.stream.on("close", done);
      this.stream.on("error", done);
    });
    return !this.closed;
  }

  /** Stops listening for errors (an EPIPE after the end is then the stream owner's business). */
  release(): void {
    // Keep swallowing EPIPE on stdout: Node would otherwise raise it as uncaught.
    if (this.closedBy === undefined) this.stream.off("error", this.onError);
  }
}
