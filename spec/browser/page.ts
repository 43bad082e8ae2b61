/**
 * The browser check's page program, bundled by check.ts from the packed tarball with esbuild for
 * the browser platform. It lists one bucket every way the library offers, on the aggregated S3
 * client and on a bare S3Client with each withCommands form, and compares keys and order with the
 * SDK's own paginateListObjectsV2 in the same page. Its results go to window.__results.
 */
import { ListObjectsV2Command, paginateListObjectsV2, S3, S3Client } from "@aws-sdk/client-s3";
import { PaginationAbortedError, s3Table, withCommands, withPaginators, withTable, type PaginatorFor } from "aws-paginators";
import "aws-paginators/jmespath";

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

const params = new URLSearchParams(location.search);
const endpoint = params.get("s3")!;
const bucket = params.get("bucket")!;
const config = { region: "us-east-1", endpoint, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: "test", secretAccessKey: "test" } };
const PAGE_SIZE = 3;

/** Asks the check's server to hold the next S3 answer (the emulator's slow fault). */
async function slowNextRequest(ms: number): Promise<void> {
  const response = await fetch(`/fault?kind=slow&delayMs=${ms}`, { method: "POST" });
  if (!response.ok) throw new Error(`could not arm the slow fault: ${response.status}`);
}

const keysOf = (objects: readonly { Key?: string }[] | undefined) => (objects ?? []).map((object) => object.Key!);

async function sdkKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: new S3Client(config), pageSize: PAGE_SIZE }, { Bucket: bucket })) keys.push(...keysOf(page.Contents));
  return keys;
}

type Listing = PaginatorFor<typeof s3Table, "listObjectsV2">;
const listingOf = (client: { getPaginator(name: "listObjectsV2"): Listing }): Listing => client.getPaginator("listObjectsV2");

async function checksFor(label: string, paginator: Listing, expected: readonly string[]): Promise<Check[]> {
  const checks: Check[] = [];
  const check = async (name: string, body: () => Promise<readonly string[]>) => {
    try {
      const keys = await body();
      const ok = JSON.stringify(keys) === JSON.stringify(expected);
      checks.push({ name: `${label} ${name}`, ok, ...(ok ? {} : { detail: `got ${JSON.stringify(keys)}` }) });
    } catch (error) {
      checks.push({ name: `${label} ${name}`, ok: false, detail: `${(error as Error)?.name}: ${(error as Error)?.message}` });
    }
  };
  const input = { Bucket: bucket };
  await check("pages", async () => {
    const keys: string[] = [];
    for await (const page of paginator.paginate(input, { pageSize: PAGE_SIZE })) keys.push(...keysOf(page.Contents));
    return keys;
  });
  await check("items()", async () => {
    const keys: string[] = [];
    for await (const object of paginator.items(input, { pageSize: PAGE_SIZE })) keys.push(object.Key!);
    return keys;
  });
  await check("maxItems then resume", async () => {
    const first = paginator.paginate(input, { pageSize: PAGE_SIZE, maxItems: 4 });
    const keys: string[] = [];
    for await (const object of first.items()) keys.push(object.Key!);
    if (keys.length !== 4 || first.resumeToken === undefined) throw new Error(`maxItems 4 gave ${keys.length} items, resumeToken ${first.resumeToken}`);
    for await (const object of paginator.items(input, { pageSize: PAGE_SIZE, startingToken: first.resumeToken })) keys.push(object.Key!);
    return keys;
  });
  await check("buildFullResult()", async () => keysOf((await paginator.paginate(input, { pageSize: PAGE_SIZE }).buildFullResult()).Contents));
  await check("Go style", async () => {
    const run = paginator.paginate(input, { pageSize: PAGE_SIZE });
    const keys: string[] = [];
    while (await run.next()) keys.push(...keysOf(run.currentPage()?.Contents));
    if (run.err()) throw run.err();
    return keys;
  });
  await check("abort during a request, then resume", async () => {
    const keys: string[] = [];
    const controller = new AbortController();
    const run = paginator.paginate(input, { pageSize: PAGE_SIZE, abortSignal: controller.signal });
    let aborted: unknown;
    try {
      for await (const page of run) {
        keys.push(...keysOf(page.Contents));
        if (keys.length === PAGE_SIZE) {
          await slowNextRequest(5_000);
          setTimeout(() => controller.abort(new Error("the page gave up")), 150);
        }
      }
    } catch (error) {
      aborted = error;
    }
    if (!(aborted instanceof PaginationAbortedError) || typeof aborted.resumeToken !== "string") {
      throw new Error(`expected a PaginationAbortedError with a resumeToken, got ${String(aborted)}`);
    }
    for await (const object of paginator.items(input, { pageSize: PAGE_SIZE, startingToken: aborted.resumeToken })) keys.push(object.Key!);
    return keys;
  });
  await check("search()", async () => {
    const keys: string[] = [];
    for await (const key of paginator.paginate(input, { pageSize: PAGE_SIZE }).search("Contents[].Key")) keys.push(key as string);
    return keys;
  });
  return checks;
}

async function main(): Promise<Check[]> {
  const expected = await sdkKeys();
  if (expected.length < 2 * PAGE_SIZE) return [{ name: "the SDK's paginateListObjectsV2", ok: false, detail: `listed only ${JSON.stringify(expected)}` }];
  const clients = {
    "S3 (aggregated), withPaginators": listingOf(withPaginators(new S3(config))),
    "S3Client, withCommands(s3Table, { ListObjectsV2Command })": listingOf(withTable(new S3Client(config), withCommands(s3Table, { ListObjectsV2Command }))),
    "S3Client, withCommands(s3Table, async () => ({ ListObjectsV2Command }))": listingOf(
      withTable(new S3Client(config), withCommands(s3Table, async () => ({ ListObjectsV2Command }))),
    ),
    "S3Client, withPaginators(client, withCommands(s3Table, () => import(…)))": listingOf(
      withPaginators(new S3Client(config), withCommands(s3Table, () => import("@aws-sdk/client-s3"))),
    ),
  };
  const checks: Check[] = [{ name: `the SDK's paginateListObjectsV2 listed ${expected.length} keys`, ok: true }];
  for (const [label, paginator] of Object.entries(clients)) checks.push(...(await checksFor(label, paginator, expected)));
  return checks;
}

declare global {
  interface Window {
    __results?: { checks: Check[] } | { error: string };
  }
}

main().then(
  (checks) => (window.__results = { checks }),
  (error: unknown) => (window.__results = { error: `${(error as Error)?.stack ?? String(error)}` }),
);
