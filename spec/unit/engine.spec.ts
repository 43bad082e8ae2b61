/**
 * The engine on stub clients: how a run starts, goes on and ends for every shape of rule, and
 * what it refuses.
 */
import { expect } from "chai";
import { rejection } from "../support/rejection.js";
import sinon from "sinon";
import {
  InvalidConfigError,
  MissingTokenError,
  PageRequestError,
  PaginationAbortedError,
  PaginationError,
  RepeatedTokenError,
  withPaginators,
} from "../../lib/index.js";
import { collect, methodClient, names, stubClient, tokenPages, type Output, type Responder } from "../support/stub-client.js";
import { testTable } from "../support/test-table.js";

const keys = (n: number) => names(n).map((Key) => ({ Key }));

function client(respond: Responder) {
  const stub = stubClient(respond);
  return { stub, paginators: withPaginators(stub, testTable) };
}

/** Answers each call with the next of `outputs`; fails the spec on a call past the end. */
function script(...outputs: Output[]): Responder {
  return (_input, call) => {
    if (call >= outputs.length) throw new Error(`unexpected request #${call + 1}`);
    return outputs[call]!;
  };
}


describe("the engine", () => {
  describe("starting", () => {
    it("sends no token on the first request, then each page's token", async () => {
      const { stub, paginators } = client(tokenPages(keys(7), 3));
      const pages = await collect(paginators.getPaginator("listThings").pages({ Owner: "me" }));
      expect(pages.map((page) => (page.Items as unknown[]).length)).to.deep.equal([3, 3, 1]);
      expect(stub.send.args.map(([command]) => command.input)).to.deep.equal([{ Owner: "me" }, { Owner: "me", NextToken: "t3" }, { Owner: "me", NextToken: "t6" }]);
    });

    it("sends a token the caller put in the input on the first request", async () => {
      const { stub, paginators } = client(tokenPages(keys(7), 3));
      const items = await collect(paginators.getPaginator("listThings").items({ NextToken: "t3" }));
      expect(items).to.deep.equal(keys(7).slice(3));
      expect(stub.send.firstCall.args[0].input).to.deep.equal({ NextToken: "t3" });
    });

    it("never changes the caller's input, and two runs from one input are independent", async () => {
      const { paginators } = client(tokenPages(keys(5), 2));
      const input = Object.freeze({ Owner: "me", Filter: Object.freeze({ Tag: "x" }) });
      const snapshot = JSON.stringify(input);
      const paginator = paginators.getPaginator("listThings");
      const iterator = paginator.paginate(input, { pageSize: 2 });
      const [first, second] = await Promise.all([collect(iterator.items()), collect(iterator.items())]);
      expect(first).to.deep.equal(keys(5));
      expect(second).to.deep.equal(keys(5));
      expect(JSON.stringify(input)).to.equal(snapshot);
    });

    it("requests a page only when the consumer asks, one at a time", async () => {
      const { stub, paginators } = client(tokenPages(keys(9), 3));
      const run = paginators.getPaginator("listThings").paginate({});
      expect(stub.send.callCount).to.equal(0);
      const pages = run.pages();
      expect(stub.send.callCount).to.equal(0);
      await pages.next();
      expect(stub.send.callCount).to.equal(1);
      await pages.next();
      expect(stub.send.callCount).to.equal(2);
      await pages.return!(undefined);
      expect(stub.send.callCount).to.equal(2);
    });

    it("refuses a second request while one is in flight on the same cursor", async () => {
      const { paginators } = client(tokenPages(keys(9), 3));
      const run = paginators.getPaginator("listThings").paginate({});
      const first = run.next();
      const error = await rejection(run.next());
      expect(error).to.be.instanceOf(PaginationError).and.match(/already being fetched/);
      expect(await first).to.equal(true);
    });

    it("queues overlapping next() calls on items(), as an async generator does", async () => {
      const { stub, paginators } = client(tokenPages(keys(7), 3));
      const iterator = paginators.getPaginator("listThings").items({});
      const results = await Promise.all(Array.from({ length: 9 }, () => iterator.next()));
      expect(results.map((result) => result.value)).to.deep.equal([...keys(7), undefined, undefined]);
      expect(results.map((result) => result.done)).to.deep.equal([false, false, false, false, false, false, false, true, true]);
      expect(stub.send.callCount).to.equal(3);
    });

    it("each for-await over a PageIterator is a fresh run", async () => {
      const { stub, paginators } = client(tokenPages(keys(4), 2));
      const run = paginators.getPaginator("listThings").paginate({});
      const once = [];
      for await (const page of run) once.push(page);
      const twice = [];
      for await (const page of run) twice.push(page);
      expect(twice).to.deep.equal(once);
      expect(stub.send.callCount).to.equal(4);
    });
  });

  describe("ending", () => {
    it("ends when the output token is absent", async () => {
      const { stub, paginators } = client(script({ Items: [1], NextToken: "a" }, { Items: [2] }));
      expect(await collect(paginators.getPaginator("listThings").items({}))).to.deep.equal([1, 2]);
      expect(stub.send.callCount).to.equal(2);
    });

    it("ends when the output token is an empty string", async () => {
      const { stub, paginators } = client(script({ Items: [1], NextToken: "a" }, { Items: [2], NextToken: "" }));
      expect(await collect(paginators.getPaginator("listThings").items({}))).to.deep.equal([1, 2]);
      expect(stub.send.callCount).to.equal(2);
    });

    it("ends when the output token is an empty map or list (JMESPath falsiness: DynamoDB's UnprocessedKeys: {})", async () => {
      const { stub, paginators } = client(script({ Items: [1], NextToken: "a" }, { Items: [2], NextToken: {} }));
      expect(await collect(paginators.getPaginator("listThings").items({}))).to.deep.equal([1, 2]);
      expect(stub.send.callCount).to.equal(2);
      const second = client(script({ Items: [1], NextToken: "a" }, { Items: [2], NextToken: [] }));
      expect(await collect(second.paginators.getPaginator("listThings").items({}))).to.deep.equal([1, 2]);
      expect(second.stub.send.callCount).to.equal(2);
    });

    it("ends quietly on an echoed token where the rule says the service ends that way (GetLogEvents)", async () => {
      const { stub, paginators } = client(
        script({ events: [1], nextForwardToken: "f1" }, { events: [2], nextForwardToken: "f2" }, { events: [], nextForwardToken: "f2" }),
      );
      expect(await collect(paginators.getPaginator("getEvents").items({}))).to.deep.equal([1, 2]);
      expect(stub.send.callCount).to.equal(3);
      // The echo of a token the caller put in the input ends the run too.
      const fromInput = client(script({ events: [], nextForwardToken: "f9" }));
      expect(await collect(fromInput.paginators.getPaginator("getEvents").items({ nextToken: "f9" }))).to.deep.equal([]);
      // An earlier token coming back is still a loop, not the end.
      const cycle = client(script({ events: [1], nextForwardToken: "a" }, { events: [2], nextForwardToken: "b" }, { events: [3], nextForwardToken: "a" }));
      const error = await rejection(collect(cycle.paginators.getPaginator("getEvents").items({})));
      expect(error).to.be.instanceOf(RepeatedTokenError);
    });

    it("ends on a falsy moreResults flag, whatever the token says", async () => {
      const { stub, paginators } = client(
        script({ Items: [1], NextMarker: "a", IsTruncated: true }, { Items: [2], NextMarker: "b", IsTruncated: false }),
      );
      expect(await collect(paginators.getPaginator("listFlagged").items({}))).to.deep.equal([1, 2]);
      expect(stub.send.callCount).to.equal(2);
    });

    it("raises MissingTokenError for IsTruncated: true with no token, after returning that page", async () => {
      const { stub, paginators } = client(script({ Items: [1], NextMarker: "a", IsTruncated: true }, { Items: [2], IsTruncated: true }));
      const seen: unknown[] = [];
      const error = await rejection(
        (async () => {
          for await (const item of paginators.getPaginator("listFlagged").items({})) seen.push(item);
        })(),
      );
      expect(seen).to.deep.equal([1, 2]);
      expect(error).to.be.instanceOf(MissingTokenError).and.instanceOf(PaginationError);
      expect(error.name).to.equal("MissingTokenError");
      expect(error.message).to.match(/ListFlagged: the service set IsTruncated but sent no NextMarker/);
      expect(stub.send.callCount).to.equal(2);
    });

    it("treats an empty-string token with IsTruncated: true as missing", async () => {
      const { paginators } = client(script({ Items: [1], NextMarker: "", IsTruncated: true }));
      expect(await rejection(collect(paginators.getPaginator("listFlagged").pages({})))).to.be.instanceOf(MissingTokenError);
    });
  });

  describe("repeated tokens", () => {
    it("raises RepeatedTokenError when a page returns the token it was fetched with", async () => {
      const { stub, paginators } = client(script({ Items: [1], NextToken: "a" }, { Items: [2], NextToken: "a" }));
      const seen: unknown[] = [];
      const error = await rejection(
        (async () => {
          for await (const item of paginators.getPaginator("listThings").items({})) seen.push(item);
        })(),
      );
      expect(error).to.be.instanceOf(RepeatedTokenError);
      expect(error.message).to.match(/ListThings: the service returned a token this run had already sent \(\["a"\]\)/);
      expect(seen).to.deep.equal([1, 2]);
      expect(stub.send.callCount).to.equal(2);
    });

    it("catches a cycle A → B → A, not only the previous token", async () => {
      const { stub, paginators } = client(script({ Items: [1], NextToken: "A" }, { Items: [2], NextToken: "B" }, { Items: [3], NextToken: "A" }));
      const error = await rejection(collect(paginators.getPaginator("listThings").items({})));
      expect(error).to.be.instanceOf(RepeatedTokenError);
      expect(stub.send.callCount).to.equal(3);
    });

    it("counts the starting token as sent", async () => {
      const { paginators } = client(script({ Items: [1], NextToken: "S" }));
      const error = await rejection(collect(paginators.getPaginator("listThings").items({ NextToken: "S" })));
      expect(error).to.be.instanceOf(RepeatedTokenError);
    });

    it('stops quietly instead with onRepeatedToken: "stop"', async () => {
      const { stub, paginators } = client(script({ Items: [1], NextToken: "A" }, { Items: [2], NextToken: "B" }, { Items: [3], NextToken: "A" }));
      const run = paginators.getPaginator("listThings").paginate({}, { onRepeatedToken: "stop" });
      expect(await collect(run.items())).to.deep.equal([1, 2, 3]);
      expect(stub.send.callCount).to.equal(3);
      expect(run.resumeToken).to.equal(undefined);
    });

    it("in Go style, next() rejects once, then resolves false, and err() keeps the error", async () => {
      const { paginators } = client(script({ Items: [1], NextToken: "A" }, { Items: [2], NextToken: "A" }));
      const run = paginators.getPaginator("listThings").paginate({});
      expect(await run.next()).to.equal(true);
      expect(await run.next()).to.equal(true);
      expect(run.hasMorePages()).to.equal(true);
      expect(await rejection(run.next())).to.be.instanceOf(RepeatedTokenError);
      expect(run.err()).to.be.instanceOf(RepeatedTokenError);
      expect(await run.next()).to.equal(false);
      expect(run.hasMorePages()).to.equal(false);
    });
  });

  describe("irregular tokens", () => {
    it("takes the last key as the marker when NextMarker is absent (S3 ListObjects without a delimiter)", async () => {
      const { stub, paginators } = client(
        script(
          { Items: [{ Key: "a" }, { Key: "b" }], IsTruncated: true },
          { Items: [{ Key: "c" }], NextMarker: "c-next", IsTruncated: true },
          { Items: [{ Key: "d" }], IsTruncated: false },
        ),
      );
      const items = await collect(paginators.getPaginator("listKeyed").items({}));
      expect(items.map((item) => item.Key)).to.deep.equal(["a", "b", "c", "d"]);
      expect(stub.send.args.map(([command]) => command.input.Marker)).to.deep.equal([undefined, "b", "c-next"]);
    });

    it("sends two tokens, dropping one the page left out (ListObjectVersions, ListMultipartUploads)", async () => {
      const { stub, paginators } = client(
        script(
          { Items: [1], NextKeyMarker: "k1", NextIdMarker: "v1", IsTruncated: true },
          { Items: [2], NextKeyMarker: "k2", IsTruncated: true },
          { Items: [3], IsTruncated: false },
        ),
      );
      expect(await collect(paginators.getPaginator("listPairs").items({ IdMarker: "caller" }))).to.deep.equal([1, 2, 3]);
      expect(stub.send.args.map(([command]) => command.input)).to.deep.equal([
        { IdMarker: "caller" },
        { KeyMarker: "k1", IdMarker: "v1" },
        { KeyMarker: "k2" },
      ]);
    });

    it('pages an integer marker and stops on "0" with IsTruncated: false (S3 ListParts)', async () => {
      const { stub, paginators } = client(
        script(
          { Parts: { Items: [1, 2], NextPartMarker: 2, IsTruncated: true } },
          { Parts: { Items: [3], NextPartMarker: 3, IsTruncated: true } },
          { Parts: { Items: [], NextPartMarker: "0", IsTruncated: false } },
        ),
      );
      expect(await collect(paginators.getPaginator("listNested").items({}))).to.deep.equal([1, 2, 3]);
      expect(stub.send.args.map(([command]) => command.input.PartMarker)).to.deep.equal([undefined, 2, 3]);
    });

    it("reads nested token, flag and result paths (S3 GetObjectAttributes' ObjectParts)", async () => {
      const { paginators } = client(script({ Parts: { Items: ["p1"], NextPartMarker: "1", IsTruncated: false } }, {}));
      const full = await paginators.getPaginator("listNested").paginate({}).buildFullResult();
      expect(full).to.deep.equal({ Parts: { Items: ["p1"] } });
    });

    it("carries a map-valued token (DynamoDB LastEvaluatedKey) unchanged", async () => {
      const last = { pk: { S: "a" }, sk: { N: "1" }, bin: { B: new Uint8Array([0, 255, 7]) } };
      const { stub, paginators } = client(script({ Items: [1], Count: 1, LastEvaluatedKey: last }, { Items: [2], Count: 1 }));
      expect(await collect(paginators.getPaginator("scan").items({ TableName: "t" }))).to.deep.equal([1, 2]);
      expect(stub.send.secondCall.args[0].input.ExclusiveStartKey).to.equal(last);
    });
  });

  describe("page size", () => {
    it("writes pageSize to the limit member", async () => {
      const { stub, paginators } = client(tokenPages(keys(5), 10));
      await collect(paginators.getPaginator("listThings").pages({}, { pageSize: 2 }));
      expect(stub.send.args.map(([command]) => command.input.MaxResults)).to.deep.equal([2, 2, 2]);
    });

    it("is an error for an operation with no limit member", () => {
      const { paginators } = client(tokenPages(keys(5), 10));
      expect(() => paginators.getPaginator("listUnlimited").paginate({}, { pageSize: 2 })).to.throw(
        InvalidConfigError,
        /ListUnlimited: pageSize is not supported: the operation has no page-size member/,
      );
    });

    it("is an error when the input gives another page size", () => {
      const { paginators } = client(tokenPages(keys(5), 10));
      expect(() => paginators.getPaginator("listThings").paginate({ MaxResults: 5 }, { pageSize: 2 })).to.throw(InvalidConfigError, /given twice/);
      expect(() => paginators.getPaginator("listThings").paginate({ MaxResults: 2 }, { pageSize: 2 })).to.not.throw();
    });
  });

  describe("bad input", () => {
    const cases: [string, unknown, RegExp][] = [
      ["a zero pageSize", { pageSize: 0 }, /pageSize must be a positive integer, and it is 0/],
      ["a negative pageSize", { pageSize: -5 }, /pageSize must be a positive integer/],
      ["a fractional pageSize", { pageSize: 2.5 }, /pageSize must be a positive integer/],
      ["a string pageSize", { pageSize: "10" }, /pageSize must be a positive integer, and it is "10"/],
      ["a NaN maxItems", { maxItems: Number.NaN }, /maxItems must be a positive integer/],
      ["a negative maxItems", { maxItems: -1 }, /maxItems must be a positive integer/],
      ["boto3's option names", { PageSize: 10 }, /unknown pagination option "PageSize"; did you mean pageSize\?/],
      ["an unknown option", { pagesize: 10 }, /unknown pagination option "pagesize"/],
      ["a bad onRepeatedToken", { onRepeatedToken: "ignore" }, /onRepeatedToken must be "error" or "stop"/],
      ["an empty startingToken", { startingToken: "" }, /startingToken must be a resumeToken string/],
      ["a non-signal abortSignal", { abortSignal: {} }, /abortSignal must be an AbortSignal/],
      ["a non-function limiter", { limiter: 4 }, /limiter must be a function/],
      ["a config that is not an object", 5, /config must be an object/],
    ];
    for (const [what, config, message] of cases) {
      it(`refuses ${what} before any request`, () => {
        const { stub, paginators } = client(tokenPages(keys(5), 10));
        expect(() => paginators.getPaginator("listThings").paginate({}, config as never)).to.throw(InvalidConfigError, message);
        expect(stub.send.callCount).to.equal(0);
      });
    }

    it("refuses an input that is not an object", () => {
      const { paginators } = client(tokenPages(keys(5), 10));
      expect(() => paginators.getPaginator("listThings").paginate(null as never)).to.throw(InvalidConfigError, /input must be the operation's request object/);
      expect(() => paginators.getPaginator("listThings").paginate([] as never)).to.throw(InvalidConfigError);
    });

    it("refuses an unknown result key for items()", () => {
      const { paginators } = client(tokenPages(keys(5), 10));
      expect(() => paginators.getPaginator("listThings").paginate({}).items("Nope" as never)).to.throw(
        PaginationError,
        /"Nope" is not a result key; its result keys are Items, Others/,
      );
    });

    it("refuses a client with neither send() nor the operation's method", () => {
      expect(() => withPaginators({} as object, testTable).getPaginator("listThings")).to.throw(PaginationError, /neither a send\(\) method nor a listThings\(\) method/);
    });
  });

  describe("clients", () => {
    it("calls an aggregated client's own method, passing the abort signal", async () => {
      const aggregated = methodClient("listThings", tokenPages(keys(3), 2));
      const controller = new AbortController();
      const items = await collect(withPaginators(aggregated, testTable).getPaginator("listThings").items({}, { abortSignal: controller.signal }));
      expect(items).to.deep.equal(keys(3));
      expect(aggregated.listThings!.callCount).to.equal(2);
      expect(aggregated.listThings!.firstCall.args[1]).to.deep.equal({ abortSignal: controller.signal });
    });

    it("builds the table's command class for a bare client's send(), with no instanceof check", async () => {
      const bare = { send: sinon.spy(async (command: { input: Record<string, unknown> }) => tokenPages(keys(3), 2)(command.input, 0)) };
      const items = await collect(withPaginators(bare, testTable).getPaginator("listThings").items({}));
      expect(items).to.deep.equal(keys(3));
      expect(bare.send.firstCall.args[0].constructor.name).to.equal("ListThingsCommand");
    });

    it("wraps an output that is not an object in a PageRequestError", async () => {
      const { paginators } = client(() => undefined as never);
      expect(await rejection(collect(paginators.getPaginator("listThings").pages({})))).to.be.instanceOf(PageRequestError).and.match(/instead of an output object/);
    });
  });

  describe("abort", () => {
    it("sends nothing when the signal has already fired", async () => {
      const { stub, paginators } = client(tokenPages(keys(3), 2));
      const controller = new AbortController();
      controller.abort(new Error("stop now"));
      const error = await rejection(collect(paginators.getPaginator("listThings").items({}, { abortSignal: controller.signal })));
      expect(error).to.be.instanceOf(PaginationAbortedError);
      expect((error as PaginationAbortedError).cause).to.match(/stop now/);
      expect((error as PaginationAbortedError).resumeToken).to.be.a("string");
      expect(stub.send.callCount).to.equal(0);
    });

    it("rejects promptly during a request that never answers, and starts no other", async () => {
      const { stub, paginators } = client((input) => (input.NextToken ? new Promise<Output>(() => {}) : { Items: [1], NextToken: "a" }));
      const controller = new AbortController();
      const run = paginators.getPaginator("listThings").paginate({}, { abortSignal: controller.signal });
      const items: unknown[] = [];
      const done = (async () => {
        for await (const item of run.items()) items.push(item);
      })();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const started = Date.now();
      controller.abort();
      const error = await rejection(done);
      expect(Date.now() - started).to.be.lessThan(100);
      expect(error).to.be.instanceOf(PaginationAbortedError);
      expect(items).to.deep.equal([1]);
      expect(stub.send.callCount).to.equal(2);
      expect(stub.send.secondCall.args[1]).to.deep.equal({ abortSignal: controller.signal });
    });

    it("starts no request that a limiter releases after the signal fired", async () => {
      const { stub, paginators } = client(tokenPages(keys(3), 2));
      const controller = new AbortController();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const limiter = async <T>(task: () => Promise<T>) => {
        await gate;
        return task();
      };
      const pending = collect(paginators.getPaginator("listThings").items({}, { abortSignal: controller.signal, limiter }));
      controller.abort();
      release();
      expect(await rejection(pending)).to.be.instanceOf(PaginationAbortedError);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(stub.send.callCount).to.equal(0);
    });
  });

  describe("limiter", () => {
    it("passes every page request through the limiter", async () => {
      const { paginators } = client(tokenPages(keys(7), 3));
      const limiter = sinon.spy(<T>(task: () => Promise<T>) => task());
      const items = paginators.getPaginator("listThings").items({}, { limiter: limiter as <T>(task: () => Promise<T>) => Promise<T> });
      expect(await collect(items)).to.deep.equal(keys(7));
      expect(limiter.callCount).to.equal(3);
    });
  });

  describe("Go style", () => {
    it("next()/currentPage() walk the pages, hasMorePages()/nextPage() too", async () => {
      const { paginators } = client(tokenPages(keys(5), 2));
      const paginator = paginators.getPaginator("listThings");
      const run = paginator.paginate({});
      expect(run.currentPage()).to.equal(undefined);
      const seen: unknown[] = [];
      while (await run.next()) seen.push(...(run.currentPage()!.Items as unknown[]));
      expect(seen).to.deep.equal(keys(5));
      expect(run.err()).to.equal(undefined);
      expect(run.resumeToken).to.equal(undefined);

      const go = paginator.paginate({});
      const pages = [];
      while (go.hasMorePages()) pages.push(await go.nextPage());
      expect(pages).to.have.length(3);
      expect(await rejection(go.nextPage())).to.be.instanceOf(PaginationError).and.match(/no more pages/);
    });
  });
});
