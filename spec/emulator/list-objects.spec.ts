import { Buffer } from "node:buffer";
import { expect } from "chai";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  type ListObjectsCommandOutput,
} from "@aws-sdk/client-s3";
import { rejection } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/** 2,500 keys over a few "folders", with non-ASCII names whose UTF-8 and UTF-16 orders differ. */
function sampleKeys(): string[] {
  const names = ["plain", "with space", "amp&<lt>", "é", "日本", "\uff5e", "😀", "tab\tkey"];
  return Array.from({ length: 2500 }, (_, i) => `${["logs", "photos", "ünï", "zz"][i % 4]}/${String(i % 97).padStart(3, "0")}/${names[i % names.length]}-${i}`);
}

describe("loopback S3 object listings", function () {
  const keys = sampleKeys();
  const sorted = [...keys].sort(utf8Order);

  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putObjects("bucket", keys);
  });

  describe("ListObjectsV2", () => {
    // Page size 1 walks one folder (625 requests), to keep the spec quick; 7 and 1,000 walk all.
    for (const [pageSize, prefix] of [[1, "photos/"], [7, ""], [1000, ""]] as const) {
      it(`lists every key once, in UTF-8 order, at page size ${pageSize}${prefix ? ` under ${prefix}` : ""}`, async () => {
        const expected = sorted.filter((k) => k.startsWith(prefix));
        const seen: string[] = [];
        let pages = 0;
        for await (const page of paginateListObjectsV2({ client: emulator.s3, pageSize }, { Bucket: "bucket", Prefix: prefix })) {
          pages++;
          expect(page.KeyCount).to.equal(page.Contents?.length ?? 0);
          expect(page.MaxKeys).to.equal(pageSize);
          for (const object of page.Contents ?? []) seen.push(object.Key as string);
        }
        expect(seen).to.deep.equal(expected);
        expect(pages).to.equal(Math.ceil(expected.length / pageSize));
        expect(emulator.server.stats.byOperation.ListObjectsV2).to.equal(pages);
      });
    }

    it("pages 1,000 keys by default, caps larger pages at 1,000, and hands out opaque tokens", async () => {
      const first = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "bucket", MaxKeys: 5000 }));
      expect(first.Contents).to.have.length(1000);
      expect(first.MaxKeys).to.equal(1000);
      expect(first.IsTruncated).to.equal(true);
      expect(first.NextContinuationToken).to.be.a("string").and.not.equal(first.Contents?.[999]?.Key);
      expect(first.NextContinuationToken).to.match(/^[A-Za-z0-9+/]+=*$/);
      const second = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "bucket", ContinuationToken: first.NextContinuationToken }));
      expect(second.ContinuationToken).to.equal(first.NextContinuationToken);
      expect(second.Contents?.[0]?.Key).to.equal(sorted[1000]);
      const third = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "bucket", ContinuationToken: second.NextContinuationToken }));
      expect(third.Contents).to.have.length(500);
      expect(third.IsTruncated).to.equal(false);
      expect(third.NextContinuationToken).to.equal(undefined);
    });

    it("answers MaxKeys 0 with nothing and IsTruncated false", async () => {
      const page = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "bucket", MaxKeys: 0 }));
      expect(page.Contents).to.equal(undefined);
      expect(page.KeyCount).to.equal(0);
      expect(page.IsTruncated).to.equal(false);
    });

    it("rolls keys up into common prefixes that count toward MaxKeys", async () => {
      emulator.server.putObjects("tree", ["a.txt", "photos/2023/x.jpg", "photos/2023/y.jpg", "photos/2024/a/b.jpg", "photos/top.jpg", "readme", "videos/v.mp4"]);
      const all = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "tree", Delimiter: "/" }));
      expect(all.Contents?.map((o) => o.Key)).to.deep.equal(["a.txt", "readme"]);
      expect(all.CommonPrefixes?.map((p) => p.Prefix)).to.deep.equal(["photos/", "videos/"]);
      expect(all.KeyCount).to.equal(4);
      expect(all.Delimiter).to.equal("/");

      const nested = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "tree", Delimiter: "/", Prefix: "photos/" }));
      expect(nested.Prefix).to.equal("photos/");
      expect(nested.Contents?.map((o) => o.Key)).to.deep.equal(["photos/top.jpg"]);
      expect(nested.CommonPrefixes?.map((p) => p.Prefix)).to.deep.equal(["photos/2023/", "photos/2024/"]);

      // One element per page: each common prefix exactly once, in order with the keys.
      const elements: string[] = [];
      for await (const page of paginateListObjectsV2({ client: emulator.s3, pageSize: 1 }, { Bucket: "tree", Delimiter: "/" })) {
        expect(page.KeyCount).to.equal(1);
        elements.push(...(page.Contents ?? []).map((o) => o.Key as string), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix as string));
      }
      expect(elements).to.deep.equal(["a.txt", "photos/", "readme", "videos/"]);
    });

    it("starts after StartAfter and filters by Prefix", async () => {
      const page = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "bucket", Prefix: "photos/", StartAfter: "photos/050", MaxKeys: 3 }));
      const expected = sorted.filter((k) => k.startsWith("photos/") && utf8Order(k, "photos/050") > 0).slice(0, 3);
      expect(page.Contents?.map((o) => o.Key)).to.deep.equal(expected);
      expect(page.StartAfter).to.equal("photos/050");
    });

    it("URL-encodes keys and prefixes with EncodingType url as S3 does (the SDK does not decode them)", async () => {
      emulator.server.putObjects("enc", ["a b/c&d", "plain"]);
      const page = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "enc", EncodingType: "url", Delimiter: "/" }));
      expect(page.EncodingType).to.equal("url");
      expect(page.CommonPrefixes?.[0]?.Prefix).to.equal("a+b/");
      expect(page.Contents?.[0]?.Key).to.equal("plain");
    });

    it("rejects a continuation token it did not mint, or minted for another bucket", async () => {
      for (const token of ["garbage", "bm90IGEgdG9rZW4=", ""]) {
        const error = await rejection(emulator.s3.send(new ListObjectsV2Command({ Bucket: "bucket", ContinuationToken: token })));
        expect(error.name).to.equal("InvalidArgument");
        expect(error.message).to.equal("The continuation token provided is incorrect");
        expect(error.$metadata?.httpStatusCode).to.equal(400);
      }
      emulator.server.putObjects("other", ["x", "y"]);
      const foreign = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "other", MaxKeys: 1 }));
      const error = await rejection(emulator.s3.send(new ListObjectsV2Command({ Bucket: "bucket", ContinuationToken: foreign.NextContinuationToken })));
      expect(error.name).to.equal("InvalidArgument");
    });

    it("answers an unknown bucket with NoSuchBucket and other operations with NotImplemented", async () => {
      const missing = await rejection(emulator.s3.send(new ListObjectsV2Command({ Bucket: "nope" })));
      expect(missing.name).to.equal("NoSuchBucket");
      expect(missing.$metadata?.httpStatusCode).to.equal(404);
      const unsupported = await rejection(emulator.s3.send(new GetObjectCommand({ Bucket: "bucket", Key: sorted[0] as string })));
      expect(unsupported.name).to.equal("NotImplemented");
      expect(unsupported.$metadata?.httpStatusCode).to.equal(501);
    });

    it("answers HeadObject for seeded keys, for fan-out over a listing", async () => {
      emulator.server.putObjects("sized", [{ key: "k", size: 42, etag: "abc" }]);
      const head = await emulator.s3.send(new HeadObjectCommand({ Bucket: "sized", Key: "k" }));
      expect(head.ContentLength).to.equal(42);
      expect(head.ETag).to.equal('"abc"');
      const missing = await rejection(emulator.s3.send(new HeadObjectCommand({ Bucket: "sized", Key: "nope" })));
      expect(missing.name).to.equal("NotFound");
    });
  });

  describe("ListObjects (v1)", () => {
    it("sends no NextMarker without a delimiter: the last key is the marker", async () => {
      const seen: string[] = [];
      let marker: string | undefined;
      let page: ListObjectsCommandOutput;
      do {
        page = await emulator.s3.send(new ListObjectsCommand({ Bucket: "bucket", Marker: marker, MaxKeys: 700 }));
        expect(page.NextMarker).to.equal(undefined);
        expect(page.Marker).to.equal(marker ?? "");
        seen.push(...(page.Contents ?? []).map((o) => o.Key as string));
        marker = seen[seen.length - 1];
      } while (page.IsTruncated);
      expect(seen).to.deep.equal(sorted);
      expect(emulator.server.stats.byOperation.ListObjects).to.equal(4);
    });

    it("sends NextMarker with a delimiter while truncated, naming the last key or common prefix", async () => {
      emulator.server.putObjects("tree", ["a", "b/1", "b/2", "c", "d/1", "e"]);
      const elements: string[] = [];
      const markers: (string | undefined)[] = [];
      let marker: string | undefined;
      let page: ListObjectsCommandOutput;
      do {
        page = await emulator.s3.send(new ListObjectsCommand({ Bucket: "tree", Delimiter: "/", Marker: marker, MaxKeys: 2 }));
        elements.push(...(page.Contents ?? []).map((o) => o.Key as string), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix as string));
        markers.push(page.NextMarker);
        marker = page.NextMarker;
      } while (page.IsTruncated);
      expect(elements).to.deep.equal(["a", "b/", "c", "d/", "e"]);
      expect(markers).to.deep.equal(["b/", "d/", undefined]);
    });
  });
});
