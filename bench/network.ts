/**
 * Scenario 1: pages() through the real S3Client against a fast loopback S3 server (in its own
 * process), 100,000 keys at 1,000 a page, beside the SDK's paginateListObjectsV2 and a
 * hand-written do/while loop.
 *
 * Scenario 4a: readAhead 1 when a page's latency is about the consumer's work per page.
 */
import { paginateListObjectsV2, ListObjectsV2Command, type ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { withPaginators } from "aws-paginators";
import { s3ClientFor } from "../emulator/index.js";
import { startServerProcess } from "./server.js";
import { compare, printSamples, verdict, type Verdict } from "./stats.js";

const KEYS = 100_000;
const input = { Bucket: "bench", MaxKeys: 1000 };

export async function network(rounds: number): Promise<Verdict[]> {
  const server = await startServerProcess(KEYS, 0);
  try {
    const client = s3ClientFor(server);
    const paginator = withPaginators(client).getPaginator("listObjectsV2");
    let count = 0;
    const check = () => {
      if (count !== KEYS) throw new Error(`listed ${count} keys, not ${KEYS}`);
      count = 0;
    };
    const samples = await compare(
      {
        "pages()": async () => {
          for await (const page of paginator.pages(input)) count += page.Contents!.length;
          check();
        },
        "SDK paginateListObjectsV2": async () => {
          for await (const page of paginateListObjectsV2({ client }, { ...input })) count += page.Contents!.length;
          check();
        },
        "hand-written do/while": async () => {
          let token: string | undefined;
          do {
            const page: ListObjectsV2CommandOutput = await client.send(new ListObjectsV2Command({ ...input, ContinuationToken: token }));
            count += page.Contents?.length ?? 0;
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
          } while (token);
          check();
        },
      },
      rounds,
      1,
    );
    printSamples(`pages() over ${KEYS.toLocaleString("en")} keys, 1,000 a page, real S3Client, loopback server`, samples);
    return [
      verdict("pages-vs-sdk-paginator-network", samples, "pages()", "SDK paginateListObjectsV2", 1.02),
      { ...verdict("pages-vs-do-while-network", samples, "pages()", "hand-written do/while", Number.POSITIVE_INFINITY), target: "report only", ok: true },
    ];
  } finally {
    server.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function readAhead(rounds: number): Promise<Verdict[]> {
  const LATENCY = 20;
  const PAGES = 30;
  const server = await startServerProcess(PAGES * 100, LATENCY);
  try {
    const client = s3ClientFor(server);
    const paginator = withPaginators(client).getPaginator("listObjectsV2");
    const pageInput = { Bucket: "bench", MaxKeys: 100 };
    // The consumer works as long as a page takes to arrive (server latency plus the SDK's own
    // time), measured here, so that fetching and working can overlap fully.
    const started = performance.now();
    for await (const _ of paginateListObjectsV2({ client }, { ...pageInput }));
    const work = Math.round((performance.now() - started) / PAGES);
    const samples = await compare(
      {
        "readAhead 1": async () => {
          for await (const _ of paginator.pages(pageInput, { readAhead: 1 })) await sleep(work);
        },
        "SDK paginateListObjectsV2": async () => {
          for await (const _ of paginateListObjectsV2({ client }, { ...pageInput })) await sleep(work);
        },
        "readAhead 0": async () => {
          for await (const _ of paginator.pages(pageInput)) await sleep(work);
        },
      },
      rounds,
      1,
    );
    printSamples(`${PAGES} pages, ${LATENCY} ms server latency (${work} ms a page in all), ${work} ms of consumer work per page`, samples);
    const speedup = verdict("read-ahead-speedup", samples, "SDK paginateListObjectsV2", "readAhead 1", Number.POSITIVE_INFINITY);
    return [{ ...speedup, scenario: "read-ahead-1-speedup-vs-sdk", target: "≥ 1.8× faster than the SDK paginator", ok: speedup.ratio >= 1.8 }];
  } finally {
    server.stop();
  }
}
