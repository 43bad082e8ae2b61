/**
 * Command-line arguments of `aws-paginate`: parsed and checked here, before any client exists, so
 * every mistake is reported by the option it concerns.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";
import { nearestNames } from "./nearest.js";

export interface CliOptions {
  readonly help: boolean;
  readonly version: boolean;
  readonly service: string | undefined;
  readonly operation: string | undefined;
  /** The request: --input, then each --param over it. */
  readonly input: Record<string, unknown>;
  /** What each output line is. */
  readonly output: { readonly kind: "pages" } | { readonly kind: "items"; readonly resultKey?: string } | { readonly kind: "search"; readonly expression: string };
  readonly pageSize: number | undefined;
  readonly maxItems: number | undefined;
  /** S3 key listings: ranges listed at once (--parallel); undefined for one sequential run. */
  readonly parallel: number | undefined;
  readonly startingToken: string | undefined;
  readonly endpointUrl: string | undefined;
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly progress: boolean;
}

const OPTIONS = {
  input: { type: "string" },
  param: { type: "string", multiple: true },
  items: { type: "boolean" },
  "result-key": { type: "string" },
  search: { type: "string" },
  "page-size": { type: "string" },
  "max-items": { type: "string" },
  parallel: { type: "string" },
  "starting-token": { type: "string" },
  "endpoint-url": { type: "string" },
  region: { type: "string" },
  profile: { type: "string" },
  "no-progress": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

export function usage(services: readonly string[]): string {
  return `Usage: aws-paginate <service> <operation> [options]

Lists every page of a paginated AWS operation as NDJSON on stdout: one page per line, or one
item per line with --items. Pages are requested one at a time, as the output is consumed.

  service     ${services.join(", ")}
  operation   any paginated operation of the service, as the API (ListObjectsV2), the
              JavaScript SDK (listObjectsV2), boto3 (list_objects_v2) or the AWS CLI
              (list-objects-v2) spells it

Request:
  --input JSON            the request as a JSON object, or file://PATH to read it from a file
  --param Key=Value       one request member; repeatable, applied over --input. A value that
                          JSON writes as a number, a boolean, an object or an array is parsed;
                          any other value is a string
Output:
  --items                 one line per item of the primary result key (Contents for ListObjectsV2)
  --result-key KEY        one line per item of another result key (e.g. DeleteMarkers)
  --search EXPR           one line per result of a JMESPath expression applied to each page
                          (boto3's search(), e.g. "Contents[?Size > \`1024\`].Key")
Pagination (as the AWS CLI has them):
  --page-size N           items per request
  --max-items N           stop after N items of the primary result key; the token to go on
                          from is printed on stderr as "NextToken: <token>"
  --starting-token TOKEN  go on from a NextToken (or from a failed run's resume token)
  --parallel N            S3 list-objects-v2, list-objects and list-object-versions: list N key
                          ranges at once, in the listing's order (the progress line shows the
                          ranges in flight)
Connection:
  --endpoint-url URL      send requests to URL (S3 uses path-style addressing there; the region
                          defaults to us-east-1 if none is set)
  --region REGION         the region (default: AWS_REGION, then your AWS config)
  --profile NAME          a profile of ~/.aws/config and ~/.aws/credentials (sets AWS_PROFILE)
Other:
  --no-progress           no progress line (shown on stderr only when stderr is a terminal and
                          stdout is not)
  -h, --help              this help
  --version               the version

Dates are written as ISO 8601 strings. Exit status: 0 done (also when --max-items stopped the
run), 1 a request or the pagination failed (stderr says how to resume), 2 bad usage or input
(a --search expression that does not compile or fails on a page included), 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM) and 129 hung up (SIGHUP), stderr saying how to resume.

Examples:
  aws-paginate s3 list-objects-v2 --param Bucket=my-bucket --items | jq -r .Key
  aws-paginate s3 list-object-versions --input '{"Bucket":"my-bucket"}' --result-key DeleteMarkers
  aws-paginate s3 list-objects-v2 --param Bucket=my-bucket --items --max-items 100
  aws-paginate s3 list-objects-v2 --param Bucket=my-bucket --items --parallel 16
  aws-paginate s3 list-objects-v2 --param Bucket=my-bucket --items --starting-token <NextToken>
  aws-paginate service-catalog search-provisioned-products --items --page-size 100
`;
}

/**
 * The spellings to look an operation up by: the name as given (PascalCase, camelCase and boto3's
 * snake_case are the library's own), and for the AWS CLI's kebab-case its camelCase
 * (`list-objects-v2` → `listObjectsV2`) and, for names with an acronym the camelCase cannot
 * restore (`get-bucket-acl`), its snake_case, which boto3 and the AWS CLI derive the same way.
 */
export function operationNames(name: string): string[] {
  if (!name.includes("-")) return [name];
  const camel = name
    .split("-")
    .filter((part) => part !== "")
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join("");
  return [camel, name.replaceAll("-", "_")];
}

/**
 * A --param value: parsed as JSON when JSON writes the parsed value back the same way and it is a
 * number, a boolean, an object or an array (`10`, `true`, `{"FullTextSearch":["web"]}`); any other
 * value (`007`, `1.50`, `null`, `my-bucket`) stays a string.
 */
export function paramValue(raw: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return raw;
  }
  if (typeof parsed === "number" || typeof parsed === "boolean") return JSON.stringify(parsed) === raw ? parsed : raw;
  if (typeof parsed === "object" && parsed !== null) return parsed;
  return raw;
}

function param(raw: string): [string, unknown] {
  const at = raw.indexOf("=");
  const key = at < 0 ? "" : raw.slice(0, at).trim();
  if (at < 0 || key === "") throw new UsageError(`--param ${JSON.stringify(raw)}: expected Key=Value, as in --param Bucket=my-bucket`);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) throw new UsageError(`--param ${JSON.stringify(raw)}: "${key}" is not a request member name (such as Bucket or MaxKeys)`);
  return [key, paramValue(raw.slice(at + 1))];
}

function inputJson(raw: string): Record<string, unknown> {
  let text = raw;
  let source = "--input";
  if (raw.startsWith("file://")) {
    const path = raw.slice("file://".length);
    source = `--input ${raw}`;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new UsageError(`${source}: cannot read ${path}: ${(error as Error).message}`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${source} must be a JSON object, such as '{"Bucket":"my-bucket"}'`);
  }
  return value as Record<string, unknown>;
}

function positiveInteger(raw: string | undefined, option: string, max?: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || (max !== undefined && value > max)) {
    throw new UsageError(`${option} must be ${max === undefined ? "a positive integer" : `a whole number from 1 to ${max}`}, and it is ${JSON.stringify(raw)}`);
  }
  return value;
}

function nonEmpty(raw: string | undefined, option: string): string | undefined {
  if (raw !== undefined && raw.trim() === "") throw new UsageError(`${option} must not be empty`);
  return raw;
}

/**
 * `--max-items -1` as `--max-items=-1`: parseArgs refuses a value that starts with a dash as
 * "ambiguous", and a negative number is no option name, so the option's own check can say what
 * is wrong with it.
 */
function withNegativeValues(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.startsWith("--") ? argv[i]!.slice(2) : undefined;
    const next = argv[i + 1];
    const option = name === undefined ? undefined : (OPTIONS as Record<string, { type: string }>)[name];
    if (option?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      args.push(`${argv[i]}=${next}`);
      i++;
    } else {
      args.push(argv[i]!);
    }
  }
  return args;
}

/** The option nearest to a mistyped one (`--max-item`, `--pagesize`), if one is near. */
function nearestOption(given: string): string | undefined {
  const [near] = nearestNames(given, Object.keys(OPTIONS));
  return near && `--${near}`;
}

/** Parses `argv` (without node and the script); throws {@link UsageError} naming what is wrong. */
export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: withNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    const unknown = code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'(--?[^']*)'/.exec(message)?.[1] : undefined;
    const near = unknown === undefined ? undefined : nearestOption(unknown);
    const text = message.replace(/\. To specify a positional argument.*$/s, "");
    throw new UsageError(text.charAt(0).toLowerCase() + text.slice(1) + (near ? `; did you mean ${near}?` : ""));
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  const version = values.version === true;
  const [service, operation, ...extra] = positionals;
  if (!help && !version) {
    if (service === undefined) throw new UsageError("missing <service> and <operation>, as in: aws-paginate s3 list-objects-v2 --param Bucket=my-bucket");
    if (operation === undefined) throw new UsageError(`missing <operation> after ${service}, as in: aws-paginate ${service} list-objects-v2`);
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}: request members go in --input or --param Key=Value`);
  }

  const input = values.input === undefined ? {} : inputJson(values.input);
  for (const raw of values.param ?? []) {
    const [key, value] = param(raw);
    input[key] = value;
  }

  const resultKey = nonEmpty(values["result-key"], "--result-key");
  const search = values.search;
  if (search !== undefined && (values.items || resultKey !== undefined)) {
    throw new UsageError("--search prints the expression's results; it does not go with --items or --result-key");
  }
  if (search !== undefined && search.trim() === "") throw new UsageError('--search takes a JMESPath expression, such as "Contents[].Key"');
  const output: CliOptions["output"] =
    search !== undefined
      ? { kind: "search", expression: search }
      : values.items || resultKey !== undefined
        ? resultKey === undefined
          ? { kind: "items" }
          : { kind: "items", resultKey }
        : { kind: "pages" };

  const endpointUrl = nonEmpty(values["endpoint-url"], "--endpoint-url");
  if (endpointUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpointUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw new UsageError(`--endpoint-url must be an http:// or https:// URL, and it is ${JSON.stringify(endpointUrl)}`);
    }
  }

  return {
    help,
    version,
    service,
    operation,
    input,
    output,
    pageSize: positiveInteger(values["page-size"], "--page-size"),
    maxItems: positiveInteger(values["max-items"], "--max-items"),
    parallel: positiveInteger(values.parallel, "--parallel", 256),
    startingToken: nonEmpty(values["starting-token"], "--starting-token"),
    endpointUrl,
    region: nonEmpty(values.region, "--region"),
    profile: nonEmpty(values.profile, "--profile"),
    progress: values["no-progress"] !== true,
  };
}
