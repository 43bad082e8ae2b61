/**
 * Parallel listing through the real @aws-sdk/client-s3 against moto on 127.0.0.1: the same keys
 * as a sequential listing, in the same order, with keys S3 must url-encode; and how moto's
 * answers to a parallel run's requests (StartAfter, EncodingType=url, Delimiter, MaxKeys 1)
 * differ from S3's, recorded.
 */
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { compareKeys } from "../../lib/parallel/key-order.js";
import { drain, inParallel, keysOf, numbered, s3At } from "../support/emulator-clients.js";
import { beforeMoto, stopMoto } from "../support/moto.js";

after(stopMoto);

const Bucket = "parallel";
/** S3's order: UTF-8 bytes (these keys go beyond ASCII, where it differs from UTF-16's). */
const s3Order = (list: readonly string[]) => [...list].sort(compareKeys);
const keys = s3Order([
  ...numbered(150, "flat/k", 4),
  ...numbered(60, "deep/a/b/", 3),
  "odd/a b",
  "odd/a+b",
  "odd/a%2Bb",
  "odd/100%",
  "odd/\ue000",
  "odd/\u{1f600}",
  "odd/\ufffd",
  "odd/tab\there",
]);

describe("integration: moto S3 parallel ListObjectsV2", function () {
  this.timeout(60_000);
  let client: ReturnType<typeof s3At>;

  beforeMoto(async (moto) => {
    client = s3At(moto.endpoint);
    await client.s3.send(new CreateBucketCommand({ Bucket }));
    await inParallel(keys, 6, (Key) => client.s3.send(new PutObjectCommand({ Bucket, Key, Body: "x" })));
  });

  it("lists exactly what a sequential run lists, in order, and so when resumed from a cut", async () => {
    const { s3, requests } = client;
    requests.start(200);
    const sequential = keysOf(await drain(s3.getPaginator("listObjectsV2").paginate({ Bucket })));
    expect(sequential).to.deep.equal(keys);
    requests.start(200);
    const run = s3.getPaginator("listObjectsV2").paginate({ Bucket, Prefix: "" }, { parallel: 4, pageSize: 20, maxItems: keys.length });
    expect(keysOf(await drain(run))).to.deep.equal(keys);
    expect(requests.log.every(({ input }) => input.EncodingType === "url")).to.equal(true);
    expect(requests.log.some(({ input }) => typeof input.StartAfter === "string")).to.equal(true);

    const head = s3.getPaginator("listObjectsV2").paginate({ Bucket }, { parallel: 3, pageSize: 15, maxItems: 77 });
    const first = keysOf(await drain(head));
    const rest = keysOf(await drain(s3.getPaginator("listObjectsV2").paginate({ Bucket }, { parallel: 5, startingToken: head.resumeToken!, maxItems: keys.length - 77 })));
    expect([...first, ...rest]).to.deep.equal(keys);
  });

  it("unordered: every key once", async () => {
    const got = keysOf(await drain(client.s3.getPaginator("listObjectsV2").paginate({ Bucket }, { parallel: 6, pageSize: 10, ordered: false })));
    expect(s3Order(got)).to.deep.equal(keys);
    expect(got).to.have.length(keys.length);
  });

  it("DEVIATION: moto url-encodes a space as %20 (S3: +); decoding as S3's form encoding reads both", async () => {
    const output = await client.s3.send(new ListObjectsV2Command({ Bucket, Prefix: "odd/", EncodingType: "url" }));
    const sent = output.Contents!.map((object) => object.Key);
    // Whatever moto's spelling, decoding it as S3's form encoding gives the keys back.
    const decoded = sent.map((key) => decodeURIComponent(key!.replace(/\+/g, " ")));
    expect(decoded).to.deep.equal(keys.filter((key) => key.startsWith("odd/")));
    expect(sent).to.include("odd/a%20b");
    expect(sent).to.include("odd/a%2Bb");
  });
});
