/**
 * A stand-in for S3's key listings, in process, for parallel-listing specs until the emulator's
 * in-process client can serve them: keys in UTF-8 byte order, Prefix, StartAfter/Marker, MaxKeys
 * (capped at 1,000), Delimiter, EncodingType=url (a space as `+`, as S3 encodes) and
 * continuation tokens; a latency per request and 503 SlowDown at a seeded rate.
 */
import { compareKeys } from "../../lib/parallel/key-order.js";

export interface KeySource {
  readonly count: number;
  keyAt(index: number): string;
}

export interface ListingStubOptions {
  latencyMs?: number;
  slowDownRate?: number;
  seed?: number;
  /** Fails the request numbered `n` (from 0) with this error instead of answering it. */
  failOn?: (n: number, input: Record<string, unknown>) => unknown;
}

export function sortedSource(keys: Iterable<string>): KeySource {
  const sorted = [...new Set(keys)].sort(compareKeys);
  return { count: sorted.length, keyAt: (i) => sorted[i]! };
}

function encode(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/");
}

function firstAbove(source: KeySource, key: string | undefined, prefix: string): number {
  let lo = 0;
  let hi = source.count;
  const bound = key !== undefined && compareKeys(key, prefix) > 0 ? key : undefined;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = source.keyAt(mid);
    const below = bound === undefined ? compareKeys(at, prefix) < 0 : compareKeys(at, bound) <= 0;
    if (below) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

export function listingStub(options: ListingStubOptions = {}) {
  const buckets = new Map<string, KeySource>();
  const random = seeded(options.seed ?? 1);
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0, faults: 0, inputs: [] as Record<string, unknown>[] };

  function list(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    const source = buckets.get(String(input.Bucket));
    if (!source) throw Object.assign(new Error("The specified bucket does not exist"), { name: "NoSuchBucket", $metadata: { httpStatusCode: 404 } });
    const prefix = typeof input.Prefix === "string" ? input.Prefix : "";
    const maxKeys = Math.min(1000, typeof input.MaxKeys === "number" ? input.MaxKeys : 1000);
    const delimiter = typeof input.Delimiter === "string" && input.Delimiter !== "" ? input.Delimiter : undefined;
    const url = input.EncodingType === "url";
    const after = operation === "ListObjects" ? input.Marker : (input.ContinuationToken ?? input.StartAfter);
    let index = firstAbove(source, typeof after === "string" ? after : undefined, prefix);
    const contents: { Key: string; Size: number }[] = [];
    const prefixes: { Prefix: string }[] = [];
    let last: string | undefined;
    while (index < source.count && contents.length + prefixes.length < maxKeys) {
      const key = source.keyAt(index);
      if (!key.startsWith(prefix)) break;
      const at = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
      if (at >= 0) {
        const common = key.slice(0, at + delimiter!.length);
        prefixes.push({ Prefix: url ? encode(common) : common });
        last = common;
        // Past every key under the common prefix.
        index = firstAbove(source, common + "\u{10FFFF}".repeat(300), prefix);
        continue;
      }
      contents.push({ Key: url ? encode(key) : key, Size: key.length });
      last = key;
      index++;
    }
    const truncated = index < source.count && source.keyAt(index).startsWith(prefix);
    const output: Record<string, unknown> = { IsTruncated: truncated, KeyCount: contents.length + prefixes.length, MaxKeys: maxKeys, Name: input.Bucket, $metadata: { httpStatusCode: 200 } };
    if (contents.length) output.Contents = contents;
    if (prefixes.length) output.CommonPrefixes = prefixes;
    if (url) output.EncodingType = "url";
    if (truncated && operation !== "ListObjects") output.NextContinuationToken = last;
    if (truncated && operation === "ListObjects" && delimiter) output.NextMarker = last;
    return output;
  }

  async function answer(operation: string, input: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const n = stats.requests++;
    stats.inputs.push(input);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      if (options.latencyMs) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            clearTimeout(timer);
            reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
          };
          const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          }, options.latencyMs);
          signal?.addEventListener("abort", onAbort, { once: true });
        });
      } else await Promise.resolve();
      const failure = options.failOn?.(n, input);
      if (failure !== undefined) throw failure;
      if (options.slowDownRate && random() < options.slowDownRate) {
        stats.faults++;
        throw Object.assign(new Error("Please reduce your request rate."), { name: "SlowDown", $fault: "server", $metadata: { httpStatusCode: 503 } });
      }
      return list(operation, input);
    } finally {
      stats.inFlight--;
    }
  }

  return {
    config: { serviceId: "S3" },
    stats,
    putKeys(bucket: string, keys: Iterable<string> | KeySource) {
      buckets.set(bucket, "keyAt" in keys ? keys : sortedSource(keys as Iterable<string>));
    },
    send(command: { input: Record<string, unknown>; constructor: { name: string } }, options?: { abortSignal?: AbortSignal }) {
      return answer(command.constructor.name.replace(/Command$/, ""), command.input, options?.abortSignal);
    },
    listObjectsV2(input: Record<string, unknown>, options?: { abortSignal?: AbortSignal }) {
      return answer("ListObjectsV2", input, options?.abortSignal);
    },
    listObjects(input: Record<string, unknown>, options?: { abortSignal?: AbortSignal }) {
      return answer("ListObjects", input, options?.abortSignal);
    },
  };
}
