import { expect } from "chai";
import { ListObjectVersionsCommand, type ListObjectVersionsCommandOutput } from "@aws-sdk/client-s3";
import { rejection } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

/** Each key's versions newest first; delete markers among them. */
const SEED = [
  { key: "alpha", versionId: "a3" },
  { key: "alpha", versionId: "a2", deleteMarker: true },
  { key: "alpha", versionId: "a1" },
  { key: "beta", versionId: "b1" },
  { key: "dir/x", versionId: "x2", deleteMarker: true },
  { key: "dir/x", versionId: "x1" },
  { key: "dir/y", versionId: "y1" },
  { key: "gamma", versionId: "g2", deleteMarker: true },
  { key: "gamma", versionId: "g1" },
];
const ORDER = SEED.map((v) => `${v.key}@${v.versionId}`);

/** A page's versions and delete markers, back in listing order (the SDK splits them in two lists). */
function entriesOf(page: ListObjectVersionsCommandOutput): string[] {
  const all = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => `${v.Key}@${v.VersionId}`);
  return all.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

describe("loopback S3 ListObjectVersions", () => {
  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    // Seeded out of key order, in two calls: the server sorts keys and keeps each key's order.
    emulator.server.putVersions("versioned", SEED.slice(4));
    emulator.server.putVersions("versioned", SEED.slice(0, 4));
  });

  async function walk(maxKeys: number, extra: { Delimiter?: string; Prefix?: string } = {}) {
    const pages: ListObjectVersionsCommandOutput[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (;;) {
      const page = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "versioned", MaxKeys: maxKeys, KeyMarker, VersionIdMarker, ...extra }));
      pages.push(page);
      if (!page.IsTruncated) return pages;
      expect(pages.length).to.be.lessThan(50);
      KeyMarker = page.NextKeyMarker;
      VersionIdMarker = page.NextVersionIdMarker;
    }
  }

  it("lists versions and delete markers in one order, both counting toward MaxKeys", async () => {
    const [page] = await walk(1000);
    expect(entriesOf(page!)).to.deep.equal(ORDER);
    expect(page!.Versions).to.have.length(6);
    expect(page!.DeleteMarkers).to.have.length(3);
    expect(page!.IsTruncated).to.equal(false);
    expect(page!.NextKeyMarker).to.equal(undefined);
    const latest = [...(page!.Versions ?? []), ...(page!.DeleteMarkers ?? [])].filter((v) => v.IsLatest).map((v) => v.VersionId).sort();
    expect(latest).to.deep.equal(["a3", "b1", "g2", "x2", "y1"]);
  });

  it("writes Version and DeleteMarker elements interleaved in listing order", async () => {
    const xml = await (await fetch(`${emulator.server.url}/versioned?versions&max-keys=3`)).text();
    const elements = [...xml.matchAll(/<(Version|DeleteMarker)>.*?<VersionId>([^<]*)<\/VersionId>/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(elements).to.deep.equal(["Version:a3", "DeleteMarker:a2", "Version:a1"]);
  });

  for (const maxKeys of [1, 2, 4, 5]) {
    it(`pages by both markers at MaxKeys ${maxKeys}, also between two versions of one key`, async () => {
      const pages = await walk(maxKeys);
      expect(pages.flatMap(entriesOf)).to.deep.equal(ORDER);
      expect(pages).to.have.length(Math.ceil(ORDER.length / maxKeys));
      for (const page of pages.slice(0, -1)) {
        const entries = entriesOf(page);
        expect(`${page.NextKeyMarker}@${page.NextVersionIdMarker}`).to.equal(entries[entries.length - 1]);
      }
    });
  }

  it("ends the first page of two inside one key's versions", async () => {
    const first = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "versioned", MaxKeys: 2 }));
    expect(entriesOf(first)).to.deep.equal(["alpha@a3", "alpha@a2"]);
    expect(first.NextKeyMarker).to.equal("alpha");
    expect(first.NextVersionIdMarker).to.equal("a2");
    const second = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "versioned", MaxKeys: 2, KeyMarker: "alpha", VersionIdMarker: "a2" }));
    expect(second.KeyMarker).to.equal("alpha");
    expect(second.VersionIdMarker).to.equal("a2");
    expect(entriesOf(second)).to.deep.equal(["alpha@a1", "beta@b1"]);
  });

  it("resumes after every version of the key when given KeyMarker alone", async () => {
    const page = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "versioned", KeyMarker: "alpha" }));
    expect(entriesOf(page)[0]).to.equal("beta@b1");
  });

  it("rolls keys up into common prefixes; a page ending on one has NextKeyMarker only", async () => {
    const pages = await walk(5, { Delimiter: "/" });
    expect(pages).to.have.length(2);
    const prefixes = pages.flatMap((p) => (p.CommonPrefixes ?? []).map((c) => c.Prefix));
    expect(prefixes).to.deep.equal(["dir/"]);
    expect(pages.flatMap(entriesOf)).to.deep.equal(ORDER.filter((e) => !e.startsWith("dir/")));
    const endsOnPrefix = pages.find((p) => p.NextKeyMarker === "dir/");
    expect(endsOnPrefix, "a page ending on dir/").to.not.equal(undefined);
    expect(endsOnPrefix!.NextVersionIdMarker).to.equal(undefined);
  });

  it("refuses a version-id marker without a key marker, or one that does not exist", async () => {
    const alone = await rejection(emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "versioned", VersionIdMarker: "a2" })));
    expect(alone.name).to.equal("InvalidArgument");
    expect(alone.$metadata?.httpStatusCode).to.equal(400);
    const unknown = await rejection(emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "versioned", KeyMarker: "alpha", VersionIdMarker: "zz" })));
    expect(unknown.name).to.equal("InvalidArgument");
  });
});
