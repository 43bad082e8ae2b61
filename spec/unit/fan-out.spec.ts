/**
 * Bounded fan-out: boundedMap's bound, order, backpressure, error and abort, and limiters from
 * p-limit, bottleneck and p-throttle holding one limit across many paginators.
 */
import Bottleneck from "bottleneck";
import { expect } from "chai";
import { getEventListeners } from "node:events";
import { rejection } from "../support/rejection.js";
import pLimit from "p-limit";
import pThrottle from "p-throttle";
import { boundedMap, InvalidConfigError, withPaginators } from "../../lib/index.js";
import { collect, names, stubClient, tokenPages } from "../support/stub-client.js";
import { testTable } from "../support/test-table.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A mapper that records how many of its calls run at once. */
function gauge(delay: (item: number) => number = () => 5) {
  const state = { running: 0, max: 0, started: [] as number[] };
  const mapper = async (item: number) => {
    state.started.push(item);
    state.running++;
    state.max = Math.max(state.max, state.running);
    await sleep(delay(item));
    state.running--;
    return item * 10;
  };
  return { state, mapper };
}

async function* counted(n: number, pulls: { count: number }) {
  for (let i = 0; i < n; i++) {
    pulls.count++;
    yield i;
  }
}

describe("boundedMap", () => {
  it("never runs more than `concurrency` mappers at once, and uses all of them", async () => {
    const { state, mapper } = gauge();
    const results = await collect(boundedMap(Array.from({ length: 20 }, (_, i) => i), mapper, { concurrency: 3 }));
    expect(results).to.deep.equal(Array.from({ length: 20 }, (_, i) => i * 10));
    expect(state.max).to.equal(3);
  });

  it("yields in source order by default, and as completed with ordered: false", async () => {
    const slowFirst = (item: number) => (item === 0 ? 40 : 2);
    const inOrder = await collect(boundedMap([0, 1, 2, 3], gauge(slowFirst).mapper, { concurrency: 4 }));
    expect(inOrder).to.deep.equal([0, 10, 20, 30]);
    const asDone = await collect(boundedMap([0, 1, 2, 3], gauge(slowFirst).mapper, { concurrency: 4, ordered: false }));
    expect(asDone[asDone.length - 1]).to.equal(0);
    expect([...asDone].sort((a, b) => a - b)).to.deep.equal([0, 10, 20, 30]);
  });

  it("reads the source no further ahead of a slow consumer than the bound", async () => {
    const pulls = { count: 0 };
    const { mapper } = gauge(() => 1);
    let consumed = 0;
    for await (const _ of boundedMap(counted(50, pulls), mapper, { concurrency: 4 })) {
      consumed++;
      expect(pulls.count - consumed, `after ${consumed} results`).to.be.at.most(4);
      await sleep(3);
    }
    expect(consumed).to.equal(50);
  });

  it("stops on a mapper's error: the error reaches the consumer and nothing new starts", async () => {
    const started: number[] = [];
    const error = await rejection(
      collect(
        boundedMap(
          Array.from({ length: 100 }, (_, i) => i),
          async (item) => {
            started.push(item);
            await sleep(2);
            if (item === 5) throw new Error("boom at 5");
            return item;
          },
          { concurrency: 3 },
        ),
      ),
    );
    expect(error).to.match(/boom at 5/);
    const after = started.length;
    await sleep(20);
    expect(started.length).to.equal(after);
    expect(after).to.be.lessThan(12);
  });

  it("stops on abort: rejects promptly with the reason, starts nothing more, and passes the signal to mappers", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const signals: (AbortSignal | undefined)[] = [];
    const map = boundedMap(
      Array.from({ length: 100 }, (_, i) => i),
      async (item, _index, signal) => {
        started.push(item);
        signals.push(signal);
        await sleep(1000);
        return item;
      },
      { concurrency: 2, signal: controller.signal },
    );
    const pending = collect(map);
    await sleep(20);
    const begun = Date.now();
    controller.abort(new Error("enough"));
    expect(await rejection(pending)).to.match(/enough/);
    expect(Date.now() - begun).to.be.lessThan(100);
    expect(started).to.deep.equal([0, 1]);
    expect(signals.every((signal) => signal === controller.signal)).to.equal(true);
  });

  it("releases its abort listener when it ends: 500 maps on one long-lived signal leave none and no warning", async () => {
    const controller = new AbortController();
    const signal = controller.signal;
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      for (let i = 0; i < 500; i++) {
        const map = boundedMap([1, 2, 3], async (item) => {
          if (i % 3 === 2 && item === 2) throw new Error(`mapper ${i} failed`);
          return item;
        }, { concurrency: 2, signal });
        if (i % 3 === 0) expect(await collect(map)).to.deep.equal([1, 2, 3]); // completed
        else if (i % 3 === 1) {
          for await (const item of map) if (item === 1) break; // broken out of
        } else expect(await rejection(collect(map))).to.match(new RegExp(`mapper ${i} failed`)); // thrown
        expect(getEventListeners(signal, "abort"), `after map ${i}`).to.have.length(0);
      }
      // A map still running holds one listener, and the signal still stops it.
      const open = boundedMap([1, 2, 3], async (item) => {
        await sleep(item === 1 ? 0 : 1000);
        return item;
      }, { concurrency: 1, signal });
      expect((await open.next()).value).to.equal(1);
      expect(getEventListeners(signal, "abort")).to.have.length(1);
      const pending = open.next();
      controller.abort(new Error("enough"));
      expect(await rejection(pending)).to.match(/enough/);
      expect(getEventListeners(signal, "abort")).to.have.length(0);
      await sleep(0);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((warning) => warning.name)).to.not.include("MaxListenersExceededWarning");
  });

  it("refuses bad options with a clear error", () => {
    const run = (options: unknown) => () => boundedMap([1], (x) => x, options as never);
    expect(run({ concurrency: 0 })).to.throw(InvalidConfigError, /concurrency must be a positive integer/);
    expect(run({ concurrency: Number.POSITIVE_INFINITY })).to.throw(InvalidConfigError, /concurrency must be a positive integer/);
    expect(run({ concurrency: 2.5 })).to.throw(InvalidConfigError, /concurrency/);
    expect(run({})).to.throw(InvalidConfigError, /concurrency/);
    expect(run({ concurrency: 2, ordered: "yes" })).to.throw(InvalidConfigError, /ordered must be true or false/);
    expect(() => boundedMap(5 as never, (x) => x, { concurrency: 1 })).to.throw(InvalidConfigError, /source must be an iterable/);
  });
});

describe("limiters shared across paginators", () => {
  /** A stub client that counts its requests in flight. */
  function slowClient() {
    const state = { running: 0, max: 0 };
    const pages = tokenPages(names(6).map((Key) => ({ Key })), 2);
    const client = stubClient(async (input, call) => {
      state.running++;
      state.max = Math.max(state.max, state.running);
      await sleep(5);
      state.running--;
      return pages(input, call);
    });
    return { state, paginators: withPaginators(client, testTable) };
  }

  async function fiveListings(limiter: unknown) {
    const { state, paginators } = slowClient();
    const listings = Array.from({ length: 5 }, () => collect(paginators.getPaginator("listThings").items({}, { limiter: limiter as never })));
    const results = await Promise.all(listings);
    expect(results.every((items) => items.length === 6)).to.equal(true);
    return state.max;
  }

  it("holds a p-limit instance's limit across five concurrent paginators", async () => {
    expect(await fiveListings(undefined)).to.equal(5);
    expect(await fiveListings(pLimit(2))).to.equal(2);
  });

  it("takes a bottleneck instance as it is", async () => {
    expect(await fiveListings(new Bottleneck({ maxConcurrent: 1 }))).to.equal(1);
  });

  it("takes a p-throttle runner", async () => {
    const throttle = pThrottle({ limit: 2, interval: 10 });
    const started = Date.now();
    expect(await fiveListings(throttle(<T>(task: () => Promise<T>) => task()))).to.be.at.most(5);
    // 15 requests at 2 per 10 ms take at least 60 ms.
    expect(Date.now() - started).to.be.at.least(60);
  });

  it("bounds nested listings end to end: outer boundedMap, inner paginators, one limiter", async () => {
    const { state, paginators } = slowClient();
    const limiter = pLimit(3);
    const outer = paginators.getPaginator("listThings").items({}, { limiter });
    const inner = boundedMap(outer, async (item) => (await collect(paginators.getPaginator("listThings").items({}, { limiter }))).length + String(item).length * 0, {
      concurrency: 4,
    });
    expect(await collect(inner)).to.deep.equal([6, 6, 6, 6, 6, 6]);
    expect(state.max).to.be.at.most(3);
  });
});
