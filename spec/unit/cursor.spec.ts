/**
 * The run owns its place in the listing (issue 12). Each case first reproduces what 0.1.0 got
 * wrong, on a listing whose pages depend on the page size asked for (spec/support/listing.ts).
 */
import { expect } from "chai";
import { encodeResumeToken, decodeResumeToken } from "../../lib/resume-token.js";
import { InvalidStartingTokenError, PageRequestError, PaginationAbortedError, PaginationError, isResumable, withPaginators } from "../../lib/index.js";
import { itemsByKey, listingOf, serveListing, type Entry } from "../support/listing.js";
import { collect, stubClient, type Responder } from "../support/stub-client.js";
import { testTable } from "../support/test-table.js";

const SHAPE = { tokens: 1, resultKeys: 2 };

/** 2,500 primary items, with an `Others` item after every 25th. */
function bigListing(): Entry[] {
  const keys: (0 | 1)[] = [];
  for (let i = 0; i < 2500; i++) {
    keys.push(0);
    if (i % 25 === 24) keys.push(1);
  }
  return listingOf(keys);
}

function listThings(respond: Responder) {
  const stub = stubClient(respond);
  return { stub, paginator: withPaginators(stub, testTable).getPaginator("listThings") };
}

async function take<T>(iterator: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  if (n === 0) return out;
  for await (const value of iterator) {
    out.push(value);
    if (out.length === n) break;
  }
  return out;
}

describe("one cursor, owned by the run", () => {
  const entries = bigListing();
  const [items, others] = itemsByKey(entries);

  it("a secondary result key progresses: one item at a time, resumed each time, yields every item once", async () => {
    // 0.1.0: the same item came back every time, looping forever.
    const { paginator } = listThings(serveListing(entries, 100));
    const seen: string[] = [];
    let token: string | undefined;
    for (let runs = 0; runs <= others.length; runs++) {
      const iterator = paginator.paginate({}, token === undefined ? {} : { startingToken: token }).items("Others");
      seen.push(...(await take(iterator, 1)));
      token = iterator.resumeToken;
      if (token === undefined) break;
    }
    expect(seen).to.deep.equal(others);
  });

  it("search() over a projection breaks after 150 results of 100-item pages and loses nothing", async () => {
    // 0.1.0: items 150-199 were never seen.
    const { paginator } = listThings(serveListing(entries, 104));
    const run = paginator.paginate({}, { pageSize: 104 });
    const head = await take(run.search("Items[]"), 150);
    const rest = await collect(paginator.paginate({}, { pageSize: 104, startingToken: run.resumeToken! }).search("Items[]"));
    expect([...head, ...rest]).to.deep.equal(items);
  });

  it("search() whose results are not items replays the page it broke in, never skips it", async () => {
    const { paginator } = listThings(serveListing(entries, 104));
    const run = paginator.paginate({}, { pageSize: 104 });
    const expression = "Items[?contains(@, '0')]";
    const wanted = items.filter((id) => id.slice(5).includes("0"));
    const head = await take(run.search(expression), 150);
    const rest = await collect(paginator.paginate({}, { pageSize: 104, startingToken: run.resumeToken! }).search(expression));
    const replayed = head.length + rest.length - wanted.length;
    expect(replayed).to.be.greaterThan(0);
    expect([...head.slice(0, head.length - replayed), ...rest]).to.deep.equal(wanted);
  });

  it("search() with one result a page (a null where a page has no match) does not replay a page whose result was read", async () => {
    const { paginator } = listThings(serveListing(entries, 10));
    // One result a page: its first Others item, or null on a page with none.
    const all = await collect(paginator.paginate({}, { pageSize: 10 }).search("Others[0]"));
    expect(all).to.include(null);
    for (const n of [1, 3, 7]) {
      const run = paginator.paginate({}, { pageSize: 10 });
      const head = await take(run.search("Others[0]"), n);
      const rest = await collect(paginator.paginate({}, { pageSize: 10, startingToken: run.resumeToken! }).search("Others[0]"));
      expect([...head, ...rest], `break after ${n}`).to.deep.equal(all);
    }
  });

  for (const [first, then] of [[100, 10], [100, undefined], [10, 1000], [undefined, 7]] as const) {
    it(`resumes exactly under another page size (${first ?? "default"} with maxItems 150, then ${then ?? "default"})`, async () => {
      // 0.1.0: pageSize 100 then 10 gave 40 items twice.
      const { paginator } = listThings(serveListing(entries, 33));
      const run = paginator.paginate({}, { maxItems: 150, ...(first ? { pageSize: first } : {}) });
      const head = await collect(run.items());
      const rest = await collect(paginator.items({}, { startingToken: run.resumeToken!, ...(then ? { pageSize: then } : {}) }));
      expect(head).to.have.length(150);
      expect([...head, ...rest]).to.deep.equal(items);
    });
  }

  it("carries a skip longer than the resumed page into the pages after it, for every result key", async () => {
    const { paginator, stub } = listThings(serveListing(entries, 100));
    const point = decodeResumeToken("ListThings", encodeResumeToken("ListThings", { tokens: null, skips: [120, 3] }), SHAPE);
    const pages = await collect(paginator.pages({}, { pageSize: 10, startingToken: encodeResumeToken("ListThings", point) }));
    const got = [pages.flatMap((page) => page.Items as string[]), pages.flatMap((page) => (page.Others as string[] | undefined) ?? [])];
    expect(got).to.deep.equal([items.slice(120), others.slice(3)]);
    // Pages the skips covered whole were fetched but not returned.
    expect(stub.send.callCount).to.be.greaterThan(pages.length);
  });

  it("reads never move the token: resumeToken, hasMorePages(), currentPage(), err(), and starting a search()", async () => {
    // 0.1.0: hasMorePages() (or starting a search()) reset the token to the listing's start.
    const { paginator } = listThings(serveListing(entries, 100));
    const run = paginator.paginate({}, { pageSize: 100 });
    const head = await take(run.items(), 150);
    const token = run.resumeToken;
    expect(run.hasMorePages()).to.equal(true);
    expect(run.currentPage()).to.equal(undefined);
    expect(run.err()).to.equal(undefined);
    run.search("Items[]");
    run.items("Others");
    expect(run.resumeToken).to.equal(token);
    const rest = await collect(paginator.items({}, { startingToken: token! }));
    expect([...head, ...rest]).to.deep.equal(items);
  });

  it("reports the run that most recently received a page", async () => {
    const { paginator } = listThings(serveListing(entries, 100));
    const run = paginator.paginate({}, { pageSize: 100 });
    await run.next();
    const afterNext = run.resumeToken;
    await take(run.items(), 3);
    expect(decodeResumeToken("ListThings", run.resumeToken!, SHAPE)).to.deep.equal({ tokens: null, skips: [3, 0] });
    await run.next();
    expect(run.resumeToken).to.not.equal(afterNext);
    expect(decodeResumeToken("ListThings", run.resumeToken!, SHAPE).tokens).to.deep.equal(["e200"]);
  });

  it("lets a startingToken win over the input's tokens, also one for the listing's first page", async () => {
    const { paginator, stub } = listThings(serveListing(entries, 100));
    const start = paginator.paginate({}).resumeToken!;
    const got = await collect(paginator.items({ NextToken: "e500" }, { startingToken: start, maxItems: 3 }));
    expect(got).to.deep.equal(items.slice(0, 3));
    expect(stub.send.firstCall.args[0].input).to.not.have.property("NextToken");
  });
});

describe("thenables from a client or a limiter", () => {
  /** A thenable that is not a native promise: it has then() and nothing else. */
  const thenable = <T>(value: () => T) => ({ then: (resolve: (v: T) => void, reject: (e: unknown) => void) => setTimeout(() => { try { resolve(value()); } catch (error) { reject(error); } }, 1) });

  it("work with readAhead and abortSignal, losing nothing", async () => {
    // 0.1.0: `.catch` on the thenable threw a TypeError after the page was taken: 9 of 12 lost.
    const entries12 = listingOf(Array.from({ length: 12 }, () => 0 as const));
    const serve = serveListing(entries12, 3);
    const client = { config: { serviceId: "Test" }, send: (command: { input: Record<string, unknown> }) => thenable(() => serve(command.input, 0)) };
    const paginator = withPaginators(client, testTable).getPaginator("listThings");
    const signal = new AbortController().signal;
    expect(await collect(paginator.items({}, { readAhead: 1, abortSignal: signal }))).to.deep.equal(itemsByKey(entries12)[0]);
    const limiter = <T>(task: () => Promise<T>) => thenable(() => task()) as unknown as Promise<T>;
    expect(await collect(paginator.items({}, { readAhead: 1, abortSignal: signal, limiter }))).to.deep.equal(itemsByKey(entries12)[0]);
  });
});

describe("abort inside a page", () => {
  const entries = listingOf(Array.from({ length: 1000 }, (_, i) => (i % 10 === 9 ? 1 : 0)));
  const [items] = itemsByKey(entries);

  it("items() yields no other item of the fetched page, then rejects with a token that resumes exactly", async () => {
    // 0.1.0: the other 989 items of the page came first.
    const controller = new AbortController();
    const { paginator } = listThings(serveListing(entries, 1000));
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const item of paginator.items({}, { pageSize: 1000, abortSignal: controller.signal })) {
        seen.push(item as string);
        if (seen.length === 11) controller.abort();
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(PaginationAbortedError);
    expect(seen).to.have.length(11);
    const rest = await collect(paginator.items({}, { pageSize: 7, startingToken: (error as PaginationAbortedError).resumeToken! }));
    expect([...seen, ...rest]).to.deep.equal(items);
  });

  it("pages and search() readers stop between pages, with a token that resumes exactly", async () => {
    for (const read of ["pages", "search"] as const) {
      const controller = new AbortController();
      const { paginator } = listThings(serveListing(entries, 100));
      const run = paginator.paginate({}, { pageSize: 100, abortSignal: controller.signal });
      const seen: string[] = [];
      let error: unknown;
      try {
        if (read === "pages") {
          for await (const page of run) {
            seen.push(...(page.Items as string[]));
            controller.abort();
          }
        } else {
          for await (const id of run.search("Items[]")) {
            seen.push(id as string);
            if (seen.length === 5) controller.abort();
          }
        }
      } catch (caught) {
        error = caught;
      }
      expect(error, read).to.be.instanceOf(PaginationAbortedError);
      const rest = await collect(paginator.items({}, { startingToken: (error as PaginationAbortedError).resumeToken! }));
      expect([...seen, ...rest], read).to.deep.equal(items);
    }
  });
});

describe("a failed request rejects with the SDK's own error", () => {
  class NoSuchThing extends Error {
    override name = "NoSuchThing";
    readonly $metadata = { httpStatusCode: 404 };
  }
  const entries = listingOf(Array.from({ length: 12 }, () => 0 as const));
  const [items] = itemsByKey(entries);

  /** Serves the listing, failing the request for entry 4 once with `thrown`. */
  function failingOnce(thrown: unknown): Responder {
    const serve = serveListing(entries, 4);
    let failed = false;
    return (input, call) => {
      if (input.NextToken === "e4" && !failed) {
        failed = true;
        throw thrown;
      }
      return serve(input, call);
    };
  }

  it("keeps its class, name and $metadata, with resumeToken and operation added (not enumerable)", async () => {
    const { paginator } = listThings(failingOnce(new NoSuchThing("gone")));
    const head: unknown[] = [];
    let error: unknown;
    try {
      for await (const item of paginator.items({})) head.push(item);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(NoSuchThing).and.include({ name: "NoSuchThing", message: "gone", operation: "ListThings" });
    expect((error as NoSuchThing).$metadata.httpStatusCode).to.equal(404);
    expect(isResumable(error)).to.equal(true);
    expect(Object.keys(error as object)).to.not.include("resumeToken");
    const rest = await collect(paginator.items({}, { startingToken: (error as { resumeToken: string }).resumeToken }));
    expect([...head, ...rest]).to.deep.equal(items);
  });

  it("next() again refetches the page that failed", async () => {
    const { paginator, stub } = listThings(failingOnce(new NoSuchThing("gone")));
    const run = paginator.paginate({});
    expect(await run.next()).to.equal(true);
    const error = await run.next().catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(NoSuchThing);
    expect(run.err()).to.equal(error);
    expect(await run.next()).to.equal(true);
    expect(run.currentPage()!.Items).to.deep.equal(items.slice(4, 8));
    expect(stub.send.args.map(([command]) => command.input.NextToken)).to.deep.equal([undefined, "e4", "e4"]);
  });

  for (const [what, thrown] of [
    ["a string", "boom"],
    ["a frozen error", Object.freeze(new NoSuchThing("frozen"))],
    ["a plain object", { code: "Nope" }],
  ] as const) {
    it(`wraps ${what}, which cannot carry the token, in a PageRequestError whose cause it is`, async () => {
      const { paginator } = listThings(failingOnce(thrown));
      const error = await collect(paginator.items({})).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PageRequestError).and.include({ operation: "ListThings" });
      expect((error as PageRequestError).cause).to.equal(thrown);
      expect(isResumable(error)).to.equal(true);
    });
  }

  it("isResumable is false for what carries no token", () => {
    for (const value of [undefined, null, "x", new Error("x"), { resumeToken: "t" }]) expect(isResumable(value)).to.equal(false);
  });
});

describe("smaller holes in tokens and pages", () => {
  const { paginator } = listThings(serveListing(listingOf([0, 0, 1, 0]), 2));
  const refuse = (startingToken: string, message: RegExp) =>
    expect(() => paginator.paginate({}, { startingToken })).to.throw(InvalidStartingTokenError, message);

  it("refuses a forged token whose token count or skip counts do not fit the rule", () => {
    refuse(encodeResumeToken("ListThings", { tokens: ["e1", "x"], skips: [0, 0] }), /carries 2 page token\(s\), and ListThings takes 1/);
    refuse(encodeResumeToken("ListThings", { tokens: [], skips: [0, 0] }), /carries 0 page token\(s\)/);
    refuse(encodeResumeToken("ListThings", { tokens: ["e1"], skips: [0] }), /carries 1 skip count\(s\), and ListThings has 2 result key\(s\)/);
    refuse(encodeResumeToken("ListThings", { tokens: ["e1"], skips: [0, -2] }), /skip count of -2, and a skip count is a whole number ≥ 0/);
    refuse(encodeResumeToken("ListThings", { tokens: ["e1"], skips: [Number.NaN, 0] }), /skip count of null/);
  });

  it("refuses a version-1 token (0.1.0) saying so", () => {
    // 0.1.0's format: [1, operation, tokens, skip, checksum of the rest].
    const body = JSON.stringify([1, "ListThings", ["e1"], 0]);
    let hash = 0x811c9dc5;
    for (let i = 0; i < body.length; i++) hash = Math.imul(hash ^ body.charCodeAt(i), 0x01000193);
    const text = `${body.slice(0, -1)},"${(hash >>> 0).toString(36)}"]`;
    const token = btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    refuse(token, /has version 1, from aws-paginators 0\.1/);
  });

  it("gives back a token that looks like its own escapes unchanged: a string, and a map with $-keys", () => {
    const tokens = ['{"$bytes":"AAE"}', { $bytes: "AAE" }, { $bigint: "12", $$x: 1, plain: { $bytes: [1] } }, new Uint8Array([1, 2]), 5n];
    const point = { tokens, skips: [0, 0, 0] };
    expect(decodeResumeToken("Scan", encodeResumeToken("Scan", point), { tokens: 5, resultKeys: 3 })).to.deep.equal(point);
  });

  it("a primary result that is not a list is an error naming the member, not an item", async () => {
    const { paginator: bad } = listThings(() => ({ Items: "x" }));
    const error = await collect(bad.items({})).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(PaginationError).and.match(/ListThings: the page's Items is string, not a list of items/);
    expect(await collect(bad.pages({})).catch((caught: unknown) => caught)).to.be.instanceOf(PaginationError);
  });
});
