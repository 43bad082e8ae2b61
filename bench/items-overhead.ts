/**
 * Scenario 2: what items() and pages() cost with no network. 1,000,000 keys at 1,000 a page from
 * prebuilt pages; items() against the fastest hand-written async iterator, pages() against the
 * SDK's own paginateListObjectsV2 on the same client.
 */
import { paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { withPaginators } from "aws-paginators";
import { compare, printSamples, verdict, type Verdict } from "./stats.js";
import { answer, prebuilt, s3ClientAnswering, type Page } from "./stub-listing.js";

const TOTAL = 1_000_000;
const SIZE = 1_000;

/** The fastest async iterator we know how to write by hand: one resolved promise per item. */
function handWritten(fetch: (input: { ContinuationToken?: string }) => Promise<Page>): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]() {
      let items: unknown[] = [];
      let index = 0;
      let token: string | undefined;
      let done = false;
      return {
        next(): Promise<IteratorResult<unknown>> {
          if (index < items.length) return Promise.resolve({ value: items[index++], done: false });
          return (async () => {
            while (!done) {
              const page = await fetch(token === undefined ? {} : { ContinuationToken: token });
              token = page.NextContinuationToken;
              done = !page.IsTruncated || token === undefined;
              items = page.Contents;
              index = 0;
              if (items.length > 0) return { value: items[index++], done: false };
            }
            return { value: undefined, done: true };
          })();
        },
      };
    },
  };
}

async function* generator(fetch: (input: { ContinuationToken?: string }) => Promise<Page>): AsyncGenerator<unknown> {
  let token: string | undefined;
  do {
    const page = await fetch(token === undefined ? {} : { ContinuationToken: token });
    yield* page.Contents;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
}

export async function itemsOverhead(rounds: number): Promise<Verdict[]> {
  const listing = prebuilt(TOTAL, SIZE);
  const fetch = answer(listing, SIZE);
  const aggregated = withPaginators(Object.assign(s3ClientAnswering(fetch), { listObjectsV2: fetch }));
  const paginator = aggregated.getPaginator("listObjectsV2");
  let count = 0;
  const check = () => {
    if (count !== TOTAL) throw new Error(`counted ${count} items, not ${TOTAL}`);
    count = 0;
  };
  const items = await compare(
    {
      "items()": async () => {
        for await (const _ of paginator.items({ Bucket: "b" })) count++;
        check();
      },
      "hand-written async iterator": async () => {
        for await (const _ of handWritten(fetch)) count++;
        check();
      },
      "async function* per item": async () => {
        for await (const _ of generator(fetch)) count++;
        check();
      },
      "synchronous nested loop": async () => {
        for (const page of listing.pages) for (const _ of page.Contents) count++;
        check();
      },
    },
    rounds,
  );
  printSamples(`items() over ${TOTAL.toLocaleString("en")} keys, ${SIZE} a page, no network`, items);

  const client = withPaginators(s3ClientAnswering(fetch));
  const pagesPaginator = client.getPaginator("listObjectsV2");
  // A listing is only 1,000 pages, too short to time alone: each sample walks it ten times.
  const pages = await compare(
    {
      "pages()": async () => {
        for (let pass = 0; pass < 10; pass++) {
          for await (const page of pagesPaginator.pages({ Bucket: "b" })) count += page.Contents!.length;
          check();
        }
      },
      "SDK paginateListObjectsV2": async () => {
        for (let pass = 0; pass < 10; pass++) {
          for await (const page of paginateListObjectsV2({ client }, { Bucket: "b" })) count += page.Contents!.length;
          check();
        }
      },
    },
    rounds,
  );
  printSamples(`pages() over the same listing (×10) through S3Client.send(), no network`, pages);
  const sync = verdict("items-vs-sync-loop", items, "items()", "synchronous nested loop", Number.POSITIVE_INFINITY);
  return [
    verdict("items-vs-hand-written-iterator", items, "items()", "hand-written async iterator", 1.1),
    { ...sync, target: "report only", ok: true },
    { ...verdict("pages-vs-sdk-paginator-stub", pages, "pages()", "SDK paginateListObjectsV2", Number.POSITIVE_INFINITY), target: "report only (µs a page; the network target is scenario 1)", ok: true },
  ];
}
