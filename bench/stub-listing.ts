/**
 * An in-process S3 listing with no network: ListObjectsV2 pages answered from memory, so a bench
 * times only the code that walks them.
 */
import { S3Client } from "@aws-sdk/client-s3";

export interface Listing {
  readonly pages: readonly Page[];
  readonly total: number;
}

export interface Page {
  Contents: { Key: string; Size: number }[];
  IsTruncated: boolean;
  NextContinuationToken?: string;
  KeyCount: number;
  $metadata: Record<string, never>;
}

function page(start: number, size: number, total: number): Page {
  const end = Math.min(start + size, total);
  const contents = new Array<{ Key: string; Size: number }>(end - start);
  for (let i = start; i < end; i++) contents[i - start] = { Key: `key-${String(i).padStart(7, "0")}`, Size: i };
  return { Contents: contents, IsTruncated: end < total, ...(end < total ? { NextContinuationToken: String(end) } : {}), KeyCount: end - start, $metadata: {} };
}

/** Every page built up front: what a page costs to make is not timed. */
export function prebuilt(total: number, size: number): Listing {
  const pages: Page[] = [];
  for (let start = 0; start < total; start += size) pages.push(page(start, size, total));
  return { pages, total };
}

/** `listObjectsV2(input)` over prebuilt pages, as an aggregated client has it. */
export function answer(listing: Listing, size: number) {
  return (input: { ContinuationToken?: string }): Promise<Page> =>
    Promise.resolve(listing.pages[input.ContinuationToken === undefined ? 0 : Number(input.ContinuationToken) / size]!);
}

/** Pages made fresh for each request and dropped after, for memory measurements. */
export function generated(total: number, size: number) {
  return (input: { ContinuationToken?: string }): Promise<Page> =>
    Promise.resolve(page(input.ContinuationToken === undefined ? 0 : Number(input.ContinuationToken), size, total));
}

/** A real S3Client whose send() answers from `respond`, for the SDK's own paginators too. */
export function s3ClientAnswering(respond: (input: { ContinuationToken?: string }) => Promise<Page>): S3Client {
  const client = new S3Client({ region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" } });
  client.send = ((command: { input: { ContinuationToken?: string } }) => respond(command.input)) as S3Client["send"];
  return client;
}
