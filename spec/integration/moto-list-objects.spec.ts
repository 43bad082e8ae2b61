/**
 * S3 ListObjectsV2 and ListObjects (v1) through the real @aws-sdk/client-s3 against moto on
 * 127.0.0.1. ListObjectsV2 is checked in full; v1 mostly records how moto differs from S3.
 */
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { drain, inParallel, inRuns, entriesOf, keysOf, numbered, prefixesOf, s3At, s3Order } from "../support/emulator-clients.js";
import { beforeMoto, stopMoto } from "../support/moto.js";

after(stopMoto);

const Bucket = "objects";
// 100 keys, put in a scrambled order.
const flatKeys = s3Order(numbered(100, "logs/entry", 3).map((key) => `${key}.json`));
const scrambled = flatKeys.map((_, i) => flatKeys[(i * 37) % flatKeys.length]!);
// Under "mixed/": 40 entries, every third a folder of two files, the rest files.
const mixedEntries = numbered(40, "mixed/e", 2).map((name, i) => (i % 3 === 0 ? `${name}/` : `${name}.txt`));
const mixedFolders = mixedEntries.filter((entry) => entry.endsWith("/"));
const mixedFiles = mixedEntries.filter((entry) => !entry.endsWith("/"));
const mixedKeys = mixedEntries.flatMap((entry) => (entry.endsWith("/") ? [`${entry}a`, `${entry}b`] : [entry]));


describe("integration: moto S3 ListObjectsV2 and ListObjects", function () {
  this.timeout(30_000);
  let client: ReturnType<typeof s3At>;

  beforeMoto(async (moto) => {
    client = s3At(moto.endpoint);
    const { s3 } = client;
    await s3.send(new CreateBucketCommand({ Bucket }));
    await inParallel([...scrambled, ...[...mixedKeys].reverse()], 6, (Key) => s3.send(new PutObjectCommand({ Bucket, Key, Body: Key })));
  });

  describe("listObjectsV2", () => {
    for (const pageSize of [1, 7, 100, undefined]) {
      it(`lists every key once, in order, at pageSize ${pageSize ?? "default (1000)"}`, async () => {
        const { s3, requests } = client;
        const expectedPages = pageSize === undefined ? 1 : Math.ceil(100 / pageSize);
        requests.start(expectedPages);
        const config = pageSize === undefined ? {} : { pageSize };
        const pages = await drain(s3.getPaginator("listObjectsV2").paginate({ Bucket, Prefix: "logs/" }, config));
        expect(keysOf(pages)).to.deep.equal(flatKeys);
        expect(pages).to.have.length(expectedPages);
        pages.forEach((page, i) => expect(page.IsTruncated, `page ${i}`).to.equal(i < pages.length - 1));
        requests.log.slice(1).forEach(({ input }, i) => expect(input.ContinuationToken).to.equal(pages[i]!.NextContinuationToken));
      });
    }

    for (const pageSize of [1, 7]) {
      it(`lists folders and files once, in order, with Delimiter "/" at pageSize ${pageSize}`, async () => {
        const { s3, requests } = client;
        requests.start(Math.ceil(40 / pageSize));
        const pages = await drain(s3.getPaginator("listObjectsV2").paginate({ Bucket, Prefix: "mixed/", Delimiter: "/" }, { pageSize }));
        expect(entriesOf(pages)).to.deep.equal(mixedEntries);
        expect(keysOf(pages)).to.deep.equal(mixedFiles);
        expect(prefixesOf(pages)).to.deep.equal(mixedFolders);
      });
    }

    it("resumes exactly: runs of maxItems 13 at pageSize 7, chained by resumeToken, make one full listing", async () => {
      const { s3, requests } = client;
      requests.start(30);
      const paginator = s3.getPaginator("listObjectsV2");
      const runs = await inRuns((startingToken) => paginator.paginate({ Bucket, Prefix: "logs/" }, { pageSize: 7, maxItems: 13, startingToken }), 20);
      expect(runs).to.have.length(Math.ceil(100 / 13));
      expect(runs.flatMap(keysOf)).to.deep.equal(flatKeys);
    });

    it("resumes exactly with a Delimiter: maxItems counts files, and each folder comes once", async () => {
      const { s3, requests } = client;
      requests.start(30);
      const paginator = s3.getPaginator("listObjectsV2");
      const runs = await inRuns(
        (startingToken) => paginator.paginate({ Bucket, Prefix: "mixed/", Delimiter: "/" }, { pageSize: 7, maxItems: 3, startingToken }),
        20,
      );
      expect(runs.flatMap(keysOf)).to.deep.equal(mixedFiles);
      expect(runs.flatMap(prefixesOf)).to.deep.equal(mixedFolders);
    });

    it("yields objects with items() under maxItems, and builds the full result", async () => {
      const { s3, requests } = client;
      requests.start(2 + 15);
      const paginator = s3.getPaginator("list_objects_v2");
      const first = await drain(paginator.items({ Bucket, Prefix: "logs/" }, { pageSize: 7, maxItems: 10 }));
      expect(first.map((object) => object.Key)).to.deep.equal(flatKeys.slice(0, 10));
      const full = await paginator.paginate({ Bucket, Prefix: "logs/" }, { pageSize: 7 }).buildFullResult();
      expect(full.Contents!.map((object) => object.Key)).to.deep.equal(flatKeys);
      expect(full).to.include({ Name: Bucket, Prefix: "logs/" });
    });
  });

  describe("listObjects (v1): moto deviations from S3, recorded", () => {
    it("DEVIATION: NextMarker is an opaque hash, not a key (and is sent without a Delimiter)", async () => {
      const { s3, requests } = client;
      requests.start(15);
      const pages = await drain(s3.getPaginator("listObjects").paginate({ Bucket, Prefix: "logs/" }, { pageSize: 7 }));
      // S3 sends no NextMarker without a Delimiter (the next marker is the last key), and with one
      // sends the last key or folder. moto sends e.g. NextMarker "46bc882b88120fd4dc12076ba56c7dd4"
      // on every truncated page, and accepts it back as Marker.
      for (const page of pages.slice(0, -1)) {
        expect(page.NextMarker).to.match(/^[0-9a-f]{32}$/);
        expect(page.NextMarker).to.not.equal(page.Contents!.at(-1)!.Key);
      }
      // The paginator follows NextMarker before the last key, as boto3 does, so it still lists
      // every key once, in order.
      expect(keysOf(pages)).to.deep.equal(flatKeys);
      expect(pages).to.have.length(Math.ceil(100 / 7));
    });

    it("DEVIATION: with a Delimiter, every page repeats all the CommonPrefixes, and MaxKeys counts files only", async () => {
      const { s3, requests } = client;
      requests.start(10);
      const pages = await drain(s3.getPaginator("listObjects").paginate({ Bucket, Prefix: "mixed/", Delimiter: "/" }, { pageSize: 7 }));
      // S3 counts files and folders against MaxKeys and lists each folder once. moto fills each
      // page with 7 files and attaches all 14 CommonPrefixes to every one of them, e.g.
      //   { IsTruncated: true, NextMarker: "<hash>", Contents: [7 files], CommonPrefixes: [14 folders] }
      expect(keysOf(pages)).to.deep.equal(mixedFiles);
      expect(pages).to.have.length(Math.ceil(mixedFiles.length / 7));
      for (const page of pages) expect(prefixesOf([page])).to.deep.equal(mixedFolders);
    });
  });
});
