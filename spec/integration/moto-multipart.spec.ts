/**
 * S3 ListParts (an integer marker; the listing ends on IsTruncated: false, and an empty page
 * carries NextPartNumberMarker "0") and ListMultipartUploads (two tokens), through the real
 * @aws-sdk/client-s3 against moto on 127.0.0.1. (fauxqs never ends a `?uploads` listing: not
 * used here.)
 */
import { CreateBucketCommand, CreateMultipartUploadCommand, UploadPartCommand, type MultipartUpload, type Part } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { drain, inParallel, inRuns, s3At } from "../support/emulator-clients.js";
import { beforeMoto, stopMoto } from "../support/moto.js";

after(stopMoto);

const Bucket = "multipart";
const PARTS = 23;
const numbersOf = (pages: { Parts?: Part[] }[]) => pages.flatMap((page) => (page.Parts ?? []).map((part) => part.PartNumber!));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("integration: moto S3 ListParts and ListMultipartUploads", function () {
  this.timeout(30_000);
  let client: ReturnType<typeof s3At>;
  let upload: { Bucket: string; Key: string; UploadId: string };
  let emptyUpload: { Bucket: string; Key: string; UploadId: string };
  let gappedUpload: { Bucket: string; Key: string; UploadId: string };

  beforeMoto(async (moto) => {
    client = s3At(moto.endpoint);
    const { s3 } = client;
    await s3.send(new CreateBucketCommand({ Bucket }));
    const start = async (Key: string) => ({ Bucket, Key, UploadId: (await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId! });
    upload = await start("parts/contiguous");
    emptyUpload = await start("parts/empty");
    gappedUpload = await start("parts/gapped");
    await inParallel(range(1, PARTS), 6, (PartNumber) => s3.send(new UploadPartCommand({ ...upload, PartNumber, Body: `part ${PartNumber}` })));
    await inParallel([2, 4, 6, 8, 10], 5, (PartNumber) => s3.send(new UploadPartCommand({ ...gappedUpload, PartNumber, Body: `part ${PartNumber}` })));
  });

  describe("listParts", () => {
    for (const pageSize of [1, 5, PARTS, undefined]) {
      it(`lists parts 1–${PARTS} once, in order, at pageSize ${pageSize ?? "default (1000)"}`, async () => {
        const { s3, requests } = client;
        const expectedPages = pageSize === undefined ? 1 : Math.ceil(PARTS / pageSize);
        requests.start(expectedPages);
        const config = pageSize === undefined ? {} : { pageSize };
        const pages = await drain(s3.getPaginator("listParts").paginate(upload, config));
        expect(numbersOf(pages)).to.deep.equal(range(1, PARTS));
        expect(pages).to.have.length(expectedPages);
        pages.forEach((page, i) => expect(page.IsTruncated, `page ${i}`).to.equal(i < pages.length - 1));
        // The integer marker goes out as the string the SDK models it as.
        requests.log.slice(1).forEach(({ input }, i) => expect(input.PartNumberMarker).to.equal(String(pageSize! * (i + 1))));
      });
    }

    it("ends on an empty page with NextPartNumberMarker \"0\" and IsTruncated false: an upload with no parts", async () => {
      const { s3, requests } = client;
      requests.start(1);
      const pages = await drain(s3.getPaginator("listParts").paginate(emptyUpload, { pageSize: 5 }));
      expect(pages).to.have.length(1);
      expect(pages[0]).to.include({ NextPartNumberMarker: "0", IsTruncated: false });
      expect(pages[0]!.Parts ?? []).to.deep.equal([]);
      expect(requests.sent).to.equal(1);
      requests.start(1);
      expect(await drain(s3.getPaginator("listParts").items(emptyUpload))).to.deep.equal([]);
      requests.start(1);
      const full = await s3.getPaginator("listParts").paginate(emptyUpload).buildFullResult();
      expect(full).to.include({ UploadId: emptyUpload.UploadId });
      expect(full.Parts).to.equal(undefined);
      expect(full.NextToken).to.equal(undefined);
    });

    it("ends on an empty page with NextPartNumberMarker \"0\" and IsTruncated false: a marker at the last part", async () => {
      const { s3, requests } = client;
      requests.start(1);
      const paginator = s3.getPaginator("listParts");
      const run = paginator.paginate({ ...upload, PartNumberMarker: String(PARTS) }, { pageSize: 5 });
      const pages = await drain(run);
      // Following "0" would start the listing over; IsTruncated: false must end it here.
      expect(pages).to.have.length(1);
      expect(pages[0]).to.include({ PartNumberMarker: String(PARTS), NextPartNumberMarker: "0", IsTruncated: false });
      expect(requests.sent).to.equal(1);
      expect(run.resumeToken).to.equal(undefined);
    });

    it("resumes exactly: runs of maxItems 4 at pageSize 5, chained by resumeToken, make one full listing", async () => {
      const { s3, requests } = client;
      requests.start(20);
      const paginator = s3.getPaginator("listParts");
      const runs = await inRuns((startingToken) => paginator.paginate(upload, { pageSize: 5, maxItems: 4, startingToken }), 10);
      expect(runs).to.have.length(Math.ceil(PARTS / 4));
      expect(runs.flatMap(numbersOf)).to.deep.equal(range(1, PARTS));
    });

    it("builds the full result, keeping the upload's scalar members", async () => {
      const { s3, requests } = client;
      requests.start(5);
      const full = await s3.getPaginator("listParts").paginate(upload, { pageSize: 5 }).buildFullResult();
      expect(full.Parts!.map((part) => part.PartNumber)).to.deep.equal(range(1, PARTS));
      expect(full).to.include({ Bucket, Key: upload.Key, UploadId: upload.UploadId });
      expect(full.NextToken).to.equal(undefined);
    });

    it("DEVIATION: moto reads PartNumberMarker as an index into the part list, losing parts after a gap", async () => {
      const { s3, requests } = client;
      requests.start(4);
      const paginator = s3.getPaginator("list_parts");
      expect(numbersOf(await drain(paginator.paginate(gappedUpload)))).to.deep.equal([2, 4, 6, 8, 10]);
      // S3 pages parts 2 4 6 8 10 at 2 a page as [2 4] [6 8] [10]. moto answers the second request
      // (PartNumberMarker "4") with partlist[4:6] = [10], NextPartNumberMarker "10",
      // IsTruncated false (it compares the part count, 5, to the marker): parts 6 and 8 are lost.
      const pages = await drain(paginator.paginate(gappedUpload, { pageSize: 2 }));
      expect(pages.map((page) => ({ marker: page.NextPartNumberMarker, truncated: page.IsTruncated, parts: numbersOf([page]) }))).to.deep.equal([
        { marker: "4", truncated: true, parts: [2, 4] },
        { marker: "10", truncated: false, parts: [10] },
      ]);
    });
  });

  describe("listMultipartUploads", () => {
    // Started in this order (two on "up/b"), so that key order and start order differ.
    const starts = ["up/c", "up/a", "up/b", "up/e", "up/b", "up/d"];
    let uploads: string[];
    const idsOf = (list: MultipartUpload[]) => list.map((u) => `${u.Key}@${u.UploadId}`);
    const pagesIds = (pages: { Uploads?: MultipartUpload[] }[]) => pages.flatMap((page) => idsOf(page.Uploads ?? []));

    before(async () => {
      const { s3 } = client;
      uploads = [];
      for (const Key of starts) {
        const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
        uploads.push(`${Key}@${UploadId}`);
      }
    });

    it("DEVIATION: moto ignores MaxUploads and lists uploads in the order they were started", async () => {
      const { s3, requests } = client;
      requests.start(3);
      const pages = await drain(s3.getPaginator("listMultipartUploads").paginate({ Bucket, Prefix: "up/" }, { pageSize: 2 }));
      expect(requests.log[0]!.input.MaxUploads).to.equal(2);
      // S3 would answer MaxUploads 2 with two uploads, IsTruncated true, NextKeyMarker and
      // NextUploadIdMarker, sorted by key (then by start time). moto answers one page:
      //   { MaxUploads: 1000, IsTruncated: false, KeyMarker: "", UploadIdMarker: "", Uploads: [all six] }
      // in start order, up/c first.
      expect(pages).to.have.length(1);
      expect(pages[0]).to.include({ MaxUploads: 1000, IsTruncated: false });
      expect(pagesIds(pages)).to.deep.equal(uploads);
    });

    it("still cuts and resumes exactly with maxItems, within moto's one page", async () => {
      const { s3, requests } = client;
      requests.start(3);
      const paginator = s3.getPaginator("listMultipartUploads");
      const runs = await inRuns((startingToken) => paginator.paginate({ Bucket, Prefix: "up/" }, { maxItems: 4, startingToken }), 5);
      expect(runs.map((run) => pagesIds(run).length)).to.deep.equal([4, 2]);
      expect(runs.flatMap(pagesIds)).to.deep.equal(uploads);
      // The second run re-requested moto's only page and skipped the four already returned.
      expect(requests.sent).to.equal(2);
    });

    it("yields uploads with items(), and builds the full result", async () => {
      const { s3, requests } = client;
      requests.start(2);
      const paginator = s3.getPaginator("ListMultipartUploads");
      expect(idsOf(await drain(paginator.items({ Bucket, Prefix: "up/" })))).to.deep.equal(uploads);
      const full = await paginator.paginate({ Bucket, Prefix: "up/" }).buildFullResult();
      expect(idsOf(full.Uploads!)).to.deep.equal(uploads);
      expect(full.Bucket).to.equal(Bucket);
    });
  });
});
