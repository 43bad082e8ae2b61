import { expect } from "chai";
import { ListObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { s3Table, withPaginators } from "../../lib/index.js";
import { createInProcessS3, generatedKeys } from "../../emulator/index.js";
import { rejection, type SdkError } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

const withoutMetadata = ({ $metadata: _, ...rest }: Record<string, unknown>) => rest;

describe("in-process S3 client", () => {
  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putObjects("b", ["a b", "a+b", "a%2B", "x/1", "x/2", "y/\u0001", "\ue000", "😀", "~!'()*"]);
    emulator.server.putVersions("v", [{ key: "k", versionId: "2" }, { key: "k", versionId: "1", deleteMarker: true }, { key: "m/n", versionId: "7" }]);
  });

  const cases = [
    new ListObjectsV2Command({ Bucket: "b" }),
    new ListObjectsV2Command({ Bucket: "b", Delimiter: "/", EncodingType: "url", MaxKeys: 3, StartAfter: "a b" }),
    new ListObjectsV2Command({ Bucket: "b", Prefix: "x/", FetchOwner: true, MaxKeys: 1 }),
    new ListObjectsCommand({ Bucket: "b", Delimiter: "/", MaxKeys: 2, Marker: "a+b", EncodingType: "url" }),
    new ListObjectsCommand({ Bucket: "b" }),
    new ListObjectVersionsCommand({ Bucket: "v", MaxKeys: 1 }),
    new ListObjectVersionsCommand({ Bucket: "v", KeyMarker: "k", VersionIdMarker: "2", Delimiter: "/", EncodingType: "url" }),
  ];
  for (const command of cases) {
    it(`answers ${command.constructor.name} ${JSON.stringify(command.input)} with what the real SDK parses over HTTP`, async () => {
      const overHttp = await emulator.s3.send(command as ListObjectsV2Command);
      const inProcess = await emulator.server.inProcessS3().send(command);
      expect(withoutMetadata(inProcess)).to.deep.equal(withoutMetadata(overHttp as unknown as Record<string, unknown>));
      expect(inProcess.$metadata).to.include({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
    });
  }

  it("follows its own continuation tokens, and the aggregated methods answer the same", async () => {
    const s3 = emulator.server.inProcessS3();
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.listObjectsV2({ Bucket: "b", MaxKeys: 2, ContinuationToken: token });
      keys.push(...((page.Contents as { Key: string }[] | undefined) ?? []).map((o) => o.Key));
      token = page.NextContinuationToken as string | undefined;
    } while (token);
    expect(keys).to.deep.equal(["a b", "a%2B", "a+b", "x/1", "x/2", "y/\u0001", "~!'()*", "\ue000", "😀"]);
    expect(s3.stats.byOperation).to.deep.equal({ ListObjectsV2: 5 });
  });

  it("pages a virtual bucket of a million keys through withPaginators, 1,000 a page", async function () {
    this.timeout(60000);
    const s3 = createInProcessS3();
    s3.putVirtualObjects("big", generatedKeys(1_000_000, (i) => `k/${String(i).padStart(7, "0")}`));
    const started = performance.now();
    let count = 0;
    let previous = "";
    for await (const object of withPaginators(s3, s3Table).getPaginator("listObjectsV2").items({ Bucket: "big" })) {
      if (count % 99_991 === 0) expect(object.Key! > previous).to.equal(true);
      previous = object.Key!;
      count++;
    }
    expect(count).to.equal(1_000_000);
    expect(previous).to.equal("k/0999999");
    expect(s3.stats.byOperation).to.deep.equal({ ListObjectsV2: 1000 });
    expect(performance.now() - started).to.be.lessThan(30000);
  });

  it("caps MaxKeys at 1,000 and refuses a token it did not mint, as S3 does", async () => {
    const s3 = createInProcessS3();
    s3.putVirtualObjects("big", generatedKeys(1500, (i) => String(i).padStart(4, "0")));
    const page = await s3.listObjectsV2({ Bucket: "big", MaxKeys: 5000 });
    expect(page.KeyCount).to.equal(1000);
    expect(page.MaxKeys).to.equal(1000);
    const error = await rejection(s3.listObjectsV2({ Bucket: "big", ContinuationToken: "nope" }));
    expect(error.name).to.equal("InvalidArgument");
    expect(error.$metadata?.httpStatusCode).to.equal(400);
    const missing = await rejection(s3.listObjects({ Bucket: "none" }));
    expect(missing.name).to.equal("NoSuchBucket");
  });

  it("holds each answer for latencyMs, concurrently", async () => {
    const s3 = createInProcessS3({ latencyMs: 50 });
    s3.putObjects("b", ["a"]);
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, () => s3.listObjectsV2({ Bucket: "b" })));
    const elapsed = performance.now() - started;
    expect(elapsed).to.be.within(45, 250);
    expect(s3.stats.maxInFlight).to.equal(8);
    expect(s3.stats.inFlight).to.equal(0);
  });

  it("answers a seeded share of requests 503 SlowDown, shaped as the SDK's error", async () => {
    const run = async () => {
      const s3 = createInProcessS3({ slowDownRate: 0.2, seed: 7 });
      s3.putObjects("b", ["a"]);
      const hits: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const error = await s3.listObjectsV2({ Bucket: "b" }).then(() => undefined, (e: SdkError) => e);
        if (error) {
          expect(error.name).to.equal("SlowDown");
          expect(error.$metadata?.httpStatusCode).to.equal(503);
          expect((error as unknown as { $retryable: unknown }).$retryable).to.deep.equal({ throttling: true });
          hits.push(i);
        }
      }
      expect(s3.stats.faultsInjected).to.equal(hits.length);
      return hits;
    };
    const first = await run();
    expect(first.length).to.be.within(160, 240);
    expect(await run()).to.deep.equal(first);
  });

  it("rejects an aborted request without answering it, and commands it does not serve by name", async () => {
    const s3 = createInProcessS3({ latencyMs: 1000 });
    s3.putObjects("b", ["a"]);
    const controller = new AbortController();
    const pending = s3.listObjectsV2({ Bucket: "b" }, { abortSignal: controller.signal });
    controller.abort();
    expect((await rejection(pending)).name).to.equal("AbortError");
    const unsupported = await rejection(s3.send(new ListBucketsCommand({})));
    expect(unsupported.message).to.match(/answers ListObjectsV2Command, ListObjectsCommand, ListObjectVersionsCommand; got ListBucketsCommand/);
    expect(() => createInProcessS3({ slowDownRate: 2 })).to.throw(RangeError, /slowDownRate must be a number from 0 to 1/);
    expect((await rejection(s3.listObjectsV2({}))).message).to.match(/Bucket must be a non-empty string/);
  });
});
