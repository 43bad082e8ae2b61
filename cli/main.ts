/**
 * `aws-paginate <service> <operation>`: one listing through the library, printed as NDJSON.
 * `main()` does the whole run and resolves to the exit status; it never calls `process.exit`, so
 * other programs (`npm start`, specs) can call it in-process with their own streams.
 */
import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import { InvalidConfigError, PaginationError, withPaginators, type PaginationConfig, type Paginator } from "aws-paginators";
import "aws-paginators/parallel";
import { operationNames, parseCli, usage, type CliOptions } from "./args.js";
import { createClient, type SdkClient } from "./client.js";
import { nearestNames } from "./nearest.js";
import { CliError, EXIT, Interruption, UsageError, describeFailure as describe, type Failure } from "./errors.js";
import { NdjsonWriter } from "./output.js";
import { Progress, type ProgressStream } from "./progress.js";
import { findService, SERVICES, type Service } from "./services.js";

export interface CliIo {
  /** Default: `process.stdout`. */
  readonly stdout?: Writable & { readonly isTTY?: boolean };
  /** Default: `process.stderr`. */
  readonly stderr?: Writable & ProgressStream;
  /** Stops the run (Ctrl-C): the exit status is 130 (143 for an {@link Interruption} of SIGTERM) and stderr says how to resume. */
  readonly signal?: AbortSignal;
  /** Client configuration applied over what the options say (e.g. credentials for a local server). */
  readonly clientConfig?: Record<string, unknown>;
  /** The services to offer; default: {@link SERVICES}. */
  readonly services?: ReadonlyMap<string, Service>;
}

type AnyPaginator = Paginator<Record<string, unknown>, Record<string, unknown>, string, string>;
interface WithPaginators {
  canPaginate(name: string): boolean;
  getPaginator(name: string): AnyPaginator;
}

/** The package's version, read through the package's own name (works from source and installed). */
export function version(): string {
  return (createRequire(import.meta.url)("aws-paginators/package.json") as { version: string }).version;
}

/** The value at a dotted result-key path (`Contents`, `ObjectParts.Parts`). */
function valueAt(page: Record<string, unknown>, path: string): unknown {
  let value: unknown = page;
  for (const part of path.split(".")) value = value === null || typeof value !== "object" ? undefined : (value as Record<string, unknown>)[part];
  return value;
}

/** The listing as lines: pages, items of a result key, or search results. */
function lines(options: CliOptions, run: ReturnType<AnyPaginator["paginate"]>): AsyncIterable<unknown> {
  const { output } = options;
  if (output.kind === "search") return run.search(output.expression);
  if (output.kind === "items") return output.resultKey === undefined ? run.items() : run.items(output.resultKey);
  return run;
}

export async function main(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const services = io.services ?? SERVICES;
  const say = (text: string) => stderr.write(`${text}\n`);
  const fail = (error: unknown, status: number) => {
    say(`aws-paginate: ${error instanceof CliError ? error.message : describe(error)}`);
    if (error instanceof UsageError) say("Run aws-paginate --help for usage.");
    return status;
  };

  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof CliError) return fail(error, error.exitCode);
    throw error;
  }
  if (options.help) {
    stdout.write(usage([...services.keys()]));
    return EXIT.ok;
  }
  if (options.version) {
    stdout.write(`aws-paginate ${version()}\n`);
    return EXIT.ok;
  }

  // Setting up: any error here means nothing was listed, and most are the caller's input.
  let client: SdkClient | undefined;
  let run: ReturnType<AnyPaginator["paginate"]>;
  let source: AsyncIterable<unknown>;
  let paginator: AnyPaginator;
  const progress = new Progress(stderr, Progress.wanted(stderr, stdout, options.progress));
  try {
    const service = findService(options.service!, services);
    if (!service) {
      const near = nearestNames(options.service ?? "", services.keys(), 5);
      const hint = near.length > 0 ? `; did you mean ${near.join(", ")}?` : "";
      throw new UsageError(
        services.size > 10
          ? `unknown service ${JSON.stringify(options.service)}${hint} (${services.size} services: aws-paginate --help lists them)`
          : `unknown service ${JSON.stringify(options.service)}${hint}; known services: ${[...services.keys()].join(", ")}`,
      );
    }
    client = await createClient(service, options, io.clientConfig);
    const paginators = withPaginators(client, service.table) as unknown as WithPaginators;
    const names = operationNames(options.operation!);
    paginator = paginators.getPaginator(names.find((name) => paginators.canPaginate(name)) ?? names[0]!);
    const config: { -readonly [K in keyof PaginationConfig]: PaginationConfig[K] } = {};
    if (options.pageSize !== undefined) config.pageSize = options.pageSize;
    if (options.maxItems !== undefined) config.maxItems = options.maxItems;
    if (options.startingToken !== undefined) config.startingToken = options.startingToken;
    if (options.parallel !== undefined) {
      config.parallel = options.parallel;
      config.onFallback = (reason) => say(`aws-paginate: ${reason}`);
    }
    if (io.signal !== undefined) config.abortSignal = io.signal;
    run = paginator.paginate(options.input, config);
    const parallelRun = run as { rangesInFlight?: number };
    if (options.parallel !== undefined && options.parallel > 1) progress.inFlight = () => parallelRun.rangesInFlight;
    source = lines(options, run);
  } catch (error) {
    client?.destroy?.();
    if (error instanceof CliError) return fail(error, error.exitCode);
    // The library's own errors here are about the input: an unknown operation (with the nearest
    // names), a bad page size or starting token, an unknown result key.
    if (error instanceof PaginationError) return fail(error, EXIT.usage);
    return fail(error, EXIT.failed);
  }

  // Listing.
  const writer = new NdjsonWriter(stdout);
  if (progress.enabled) {
    client.middlewareStack?.add(
      (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        const result = await next(args);
        progress.page();
        return result;
      },
      { step: "initialize", name: "awsPaginateProgress" },
    );
  }
  const primary = paginator.rule.resultKey[0];
  const counted = options.output.kind !== "pages";
  try {
    for await (const line of source) {
      if (!(await writer.write(line ?? null))) break;
      if (counted) progress.addItems(1);
      else {
        const items = primary === undefined ? undefined : valueAt(line as Record<string, unknown>, primary);
        progress.addItems(Array.isArray(items) ? items.length : 0);
      }
    }
  } catch (error) {
    progress.clear();
    const failure = error as Failure;
    const aborted = failure?.name === "PaginationAbortedError";
    // While listing, the library's config errors are about a --search expression (one that does
    // not compile, or that fails on a page): the caller's input to fix, as a bad option is.
    const badInput = error instanceof InvalidConfigError;
    const interruption = io.signal?.reason instanceof Interruption ? io.signal.reason : undefined;
    say(aborted ? `aws-paginate: ${interruption?.message ?? "interrupted"}` : `aws-paginate: ${describe(error)}`);
    if (typeof failure?.resumeToken === "string") say(`resume with: --starting-token ${failure.resumeToken}`);
    if (aborted) return interruption?.exitCode ?? EXIT.interrupted;
    return badInput ? EXIT.usage : EXIT.failed;
  } finally {
    progress.clear();
    writer.release();
    client.destroy?.();
  }
  // The reader went away (`| head`): a normal end, like the AWS CLI's.
  if (writer.closed) return EXIT.ok;
  const next = run.resumeToken;
  if (next !== undefined) say(`NextToken: ${next}`);
  return EXIT.ok;
}
