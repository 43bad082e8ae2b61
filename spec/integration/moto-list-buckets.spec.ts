/**
 * S3 ListBuckets through the real @aws-sdk/client-s3 against moto on 127.0.0.1: moto's paging
 * of it differs from S3's, recorded here.
 */
import { CreateBucketCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { drain, numbered, s3At } from "../support/emulator-clients.js";
import { beforeMoto, stopMoto } from "../support/moto.js";

after(stopMoto);

describe("integration: moto S3 ListBuckets", function () {
  this.timeout(30_000);
  let client: ReturnType<typeof s3At>;
  const buckets = numbered(5, "bucket-", 2);

  beforeMoto(async (moto) => {
    client = s3At(moto.endpoint);
    for (const Bucket of buckets) await client.s3.send(new CreateBucketCommand({ Bucket }));
  });

  it("lists every bucket when not asked for a page size", async () => {
    const { s3, requests } = client;
    requests.start(1);
    const names = (await drain(s3.getPaginator("listBuckets").items({}))).map((bucket) => bucket.Name);
    expect(names).to.deep.equal(buckets);
  });

  it("DEVIATION: MaxBuckets truncates the listing without a ContinuationToken, so it ends early", async () => {
    const { s3, requests } = client;
    requests.start(3);
    const raw = await s3.send(new ListBucketsCommand({ MaxBuckets: 2 }));
    // S3 answers MaxBuckets 2 of 5 with two buckets and a ContinuationToken. moto answers
    //   { Buckets: [bucket-00, bucket-01], Owner: {…} }
    // with no ContinuationToken (ListBuckets has no IsTruncated), so the listing looks complete.
    expect(raw.Buckets!.map((bucket) => bucket.Name)).to.deep.equal(buckets.slice(0, 2));
    expect(raw.ContinuationToken).to.equal(undefined);
    const pages = await drain(s3.getPaginator("listBuckets").paginate({}, { pageSize: 2 }));
    expect(pages).to.have.length(1);
    expect(pages.flatMap((page) => page.Buckets ?? []).map((bucket) => bucket.Name)).to.deep.equal(buckets.slice(0, 2));
    expect(requests.sent).to.equal(2);
  });
});
