/**
 * The pagination config as paginate() checks it: what it refuses and how it says so, and that a
 * member set to undefined is a member left out (the type allows it under
 * exactOptionalPropertyTypes: spec/types/exact-optional/).
 */
import { expect } from "chai";
import { InvalidConfigError, withPaginators, type PaginationConfig } from "../../lib/index.js";
import { collect, names, stubClient, tokenPages } from "../support/stub-client.js";
import { testTable } from "../support/test-table.js";

const keys = (n: number) => names(n).map((Key) => ({ Key }));

function client() {
  const stub = stubClient(tokenPages(keys(5), 2));
  return { stub, paginator: withPaginators(stub, testTable).getPaginator("listThings") };
}

describe("the pagination config", () => {
  const refused: [string, unknown, RegExp][] = [
    ["an array", [], /ListThings: the pagination config must be an object, e\.g\. \{ pageSize: 100 \}, and it is an array/],
    ["an array of options", [{ pageSize: 2 }], /pagination config must be an object.*and it is an array/],
    ["a string", "pageSize=2", /pagination config must be an object.*and it is "pageSize=2"/],
    ["null", null, /pagination config must be an object.*and it is null/],
    ["a NaN pageSize", { pageSize: Number.NaN }, /ListThings: pageSize must be a positive integer, and it is NaN$/],
    ["a NaN maxItems", { maxItems: Number.NaN }, /ListThings: maxItems must be a positive integer, and it is NaN$/],
    ["an infinite pageSize", { pageSize: Number.POSITIVE_INFINITY }, /pageSize must be a positive integer, and it is Infinity$/],
    ["a negative infinite maxItems", { maxItems: Number.NEGATIVE_INFINITY }, /maxItems must be a positive integer, and it is -Infinity$/],
    ["a string pageSize", { pageSize: "10" }, /pageSize must be a positive integer, and it is "10"$/],
    ["a null maxItems", { maxItems: null }, /maxItems must be a positive integer, and it is null$/],
    ["a bigint maxItems", { maxItems: 5n }, /maxItems must be a positive integer, and it is 5n$/],
  ];
  for (const [what, config, message] of refused) {
    it(`refuses ${what}, saying what it is, before any request`, () => {
      const { stub, paginator } = client();
      expect(() => paginator.paginate({}, config as never)).to.throw(InvalidConfigError, message);
      expect(stub.send.callCount).to.equal(0);
    });
  }

  it("takes every member set to undefined as left out", async () => {
    const { stub, paginator } = client();
    const members = ["pageSize", "maxItems", "startingToken", "abortSignal", "onRepeatedToken", "limiter", "readAhead"] as const;
    const config: PaginationConfig = Object.fromEntries(members.map((member) => [member, undefined]));
    expect(await collect(paginator.items({ Owner: "me" }, config))).to.deep.equal(keys(5));
    expect(stub.send.args.map(([command]) => command.input)).to.deep.equal([{ Owner: "me" }, { Owner: "me", NextToken: "t2" }, { Owner: "me", NextToken: "t4" }]);
  });

  it("is read as it was when the run started: changing the caller's object mid-run changes nothing", async () => {
    const { stub, paginator } = client();
    const config: { maxItems?: number; pageSize?: number } = {};
    const seen: unknown[] = [];
    for await (const item of paginator.items({}, config)) {
      seen.push(item);
      config.maxItems = 1;
    }
    expect(seen).to.deep.equal(keys(5));
    expect(stub.send.callCount).to.equal(3);
  });

  it("reads each option once: a getter that changes its answer after the check changes nothing", async () => {
    const { stub, paginator } = client();
    let reads = 0;
    const config = { get pageSize() { return ++reads > 1 ? 0 : 2; } };
    expect(await collect(paginator.items({}, config))).to.deep.equal(keys(5));
    expect(reads).to.equal(1);
    expect(stub.send.firstCall.args[0].input).to.have.property("MaxResults", 2);
  });

  it("reads an option a class instance inherits, and none from Object.prototype", async () => {
    class Options {
      get maxItems() {
        return 3;
      }
    }
    const { paginator } = client();
    expect(await collect(paginator.items({}, new Options() as PaginationConfig))).to.deep.equal(keys(3));
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.maxItems = 2;
    try {
      expect(await collect(client().paginator.items({}))).to.deep.equal(keys(5));
      expect(await collect(client().paginator.items({}, {}))).to.deep.equal(keys(5));
    } finally {
      delete polluted.maxItems;
    }
  });
});
