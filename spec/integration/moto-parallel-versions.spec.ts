/**
 * Parallel ListObjectVersions through the real @aws-sdk/client-s3 on a versioned bucket, with a
 * key whose versions span many pages, delete markers among versions, and keys S3 must url-encode:
 * - against the emulator over loopback HTTP (S3's marker semantics): both lists exactly as a
 *   sequential listing has them, ordered, unordered and resumed;
 * - against moto on 127.0.0.1, whose answers to a parallel run's requests differ from S3's in
 *   ways that lose entries: recorded, with what a parallel run returns there; its answers ignore
 *   EncodingType=url (and say so by leaving it out), so their keys are taken as sent.
 */
import { CreateBucketCommand, DeleteObjectCommand, ListObjectVersionsCommand, PutBucketVersioningCommand, PutObjectCommand, type DeleteMarkerEntry, type ObjectVersion } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import { compareKeys } from "../../lib/parallel/key-order.js";
import { drain, inParallel, numbered, s3At } from "../support/emulator-clients.js";
import { beforeMoto, stopMoto } from "../support/moto.js";
import { useEmulator } from "../support/use-emulator.js";

after(stopMoto);

const Bucket = "parallel-versions";
const keys = [...numbered(40, "flat/k", 3), "odd/a b", "odd/\ue000", "odd/\u{1f600}", "odd/tab\there"].sort(compareKeys);
/** Keys whose url encoding is not themselves: moto leaves them unencoded (below). */
const encoded = ["odd/a+b", "odd/a%2Bb", "odd/100%"].sort(compareKeys);
/** A key with more versions than several pages hold. */
const BIG = "many/versions";

const id = (entry: { Key?: string; VersionId?: string }) => `${entry.Key}@${entry.VersionId}`;
const keyOf = (entry: string) => entry.slice(0, entry.lastIndexOf("@"));
const listingOf = (pages: { Versions?: ObjectVersion[]; DeleteMarkers?: DeleteMarkerEntry[] }[]) => ({
  versions: pages.flatMap((page) => (page.Versions ?? []).map(id)),
  markers: pages.flatMap((page) => (page.DeleteMarkers ?? []).map(id)),
});

describe("integration: parallel ListObjectVersions through the SDK over loopback HTTP", function () {
  this.timeout(60_000);
  const emulator = useEmulator();
  const paginator = () => withPaginators(emulator.s3).getPaginator("listObjectVersions");

  before(() => {
    const all = [...keys, ...encoded].sort(compareKeys);
    emulator.server.putVersions(Bucket, [
      ...all.flatMap((key, i) => [
        ...(i % 4 === 1 ? [{ key, versionId: `dm-${i}`, deleteMarker: true }] : []),
        ...Array.from({ length: 1 + (i % 3) }, (_, v) => ({ key, versionId: `v${3 - v}-${i}` })),
      ]),
      ...Array.from({ length: 250 }, (_, v) => ({ key: BIG, versionId: `big-${String(250 - v).padStart(3, "0")}`, ...(v % 9 === 4 ? { deleteMarker: true } : {}) })),
    ]);
  });

  it("both lists exactly as a sequential run has them, ordered, unordered and resumed from a cut", async () => {
    const sequential = listingOf(await drain(paginator().paginate({ Bucket }, { pageSize: 10 })));
    expect(sequential.versions.length + sequential.markers.length).to.be.above(250 + keys.length);
    expect(listingOf(await drain(paginator().paginate({ Bucket }, { parallel: 4, pageSize: 10 })))).to.deep.equal(sequential);
    const unordered = listingOf(await drain(paginator().paginate({ Bucket }, { parallel: 6, pageSize: 8, ordered: false })));
    expect([...unordered.versions].sort()).to.deep.equal([...sequential.versions].sort());
    expect([...unordered.markers].sort()).to.deep.equal([...sequential.markers].sort());
    const head = paginator().paginate({ Bucket }, { parallel: 3, pageSize: 7, maxItems: 50 });
    const first = listingOf(await drain(head));
    const rest = listingOf(await drain(paginator().paginate({ Bucket }, { parallel: 5, pageSize: 9, startingToken: head.resumeToken! })));
    expect({ versions: [...first.versions, ...rest.versions], markers: [...first.markers, ...rest.markers] }).to.deep.equal(sequential);
  });

  it("every request asks for EncodingType=url; the big key is paged by VersionIdMarker inside one range", async () => {
    emulator.server.resetStats();
    await drain(paginator().paginate({ Bucket }, { parallel: 4, pageSize: 20 }));
    const requests = emulator.server.stats.log.filter((r) => r.operation === "ListObjectVersions");
    expect(requests.every((r) => r.params["encoding-type"] === "url")).to.equal(true);
    const inBig = requests.filter((r) => r.params["key-marker"] === BIG);
    expect(inBig.length).to.be.at.least(Math.floor(250 / 20) - 1);
    expect(inBig.every((r) => r.params["version-id-marker"] !== undefined)).to.equal(true);
  });
});

describe("integration: moto S3 parallel ListObjectVersions (deviations)", function () {
  this.timeout(90_000);
  let client: ReturnType<typeof s3At>;
  const BIG_VERSIONS = 45;

  beforeMoto(async (moto) => {
    client = s3At(moto.endpoint);
    const { s3 } = client;
    for (const name of [Bucket, `${Bucket}-encoded`]) {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: "Enabled" } }));
    }
    await inParallel(encoded, 3, (Key) => s3.send(new PutObjectCommand({ Bucket: `${Bucket}-encoded`, Key, Body: "x" })));
    await inParallel(keys, 6, async (Key, i) => {
      for (let v = 0; v <= i % 3; v++) await s3.send(new PutObjectCommand({ Bucket, Key, Body: `v${v}` }));
      // A delete marker newest on some keys, between versions on others.
      if (i % 4 === 1) await s3.send(new DeleteObjectCommand({ Bucket, Key }));
      if (i % 4 === 2) {
        await s3.send(new DeleteObjectCommand({ Bucket, Key }));
        await s3.send(new PutObjectCommand({ Bucket, Key, Body: "after" }));
      }
    });
    for (let v = 0; v < BIG_VERSIONS; v++) {
      await (v % 9 === 4 ? s3.send(new DeleteObjectCommand({ Bucket, Key: BIG })) : s3.send(new PutObjectCommand({ Bucket, Key: BIG, Body: `v${v}` })));
    }
  });

  it("DEVIATION: a parallel run loses entries on moto (its KeyMarker alone drops one entry, below); what it returns is the sequential listing's, in order, none twice", async () => {
    const { s3, requests } = client;
    const versions = s3.getPaginator("listObjectVersions");
    const sequential = listingOf(await drain(versions.paginate({ Bucket }, { pageSize: 10 })));
    expect(sequential.versions.length + sequential.markers.length).to.be.above(keys.length + BIG_VERSIONS);
    requests.start(400);
    const parallel = listingOf(await drain(versions.paginate({ Bucket }, { parallel: 4, pageSize: 10 })));
    expect(requests.log.every(({ input }) => input.EncodingType === "url")).to.equal(true);
    expect(requests.log.some(({ input }) => input.KeyMarker === BIG && typeof input.VersionIdMarker === "string"), "the big key paged by version markers").to.equal(true);
    const rangeStarts = requests.log.filter(({ input }) => typeof input.KeyMarker === "string" && input.VersionIdMarker === undefined).length;
    for (const list of ["versions", "markers"] as const) {
      const got = parallel[list];
      expect(new Set(got).size, `${list}: none twice`).to.equal(got.length);
      const positions = got.map((entry) => sequential[list].indexOf(entry));
      expect(positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1]!)), `${list}: the sequential listing's, in order`).to.equal(true);
    }
    const lost = sequential.versions.length + sequential.markers.length - parallel.versions.length - parallel.markers.length;
    expect(lost, "lost: at most one entry per range started by KeyMarker alone").to.be.within(1, rangeStarts);
  });

  it("DEVIATION: KeyMarker alone starts after the first entry at or above it (S3: at the first key above it); with VersionIdMarker, as S3", async () => {
    const { s3 } = client;
    const all = listingOf([await s3.send(new ListObjectVersionsCommand({ Bucket }))]);
    // A marker that is a key: its newest entry is left out, its older ones are listed.
    const atKey = listingOf([await s3.send(new ListObjectVersionsCommand({ Bucket, KeyMarker: "flat/k010" }))]);
    expect(atKey.versions).to.deep.equal(all.versions.filter((entry) => compareKeys(keyOf(entry), "flat/k010") >= 0).slice(1));
    expect(keyOf(atKey.versions[0]!)).to.equal("flat/k010");
    // A marker between keys: the first entry above it is left out.
    const between = listingOf([await s3.send(new ListObjectVersionsCommand({ Bucket, KeyMarker: "flat/k010x" }))]);
    expect(between.versions).to.deep.equal(all.versions.filter((entry) => compareKeys(keyOf(entry), "flat/k010x") > 0).slice(1));
    // With a version marker it goes on after that version, as S3 does.
    const big = all.versions.filter((entry) => keyOf(entry) === BIG);
    const within = listingOf([await s3.send(new ListObjectVersionsCommand({ Bucket, KeyMarker: BIG, VersionIdMarker: big[3]!.split("@")[1]!, MaxKeys: 5 }))]);
    expect(within.versions[0]).to.equal(big[4]);
  });

  it("a parallel run decodes only an answer that says EncodingType=url: moto's unencoded keys with + and % list as sequentially", async () => {
    const versions = client.s3.getPaginator("listObjectVersions");
    const sequential = listingOf(await drain(versions.paginate({ Bucket: `${Bucket}-encoded` }, { pageSize: 2 })));
    expect(sequential.versions.map(keyOf)).to.deep.equal(encoded);
    // Within the prefix the listing is flat: one answer, no KeyMarker, whose deviation (above) would lose an entry.
    expect(listingOf(await drain(versions.paginate({ Bucket: `${Bucket}-encoded`, Prefix: "odd/" }, { parallel: 4, pageSize: 10 })))).to.deep.equal(sequential);
    // Paged, a range started by KeyMarker alone may lose an entry on moto; none is renamed.
    for (const pageSize of [1, 2]) {
      const got = listingOf(await drain(versions.paginate({ Bucket: `${Bucket}-encoded` }, { parallel: 4, pageSize }))).versions;
      expect(got.every((entry) => sequential.versions.includes(entry)), `pageSize ${pageSize}: ${got.join(", ")}`).to.equal(true);
    }
  });

  it("DEVIATION: EncodingType=url leaves Key and NextKeyMarker unencoded (S3 encodes them), so a key with + or % reads as another once decoded", async () => {
    const { s3 } = client;
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: `${Bucket}-encoded`, EncodingType: "url", MaxKeys: 2 }));
    expect((page.Versions ?? []).map((entry) => entry.Key)).to.deep.equal(encoded.slice(0, 2));
    expect(page.NextKeyMarker).to.equal(encoded[1]);
    const spaced = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: "odd/a", EncodingType: "url" }));
    expect((spaced.Versions ?? []).map((entry) => entry.Key)).to.include("odd/a b");
  });
});
