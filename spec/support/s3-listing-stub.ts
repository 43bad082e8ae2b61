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
  const answer = (input: Record<string, unknown>, call: () => Promise<unknown>) => {
    const n = inputs.length;
    inputs.push(input);
    const failure = options.failOn?.(n, input);
    return failure === undefined ? call() : Promise.reject(failure);
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
      return answer(command.input, () => s3.send(command, opts));
    },
    listObjectsV2(input: Record<string, unknown>, opts?: Options) {
      return answer(input, () => s3.listObjectsV2(input, opts));
    },
    listObjects(input: Record<string, unknown>, opts?: Options) {
      return answer(input, () => s3.listObjects(input, opts));
    },
    listObjectVersions(input: Record<string, unknown>, opts?: Options) {
      return answer(input, () => s3.listObjectVersions(input, opts));
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
