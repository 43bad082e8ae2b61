/**
 * The emulator's in-process S3 client for parallel-listing specs, with what they check besides:
 * every request's input as sent, and a failure injected at a chosen request.
 */
import { createInProcessS3, sortedKeys, type KeySource, type VersionSeed } from "../../emulator/index.js";

export interface ListingStubOptions {
  latencyMs?: number;
  slowDownRate?: number;
  seed?: number;
  /** Fails the request numbered `n` (from 0) with this error instead of answering it. */
  failOn?: (n: number, input: Record<string, unknown>) => unknown;
  /** A server that ignores EncodingType=url (moto's ListObjectVersions): keys come back as they are, and the answer says no EncodingType. */
  ignoreEncoding?: boolean;
  /** Replaces the answer to request `n`: a misbehaving server or client. */
  mapOutput?: (output: Record<string, unknown>, n: number, input: Record<string, unknown>) => unknown;
}

type Options = { abortSignal?: AbortSignal };

export function listingStub(options: ListingStubOptions = {}) {
  const s3 = createInProcessS3({ latencyMs: options.latencyMs ?? 0, slowDownRate: options.slowDownRate ?? 0, seed: options.seed ?? 1 });
  const inputs: Record<string, unknown>[] = [];
  const stats = {
    get requests() {
      return inputs.length;
    },
    get maxInFlight() {
      return s3.stats.maxInFlight;
    },
    get faults() {
      return s3.stats.faultsInjected;
    },
    inputs,
  };
  const answer = (input: Record<string, unknown>, call: (input: Record<string, unknown>) => Promise<unknown>) => {
    const n = inputs.length;
    inputs.push(input);
    const failure = options.failOn?.(n, input);
    if (failure !== undefined) return Promise.reject(failure);
    const asked = options.ignoreEncoding ? { ...input, EncodingType: undefined } : input;
    const { mapOutput } = options;
    return mapOutput ? call(asked).then((output) => mapOutput(output as Record<string, unknown>, n, input)) : call(asked);
  };
  return {
    config: { serviceId: "S3" as const },
    stats,
    putKeys(bucket: string, keys: Iterable<string> | KeySource) {
      s3.putVirtualObjects(bucket, "keyAt" in keys ? keys : sortedKeys(keys as Iterable<string>));
    },
    /** Versions and delete markers; a key's entries are listed in the order given, newest first. */
    putVersions(bucket: string, entries: readonly VersionSeed[]) {
      s3.putVersions(bucket, entries);
    },
    send(command: { input: Record<string, unknown> }, opts?: Options) {
      // The command's class names the operation: a copy keeps it.
      return answer(command.input, (input) => s3.send(Object.assign(Object.create(Object.getPrototypeOf(command) as object) as typeof command, command, { input }), opts));
    },
    listObjectsV2(input: Record<string, unknown>, opts?: Options) {
      return answer(input, (asked) => s3.listObjectsV2(asked, opts));
    },
    listObjects(input: Record<string, unknown>, opts?: Options) {
      return answer(input, (asked) => s3.listObjects(asked, opts));
    },
    listObjectVersions(input: Record<string, unknown>, opts?: Options) {
      return answer(input, (asked) => s3.listObjectVersions(asked, opts));
    },
  };
}

/**
 * Reads `take` keys of a run (none when 0), as a consumer that stops there would, into `got`, and
 * gives the run's resume token: one step of a kill-and-resume chain.
 */
export async function takeKeys(run: AsyncIterable<{ Key?: string }> & { readonly resumeToken: string | undefined }, take: number, got: string[]): Promise<string | undefined> {
  let taken = 0;
  if (take > 0) {
    for await (const item of run) {
      got.push(item.Key!);
      if (++taken === take) break;
    }
  }
  return run.resumeToken;
}
