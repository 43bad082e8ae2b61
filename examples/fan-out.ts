/**
 * The seed's thundering herd, and its fix. A program lists buckets, lists the objects in each,
 * and calls the service once per object (HeadObject):
 *
 * - "Promise.all": every level resolved with Promise.all, as the seed article's code did.
 * - "bounded": lazy paginators, boundedMap for the nesting, and one p-limit limiter that every
 *   request of every level passes through, so requests in flight never exceed K.
 *
 * Both run against the project's loopback S3 server on 127.0.0.1, set to throttle (503 SlowDown)
 * whenever more than K requests are in flight, as a real service does past its rate. Run it with
 * `npm run example:fan-out` (or `npx tsx examples/fan-out.ts [buckets] [keys] [K] [latencyMs]`).
 */
import { HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import pLimit from "p-limit";
import { boundedMap, withPaginators } from "aws-paginators";
import { s3ClientFor, startLoopbackServer, type LoopbackServer } from "../emulator/index.js";

const [buckets = 4, keys = 250, K = 8, latencyMs = 10] = process.argv.slice(2).map(Number);

interface Outcome {
  approach: string;
  objects: number;
  failed: number;
  requests: number;
  throttled: number;
  maxInFlight: number;
  seconds: number;
}

/** The seed's way: each level all at once. The SDK's retries (3 attempts) are all it has. */
export async function promiseAll(s3: S3Client): Promise<{ objects: number; failed: number }> {
  let objects = 0;
  let failed = 0;
  const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
  await Promise.all(
    Buckets.map(async ({ Name: Bucket }) => {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
        for (const object of page.Contents ?? []) keys.push(object.Key!);
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      await Promise.all(
        keys.map(async (Key) => {
          try {
            await s3.send(new HeadObjectCommand({ Bucket, Key }));
            objects++;
          } catch {
            failed++;
          }
        }),
      );
    }),
  );
  return { objects, failed };
}

/** Lazy paginators, bounded nesting, and one limit over every request. */
export async function bounded(client: S3Client, limit: number): Promise<{ objects: number; failed: number }> {
  const s3 = withPaginators(client);
  const limiter = pLimit(limit);
  let objects = 0;
  let failed = 0;
  const perBucket = boundedMap(
    s3.getPaginator("listBuckets").items({}, { limiter }),
    async (bucket) => {
      const heads = boundedMap(
        s3.getPaginator("listObjectsV2").items({ Bucket: bucket.Name! }, { limiter }),
        (object) => limiter(() => client.send(new HeadObjectCommand({ Bucket: bucket.Name!, Key: object.Key! }))),
        { concurrency: limit },
      );
      for await (const _ of heads) objects++;
    },
    { concurrency: 2 },
  );
  try {
    for await (const _ of perBucket);
  } catch {
    failed++;
  }
  return { objects, failed };
}

async function measure(approach: string, server: LoopbackServer, run: () => Promise<{ objects: number; failed: number }>): Promise<Outcome> {
  server.resetStats();
  const started = performance.now();
  const { objects, failed } = await run();
  const seconds = (performance.now() - started) / 1000;
  const { requests, throttled, maxInFlight } = server.stats;
  return { approach, objects, failed, requests, throttled, maxInFlight, seconds: Number(seconds.toFixed(2)) };
}

export async function fanOut(options = { buckets, keys, K, latencyMs }): Promise<Outcome[]> {
  const server = await startLoopbackServer({ maxInFlight: options.K, latencyMs: options.latencyMs });
  try {
    for (let b = 0; b < options.buckets; b++) {
      server.putObjects(`bucket-${b}`, Array.from({ length: options.keys }, (_, i) => `object-${String(i).padStart(5, "0")}`));
    }
    // The SDK's default retries, as a program would have them.
    const client = s3ClientFor(server, { maxAttempts: 3 });
    return [await measure("Promise.all at every level", server, () => promiseAll(client)), await measure(`paginators + boundedMap + p-limit(${options.K})`, server, () => bounded(client, options.K))];
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  console.log(`${buckets} buckets × ${keys} objects, a HeadObject per object; the server throttles above ${K} requests in flight, ${latencyMs} ms a request\n`);
  console.table(await fanOut());
}
