import { expect } from "chai";
import {
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  paginateListBuckets,
  paginateListParts,
  type ListMultipartUploadsCommandOutput,
} from "@aws-sdk/client-s3";
import { rejection } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

describe("loopback S3 uploads, parts and buckets", () => {
  const emulator = useEmulator();
  beforeEach(() => emulator.server.reset());

  describe("ListMultipartUploads", () => {
    const UPLOADS = [
      ["video.mp4", "u-2"], ["archive/b.tar", "u-9"], ["video.mp4", "u-1"], ["archive/a.tar", "u-5"], ["notes.txt", "u-3"], ["video.mp4", "u-3"],
    ] as const;
    const ORDER = ["archive/a.tar@u-5", "archive/b.tar@u-9", "notes.txt@u-3", "video.mp4@u-1", "video.mp4@u-2", "video.mp4@u-3"];
    const entries = (page: ListMultipartUploadsCommandOutput) => (page.Uploads ?? []).map((u) => `${u.Key}@${u.UploadId}`);

    beforeEach(() => {
      for (const [key, id] of UPLOADS) emulator.server.createUpload("mp", key, id, 1);
    });

    it("orders uploads by key, then upload id, and pages by both markers", async () => {
      const all = await emulator.s3.send(new ListMultipartUploadsCommand({ Bucket: "mp" }));
      expect(entries(all)).to.deep.equal(ORDER);
      expect(all.MaxUploads).to.equal(1000);

      const seen: string[] = [];
      let KeyMarker: string | undefined;
      let UploadIdMarker: string | undefined;
      let page: ListMultipartUploadsCommandOutput;
      let pages = 0;
      do {
        page = await emulator.s3.send(new ListMultipartUploadsCommand({ Bucket: "mp", MaxUploads: 2, KeyMarker, UploadIdMarker }));
        pages++;
        seen.push(...entries(page));
        // NextKeyMarker/NextUploadIdMarker name the last upload on every page; IsTruncated decides.
        expect(`${page.NextKeyMarker}@${page.NextUploadIdMarker}`).to.equal(seen[seen.length - 1]);
        KeyMarker = page.NextKeyMarker;
        UploadIdMarker = page.NextUploadIdMarker;
      } while (page.IsTruncated);
      expect(seen).to.deep.equal(ORDER);
      expect(pages).to.equal(3);
    });

    it("resumes after every upload of the key when given KeyMarker alone", async () => {
      const page = await emulator.s3.send(new ListMultipartUploadsCommand({ Bucket: "mp", KeyMarker: "notes.txt" }));
      expect(entries(page)).to.deep.equal(ORDER.slice(3));
      const inside = await emulator.s3.send(new ListMultipartUploadsCommand({ Bucket: "mp", KeyMarker: "video.mp4", UploadIdMarker: "u-1" }));
      expect(entries(inside)).to.deep.equal(ORDER.slice(4));
    });

    it("rolls keys up into common prefixes", async () => {
      const page = await emulator.s3.send(new ListMultipartUploadsCommand({ Bucket: "mp", Delimiter: "/", MaxUploads: 2 }));
      expect(page.CommonPrefixes?.map((p) => p.Prefix)).to.deep.equal(["archive/"]);
      expect(entries(page)).to.deep.equal(["notes.txt@u-3"]);
      expect(page.IsTruncated).to.equal(true);
    });
  });

  describe("ListParts", () => {
    it("sends NextPartNumberMarker on every page, the last one too, where IsTruncated is false", async () => {
      emulator.server.createUpload("mp", "big/file.bin", "upload-1", 10);
      const parts: number[] = [];
      const pages: { marker?: string; next?: string; truncated?: boolean }[] = [];
      // The SDK's paginator has no IsTruncated check: against S3's last-page marker it needs
      // stopOnSameToken, and even then asks for one more, empty page.
      for await (const page of paginateListParts({ client: emulator.s3, pageSize: 3, stopOnSameToken: true }, { Bucket: "mp", Key: "big/file.bin", UploadId: "upload-1" })) {
        parts.push(...(page.Parts ?? []).map((p) => p.PartNumber as number));
        pages.push({ marker: page.PartNumberMarker, next: page.NextPartNumberMarker, truncated: page.IsTruncated });
        expect(pages.length).to.be.lessThan(10);
      }
      expect(parts).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(pages).to.deep.equal([
        { marker: "0", next: "3", truncated: true },
        { marker: "3", next: "6", truncated: true },
        { marker: "6", next: "9", truncated: true },
        { marker: "9", next: "10", truncated: false },
        { marker: "10", next: "10", truncated: false },
      ]);
    });

    it("answers an unknown upload with NoSuchUpload and a bad marker with InvalidArgument", async () => {
      emulator.server.createUpload("mp", "k", "u", 2);
      const missing = await rejection(emulator.s3.send(new ListPartsCommand({ Bucket: "mp", Key: "k", UploadId: "other" })));
      expect(missing.name).to.equal("NoSuchUpload");
      expect(missing.$metadata?.httpStatusCode).to.equal(404);
      const bad = await rejection(emulator.s3.send(new ListPartsCommand({ Bucket: "mp", Key: "k", UploadId: "u", PartNumberMarker: "x" })));
      expect(bad.name).to.equal("InvalidArgument");
    });
  });

  describe("ListBuckets", () => {
    it("pages buckets by an opaque continuation token when MaxBuckets is given", async () => {
      const names = Array.from({ length: 11 }, (_, i) => `bucket-${String(i).padStart(2, "0")}`);
      for (const name of [...names].reverse()) emulator.server.putObjects(name, []);
      const all = await emulator.s3.send(new ListBucketsCommand({}));
      expect(all.Buckets?.map((b) => b.Name)).to.deep.equal(names);
      expect(all.ContinuationToken).to.equal(undefined);

      const seen: string[] = [];
      const tokens: (string | undefined)[] = [];
      for await (const page of paginateListBuckets({ client: emulator.s3, pageSize: 4 }, {})) {
        seen.push(...(page.Buckets ?? []).map((b) => b.Name as string));
        tokens.push(page.ContinuationToken);
      }
      expect(seen).to.deep.equal(names);
      expect(tokens).to.have.length(3);
      expect(tokens[2]).to.equal(undefined);
      expect(names).to.not.include(tokens[0]);

      const prefixed = await emulator.s3.send(new ListBucketsCommand({ Prefix: "bucket-1", MaxBuckets: 10 }));
      expect(prefixed.Buckets?.map((b) => b.Name)).to.deep.equal(["bucket-10"]);
      expect(prefixed.Prefix).to.equal("bucket-1");
      const garbage = await rejection(emulator.s3.send(new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: "nope" })));
      expect(garbage.name).to.equal("InvalidArgument");
    });
  });
});
