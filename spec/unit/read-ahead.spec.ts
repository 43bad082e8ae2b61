/**
 * readAhead: 0 (the default) never requests a page the consumer has not asked for; 1 requests
 * the next page while the consumer works on the current one, and still loses nothing on failure.
 */
import { expect } from "chai";
import { InvalidConfigError, isResumable, withPaginators } from "../../lib/index.js";
import { collect, names, stubClient, tokenPages, type Responder } from "../support/stub-client.js";
import { testTable } from "../support/test-table.js";

const ALL = names(10).map((Key) => ({ Key }));
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function paginators(respond: Responder) {
  const stub = stubClient(respond);
  return { stub, client: withPaginators(stub, testTable) };
}

describe("readAhead", () => {
  it("is off by default: no request for a page the consumer has not asked for", async () => {
    const { stub, client } = paginators(tokenPages(ALL, 4));
    const run = client.getPaginator("listThings").paginate({});
    expect(await run.next()).to.equal(true);
    await tick();
    expect(stub.send.callCount).to.equal(1);
    expect(await run.next()).to.equal(true);
    await tick();
    expect(stub.send.callCount).to.equal(2);
  });

  it("at 1, requests page k+1 as soon as page k is returned, and no further", async () => {
    const { stub, client } = paginators(tokenPages(ALL, 4));
    const run = client.getPaginator("listThings").paginate({}, { readAhead: 1 });
    expect(await run.next()).to.equal(true);
    await tick();
    expect(stub.send.callCount).to.equal(2);
    expect(stub.send.secondCall.args[0].input.NextToken).to.equal("t4");
    expect(await run.next()).to.equal(true);
    expect(run.currentPage()!.Items).to.deep.equal(ALL.slice(4, 8));
    await tick();
    expect(stub.send.callCount).to.equal(3);
    expect(await run.next()).to.equal(true);
    expect(await run.next()).to.equal(false);
    expect(stub.send.callCount).to.equal(3);
  });

  it("at 1, yields the same items and respects maxItems without an extra request", async () => {
    const { stub, client } = paginators(tokenPages(ALL, 4));
    expect(await collect(client.getPaginator("listThings").items({}, { readAhead: 1 }))).to.deep.equal(ALL);
    stub.send.resetHistory();
    const run = client.getPaginator("listThings").paginate({}, { readAhead: 1, maxItems: 4 });
    expect(await collect(run.items())).to.deep.equal(ALL.slice(0, 4));
    await tick();
    expect(stub.send.callCount).to.equal(1);
    expect(await collect(client.getPaginator("listThings").items({}, { startingToken: run.resumeToken! }))).to.deep.equal(ALL.slice(4));
  });

  it("at 1, surfaces a failed read-ahead on the next page asked for, and retries it", async () => {
    const pages = tokenPages(ALL, 4);
    let failed = false;
    const { client } = paginators((input, call) => {
      if (input.NextToken === "t4" && !failed) {
        failed = true;
        throw Object.assign(new Error("SlowDown"), { name: "SlowDown" });
      }
      return pages(input, call);
    });
    const run = client.getPaginator("listThings").paginate({}, { readAhead: 1 });
    const seen: unknown[] = [];
    let failures = 0;
    for (;;) {
      try {
        if (!(await run.next())) break;
        seen.push(...(run.currentPage()!.Items as unknown[]));
      } catch (error) {
        expect(error).to.include({ name: "SlowDown", operation: "ListThings" });
        expect(isResumable(error)).to.equal(true);
        failures++;
      }
    }
    expect(failures).to.equal(1);
    expect(seen).to.deep.equal(ALL);
  });

  it("takes only 0 or 1", () => {
    const { client } = paginators(tokenPages(ALL, 4));
    expect(() => client.getPaginator("listThings").paginate({}, { readAhead: 2 as never })).to.throw(InvalidConfigError, /readAhead must be 0 or 1/);
  });
});
