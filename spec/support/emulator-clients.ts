/**
 * Real SDK clients pointed at a local emulator, with paginators, and a cap on list requests so
 * that an emulator which never stops paging fails the spec instead of hanging it.
 */
import { S3Client, type _Object, type CommonPrefix } from "@aws-sdk/client-s3";
import { ServiceCatalogClient } from "@aws-sdk/client-service-catalog";
import type { MiddlewareStack } from "@smithy/types";
import { withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import { compareKeys } from "../../emulator/key-order.js";

const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

/**
 * Counts the list requests (commands named `List…`) a client sends, and fails the request past
 * `cap`. Call `start(cap)` before each listing under test.
 */
export class ListRequests {
  /** List requests sent since `start()`. */
  sent = 0;
  /** Each list request's command name and input, since `start()`. */
  readonly log: { command: string; input: Record<string, unknown> }[] = [];
  private cap = 1000;

  start(cap: number): void {
    this.sent = 0;
    this.log.length = 0;
    this.cap = cap;
  }

  /** @internal The middleware's check. */
  count(command: string, input: Record<string, unknown>): void {
    if (!command.startsWith("List")) return;
    this.sent++;
    this.log.push({ command, input: { ...input } });
    if (this.sent > this.cap) {
      throw new Error(`request cap: ${command} would be list request ${this.sent}, over the cap of ${this.cap}; the emulator may be paging forever`);
    }
  }
}

function watch(stack: MiddlewareStack<any, any>, requests: ListRequests): void {
  stack.add(
    (next, context) => async (args) => {
      requests.count(String(context.commandName ?? ""), args.input as Record<string, unknown>);
      return next(args);
    },
    { step: "initialize", name: "listRequestCap" },
  );
}

/** An S3 client for a path-style emulator endpoint, with paginators and a list-request cap. */
export function s3At(endpoint: string) {
  const requests = new ListRequests();
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: CREDENTIALS, maxAttempts: 1 });
  watch(client.middlewareStack, requests);
  return { s3: withPaginators(client), requests };
}

/** A Service Catalog client for an emulator endpoint, with paginators and a list-request cap. */
export function serviceCatalogAt(endpoint: string) {
  const requests = new ListRequests();
  const client = new ServiceCatalogClient({ endpoint, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
  watch(client.middlewareStack, requests);
  return { serviceCatalog: withPaginators(client), requests };
}

/** Every value of an async iterable, in order. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterable) all.push(value);
  return all;
}

/** Runs `task` over `inputs`, at most `limit` at a time; resolves to the results in input order. */
export async function inParallel<In, Out>(inputs: readonly In[], limit: number, task: (input: In, index: number) => Promise<Out>): Promise<Out[]> {
  const results: Out[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await task(inputs[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

/** Zero-padded names: `prefix000`, `prefix001`, … */
export function numbered(n: number, prefix: string, width = 3): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(width, "0")}`);
}

/** S3's listing order: UTF-8 byte order (the emulator's comparison, not the library's, as the oracle). */
export function s3Order(keys: readonly string[]): string[] {
  return [...keys].sort(compareKeys);
}

/**
 * The runs of a listing done in chunks: each run takes `maxItems` and the next starts from the
 * previous run's `resumeToken`, until a run ends the listing. `maxRuns` bounds the chain.
 */
export async function inRuns<Page>(
  start: (startingToken: string | undefined) => { pages(): AsyncIterable<Page>; readonly resumeToken: string | undefined },
  maxRuns: number,
): Promise<Page[][]> {
  const runs: Page[][] = [];
  let token: string | undefined;
  do {
    if (runs.length >= maxRuns) throw new Error(`the listing did not end within ${maxRuns} runs`);
    const iterator = start(token);
    runs.push(await drain(iterator.pages()));
    token = iterator.resumeToken;
  } while (token !== undefined);
  return runs;
}

/** The object keys of ListObjects pages, in page order. */
export const keysOf = (pages: { Contents?: _Object[] }[]): string[] => pages.flatMap((page) => (page.Contents ?? []).map((object) => object.Key!));

/** The folders (CommonPrefixes) of delimited ListObjects pages, in page order. */
export const prefixesOf = (pages: { CommonPrefixes?: CommonPrefix[] }[]): string[] =>
  pages.flatMap((page) => (page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix!));

/** A delimited page's entries (files and folders) in S3 order, concatenated over pages. */
export const entriesOf = (pages: { Contents?: _Object[]; CommonPrefixes?: CommonPrefix[] }[]): string[] =>
  pages.flatMap((page) => s3Order([...keysOf([page]), ...prefixesOf([page])]));
