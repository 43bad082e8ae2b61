/** Exit statuses of `aws-paginate`. */
export const EXIT = {
  /** Every page was listed (or --max-items stopped the run). */
  ok: 0,
  /** A request or the pagination failed; a resume token is printed when there is one. */
  failed: 1,
  /** Bad usage or input: nothing was requested (or a --search expression failed on a page). */
  usage: 2,
  /** Interrupted (Ctrl-C); a resume token is printed. */
  interrupted: 130,
} as const;

/** An error the CLI reports as its message alone, with an exit status. */
export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Bad usage or input: reported with a pointer to `--help`, exit status 2. */
export class UsageError extends CliError {
  override name = "UsageError";

  constructor(message: string) {
    super(message, EXIT.usage);
  }
}
