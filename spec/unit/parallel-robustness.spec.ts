/**
 * A parallel run against clients and servers that misbehave, as a hostile user's test found them:
 * Go-style retries after a failure, two next() at once, a server that ignores EncodingType=url
 * or lists out of S3's order, null answers and entries, a throwing onFallback, S3 Express access
 * points, maxItems at a large parallel, and what the config errors say.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { InvalidConfigError, PageRequestError, PaginationError, withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import { pad, range } from "../support/parallel-key-sets.js";
import { listingStub, type ListingStubOptions } from "../support/s3-listing-stub.js";
import { rejection } from "../support/rejection.js";
import { collect } from "../support/stub-client.js";
import { identity, listingOf, versionsOf } from "../support/version-sets.js";

type Stub = ReturnType<typeof listingStub>;
const BUCKET = "robust-spec";
const ORDER = /does not list keys in S3's order.*parallel: 1/;

function bucketOf(keys: Iterable<string>, options: ListingStubOptions = {}): Stub {
  const stub = listingStub(options);
  stub.putKeys(BUCKET, keys);
  return stub;
}

const client = (stub: object) => withPaginators(stub as unknown as S3Client);
const v2 = (stub: object) => client(stub).getPaginator("listObjectsV2");

async function oracle(stub: Stub, operation: "listObjectsV2" | "listObjects" = "listObjectsV2"): Promise<string[]> {
  return (await collect(client(stub).getPaginator(operation).items({ Bucket: BUCKET }))).map((item) => item.Key!);
}

/** A Go-style loop that calls next() again after each failure, as the Go SDK's users do. */
async function goLoop(run: { next(): Promise<boolean>; currentPage(): { Contents?: { Key?: string }[] } | undefined }, tries = 50) {
  const keys: string[] = [];
  const errors: unknown[] = [];
  for (let i = 0; i < tries; i++) {
    try {
      if (!(await run.next())) return { keys, errors, ended: true };
      for (const item of run.currentPage()?.Contents ?? []) keys.push(item.Key!);
    } catch (error) {
      errors.push(error);
    }
  }
  return { keys, errors, ended: false };
}

const once = (at: number, error: () => unknown) => {
  let fired = false;
  return (n: number) => {
    if (n !== at || fired) return undefined;
    fired = true;
    return error();
  };
};
const internalError = () => Object.assign(new Error("one-off failure"), { name: "InternalError", $metadata: { httpStatusCode: 500 } });

describe("parallel robustness: Go style after a failure (H1)", () => {
  const keys = range(300, (i) => `g/${pad(i)}`);

  for (const at of [0, 1, 3, 9]) {
    it(`next() after a failed request (request ${at}) retries it, and the listing completes exactly`, async () => {
      const stub = bucketOf(keys, { failOn: once(at, internalError) });
      const expected = await oracle(bucketOf(keys));
      const run = v2(stub).paginate({ Bucket: BUCKET }, { parallel: 4, pageSize: 20 });
      const { keys: got, errors, ended } = await goLoop(run);
      expect(ended).to.equal(true);
      expect(errors).to.have.length(1);
      expect((errors[0] as Error).message).to.equal("one-off failure");
      expect(got).to.deep.equal(expected);
      expect(run.err()).to.equal(undefined);
      expect(run.hasMorePages()).to.equal(false);
    });
  }

  it("err() holds the failure until a next() succeeds, and nextPage() retries as next() does", async () => {
    const stub = bucketOf(keys, { failOn: once(4, internalError) });
    const run = v2(stub).paginate({ Bucket: BUCKET }, { parallel: 4, pageSize: 20 });
    const got: string[] = [];
    let failures = 0;
    while (run.hasMorePages()) {
      try {
        const page = await run.nextPage();
        for (const item of page.Contents ?? []) got.push(item.Key!);
      } catch (error) {
        failures++;
        expect(run.err()).to.equal(error);
        expect(failures).to.equal(1);
      }
    }
    expect(got).to.deep.equal(keys);
  });

  it("maxItems holds across the retry: exactly the first maxItems keys", async () => {
    const stub = bucketOf(keys, { failOn: once(3, internalError) });
    const run = v2(stub).paginate({ Bucket: BUCKET }, { parallel: 4, pageSize: 20, maxItems: 130 });
    const { keys: got, errors } = await goLoop(run);
    expect(errors).to.have.length(1);
    expect(got).to.deep.equal(keys.slice(0, 130));
  });

  it("pages() and items() still end on the error; its resumeToken goes on exactly", async () => {
    const stub = bucketOf(keys, { failOn: once(5, internalError) });
    const iterator = v2(stub).items({ Bucket: BUCKET }, { parallel: 4, pageSize: 20 });
    const got: string[] = [];
    const error = await rejection((async () => {
      for await (const item of iterator) got.push(item.Key!);
    })());
    expect(error.message).to.equal("one-off failure");
    expect((await iterator.next()).done).to.equal(true);
    const rest = await collect(v2(stub).items({ Bucket: BUCKET }, { parallel: 4, startingToken: (error as unknown as { resumeToken: string }).resumeToken }));
    expect([...got, ...rest.map((item) => item.Key!)]).to.deep.equal(keys);
  });
});

describe("parallel robustness: two next() at once (H2)", () => {
  it("the second rejects at once, as on a sequential run, and the first settles", async () => {
    const stub = bucketOf(range(100, (i) => `c/${pad(i)}`), { latencyMs: 2 });
    for (const parallel of [1, 4]) {
      const run = v2(stub).paginate({ Bucket: BUCKET }, { parallel, pageSize: 10 });
      const first = run.next();
      const second = await rejection(run.next());
      expect(second).to.be.instanceOf(PaginationError);
      expect(second.message, `parallel ${parallel}`).to.equal("ListObjectsV2: a page is already being fetched; await it before asking for the next");
      expect(await first).to.equal(true);
      expect(run.currentPage()!.Contents![0]!.Key).to.equal("c/00000");
    }
  });
});

describe("parallel robustness: a server that ignores EncodingType=url (H3)", () => {
  const weird = ["a b", "a+b", "a%2Bb", "a%b", "a%20b", "plain1", "plain2", "z%", "%"];

  for (const operation of ["listObjectsV2", "listObjects"] as const) {
    it(`${operation}: keys are taken as sent when the answer says no EncodingType`, async () => {
      const stub = bucketOf(weird, { ignoreEncoding: true });
      const expected = await oracle(stub, operation);
      const got = await collect(client(stub).getPaginator(operation).items({ Bucket: BUCKET }, { parallel: 4, pageSize: 2 }));
      expect(got.map((item) => item.Key)).to.deep.equal(expected);
      expect(stub.stats.inputs.filter((input) => input.MaxKeys === 2).every((input) => input.EncodingType === "url")).to.equal(true);
    });
  }

  it("ListObjectVersions: keys and markers are taken as sent when the answer says no EncodingType", async () => {
    const stub = listingStub({ ignoreEncoding: true });
    stub.putVersions(BUCKET, versionsOf(weird));
    const paginator = client(stub).getPaginator("listObjectVersions");
    const expected = listingOf(await collect(paginator.pages({ Bucket: BUCKET }, { pageSize: 2 })));
    const got = listingOf(await collect(paginator.pages({ Bucket: BUCKET }, { parallel: 4, pageSize: 2 })));
    expect(got).to.deep.equal(expected);
    expect(got.versions).to.include(identity({ Key: "a%2Bb", VersionId: "v1-2" }));
  });

  it("a malformed escape in an answer that says EncodingType=url is a PaginationError, not a URIError", async () => {
    const stub = bucketOf(range(20, (i) => `m/${pad(i)}`), {
      mapOutput: (output) => ({ ...output, Contents: ((output.Contents as { Key: string }[] | undefined) ?? []).map((item, i) => (i === 1 ? { ...item, Key: "m/%zz" } : item)) }),
    });
    const error = await rejection(collect(v2(stub).items({ Bucket: BUCKET }, { parallel: 4, pageSize: 5 })));
    expect(error).to.be.instanceOf(PaginationError);
    expect(error.message).to.match(/ListObjectsV2: the service said EncodingType=url but sent the key "m\/%zz", which is not url-encoded/);
  });

  it("a sequential ListObjects whose url-encoded marker will not decode: the same PaginationError, not a URIError", async () => {
    const stub = bucketOf(range(20, (i) => `m/${pad(i)}`), {
      mapOutput: (output) => ({ ...output, EncodingType: "url", ...(output.IsTruncated ? { NextMarker: "m/%zz" } : {}) }),
    });
    const error = await rejection(collect(client(stub).getPaginator("listObjects").items({ Bucket: BUCKET, EncodingType: "url", Delimiter: "?" }, { pageSize: 5 })));
    expect(error).to.be.instanceOf(PaginationError);
    expect(error.message).to.match(/ListObjects: the service said EncodingType=url but sent NextMarker \|\| Contents\[-1\]\.Key "m\/%zz", which is not url-encoded/);
  });
});

describe("parallel robustness: S3 Express access points fall back as directory buckets do (M1)", () => {
  for (const bucket of [
    "mine--usw2-az1--x-s3",
    "arn:aws:s3express:us-west-2:111122223333:bucket/mine--usw2-az1--x-s3",
    "point--usw2-az1--xa-s3",
    "arn:aws:s3express:us-west-2:111122223333:accesspoint/point--usw2-az1--xa-s3",
  ]) {
    it(`${bucket}: listed sequentially, onFallback told`, async () => {
      const stub = listingStub();
      stub.putKeys(bucket, range(30, (i) => `k${pad(i)}`));
      const reasons: string[] = [];
      const got = await collect(v2(stub).items({ Bucket: bucket }, { parallel: 8, pageSize: 10, onFallback: (reason) => reasons.push(reason) }));
      expect(got).to.have.length(30);
      expect(reasons).to.have.length(1);
      expect(reasons[0]).to.match(/directory bucket or an S3 Express access point.*sequentially/);
      expect(stub.stats.inputs.every((input) => input.StartAfter === undefined && input.EncodingType === undefined)).to.equal(true);
    });
  }
});

describe("parallel robustness: a server out of S3's order fails the run, never loops (M2)", () => {
  const keys = range(200, (i) => `o/${pad(i)}`);

  it("a server that reverses each page: a PaginationError saying so, no resume token, few requests", async () => {
    const stub = bucketOf(keys, { mapOutput: (output) => ({ ...output, Contents: [...((output.Contents as unknown[] | undefined) ?? [])].reverse() }) });
    const error = await rejection(collect(v2(stub).items({ Bucket: BUCKET }, { parallel: 4, pageSize: 10 })));
    expect(error).to.be.instanceOf(PaginationError);
    expect(error.message).to.match(ORDER);
    expect((error as unknown as PaginationError).resumeToken).to.equal(undefined);
    expect(stub.stats.requests).to.be.below(20);
  });

  it("a page that starts at or below the key it was asked to list after", async () => {
    for (const repeat of ["at", "below"]) {
      const stub = bucketOf(keys, {
        mapOutput: (output, _n, input) => {
          const after = input.StartAfter;
          if (typeof after !== "string" || input.MaxKeys !== 10) return output;
          const first = repeat === "at" ? after : "a";
          return { ...output, Contents: [{ Key: first }, ...((output.Contents as unknown[] | undefined) ?? [])] };
        },
      });
      const error = await rejection(collect(v2(stub).items({ Bucket: BUCKET }, { parallel: 4, pageSize: 10 })));
      expect(error.message, repeat).to.match(ORDER);
      expect(error.message, repeat).to.match(/a page asked for the keys after ".+" began its Contents with/);
    }
  });

  it("a server in locale order (fauxqs-like: ünï before v): a PaginationError, not lost keys", async () => {
    for (const count of [40, 1500]) {
      const letters = "abcdefghijklmnopqrstuvwxyz";
      const names = [...letters].flatMap((letter) => range(Math.ceil(count / 26), (i) => `${letter}${pad(i)}`));
      names.push("ünï", "ünï2");
      const server = localeServer(names);
      const error = await rejection(collect(v2(server).items({ Bucket: BUCKET }, { parallel: 4, pageSize: 20 })));
      expect(error.message, String(count)).to.match(ORDER);
      expect(server.requests, String(count)).to.be.below(200);
    }
  });

  it("ListObjectVersions: a key's entries split across the list, or keys that descend, fail the run", async () => {
    const stub = listingStub({
      mapOutput: (output) => ({ ...output, Versions: [...((output.Versions as unknown[] | undefined) ?? [])].reverse() }),
    });
    stub.putVersions(BUCKET, versionsOf(range(60, (i) => `v/${pad(i)}`)));
    const error = await rejection(collect(client(stub).getPaginator("listObjectVersions").pages({ Bucket: BUCKET }, { parallel: 4, pageSize: 6 })));
    expect(error.message).to.match(ORDER);
    expect(error.message).to.match(/Versions listed "v\/\d+" after "v\/\d+"/);
  });
});

/** A server that sorts and pages keys by locale collation, as some S3 stand-ins do. */
function localeServer(keys: readonly string[]) {
  const collator = new Intl.Collator("en");
  const sorted = [...keys].sort(collator.compare);
  const server = {
    config: { serviceId: "S3" as const },
    requests: 0,
    async send(command: { input: Record<string, unknown> }) {
      server.requests++;
      const input = command.input;
      const after = (input.StartAfter as string | undefined) ?? (input.ContinuationToken as string | undefined);
      const prefix = (input.Prefix as string | undefined) ?? "";
      const max = (input.MaxKeys as number | undefined) ?? 1000;
      const from = after === undefined ? sorted : sorted.filter((key) => collator.compare(key, after) > 0);
      const page = from.filter((key) => key.startsWith(prefix)).slice(0, max);
      const truncated = from.length > page.length;
      return {
        Contents: page.map((Key) => ({ Key })),
        KeyCount: page.length,
        IsTruncated: truncated,
        ...(truncated ? { NextContinuationToken: page[page.length - 1] } : {}),
      };
    },
  };
  return server;
}

describe("parallel robustness: a throwing or rejecting onFallback (M4)", () => {
  const bucket = "mine--usw2-az1--x-s3";
  const failing = new Error("onFallback failed");

  for (const [name, onFallback] of [
    ["throws", () => {
      throw failing;
    }],
    ["rejects", () => Promise.reject(failing)],
  ] as const) {
    it(`an onFallback that ${name}: paginate() returns, the first read fails with its error, nothing is unhandled`, async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on("unhandledRejection", onUnhandled);
      try {
        const stub = listingStub();
        stub.putKeys(bucket, range(10, (i) => `k${i}`));
        const run = v2(stub).paginate({ Bucket: bucket }, { parallel: 4, onFallback });
        await new Promise((resolve) => setTimeout(resolve, 10));
        const error = await rejection(run.next());
        expect(error).to.equal(failing);
        expect(stub.stats.requests).to.equal(0);
        expect(await rejection(collect(run.items()))).to.equal(failing);
        expect(unhandled).to.deep.equal([]);
      } finally {
        process.off("unhandledRejection", onUnhandled);
      }
    });
  }

  it("an async onFallback that resolves: the run lists after it", async () => {
    const stub = listingStub();
    stub.putKeys(bucket, range(10, (i) => `k${i}`));
    const told: string[] = [];
    const got = await collect(v2(stub).items({ Bucket: bucket }, { parallel: 4, onFallback: async (reason) => void told.push(reason) }));
    expect(got).to.have.length(10);
    expect(told).to.have.length(1);
  });
});

describe("parallel robustness: null answers and null entries (M5)", () => {
  const keys = range(120, (i) => `n/${pad(i)}`);

  for (const answer of [null, undefined, "hello"]) {
    it(`a client that answers ${String(answer)}: a PageRequestError with a resume token, as sequentially`, async () => {
      const stub = bucketOf(keys, { mapOutput: (output, n) => (n === 3 ? answer : output) });
      const got: string[] = [];
      const error = await rejection((async () => {
        for await (const item of v2(stub).items({ Bucket: BUCKET }, { parallel: 4, pageSize: 10 })) got.push(item.Key!);
      })());
      expect(error).to.be.instanceOf(PageRequestError);
      expect(error.message).to.equal(`ListObjectsV2: the client returned ${String(answer)} instead of an output object`);
      const { resumeToken } = error as unknown as PaginationError;
      expect(resumeToken).to.be.a("string");
      const rest = await collect(v2(stub).items({ Bucket: BUCKET }, { parallel: 4, startingToken: resumeToken! }));
      expect([...got, ...rest.map((item) => item.Key!)]).to.deep.equal(keys);
    });
  }

  it("a null entry in Contents: in parallel a PaginationError naming the list and the entry (a range needs each key); sequentially the entry as the service sent it", async () => {
    const stub = bucketOf(keys, { mapOutput: (output) => ({ ...output, Contents: [null, ...((output.Contents as unknown[] | undefined) ?? [])] }) });
    const error = await rejection(collect(v2(stub).items({ Bucket: BUCKET }, { parallel: 4, pageSize: 10 })));
    expect(error).to.be.instanceOf(PaginationError);
    expect(error.message).to.match(/^ListObjectsV2: the page's Contents holds null at index 0, not an item/);
    // Smithy's sparse lists may hold nulls: a sequential run, which needs no key, passes them on.
    const items = await collect(v2(stub).items({ Bucket: BUCKET }, { pageSize: 10 }));
    expect(items.filter((item) => item === null)).to.have.length(Math.ceil(keys.length / 10));
    expect(items.filter((item) => item !== null).map((item) => item.Key)).to.deep.equal(keys);
  });
});

describe("parallel robustness: maxItems at a large parallel (L1)", () => {
  const keys = range(5000, (i) => `x/${pad(i)}`);

  for (const parallel of [16, 256]) {
    it(`maxItems: 1 at parallel ${parallel} costs a handful of requests, and its token resumes exactly`, async () => {
      const stub = bucketOf(keys);
      const run = v2(stub).items({ Bucket: BUCKET }, { parallel, maxItems: 1 });
      const got = (await collect(run)).map((item) => item.Key!);
      expect(got).to.deep.equal(["x/00000"]);
      expect(stub.stats.requests).to.be.at.most(6);
      const rest = await collect(v2(stub).items({ Bucket: BUCKET }, { parallel, startingToken: run.resumeToken! }));
      expect([...got, ...rest.map((item) => item.Key!)]).to.deep.equal(keys);
    });
  }

  it("maxItems of a few pages at parallel 64 lists only the ranges it needs", async () => {
    const stub = bucketOf(keys);
    const got = await collect(v2(stub).items({ Bucket: BUCKET }, { parallel: 64, pageSize: 100, maxItems: 250 }));
    expect(got.map((item) => item.Key)).to.deep.equal(keys.slice(0, 250));
    expect(stub.stats.maxInFlight).to.be.at.most(5);
  });

  // A second hostile pass: the ranges past the cut went on fetching pages no one would read.
  const many = range(60_000, (i) => `m/${pad(i, 6)}`);
  for (const [ordered, maxItems, pageSize, parallel] of [
    [true, 5_000, 1000, 16],
    [true, 20_000, 1000, 16],
    [false, 20_000, 1000, 16],
    [true, 3_000, 50, 16],
    [false, 3_000, 50, 16],
  ] as const) {
    it(`maxItems ${maxItems} at page size ${pageSize}, parallel ${parallel}${ordered ? "" : ", unordered"}: about as many requests as a sequential run, exact`, async () => {
      const stub = bucketOf(many);
      const run = v2(stub).items({ Bucket: BUCKET }, { parallel, ordered, maxItems, pageSize });
      const got = (await collect(run)).map((item) => item.Key!);
      expect(got).to.have.length(maxItems);
      if (ordered) expect(got).to.deep.equal(many.slice(0, maxItems));
      const sequential = Math.ceil(maxItems / pageSize);
      expect(stub.stats.requests, "LIST requests").to.be.at.most(Math.ceil(1.25 * sequential) + 2 * parallel + 4);
      const rest = await collect(v2(stub).items({ Bucket: BUCKET }, { parallel: 4, ordered, startingToken: run.resumeToken! }));
      expect([...got, ...rest.map((item) => item.Key!)].sort()).to.deep.equal(many);
    });
  }
});

describe("parallel robustness: what a bad parallel says (L4)", () => {
  it("NaN and Infinity are named as such", () => {
    const stub = bucketOf([]);
    expect(() => v2(stub).paginate({ Bucket: BUCKET }, { parallel: Number.NaN })).to.throw(InvalidConfigError, /and it is NaN$/);
    expect(() => v2(stub).paginate({ Bucket: BUCKET }, { parallel: Number.POSITIVE_INFINITY })).to.throw(InvalidConfigError, /and it is Infinity$/);
  });
});

describe("parallel robustness: a search() expression failing on a page", () => {
  it("carries the token of that page, which resumes the search there with nothing lost", async () => {
    const { useJMESPath } = await import("../../lib/jmespath-search.js");
    const jmespath = (await import("jmespath")).default;
    const stub = bucketOf(range(3_000, (i) => `s/${pad(i)}`));
    const all = await oracle(stub);
    let calls = 0;
    useJMESPath({ search: (data: unknown, expression: string) => { if (calls++ === 1) throw new Error("boom"); return jmespath.search(data as never, expression); } });
    try {
      const seen: unknown[] = [];
      const iterator = v2(stub).paginate({ Bucket: BUCKET }, { parallel: 4, pageSize: 500 }).search("Contents[].Key");
      const error = await rejection((async () => { for await (const key of iterator) seen.push(key); })());
      expect(error).to.be.instanceOf(InvalidConfigError).and.match(/failed on a page: boom/);
      const token = (error as InvalidConfigError).resumeToken;
      expect(token).to.be.a("string");
      const rest = await collect(v2(stub).paginate({ Bucket: BUCKET }, { parallel: 2, startingToken: token! }).search("Contents[].Key"));
      expect([...seen, ...rest]).to.deep.equal(all);
    } finally {
      useJMESPath(jmespath);
    }
  });
});
