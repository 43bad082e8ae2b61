/**
 * search() refuses a bad expression before its first request: a syntax error, or a function
 * JMESPath does not have, wherever the expression names it. An implementation with functions of
 * its own keeps them.
 */
import { expect } from "chai";
import jmespath from "jmespath";
import { InvalidConfigError, useJMESPath, withPaginators } from "../../lib/index.js";
import { rejection } from "../support/rejection.js";
import { collect, names, stubClient, tokenPages } from "../support/stub-client.js";
import { testTable } from "../support/test-table.js";

function run() {
  const stub = stubClient(tokenPages(names(6).map((Key) => ({ Key })), 2));
  return { stub, run: withPaginators(stub, testTable).getPaginator("listThings").paginate({}) };
}

describe("search() expressions", () => {
  const refused: [string, string, RegExp][] = [
    ["an unknown function in a projection", "Items[].foo(Key)", /ListThings: "Items\[\]\.foo\(Key\)" is not a valid JMESPath expression: it calls foo\(\), which JMESPath does not have/],
    ["a misspelt function", "lenght(Items)", /"lenght\(Items\)" is not a valid JMESPath expression: it calls lenght\(\)/],
    ["an unknown function in an expression reference", "sort_by(Items, &bar(Key))[].Key", /it calls bar\(\)/],
    ["an unknown function in a multi-select hash", "{n: length(Items), k: keyz(@)}", /it calls keyz\(\)/],
    ["two unknown functions", "Items[].foo(bar(Key))", /it calls foo\(\), bar\(\)/],
    ["a syntax error", "Items[", /"Items\[" is not a valid JMESPath expression: /],
    ["a syntax error after a pipe", "Items[].Key | [", /is not a valid JMESPath expression/],
    ["an unclosed function call", "length(Items", /"length\(Items" is not a valid JMESPath expression/],
  ];
  for (const [what, expression, message] of refused) {
    it(`refuses ${what} before the first request`, async () => {
      const { stub, run: listing } = run();
      const error = await rejection(collect(listing.search(expression)));
      expect(error).to.be.instanceOf(InvalidConfigError).and.match(message);
      expect(stub.send.callCount).to.equal(0);
    });
  }

  it("takes every kind of JMESPath function it has, nested, in references and in filters", async () => {
    const { run: listing } = run();
    const found = await collect(
      listing.search("{n: length(Items), last: max(Items[].Key), sorted: sort_by(Items, &to_string(Key))[].Key, some: Items[?starts_with(Key, 'item')] | length(@), none: not_null(Nope, `0`)}"),
    );
    expect(found.map((page) => (page as { n: number }).n)).to.deep.equal([2, 2, 2]);
    expect(found[0]).to.deep.include({ last: "item-001", some: 2, none: 0 });
  });

  describe("with an implementation of the caller's", () => {
    afterEach(() => useJMESPath(jmespath));

    it("keeps the functions the implementation adds", async () => {
      // The jmespath package with one more function, as an extended implementation would have.
      useJMESPath({
        compile: (expression) => (jmespath as unknown as { compile(expression: string): unknown }).compile(expression),
        search: (data, expression) => (expression === "upper()" ? [] : expression.startsWith("upper(") ? String(jmespath.search(data, expression.slice(6, -1))).toUpperCase() : jmespath.search(data, expression)),
      });
      const { stub, run: listing } = run();
      expect(await collect(listing.search("upper(Items[0].Key)"))).to.deep.equal(["ITEM-000", "ITEM-002", "ITEM-004"]);
      expect(stub.send.callCount).to.equal(3);
      const { run: again } = run();
      expect(await rejection(collect(again.search("lower(Items[0].Key)")))).to.match(/it calls lower\(\)/);
    });
  });
});
