import { expect } from "chai";
import { HeadObjectCommand, ListObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { generatedKeys, sortedKeys } from "../../emulator/index.js";
import { rejection } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

/** Keys over a few prefixes, with characters whose UTF-8 and UTF-16 orders differ. */
const KEYS = Array.from({ length: 600 }, (_, i) => `${["a/", "a/b/", "b ", "\ue000/", "😀/"][i % 5]}${String(i).padStart(3, "0")}`);

/** A page without what differs between two buckets of the same keys: name, dates, ETags, bucket-bound tokens. */
const strip = (page: Record<string, unknown>) => {
  const { $metadata: _, Name: __, ...rest } = page;
  return JSON.parse(JSON.stringify(rest, (key, value) => (key === "LastModified" || key === "ETag" || key === "NextContinuationToken" ? undefined : value)));
};

describe("emulator virtual buckets (key sources)", () => {
  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putObjects("real", KEYS);
    emulator.server.putVersions("real-versions", KEYS.map((key) => ({ key, versionId: "null" })));
    emulator.server.putVirtualObjects("virtual", sortedKeys(KEYS));
  });

  it("sortedKeys sorts into UTF-8 byte order and drops repeats; generatedKeys refuses keys out of order", () => {
    const source = sortedKeys(["b", "😀", "\ue000", "a", "b"]);
    expect(Array.from({ length: source.count }, (_, i) => source.keyAt(i))).to.deep.equal(["a", "b", "\ue000", "😀"]);
    expect(() => generatedKeys(3, (i) => ["a", "c", "b"][i]!)).to.throw(RangeError, /keyAt\(1\) = "c" does not sort before keyAt\(2\) = "b"/);
    // U+E000 sorts before U+1F600 in UTF-8, though not in UTF-16.
    expect(() => generatedKeys(2, (i) => ["😀", "\ue000"][i]!)).to.throw(RangeError, /ascend strictly in UTF-8 byte order/);
    expect(() => generatedKeys(-1, String)).to.throw(RangeError, /count must be a non-negative integer/);
  });

  const requests: [string, () => ListObjectsV2Command | ListObjectsCommand][] = [
    ["ListObjectsV2, 100 a page", () => new ListObjectsV2Command({ Bucket: "", MaxKeys: 100 })],
    ["ListObjectsV2 with Delimiter and StartAfter", () => new ListObjectsV2Command({ Bucket: "", Delimiter: "/", StartAfter: "a/b/", MaxKeys: 3 })],
    ["ListObjectsV2 with Prefix and EncodingType url", () => new ListObjectsV2Command({ Bucket: "", Prefix: "b ", EncodingType: "url", MaxKeys: 7 })],
    ["ListObjects with Delimiter and Marker", () => new ListObjectsCommand({ Bucket: "", Delimiter: "/", Marker: "a/", MaxKeys: 2 })],
  ];
  for (const [what, make] of requests) {
    it(`answers ${what} as a bucket holding the same keys does, over HTTP and in process`, async () => {
      const real = make();
      real.input.Bucket = "real";
      const virtual = make();
      virtual.input.Bucket = "virtual";
      const expected = strip(await emulator.s3.send(real as ListObjectsV2Command) as never);
      expect(strip(await emulator.s3.send(virtual as ListObjectsV2Command) as never)).to.deep.equal(expected);
      expect(strip(await emulator.server.inProcessS3().send(virtual))).to.deep.equal(expected);
    });
  }

  it("lists one version per key (\"null\", the latest) for ListObjectVersions, paged by KeyMarker", async () => {
    const page = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "virtual", MaxKeys: 250, KeyMarker: "a/b/001" }));
    const expected = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "real-versions", MaxKeys: 250, KeyMarker: "a/b/001" }));
    expect(strip(page as never)).to.deep.equal(strip(expected as never));
    expect(page.Versions?.every((v) => v.VersionId === "null" && v.IsLatest === true)).to.equal(true);
  });

  it("answers HeadObject from the key source, and refuses seeded objects in a virtual bucket", async () => {
    const head = await emulator.s3.send(new HeadObjectCommand({ Bucket: "virtual", Key: "😀/004" }));
    expect(head.ContentLength).to.equal(0);
    expect((await rejection(emulator.s3.send(new HeadObjectCommand({ Bucket: "virtual", Key: "nope" })))).name).to.equal("NotFound");
    expect(() => emulator.server.putObjects("virtual", ["x"])).to.throw(/serves virtual keys/);
    expect(() => emulator.server.putVirtualObjects("real", sortedKeys(["x"]))).to.throw(/already holds objects/);
  });
});
