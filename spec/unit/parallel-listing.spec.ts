/**
 * Parallel listing against a sequential listing of the same bucket as the oracle: every key
 * exactly once, in UTF-8 byte order when ordered, across awkward keys, splits, resumes, errors,
 * throttling and aborts.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { InvalidConfigError, InvalidStartingTokenError, s3Table, withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import { compareKeys } from "../../lib/parallel/key-order.js";
import { encodeParallelToken } from "../../lib/parallel/parallel-token.js";
import { failureSpecs } from "../support/parallel-failure-specs.js";
import { listingStub, takeKeys, type ListingStubOptions } from "../support/s3-listing-stub.js";
import { collect } from "../support/stub-client.js";
import { KEY_SETS, pad, range, sortedUtf8 } from "../support/parallel-key-sets.js";

type Stub = ReturnType<typeof listingStub>;
const BUCKET = "parallel-spec";

function bucketOf(keys: Iterable<string>, options: ListingStubOptions = {}): Stub {
  const stub = listingStub(options);
  stub.putKeys(BUCKET, keys);
  return stub;
}

function paginator(stub: Stub) {
  return withPaginators(stub as unknown as S3Client).getPaginator("listObjectsV2");
}

async function oracle(stub: Stub, input: Record<string, unknown> = {}): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of paginator(stub).items({ Bucket: BUCKET, ...input })) keys.push(item.Key!);
  return keys;
}

async function parallelKeys(stub: Stub, config: Record<string, unknown> = {}, input: Record<string, unknown> = {}): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of paginator(stub).items({ Bucket: BUCKET, ...input }, { parallel: 4, pageSize: 5, ...config })) keys.push(item.Key!);
  return keys;
}

describe("parallel listing: every key exactly once, against a sequential listing", () => {
  for (const [name, keys] of Object.entries(KEY_SETS)) {
    it(`${name}: ordered, in UTF-8 byte order`, async () => {
      const stub = bucketOf(keys);
      const expected = await oracle(stub);
      expect(expected).to.deep.equal(sortedUtf8(keys));
      expect(await parallelKeys(stub)).to.deep.equal(expected);
    });
    it(`${name}: unordered, each once`, async () => {
      const stub = bucketOf(keys);
      const got = await parallelKeys(stub, { ordered: false });
      expect(got).to.have.length(keys.length);
      expect(sortedUtf8(got)).to.deep.equal(await oracle(stub));
    });
  }

  it("an empty bucket yields one empty page, as a sequential run does", async () => {
    const stub = bucketOf([]);
    const pages = await collect(paginator(stub).pages({ Bucket: BUCKET }, { parallel: 8 }));
    expect(pages).to.have.length(1);
    expect(pages[0]!.Contents).to.equal(undefined);
    expect(pages[0]!.KeyCount).to.equal(0);
  });

  it("a Prefix: ranges live inside it", async () => {
    const keys = [...range(50, (i) => `in/${pad(i)}`), "in", "in/", "in0", "im/z", "io", ...range(20, (i) => `out/${i}`)];
    const stub = bucketOf(keys);
    const expected = await oracle(stub, { Prefix: "in/" });
    expect(await parallelKeys(stub, {}, { Prefix: "in/" })).to.deep.equal(expected);
    expect(stub.stats.inputs.every((input) => input.Prefix === "in/")).to.equal(true);
  });

  it("the caller's StartAfter is where the listing starts", async () => {
    const stub = bucketOf(range(100, (i) => `k${pad(i)}`));
    expect(await parallelKeys(stub, {}, { StartAfter: "k00041" })).to.deep.equal(await oracle(stub, { StartAfter: "k00041" }));
  });

  it("a StartAfter inside a folder: the folder's keys after it are listed (the delimiter request leaves that folder out)", async () => {
    const keys = [...range(60, (i) => `s/${pad(i)}`), "s0", "t/a", ...range(30, (i) => `u/v/${pad(i)}`)];
    const stub = bucketOf(keys);
    for (const startAfter of ["s/00020", "s/", "u/v/00003", "u/", "t/a"]) {
      const expected = await oracle(stub, { StartAfter: startAfter });
      expect(expected.length, startAfter).to.be.above(0);
      expect(await parallelKeys(stub, {}, { StartAfter: startAfter }), startAfter).to.deep.equal(expected);
    }
  });

  it("ListObjects (v1) splits as ListObjectsV2 does, by Marker", async () => {
    const keys = range(300, (i) => `v1/${pad(i)}`);
    const stub = bucketOf(keys);
    const got: string[] = [];
    for await (const item of withPaginators(stub as unknown as S3Client).getPaginator("listObjects").items({ Bucket: BUCKET }, { parallel: 4, pageSize: 9 })) got.push(item.Key!);
    expect(got).to.deep.equal(keys);
    expect(stub.stats.inputs.some((input) => input.Marker !== undefined)).to.equal(true);
  });

  it("sends EncodingType=url on every request and returns keys decoded, or encoded when the caller asked for it", async () => {
    const keys = ["a b", "a+b", "c\x01d", "e%2Bf"];
    const stub = bucketOf(keys);
    expect(await parallelKeys(stub)).to.deep.equal(sortedUtf8(keys));
    expect(stub.stats.inputs.every((input) => input.EncodingType === "url")).to.equal(true);
    const pages = await collect(paginator(stub).pages({ Bucket: BUCKET }, { parallel: 2 }));
    expect(pages.flatMap((page) => (page.Contents ?? []).map((item) => item.Key))).to.deep.equal(sortedUtf8(keys));
    const encoded = await parallelKeys(stub, {}, { EncodingType: "url" });
    expect(encoded).to.deep.equal(["a+b", "a%2Bb", "c%01d", "e%252Bf"]);
  });

  it("lists a thousand keys in about a thousand/pageSize requests, plus the seeding", async () => {
    const stub = bucketOf(range(2000, (i) => `k${pad(i)}`));
    const got = await parallelKeys(stub, { pageSize: 100, parallel: 4 });
    expect(got).to.have.length(2000);
    expect(stub.stats.requests).to.be.at.most(2000 / 100 + 4 * 4 + 4);
    expect(stub.stats.maxInFlight).to.be.at.most(4);
  });
});

describe("parallel listing: resume tokens", () => {
  const keys = range(600, (i) => `r/${pad(i)}`);

  it("random kill-and-resume at 100 points gives the exact listing", async () => {
    const stub = bucketOf(keys);
    let random = 7;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const got: string[] = [];
    let token: string | undefined;
    for (let kill = 0; kill < 100; kill++) {
      const run = paginator(stub).items({ Bucket: BUCKET }, { parallel: 2 + Math.floor(next() * 5), pageSize: 3 + Math.floor(next() * 9), ...(token ? { startingToken: token } : {}) });
      token = await takeKeys(run, Math.floor(next() * 12), got);
      if (token === undefined) break;
    }
    if (token !== undefined) got.push(...(await collect(paginator(stub).items({ Bucket: BUCKET }, { parallel: 3, startingToken: token }))).map((item) => item.Key!));
    expect(got).to.deep.equal(keys);
  });

  it("unordered: killed and resumed, every key exactly once", async () => {
    const stub = bucketOf(keys);
    const got: string[] = [];
    let token: string | undefined;
    for (let kill = 0; kill < 200; kill++) {
      const run = paginator(stub).items({ Bucket: BUCKET }, { parallel: 5, pageSize: 7, ordered: false, ...(token ? { startingToken: token } : {}) });
      let taken = 0;
      for await (const item of run) {
        got.push(item.Key!);
        if (++taken === 13) break;
      }
      token = run.resumeToken;
      if (token === undefined) break;
    }
    expect(token).to.equal(undefined);
    expect(got).to.have.length(keys.length);
    expect(sortedUtf8(got)).to.deep.equal(keys);
  });

  it("maxItems cuts exactly and the token resumes exactly the rest; buildFullResult sets NextToken", async () => {
    const stub = bucketOf(keys);
    const first = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 4, pageSize: 10, maxItems: 123 });
    const full = await first.buildFullResult();
    expect(full.Contents!.map((item) => item.Key)).to.deep.equal(keys.slice(0, 123));
    expect(full.NextToken).to.be.a("string");
    const rest = await collect(paginator(stub).items({ Bucket: BUCKET }, { parallel: 4, startingToken: full.NextToken! }));
    expect(rest.map((item) => item.Key)).to.deep.equal(keys.slice(123));
  });

  it("keys equal to split points belong to the range below, once", async () => {
    const stub = bucketOf(keys);
    // Ranges cut exactly at keys, and one cut at a key that does not exist.
    const token = encodeParallelToken("ListObjectsV2", [
      { lo: null, cursor: null, hi: "r/00100" },
      { lo: "r/00100", cursor: null, hi: "r/00250" },
      { lo: "r/00250", cursor: null, hi: "r/00300x" },
      { lo: "r/00300x", cursor: null, hi: "r/00301" },
      { lo: "r/00301", cursor: null, hi: null },
    ]);
    for (const ordered of [true, false]) {
      const got = await parallelKeys(stub, { startingToken: token, ordered });
      expect(ordered ? got : sortedUtf8(got)).to.deep.equal(keys);
    }
  });

  it("the token is URL-safe and names every unfinished range; its size is reported", async () => {
    const stub = bucketOf(keys);
    const run = paginator(stub).items({ Bucket: BUCKET }, { parallel: 16, pageSize: 5 });
    let n = 0;
    for await (const _ of run) if (++n === 50) break;
    const token = run.resumeToken!;
    expect(token).to.match(/^[A-Za-z0-9_-]+$/);
    expect(token.length).to.be.below(16 * 3 * 20);
  });

  it("a sequential run refuses a parallel token and a parallel run a sequential one, saying so", async () => {
    const stub = bucketOf(keys);
    const parallelRun = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 2, maxItems: 3 });
    await collect(parallelRun);
    expect(() => paginator(stub).paginate({ Bucket: BUCKET }, { startingToken: parallelRun.resumeToken! }))
      .to.throw(InvalidStartingTokenError, /parallel listing's token; resume it with parallel > 1/);
    const sequential = paginator(stub).paginate({ Bucket: BUCKET }, { maxItems: 3 });
    await collect(sequential);
    expect(() => paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 2, startingToken: sequential.resumeToken! }))
      .to.throw(InvalidStartingTokenError, /not a parallel run's token: a sequential run's token resumes without parallel/);
    const edited = parallelRun.resumeToken!.slice(0, -2) + "AA";
    // An edit near the start breaks the mark: still refused, without calling it a sequential token.
    const early = parallelRun.resumeToken!.slice(0, 5) + (parallelRun.resumeToken![5] === "A" ? "B" : "A") + parallelRun.resumeToken!.slice(6);
    expect(() => paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 2, startingToken: early })).to.throw(InvalidStartingTokenError, /edited or damaged/);
    expect(() => paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 2, startingToken: edited })).to.throw(InvalidStartingTokenError);
  });
});

describe("parallel listing: a bucket written to between runs", () => {
  it("a resumed run lists keys written since above the last key, as a sequential token does", async () => {
    const before = Array.from({ length: 1000 }, (_, i) => `k/${String(i).padStart(5, "0")}`);
    const after = [...before, "k/00500x", "zzz"].sort(compareKeys);
    for (const parallel of [2, 8]) {
      const first = paginator(bucketOf(before)).items({ Bucket: BUCKET }, { parallel, maxItems: 10 });
      const got = (await collect(first)).map((item) => item.Key!);
      const later = bucketOf(after);
      got.push(...(await collect(paginator(later).items({ Bucket: BUCKET }, { parallel, startingToken: first.resumeToken! }))).map((item) => item.Key!));
      const want = await oracle(later);
      expect(got.filter((key, i) => want[i] !== key).slice(0, 5), `parallel ${parallel}: ${got.length} of ${want.length}`).to.deep.equal([]);
      expect(got, `parallel ${parallel}`).to.deep.equal(want);
    }
  });
});

describe("parallel listing: configuration", () => {
  const stub = bucketOf(["a"]);
  const s3 = withPaginators(stub as unknown as S3Client);

  it("is an InvalidConfigError on an operation it cannot split", () => {
    expect(() => s3.getPaginator("listBuckets").paginate({}, { parallel: 4 })).to.throw(InvalidConfigError, /parallel listing splits S3 key listings only/);
  });

  it("refuses a parallel that is not a whole number from 1 to 256, and an ordered that is not a boolean", () => {
    for (const parallel of [0, -1, 1.5, "4", Number.NaN, 257, 100_000]) {
      expect(() => paginator(stub).paginate({ Bucket: BUCKET }, { parallel: parallel as number })).to.throw(InvalidConfigError, /parallel must be a whole number from 1 to 256/);
    }
    expect(() => paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 256 })).not.to.throw();
    expect(() => paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 2, ordered: "yes" as never })).to.throw(InvalidConfigError, /ordered must be/);
  });

  it("refuses a Delimiter and a ContinuationToken, which cannot be split", () => {
    expect(() => paginator(stub).paginate({ Bucket: BUCKET, Delimiter: "/" }, { parallel: 2 })).to.throw(InvalidConfigError, /Delimiter cannot be used with parallel/);
    expect(() => paginator(stub).paginate({ Bucket: BUCKET, ContinuationToken: "x" }, { parallel: 2 })).to.throw(InvalidConfigError, /ContinuationToken/);
  });

  it("lists a directory bucket sequentially, and says so through onFallback", async () => {
    const directory = listingStub();
    directory.putKeys("mine--usw2-az1--x-s3", range(30, (i) => `k${pad(i)}`));
    const reasons: string[] = [];
    const got = await collect(paginator(directory).items({ Bucket: "mine--usw2-az1--x-s3" }, { parallel: 8, pageSize: 10, onFallback: (reason) => reasons.push(reason) }));
    expect(got).to.have.length(30);
    expect(reasons).to.have.length(1);
    expect(reasons[0]).to.match(/directory bucket.*sequentially/);
    expect(directory.stats.inputs.every((input) => input.StartAfter === undefined && input.Delimiter === undefined)).to.equal(true);
  });
});

describe("parallel listing: failures, throttling, aborts, limiters", () => {
  const keys = range(400, (i) => `f/${pad(i)}`);

  it("retries throttled requests (503 SlowDown) with backoff: nothing lost or duplicated", async () => {
    const stub = bucketOf(keys, { slowDownRate: 0.3, seed: 3 });
    const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 6, pageSize: 10 });
    const got = (await collect(run.items())).map((item) => item.Key);
    expect(got).to.deep.equal(keys);
    expect(stub.stats.faults).to.be.above(0);
  });

  failureSpecs({
    operation: "ListObjectsV2",
    stub: (options) => bucketOf(keys, options),
    items: (stub, config) => paginator(stub).items({ Bucket: BUCKET }, config),
    identity: (item) => (item as { Key: string }).Key,
    expected: async () => keys,
  });

  it("sends every request through the limiter", async () => {
    const stub = bucketOf(keys);
    let through = 0;
    const limiter = <T>(task: () => Promise<T>) => {
      through++;
      return task();
    };
    expect(await parallelKeys(stub, { limiter, pageSize: 20 })).to.deep.equal(keys);
    expect(through).to.equal(stub.stats.requests);
  });

  it("Go style next()/currentPage() and pages() read the same listing", async () => {
    const stub = bucketOf(keys);
    const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 3, pageSize: 25 });
    const got: string[] = [];
    expect(run.hasMorePages()).to.equal(true);
    while (await run.next()) got.push(...(run.currentPage()!.Contents ?? []).map((item) => item.Key!));
    expect(got).to.deep.equal(keys);
    expect(run.resumeToken).to.equal(undefined);
    const pages = await collect(paginator(stub).pages({ Bucket: BUCKET }, { parallel: 3, pageSize: 25 }));
    expect(pages.flatMap((page) => (page.Contents ?? []).map((item) => item.Key))).to.deep.equal(keys);
  });
});
