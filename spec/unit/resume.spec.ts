/**
 * boto3 parity: maxItems, exact resume tokens, buildFullResult, search, and failures that lose
 * nothing. A listing split into runs anywhere yields every item once, in order.
 */
import { expect } from "chai";
import { rejection } from "../support/rejection.js";
import * as jmespath from "jmespath";
import sinon from "sinon";
import { InvalidStartingTokenError, PaginationAbortedError, PaginationError, withPaginators, InvalidConfigError, isResumable, useJMESPath } from "../../lib/index.js";
import { decodeResumeToken, encodeResumeToken } from "../../lib/resume-token.js";
import { collect, names, stubClient, tokenPages, type Output, type Responder } from "../support/stub-client.js";
import { testTable } from "../support/test-table.js";

const keys = (n: number) => names(n).map((Key) => ({ Key }));
const ALL = keys(10);

function paginators(respond: Responder) {
  const stub = stubClient(respond);
  return { stub, client: withPaginators(stub, testTable) };
}

/** Pages of 4 (4, 4, 2) with a secondary list on every page. */
function withOthers(): Responder {
  const pages = tokenPages(ALL, 4);
  return (input, call) => {
    const page = pages(input, call) as Output;
    return { ...page, Others: [`other-of-${String(input.NextToken ?? "t0")}`], Owner: "me" };
  };
}

/** Fails the first request for the page at `failAt` (0-based) once, with an SDK-like error. */
function failingOnce(failAt: number, size = 4): Responder {
  const pages = tokenPages(ALL, size);
  let failed = false;
  return (input, call) => {
    const index = input.NextToken === undefined ? 0 : Number(String(input.NextToken).slice(1)) / size;
    if (index === failAt && !failed) {
      failed = true;
      const error = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
      throw error;
    }
    return pages(input, call);
  };
}


describe("maxItems and resume tokens", () => {
  for (let maxItems = 1; maxItems <= 10; maxItems++) {
    const where = maxItems % 4 === 0 ? "an exact page boundary" : maxItems % 4 === 1 ? "a page's first item" : maxItems % 4 === 3 ? "a page's last item" : "a page's middle";
    it(`cuts after ${maxItems} item(s) (${where}) and resumes with exactly the rest`, async () => {
      const { client } = paginators(withOthers());
      const paginator = client.getPaginator("listThings");
      const first = paginator.paginate({}, { maxItems });
      const head = await collect(first.items());
      expect(head).to.deep.equal(ALL.slice(0, maxItems));
      const token = first.resumeToken;
      if (maxItems === 10) {
        expect(token).to.equal(undefined);
        return;
      }
      expect(token).to.match(/^[A-Za-z0-9_-]+$/);
      const rest = await collect(paginator.items({}, { startingToken: token! }));
      expect([...head, ...rest]).to.deep.equal(ALL);
    });
  }

  it("splits a listing into runs of any size with nothing twice and nothing lost, by items and by pages", async () => {
    for (let size = 1; size <= 11; size++) {
      for (const mode of ["items", "pages"] as const) {
        const { client } = paginators(withOthers());
        const paginator = client.getPaginator("listThings");
        const seen: unknown[] = [];
        const others: unknown[] = [];
        let token: string | undefined;
        let runs = 0;
        do {
          const run = paginator.paginate({}, { maxItems: size, ...(token ? { startingToken: token } : {}) });
          if (mode === "items") seen.push(...(await collect(run.items())));
          else
            for await (const page of run) {
              seen.push(...(page.Items as unknown[]));
              others.push(...(page.Others as unknown[]));
            }
          token = run.resumeToken;
          expect(++runs).to.be.lessThan(20);
        } while (token !== undefined);
        expect(seen, `maxItems ${size} by ${mode}`).to.deep.equal(ALL);
        if (mode === "pages") expect(others, `secondary keys, maxItems ${size}`).to.deep.equal(["other-of-t0", "other-of-t4", "other-of-t8"]);
      }
    }
  });

  it("re-requests a cut page, and goes straight to the next page after a cut on a boundary", async () => {
    const { client, stub } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const mid = paginator.paginate({}, { maxItems: 6 });
    await collect(mid);
    const boundary = paginator.paginate({}, { maxItems: 8 });
    await collect(boundary);
    stub.send.resetHistory();
    await collect(paginator.pages({}, { startingToken: mid.resumeToken! }));
    expect(stub.send.firstCall.args[0].input.NextToken).to.equal("t4");
    stub.send.resetHistory();
    await collect(paginator.pages({}, { startingToken: boundary.resumeToken! }));
    expect(stub.send.firstCall.args[0].input.NextToken).to.equal("t8");
  });

  it("returns a cut page with its secondary lists, and a resumed page without them", async () => {
    const { client } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const run = paginator.paginate({}, { maxItems: 2 });
    const [cut] = await collect(run);
    expect(cut).to.deep.include({ Items: ALL.slice(0, 2), Others: ["other-of-t0"] });
    const [resumed] = await collect(paginator.pages({}, { startingToken: run.resumeToken! }));
    expect(resumed).to.deep.include({ Items: ALL.slice(2, 4), Others: [] });
  });

  it("is set after every page and undefined once the listing is complete", async () => {
    const { client } = paginators(withOthers());
    const run = client.getPaginator("listThings").paginate({});
    const tokens: (string | undefined)[] = [];
    while (await run.next()) tokens.push(run.resumeToken);
    expect(tokens.slice(0, 2).every((token) => typeof token === "string")).to.equal(true);
    expect(tokens[2]).to.equal(undefined);
  });

  it("resumes right after the last item when an items() loop breaks mid-page", async () => {
    const { client } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const run = paginator.paginate({});
    const head: unknown[] = [];
    for await (const item of run.items()) {
      head.push(item);
      if (head.length === 6) break;
    }
    const rest = await collect(paginator.items({}, { startingToken: run.resumeToken! }));
    expect([...head, ...rest]).to.deep.equal(ALL);
  });

  it("resumes a secondary-key items() loop at the page it was on, losing nothing", async () => {
    const { client } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const run = paginator.paginate({});
    for await (const other of run.items("Others")) {
      expect(other).to.equal("other-of-t0");
      break;
    }
    const [page] = await collect(paginator.pages({}, { startingToken: run.resumeToken! }));
    expect(page!.Items).to.deep.equal(ALL.slice(0, 4));
  });

  it("carries every token of a multi-token operation", async () => {
    const versions = names(9).map((Key, i) => ({ Key: Key.slice(0, -1), Id: `v${i}` }));
    const respond: Responder = (input) => {
      const start = input.KeyMarker === undefined ? 0 : versions.findIndex((v) => v.Key === input.KeyMarker && v.Id === input.IdMarker) + 1;
      const page = versions.slice(start, start + 4);
      const last = page[page.length - 1]!;
      const more = start + 4 < versions.length;
      return { Items: page, IsTruncated: more, ...(more ? { NextKeyMarker: last.Key, NextIdMarker: last.Id } : {}) };
    };
    const { client } = paginators(respond);
    const paginator = client.getPaginator("listPairs");
    const run = paginator.paginate({}, { maxItems: 6 });
    const head = await collect(run.items());
    expect(decodeResumeToken("ListPairs", run.resumeToken!, { tokens: 2, resultKeys: 2 })).to.deep.equal({ tokens: ["item-00", "v3"], skips: [2, 0] });
    const rest = await collect(paginator.items({}, { startingToken: run.resumeToken! }));
    expect([...head, ...rest]).to.deep.equal(versions);
  });

  it("carries integer and map-valued tokens without loss", async () => {
    const point = { tokens: [{ pk: { S: "é ✓" }, n: { N: "12" }, b: { B: new Uint8Array([0, 1, 254, 255]) } }, 7, "0", null], skips: [3, 0, 0] };
    const token = encodeResumeToken("Scan", point);
    expect(token).to.match(/^[A-Za-z0-9_-]+$/);
    expect(decodeResumeToken("Scan", token, { tokens: 4, resultKeys: 3 })).to.deep.equal(point);
  });

  it("refuses a token from another operation, a cut or edited token, and a negative skip count", () => {
    const { client } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const token = encodeResumeToken("ListThings", { tokens: ["t4"], skips: [1, 0] });
    const refuse = (startingToken: string, message: RegExp) =>
      expect(() => paginator.paginate({}, { startingToken })).to.throw(InvalidStartingTokenError, message);
    refuse(encodeResumeToken("ListFlagged", { tokens: ["t4"], skips: [0] }), /was issued for ListFlagged, not ListThings/);
    refuse(token.slice(0, -3), /cut short|edited|not a token/);
    const edited = token.slice(0, 10) + (token[10] === "A" ? "B" : "A") + token.slice(11);
    refuse(edited, /edited or damaged|not a token/);
    refuse(encodeResumeToken("ListThings", { tokens: ["t4"], skips: [-1, 0] }), /skip count of -1/);
    refuse(encodeResumeToken("ListThings", { tokens: ["t4"], skips: [0, 1.5] }), /skip count of 1\.5/);
    refuse("eyJNYXJrZXIiOiAiYSIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9", /not a token this library issued/);
    refuse("not a token!", /not a token this library issued/);
  });

  it("lets startingToken override the tokens in the input", async () => {
    const { client, stub } = paginators(withOthers());
    const token = encodeResumeToken("ListThings", { tokens: ["t8"], skips: [0, 0] });
    expect(await collect(client.getPaginator("listThings").items({ NextToken: "t4" }, { startingToken: token }))).to.deep.equal(ALL.slice(8));
    expect(stub.send.firstCall.args[0].input.NextToken).to.equal("t8");
  });
});

describe("buildFullResult", () => {
  it("concatenates lists of every result key and keeps non-aggregate keys from the first page", async () => {
    const { client } = paginators(withOthers());
    const full = await client.getPaginator("listThings").paginate({}).buildFullResult();
    expect(full).to.deep.equal({ Owner: "me", Items: ALL, Others: ["other-of-t0", "other-of-t4", "other-of-t8"] });
  });

  it("sets NextToken to the resume token when maxItems stopped the run", async () => {
    const { client } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const full = await paginator.paginate({}, { maxItems: 5 }).buildFullResult();
    expect(full.Items).to.deep.equal(ALL.slice(0, 5));
    const rest = await paginator.paginate({}, { startingToken: full.NextToken as string }).buildFullResult();
    expect(rest.Items).to.deep.equal(ALL.slice(5));
    expect(rest).to.not.have.property("NextToken");
  });

  it("sums numeric result keys (DynamoDB Count, ScannedCount)", async () => {
    const pages: Output[] = [
      { Items: [1, 2], Count: 2, ScannedCount: 5, LastEvaluatedKey: { id: { S: "2" } } },
      { Items: [3], Count: 1, ScannedCount: 4 },
    ];
    const { client } = paginators((_input, call) => pages[call]!);
    expect(await client.getPaginator("scan").paginate({}).buildFullResult()).to.deep.equal({ Items: [1, 2, 3], Count: 3, ScannedCount: 9 });
  });

  it("leaves the SDK's page objects unchanged", async () => {
    const pages: Output[] = [{ Items: [1, 2], Others: ["x"], NextToken: "a" }, { Items: [3] }];
    const snapshot = JSON.stringify(pages);
    const { client } = paginators((input) => pages[input.NextToken === "a" ? 1 : 0]!);
    await client.getPaginator("listThings").paginate({}).buildFullResult();
    const cut = client.getPaginator("listThings").paginate({}, { maxItems: 1 });
    await collect(cut);
    const [resumed] = await collect(client.getPaginator("listThings").pages({}, { startingToken: cut.resumeToken! }));
    expect(resumed).to.deep.include({ Items: [2], Others: [] });
    expect(JSON.stringify(pages)).to.equal(snapshot);
  });
});

describe("search", () => {
  it("flattens a list expression across pages", async () => {
    const { client } = paginators(withOthers());
    const found = await collect(client.getPaginator("listThings").paginate({}).search("Items[].Key"));
    expect(found).to.deep.equal(names(10));
  });

  it("yields a scalar expression once per page, as boto3 does", async () => {
    const { client } = paginators(withOthers());
    const found = await collect(client.getPaginator("listThings").paginate({}).search("length(Items)"));
    expect(found).to.deep.equal([4, 4, 2]);
    const filtered = await collect(client.getPaginator("listThings").paginate({}).search("Items[?Key > 'item-007'].Key"));
    expect(filtered).to.deep.equal(["item-008", "item-009"]);
  });

  it("refuses a bad expression before any request", async () => {
    const { client, stub } = paginators(withOthers());
    const error = await rejection(collect(client.getPaginator("listThings").paginate({}).search("Items[")));
    expect(error).to.be.instanceOf(InvalidConfigError).and.match(/"Items\[" is not a valid JMESPath expression/);
    expect(stub.send.callCount).to.equal(0);
  });

  describe("useJMESPath", () => {
    // The module-wide implementation goes back to the real package after each case.
    afterEach(() => useJMESPath(jmespath));

    it("makes search() use the implementation it is given", async () => {
      const implementation = { compile: sinon.spy(), search: sinon.spy((page: any, _expression: string) => page.Items.length) };
      useJMESPath(implementation);
      const { client } = paginators(withOthers());
      expect(await collect(client.getPaginator("listThings").paginate({}).search("anything"))).to.deep.equal([4, 4, 2]);
      expect(implementation.compile.calledOnceWith("anything")).to.equal(true);
      expect(implementation.search.callCount).to.equal(3);
      expect(implementation.search.firstCall.args[1]).to.equal("anything");
    });

    it("refuses what is not a JMESPath implementation, naming what it takes", () => {
      for (const bad of [undefined, {}, { search() {}, compile: "no" }, jmespath.search]) {
        expect(() => useJMESPath(bad as never)).to.throw(InvalidConfigError, /useJMESPath takes an object with search\(data, expression\) and optionally compile\(expression\)/);
      }
    });

    it("takes an implementation without compile(), which then meets a bad expression on the first page", async () => {
      useJMESPath({ search: jmespath.search });
      const { client } = paginators(withOthers());
      expect(await collect(client.getPaginator("listThings").paginate({}).search("Items[0].Key"))).to.deep.equal(["item-000", "item-004", "item-008"]);
      const { client: other, stub } = paginators(withOthers());
      const error = await rejection(collect(other.getPaginator("listThings").paginate({}).search("Items[")));
      expect(error).to.be.instanceOf(InvalidConfigError).and.match(/ListThings: JMESPath expression "Items\[" failed on a page: /);
      expect(stub.send.callCount).to.equal(1);
    });

    it("gives an expression failing on a later page the token of that page, which resumes there", async () => {
      let calls = Number.NEGATIVE_INFINITY;
      useJMESPath({ search: (data: unknown, expression: string) => { if (calls++ === 1) throw new Error("boom"); return jmespath.search(data as never, expression); } });
      const { client } = paginators(withOthers());
      const all = await collect(client.getPaginator("listThings").paginate({}).search("Items[].Key"));
      calls = 0;
      const seen: unknown[] = [];
      const iterator = client.getPaginator("listThings").paginate({}).search("Items[].Key");
      const error = await rejection((async () => { for await (const key of iterator) seen.push(key); })());
      expect(error).to.be.instanceOf(InvalidConfigError).and.match(/ListThings: JMESPath expression "Items\[\]\.Key" failed on a page: boom/);
      expect(seen.length).to.be.greaterThan(0);
      expect((error as InvalidConfigError).resumeToken).to.be.a("string").and.equal(iterator.resumeToken);
      const rest = await collect(client.getPaginator("listThings").paginate({}, { startingToken: (error as InvalidConfigError).resumeToken! }).search("Items[].Key"));
      expect([...seen, ...rest]).to.deep.equal(all);
    });
  });
});

describe("failures that lose nothing", () => {
  for (const [failAt, which] of [[0, "first"], [1, "middle"], [2, "last"]] as const) {
    it(`retries the ${which} page when next() is called again after a failure`, async () => {
      const { client, stub } = paginators(failingOnce(failAt));
      const run = client.getPaginator("listThings").paginate({});
      const seen: unknown[] = [];
      let failures = 0;
      for (;;) {
        try {
          if (!(await run.next())) break;
          seen.push(...(run.currentPage()!.Items as unknown[]));
        } catch (error) {
          failures++;
          // The SDK's own error, not a wrapper: its name and $metadata as the client threw them.
          expect(error).to.not.be.instanceOf(PaginationError);
          expect(isResumable(error)).to.equal(true);
          const failure = error as Error & { $metadata: unknown; resumeToken: string; operation: string };
          expect(failure.name).to.equal("ThrottlingException");
          expect(failure.$metadata).to.deep.equal({ httpStatusCode: 400 });
          expect(failure.operation).to.equal("ListThings");
          expect(failure.resumeToken).to.be.a("string");
          expect(run.err()).to.equal(error);
        }
      }
      expect(failures).to.equal(1);
      expect(seen).to.deep.equal(ALL);
      expect(stub.send.callCount).to.equal(4);
    });

    it(`resumes from the error's token after a failure at the ${which} page of an items() loop`, async () => {
      const { client } = paginators(failingOnce(failAt));
      const paginator = client.getPaginator("listThings");
      const seen: unknown[] = [];
      let token: string | undefined;
      try {
        for await (const item of paginator.items({})) seen.push(item);
      } catch (error) {
        expect(isResumable(error)).to.equal(true);
        token = (error as { resumeToken: string }).resumeToken;
      }
      expect(token).to.be.a("string");
      for await (const item of paginator.items({}, { startingToken: token! })) seen.push(item);
      expect(seen).to.deep.equal(ALL);
    });
  }

  it("stops inside the page after an abort, and resumes from the token it carries right after the last item", async () => {
    const controller = new AbortController();
    const { client } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const seen: unknown[] = [];
    let token: string | undefined;
    try {
      for await (const item of paginator.items({}, { abortSignal: controller.signal })) {
        seen.push(item);
        if (seen.length === 5) controller.abort();
      }
    } catch (error) {
      expect(error).to.be.instanceOf(PaginationAbortedError);
      token = (error as PaginationAbortedError).resumeToken;
    }
    // No other item of the page in hand (old: the other 3 of it came too).
    expect(seen).to.have.length(5);
    expect(await collect(paginator.items({}, { startingToken: token! }))).to.deep.equal(ALL.slice(5));
  });
});

describe("secondary-key items() on a page with no primary items", () => {
  it("resumes at the page it broke on, losing nothing", async () => {
    const pages: Output[] = [
      { Items: [], Others: ["a", "b"], NextToken: "p2" },
      { Items: [], Others: ["c"] },
    ];
    const { client } = paginators((input) => pages[input.NextToken === "p2" ? 1 : 0]!);
    const paginator = client.getPaginator("listThings");
    const run = paginator.paginate({});
    const seen: unknown[] = [];
    for await (const other of run.items("Others")) {
      seen.push(other);
      break;
    }
    expect(run.resumeToken).to.be.a("string");
    for await (const page of paginator.pages({}, { startingToken: run.resumeToken! })) seen.push(...(page.Others as unknown[]));
    expect(seen).to.include.members(["a", "b", "c"]);
  });
});

describe("buildFullResult's non-aggregate keys", () => {
  it("takes dotted paths from the first page (Kinesis StreamDescription.StreamName)", async () => {
    const { defineTable, withPaginators: wrap } = await import("../../lib/index.js");
    const table = defineTable({
      service: "Kinesis",
      rules: {
        DescribeStream: {
          inputToken: "ExclusiveStartShardId",
          outputToken: "StreamDescription.Shards[-1].ShardId",
          moreResults: "StreamDescription.HasMoreShards",
          resultKey: "StreamDescription.Shards",
          nonAggregateKeys: ["StreamDescription.StreamName", "StreamDescription.StreamARN"],
        },
      },
    });
    const pages: Output[] = [
      { StreamDescription: { StreamName: "s", StreamARN: "arn", Shards: [{ ShardId: "1" }], HasMoreShards: true } },
      { StreamDescription: { StreamName: "s", StreamARN: "arn", Shards: [{ ShardId: "2" }], HasMoreShards: false } },
    ];
    const client = { describeStream: async (input: Record<string, unknown>) => pages[input.ExclusiveStartShardId === "1" ? 1 : 0]! };
    const full = await wrap(client, table).getPaginator("describeStream").paginate({ StreamName: "s" }).buildFullResult();
    expect(full).to.deep.equal({ StreamDescription: { StreamName: "s", StreamARN: "arn", Shards: [{ ShardId: "1" }, { ShardId: "2" }] } });
  });
});

describe("iterators tell their resume token", () => {
  it("items() and pages() from the paginator carry resumeToken after a break", async () => {
    const { client } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const objects = paginator.items({});
    expect(objects.resumeToken).to.be.a("string");
    const head: unknown[] = [];
    for await (const item of objects) {
      head.push(item);
      if (head.length === 3) break;
    }
    const rest = paginator.items({}, { startingToken: objects.resumeToken! });
    expect([...head, ...(await collect(rest))]).to.deep.equal(ALL);
    expect(rest.resumeToken).to.equal(undefined);
    const pages = paginator.pages({});
    for await (const _ of pages) break;
    const [second] = await collect(paginator.pages({}, { startingToken: pages.resumeToken! }));
    expect(second!.Items).to.deep.equal(ALL.slice(4, 8));
  });

  it("PageIterator.resumeToken is the start point before any run has received a page (undefined means only complete)", async () => {
    const { client } = paginators(withOthers());
    const paginator = client.getPaginator("listThings");
    const token = paginator.paginate({}).resumeToken;
    expect(decodeResumeToken("ListThings", token!, { tokens: 1, resultKeys: 2 })).to.deep.equal({ tokens: null, skips: [0, 0] });
    expect(await collect(paginator.items({}, { startingToken: token! }))).to.deep.equal(ALL);
    const fromInput = paginator.paginate({ NextToken: "t4" }).resumeToken;
    expect(decodeResumeToken("ListThings", fromInput!, { tokens: 1, resultKeys: 2 })).to.deep.equal({ tokens: ["t4"], skips: [0, 0] });
    const given = encodeResumeToken("ListThings", { tokens: ["t8"], skips: [1, 0] });
    expect(paginator.paginate({}, { startingToken: given }).resumeToken).to.equal(given);
  });
});

describe("a sparse list (nulls among the items, as Smithy's @sparse lists allow)", () => {
  const entries = names(12).map((Key, i) => (i % 3 === 1 ? null : { Key }));

  it("passes each null on as an item, and maxItems chains under changing page sizes resume exactly, nulls counted", async () => {
    const client = withPaginators(stubClient(tokenPages(entries, 4)), testTable);
    const paginator = client.getPaginator("listThings");
    expect(await collect(paginator.items({}))).to.deep.equal(entries);
    for (const [pageSize, maxItems] of [[2, 3], [5, 1], [3, 4], [4, 5]] as const) {
      const got: unknown[] = [];
      let token: string | undefined;
      do {
        const run = paginator.items({}, { pageSize, maxItems, ...(token ? { startingToken: token } : {}) });
        got.push(...(await collect(run)));
        token = run.resumeToken;
      } while (token !== undefined);
      expect(got, `pageSize ${pageSize}, maxItems ${maxItems}`).to.deep.equal(entries);
    }
  });
});
