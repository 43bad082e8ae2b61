/**
 * An S3 client without HTTP: `send(command)` and the aggregated methods (`listObjectsV2()`,
 * `listObjects()`, `listObjectVersions()`) answer from an emulator store with the same listing code
 * the server runs, so StartAfter, Prefix, Delimiter, MaxKeys (capped at 1,000), EncodingType=url
 * and continuation tokens behave exactly as they do over loopback HTTP, and outputs have the SDK's
 * member names and types. A per-request latency and a seeded rate of 503 SlowDown make it a
 * stand-in for S3 in benches of a million keys, where HTTP and XML would dominate the figures.
 */
import type { KeySource } from "./virtual-keys.js";
import { checkRate, seededRandom } from "./random.js";
import { listObjects, listObjectsV2 } from "./s3-objects.js";
import { noSuchBucket, slowDown } from "./s3-replies.js";
import { listObjectVersions } from "./s3-versions.js";
import { clearStats, countRequest, newStats, type LoopbackStats } from "./stats.js";
import { S3Store, type ObjectSeed, type VersionSeed } from "./store.js";
import { isPage, type Output, type Page, type Reply } from "./types.js";
import type { Bucket } from "./store.js";

export interface InProcessS3Options {
  /** Every request waits this long before it is answered (default 0: answered on the next microtask). */
  latencyMs?: number;
  /** The share of requests (0 to 1) answered 503 SlowDown instead, drawn from `seed`; default 0. */
  slowDownRate?: number;
  /** Seeds the draw of `slowDownRate`; default 1. */
  seed?: number;
  /** The store to answer from (a server's, to list what it holds); a new empty one by default. */
  store?: S3Store;
}

/** What `send()` and the methods take: an SDK command instance, or its name and input. */
interface CommandLike {
  readonly input: object;
}

/** An error as the SDK throws it for an S3 error answer. */
export interface InProcessS3Error extends Error {
  readonly $fault: "client" | "server";
  readonly $metadata: { readonly httpStatusCode: number; readonly requestId: string; readonly attempts: number; readonly totalRetryDelay: number };
  readonly $retryable?: { readonly throttling: boolean };
}

export interface InProcessS3 {
  /** Found by `withPaginators()`, which picks the S3 table from it. */
  readonly config: { readonly serviceId: "S3" };
  /** ListObjectsV2Command, ListObjectsCommand or ListObjectVersionsCommand from @aws-sdk/client-s3. */
  send(command: CommandLike, options?: { abortSignal?: AbortSignal }): Promise<Output>;
  listObjectsV2(input: object, options?: { abortSignal?: AbortSignal }): Promise<Output>;
  listObjects(input: object, options?: { abortSignal?: AbortSignal }): Promise<Output>;
  listObjectVersions(input: object, options?: { abortSignal?: AbortSignal }): Promise<Output>;
  putObjects(bucket: string, keys: readonly ObjectSeed[]): void;
  putVersions(bucket: string, entries: readonly VersionSeed[]): void;
  /** A bucket that lists `source`'s keys without a record per key (see virtual-keys.ts). */
  putVirtualObjects(bucket: string, source: KeySource): void;
  /** Requests by operation, concurrency, and `faultsInjected` (the 503s answered). */
  readonly stats: LoopbackStats;
  resetStats(): void;
  /** Nothing to release; here so code written for SDK clients can call it. */
  destroy(): void;
}

type Handler = (bucket: Bucket, query: URLSearchParams) => Reply | Page;

/** Per operation: the handler and how input members map to query parameters. */
const OPERATIONS: Record<string, { readonly handle: Handler; readonly params: Readonly<Record<string, string>>; readonly fixed?: Readonly<Record<string, string>> }> = {
  ListObjectsV2: {
    handle: listObjectsV2,
    params: { Prefix: "prefix", Delimiter: "delimiter", MaxKeys: "max-keys", StartAfter: "start-after", ContinuationToken: "continuation-token", EncodingType: "encoding-type", FetchOwner: "fetch-owner" },
    fixed: { "list-type": "2" },
  },
  ListObjects: {
    handle: listObjects,
    params: { Prefix: "prefix", Delimiter: "delimiter", MaxKeys: "max-keys", Marker: "marker", EncodingType: "encoding-type" },
  },
  ListObjectVersions: {
    handle: listObjectVersions,
    params: { Prefix: "prefix", Delimiter: "delimiter", MaxKeys: "max-keys", KeyMarker: "key-marker", VersionIdMarker: "version-id-marker", EncodingType: "encoding-type" },
  },
};
const SUPPORTED = Object.keys(OPERATIONS).map((name) => `${name}Command`).join(", ");

let requestCounter = 0;

export function createInProcessS3(options: InProcessS3Options = {}): InProcessS3 {
  const { latencyMs = 0, slowDownRate = 0, seed = 1, store = new S3Store() } = options;
  if (!(latencyMs >= 0)) throw new RangeError(`latencyMs must be >= 0, got ${latencyMs}`);
  checkRate("slowDownRate", slowDownRate);
  const random = seededRandom(seed);
  const stats = newStats();

  const answer = (operation: string, input: object, signal: AbortSignal | undefined): Promise<Output> => {
    const spec = OPERATIONS[operation];
    if (!spec) return Promise.reject(new TypeError(`in-process S3 answers ${SUPPORTED}; got ${operation}Command`));
    const members = input as Record<string, unknown>;
    if (typeof members.Bucket !== "string" || members.Bucket === "") {
      return Promise.reject(new TypeError(`${operation}: Bucket must be a non-empty string, got ${JSON.stringify(members.Bucket)}`));
    }
    const query = new URLSearchParams(spec.fixed);
    for (const [member, param] of Object.entries(spec.params)) {
      const value = members[member];
      if (value !== undefined && value !== null) query.set(param, String(value));
    }
    const bucketName = members.Bucket;
    countRequest(stats, operation, Object.fromEntries(query));
    stats.inFlight++;
    if (stats.inFlight > stats.maxInFlight) stats.maxInFlight = stats.inFlight;
    const reply = (): Output => {
      const requestId = (++requestCounter).toString(16).toUpperCase().padStart(16, "0");
      if (slowDownRate > 0 && random() < slowDownRate) {
        stats.faultsInjected++;
        throw sdkError(slowDown(), requestId);
      }
      const bucket = store.get(bucketName);
      const handled = bucket ? spec.handle(bucket, query) : noSuchBucket(bucketName);
      if (!isPage(handled)) throw sdkError(handled, requestId);
      const output = handled.output!(handled.truncated, handled.next);
      output.$metadata = { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 };
      return output;
    };
    return delay(latencyMs, signal).then(reply).finally(() => stats.inFlight--);
  };

  const method = (operation: string) => (input: object, opts?: { abortSignal?: AbortSignal }) => answer(operation, input ?? {}, opts?.abortSignal);
  return {
    config: { serviceId: "S3" },
    send(command, opts) {
      const name = command?.constructor?.name ?? "";
      if (!name.endsWith("Command") || typeof command.input !== "object") {
        return Promise.reject(new TypeError(`in-process S3: send() takes an SDK command (${SUPPORTED}), got ${name || typeof command}`));
      }
      return answer(name.slice(0, -"Command".length), command.input, opts?.abortSignal);
    },
    listObjectsV2: method("ListObjectsV2"),
    listObjects: method("ListObjects"),
    listObjectVersions: method("ListObjectVersions"),
    putObjects: (bucket, keys) => store.putObjects(bucket, keys),
    putVersions: (bucket, entries) => store.putVersions(bucket, entries),
    putVirtualObjects: (bucket, source) => store.putVirtualObjects(bucket, source),
    stats,
    resetStats: () => clearStats(stats),
    destroy() {},
  };
}

/** Resolves after `ms` (on the next microtask for 0); rejects as the SDK does when `signal` aborts. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortError(): Error {
  const error = new Error("Request aborted");
  error.name = "AbortError";
  return error;
}

/** The exception the SDK raises for an S3 error answer: named by its Code, with $fault, $metadata, $retryable. */
function sdkError(reply: Reply, requestId: string): InProcessS3Error {
  const code = reply.error?.code ?? `Http${reply.status}`;
  const error = new Error(reply.error?.message ?? `HTTP ${reply.status}`) as Error & Record<string, unknown>;
  error.name = code;
  error.$fault = reply.status >= 500 ? "server" : "client";
  error.$metadata = { httpStatusCode: reply.status, requestId, attempts: 1, totalRetryDelay: 0 };
  if (reply.status === 503 || code === "SlowDown") error.$retryable = { throttling: true };
  error.Code = code;
  return error as unknown as InProcessS3Error;
}
