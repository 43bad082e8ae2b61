import { PaginationError, isResumable } from "aws-paginators";

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
  /** Terminated (SIGTERM, as a job runner stops a job); a resume token is printed. */
  terminated: 143,
  /** Hung up (SIGHUP: the terminal closed); a resume token is printed. */
  hungUp: 129,
} as const;

/** Why the run was stopped: the abort reason the command gives its signal, with the exit status it means. */
export class Interruption extends Error {
  override name = "Interruption";
  readonly exitCode: number;

  constructor(signal: "SIGINT" | "SIGTERM" | "SIGHUP") {
    super(`interrupted (${signal})`);
    this.exitCode = signal === "SIGTERM" ? EXIT.terminated : signal === "SIGHUP" ? EXIT.hungUp : EXIT.interrupted;
  }
}

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

/** What the CLI reads of a failure: the library's error, or the SDK's own with a resume token added. */
export interface Failure {
  readonly name?: string;
  readonly message?: string;
  readonly resumeToken?: string;
  readonly operation?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly cause?: { readonly name?: string; readonly $metadata?: { readonly httpStatusCode?: number } };
}

/**
 * One line for a failure: the message, and the SDK error's name and HTTP status. A failed request
 * rejects with the SDK's own error (the operation and token added to it), or, for what cannot
 * carry them, a PageRequestError whose cause it is.
 */
export function describeFailure(error: unknown): string {
  const failure = (error ?? {}) as Failure;
  const text = inCliTerms(typeof failure.message === "string" && failure.message !== "" ? failure.message : String(error));
  const sdk = isResumable(error) && !(error instanceof PaginationError);
  const message = sdk ? `${failure.operation}: the page request failed: ${text}` : text;
  const source = sdk ? failure : failure.cause;
  const details = [source?.name, source?.$metadata?.httpStatusCode === undefined ? undefined : `HTTP ${source.$metadata.httpStatusCode}`].filter(
    (part) => part !== undefined && part !== "Error",
  );
  return details.length > 0 ? `${message} (${details.join(", ")})` : message;
}

/** The library's advice on the `parallel` option, as the option is spelled here. */
function inCliTerms(message: string): string {
  return message.replace("resume it with parallel > 1 (any number)", "resume it with --parallel N (N > 1, any number)").replace("list this bucket with parallel: 1 (sequentially)", "list this bucket without --parallel (sequentially)");
}
