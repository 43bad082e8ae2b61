/**
 * Parallel ListObjectVersions against a sequential listing of the same bucket as the oracle: both
 * lists (Versions, DeleteMarkers) exactly, each key's entries in S3's order, ranges split only
 * between keys, on the hard key sets, a key with more versions than pages hold, every way of
 * reading, resumes at any point, url encoding, errors and aborts.
 */
import type { ListObjectVersionsCommandOutput, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { InvalidConfigError, InvalidStartingTokenError, withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import { compareKeys } from "../../lib/parallel/key-order.js";
import { decodeParallelToken, encodeParallelToken } from "../../lib/parallel/parallel-token.js";
import { decodeS3Url } from "../../lib/url-decoding.js";
import { KEY_SETS, pad, range } from "../support/parallel-key-sets.js";
import { failureSpecs } from "../support/parallel-failure-specs.js";
import { listingStub, type ListingStubOptions } from "../support/s3-listing-stub.js";
import { collect } from "../support/stub-client.js";
import { identity, listingOf, manyVersionsOf, versionsOf, type VersionListing } from "../support/version-sets.js";
import type { VersionSeed } from "../../emulator/index.js";

type Stub = ReturnType<typeof listingStub>;
const BUCKET = "versions-spec";

function bucketOf(entries: readonly VersionSeed[], options: ListingStubOptions = {}): Stub {
  const stub = listingStub(options);
  stub.putVersions(BUCKET, entries);
  return stub;
}

const paginator = (stub: Stub) => withPaginators(stub as unknown as S3Client).getPaginator("listObjectVersions");

async function oracle(stub: Stub, input: Record<string, unknown> = {}): Promise<VersionListing> {
  return listingOf(await collect(paginator(stub).pages({ Bucket: BUCKET, ...input }, { pageSize: 7 })));
}

async function parallelListing(stub: Stub, config: Record<string, unknown> = {}, input: Record<string, unknown> = {}): Promise<VersionListing> {
  return listingOf(await collect(paginator(stub).pages({ Bucket: BUCKET, ...input }, { parallel: 4, pageSize: 5, ...config })));
}

const sorted = (listing: VersionListing): VersionListing => ({ versions: [...listing.versions].sort(), markers: [...listing.markers].sort() });

describe("parallel ListObjectVersions: both lists exactly, against a sequential listing", () => {
  for (const [name, keys] of Object.entries(KEY_SETS)) {
    it(`${name}: ordered, each key's versions and delete markers in S3's order`, async () => {
      const stub = bucketOf(versionsOf(keys));
      const expected = await oracle(stub);
      expect(expected.versions.length + expected.markers.length).to.equal(versionsOf(keys).length);
      expect(await parallelListing(stub)).to.deep.equal(expected);
    });
    it(`${name}: unordered, each once`, async () => {
      const stub = bucketOf(versionsOf(keys));
      expect(sorted(await parallelListing(stub, { ordered: false }))).to.deep.equal(sorted(await oracle(stub)));
    });
  }

  it("a key with 2,500 versions is listed whole by one range, its pages chained by VersionIdMarker", async () => {
    const entries = [...versionsOf(range(40, (i) => `a/${pad(i)}`)), ...manyVersionsOf("m/big", 2500), ...versionsOf(range(40, (i) => `z/${pad(i)}`))];
    for (const pageSize of [1000, 97]) {
      const stub = bucketOf(entries);
      const expected = await oracle(stub);
      expect(await parallelListing(stub, { parallel: 8, pageSize })).to.deep.equal(expected);
      // Every request inside the big key goes on from a version of it; none starts inside it otherwise.
      const inside = stub.stats.inputs.filter((input) => input.KeyMarker === "m/big");
      expect(inside.length).to.be.at.least(Math.floor(2500 / pageSize));
      expect(inside.every((input) => typeof input.VersionIdMarker === "string")).to.equal(true);
      expect(sorted(await parallelListing(stub, { parallel: 8, pageSize, ordered: false }))).to.deep.equal(sorted(expected));
    }
  });

  it("delete markers only, and versions only, list as sequentially", async () => {
    const markers = range(30, (i) => ({ key: `d/${pad(i)}`, versionId: `x${i}`, deleteMarker: true }));
    const plain = range(30, (i) => ({ key: `v/${pad(i)}`, versionId: `y${i}` }));
    for (const entries of [markers, plain, [...markers, ...plain]]) {
      const stub = bucketOf(entries);
      expect(await parallelListing(stub)).to.deep.equal(await oracle(stub));
    }
  });

  it("an empty bucket yields one empty page, as a sequential run does", async () => {
    const stub = bucketOf([]);
    const pages = await collect(paginator(stub).pages({ Bucket: BUCKET }, { parallel: 8 }));
    expect(pages).to.have.length(1);
    expect(pages[0]!.Versions).to.equal(undefined);
    expect(pages[0]!.DeleteMarkers).to.equal(undefined);
  });

  it("items() yields Versions, items(\"DeleteMarkers\") the delete markers, buildFullResult() both", async () => {
    const stub = bucketOf(versionsOf(range(200, (i) => `k/${pad(i)}`)));
    const expected = await oracle(stub);
    const config = { parallel: 5, pageSize: 6 };
    expect((await collect(paginator(stub).items({ Bucket: BUCKET }, config))).map(identity)).to.deep.equal(expected.versions);
    expect((await collect(paginator(stub).paginate({ Bucket: BUCKET }, config).items("DeleteMarkers"))).map(identity)).to.deep.equal(expected.markers);
    expect(await collect(paginator(stub).paginate({ Bucket: BUCKET }, config).items("CommonPrefixes"))).to.deep.equal([]);
    const full = await paginator(stub).paginate({ Bucket: BUCKET }, config).buildFullResult();
    expect(listingOf([full as ListObjectVersionsCommandOutput])).to.deep.equal(expected);
  });

  it("pages carry no token of the service's chain, and the caller's KeyMarker is where the listing starts", async () => {
    const keys = range(60, (i) => `s/${pad(i)}`);
    const stub = bucketOf(versionsOf(keys));
    const pages = await collect(paginator(stub).pages({ Bucket: BUCKET, KeyMarker: "s/00020" }, { parallel: 3, pageSize: 4 }));
    for (const page of pages) {
      expect(page).not.to.have.any.keys("NextKeyMarker", "NextVersionIdMarker", "VersionIdMarker", "EncodingType");
      expect(page.KeyMarker).to.equal("s/00020");
    }
    expect(listingOf(pages)).to.deep.equal(await oracle(stub, { KeyMarker: "s/00020" }));
    expect(listingOf(pages).versions[0]!.startsWith("s/00021\u0000")).to.equal(true);
  });

  it("EncodingType=url: keys come back decoded, or encoded as S3 sent them when the caller asked for it", async () => {
    const keys = KEY_SETS["space, +, %, a literal %2B"]!.concat(KEY_SETS["control characters 0x01-0x1F, DEL and C1"]!);
    const stub = bucketOf(versionsOf(keys));
    expect(await parallelListing(stub)).to.deep.equal(await oracle(stub));
    // A sequential run with EncodingType=url sends the encoded NextKeyMarker back as KeyMarker, which
    // names another key (the emulator then refuses its version id, as S3 does): so the encoded
    // listing is checked against the decoded one, decoded.
    const before = stub.stats.requests;
    const encoded = await parallelListing(stub, {}, { EncodingType: "url" });
    expect(stub.stats.inputs.slice(before).every((input) => input.EncodingType === "url")).to.equal(true);
    const decode = (id: string) => {
      const [key, version] = id.split("\u0000");
      return `${decodeS3Url(key!)}\u0000${version}`;
    };
    expect({ versions: encoded.versions.map(decode), markers: encoded.markers.map(decode) }).to.deep.equal(await oracle(stub));
    expect(encoded.versions.filter((id) => decode(id) !== id).length, "Versions keys left encoded").to.be.above(40);
    expect(encoded.markers.filter((id) => decode(id) !== id).length, "DeleteMarkers keys left encoded").to.be.above(10);
  });

  it("a Prefix: ranges live inside it", async () => {
    const keys = [...range(50, (i) => `in/${pad(i)}`), "in", "in/", "in0", "im/z", "io", ...range(20, (i) => `out/${i}`)];
    const stub = bucketOf(versionsOf(keys));
    expect(await parallelListing(stub, {}, { Prefix: "in/" })).to.deep.equal(await oracle(stub, { Prefix: "in/" }));
  });
});

describe("parallel ListObjectVersions: resume tokens", () => {
  const entries = [...versionsOf(range(300, (i) => `r/${pad(i)}`)), ...manyVersionsOf("r/00150x", 120)];
  let random = 11;
  const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  /** One kill-and-resume chain of one reader: its list read in pieces equals the oracle's. */
  async function chain(stub: Stub, read: (startingToken: string | undefined, parallel: number, pageSize: number, take: number, got: string[]) => Promise<string | undefined>): Promise<string[]> {
    const got: string[] = [];
    let token: string | undefined;
    let first = true;
    for (let kill = 0; kill < 100 && (first || token !== undefined); kill++) {
      first = false;
      token = await read(token, 2 + Math.floor(next() * 5), 3 + Math.floor(next() * 9), Math.floor(next() * 12), got);
    }
    if (token !== undefined) await read(token, 3, 1000, Number.POSITIVE_INFINITY, got);
    return got;
  }

  function itemsReader(stub: Stub, resultKey: "Versions" | "DeleteMarkers") {
    return async (startingToken: string | undefined, parallel: number, pageSize: number, take: number, got: string[]) => {
      const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel, pageSize, ...(startingToken ? { startingToken } : {}) }).items(resultKey);
      let taken = 0;
      if (take > 0) {
        for await (const item of run) {
          got.push(identity(item));
          if (++taken >= take) break;
        }
      }
      return run.resumeToken;
    };
  }

  it("random kill-and-resume at 100 points, reading items(): exactly the Versions", async () => {
    const stub = bucketOf(entries);
    expect(await chain(stub, itemsReader(stub, "Versions"))).to.deep.equal((await oracle(stub)).versions);
  });

  it("random kill-and-resume at 100 points, reading items(\"DeleteMarkers\"): exactly the delete markers", async () => {
    const stub = bucketOf(entries);
    expect(await chain(stub, itemsReader(stub, "DeleteMarkers"))).to.deep.equal((await oracle(stub)).markers);
  });

  it("random kill-and-resume at 100 points, reading pages: both lists exactly", async () => {
    const stub = bucketOf(entries);
    const got: VersionListing = { versions: [], markers: [] };
    const pagesReader = async (startingToken: string | undefined, parallel: number, pageSize: number, take: number) => {
      const run = paginator(stub).pages({ Bucket: BUCKET }, { parallel, pageSize, ...(startingToken ? { startingToken } : {}) });
      let taken = 0;
      if (take > 0) {
        for await (const page of run) {
          const listed = listingOf([page]);
          got.versions.push(...listed.versions);
          got.markers.push(...listed.markers);
          if (++taken >= Math.ceil(take / 4)) break;
        }
      }
      return run.resumeToken;
    };
    await chain(stub, pagesReader);
    expect(got).to.deep.equal(await oracle(stub));
  });

  it("search() over DeleteMarkers, killed and resumed: each delete marker once (its results count against DeleteMarkers)", async () => {
    const stub = bucketOf(entries);
    const got: unknown[] = [];
    let token: string | undefined;
    for (let kill = 0; kill < 200; kill++) {
      const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 3, pageSize: 6, ...(token ? { startingToken: token } : {}) }).search("DeleteMarkers[].VersionId");
      let taken = 0;
      for await (const result of run) {
        got.push(result);
        if (++taken === 5) break;
      }
      token = run.resumeToken;
      if (token === undefined) break;
    }
    expect(token).to.equal(undefined);
    // A page with no delete markers has a null result, as sequentially; version ids are unique here.
    expect(got.filter((result) => result !== null)).to.deep.equal((await oracle(stub)).markers.map((id) => id.split("\u0000")[1]));
  });

  it("maxItems cuts the Versions exactly, the page's delete markers whole (as sequentially), and the token resumes exactly the rest", async () => {
    const stub = bucketOf(entries);
    const expected = await oracle(stub);
    for (const maxItems of [1, 123, 401]) {
      const full = await paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 4, pageSize: 10, maxItems }).buildFullResult();
      const first = listingOf([full as ListObjectVersionsCommandOutput]);
      expect(first.versions).to.deep.equal(expected.versions.slice(0, maxItems));
      const rest = listingOf(await collect(paginator(stub).pages({ Bucket: BUCKET }, { parallel: 4, pageSize: 7, startingToken: full.NextToken! })));
      expect({ versions: [...first.versions, ...rest.versions], markers: [...first.markers, ...rest.markers] }).to.deep.equal(expected);
    }
  });

  it("unordered: killed and resumed, every entry exactly once", async () => {
    const stub = bucketOf(entries);
    const got: string[] = [];
    let token: string | undefined;
    for (let kill = 0; kill < 300; kill++) {
      const run = paginator(stub).items({ Bucket: BUCKET }, { parallel: 5, pageSize: 7, ordered: false, ...(token ? { startingToken: token } : {}) });
      let taken = 0;
      for await (const item of run) {
        got.push(identity(item));
        if (++taken === 13) break;
      }
      token = run.resumeToken;
      if (token === undefined) break;
    }
    expect(token).to.equal(undefined);
    expect([...got].sort()).to.deep.equal([...(await oracle(stub)).versions].sort());
  });

  it("keys equal to split points belong to the range below, all of their versions", async () => {
    const stub = bucketOf(entries);
    const token = encodeParallelToken("ListObjectVersions", [
      { lo: null, cursor: null, hi: "r/00100", version: null, skips: [0, 0] },
      { lo: "r/00100", cursor: null, hi: "r/00150x", version: null, skips: [0, 0] },
      { lo: "r/00150x", cursor: null, hi: "r/00151", version: null, skips: [0, 0] },
      { lo: "r/00151", cursor: null, hi: null, version: null, skips: [0, 0] },
    ]);
    for (const ordered of [true, false]) {
      const got = await parallelListing(stub, { startingToken: token, ordered });
      expect(ordered ? got : sorted(got)).to.deep.equal(ordered ? await oracle(stub) : sorted(await oracle(stub)));
    }
  });

  it("a resumed range is not split before the items its token skips are dropped (they may lie above any pivot)", async () => {
    const stub = bucketOf([{ key: "a", versionId: "2" }, { key: "a", versionId: "1" }, { key: "b", versionId: "1" }]);
    const token = encodeParallelToken("ListObjectVersions", [{ lo: null, cursor: null, hi: null, version: null, skips: [1, 0] }]);
    for (const parallel of [2, 8]) {
      const got = await collect(paginator(stub).items({ Bucket: BUCKET }, { parallel, startingToken: token }));
      expect(got.map(identity), `parallel ${parallel}`).to.deep.equal(["a\u00001", "b\u00001"]);
    }
  });

  it("the token is URL-safe, holds a version and two counts per range, and is refused by the other operations", async () => {
    const stub = bucketOf(entries);
    const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 16, pageSize: 5 }).items();
    let n = 0;
    for await (const _ of run) if (++n === 50) break;
    const token = run.resumeToken!;
    expect(token).to.match(/^[A-Za-z0-9_-]+$/);
    const ranges = decodeParallelToken("ListObjectVersions", token);
    expect(ranges[0]!.skips).to.have.length(2);
    expect(token.length).to.be.below(16 * 4 * 30);
    const objects = withPaginators(stub as unknown as S3Client).getPaginator("listObjectsV2");
    expect(() => objects.paginate({ Bucket: BUCKET }, { parallel: 2, startingToken: token })).to.throw(InvalidStartingTokenError, /issued for ListObjectVersions/);
    expect(() => paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 2, startingToken: encodeParallelToken("ListObjectsV2", [{ lo: null, cursor: null, hi: null }]) })).to.throw(InvalidStartingTokenError);
  });
});

describe("parallel ListObjectVersions: configuration, failures, aborts", () => {
  const entries = versionsOf(range(200, (i) => `f/${pad(i)}`));

  it("refuses a VersionIdMarker and a Delimiter, saying what to pass instead", () => {
    const stub = bucketOf(entries);
    expect(() => paginator(stub).paginate({ Bucket: BUCKET, KeyMarker: "a", VersionIdMarker: "v" }, { parallel: 2 })).to.throw(InvalidConfigError, /VersionIdMarker cannot be used with parallel: .*pass KeyMarker alone/);
    expect(() => paginator(stub).paginate({ Bucket: BUCKET, Delimiter: "/" }, { parallel: 2 })).to.throw(InvalidConfigError, /Delimiter cannot be used with parallel/);
  });

  it("retries throttled requests with backoff: nothing lost or duplicated", async () => {
    const stub = bucketOf(entries, { slowDownRate: 0.3, seed: 5 });
    expect(await parallelListing(stub, { parallel: 6, pageSize: 10 })).to.deep.equal(await oracle(bucketOf(entries)));
    expect(stub.stats.faults).to.be.above(0);
  });

  failureSpecs({
    operation: "ListObjectVersions",
    stub: (options) => bucketOf(entries, options),
    items: (stub, config) => paginator(stub).items({ Bucket: BUCKET }, config),
    identity: (item) => identity(item as { Key: string; VersionId: string }),
    expected: async (stub) => (await oracle(stub)).versions,
  });

  it("sends every request through the limiter; Go style next() reads the same listing", async () => {
    const stub = bucketOf(entries);
    let through = 0;
    const limiter = <T>(task: () => Promise<T>) => {
      through++;
      return task();
    };
    const expected = await oracle(stub);
    const before = stub.stats.requests;
    expect(await parallelListing(stub, { limiter })).to.deep.equal(expected);
    expect(through).to.equal(stub.stats.requests - before);
    const run = paginator(stub).paginate({ Bucket: BUCKET }, { parallel: 3, pageSize: 25 });
    const pages: ListObjectVersionsCommandOutput[] = [];
    while (await run.next()) pages.push(run.currentPage()!);
    expect(listingOf(pages)).to.deep.equal(expected);
    expect(run.resumeToken).to.equal(undefined);
  });

  it("lists keys in UTF-8 byte order across ranges", async () => {
    const keys = KEY_SETS["U+E000-U+FFFF beside characters above U+FFFF"]!;
    const stub = bucketOf(versionsOf(keys));
    const listed = (await parallelListing(stub)).versions.map((id) => id.split("\u0000")[0]!);
    expect(listed).to.deep.equal([...listed].sort(compareKeys));
  });
});
