import { expect } from "chai";
import { ListObjectsV2Command, ListObjectsCommand, ListObjectVersionsCommand, ListPartsCommand } from "@aws-sdk/client-s3";
import { SearchProvisionedProductsCommand } from "@aws-sdk/client-service-catalog";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { ListUsersCommand } from "@aws-sdk/client-iam";
import { ListResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import {
  dynamoDbClientFor,
  iamClientFor,
  route53ClientFor,
  s3ClientFor,
  startLoopbackServer,
} from "../../emulator/index.js";
import { rejection, type SdkError } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

const KEYS = Array.from({ length: 10 }, (_, i) => `key-${i}`);

describe("loopback faults and stats", () => {
  const list = (ContinuationToken?: string) => emulator.s3.send(new ListObjectsV2Command({ Bucket: "b", MaxKeys: 3, ContinuationToken }));

  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putObjects("b", KEYS);
    emulator.server.putCatalog("SearchProvisionedProducts", Array.from({ length: 5 }, (_, i) => ({ Id: `pp-${i}` })));
  });

  describe("transport faults", () => {
    it("throttle: S3 answers 503 SlowDown on the chosen request only", async () => {
      emulator.server.inject({ operation: "ListObjectsV2", kind: "throttle", request: 2 });
      const first = await list();
      const error = await rejection(list(first.NextContinuationToken));
      expect(error.name).to.equal("SlowDown");
      expect(error.$metadata?.httpStatusCode).to.equal(503);
      const retried = await list(first.NextContinuationToken);
      expect(retried.Contents?.[0]?.Key).to.equal("key-3");
      expect(emulator.server.stats.faultsInjected).to.equal(1);
      expect(emulator.server.stats.throttled).to.equal(0);
    });

    it("throttle: Service Catalog answers 400 ThrottlingException; faults skip other operations", async () => {
      emulator.server.inject({ operation: "SearchProvisionedProducts", kind: "throttle", times: 2 });
      await list();
      for (let i = 0; i < 2; i++) {
        const error = await rejection(emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({})));
        expect(error.name).to.equal("ThrottlingException");
        expect(error.$metadata?.httpStatusCode).to.equal(400);
      }
      expect((await emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({}))).ProvisionedProducts).to.have.length(5);
      expect(emulator.server.stats.faultsInjected).to.equal(2);
    });

    it("throttle is retried away by a client with the SDK's default retries", async () => {
      const retrying = s3ClientFor(emulator.server, { maxAttempts: 3 });
      emulator.server.inject({ kind: "throttle" });
      const page = await retrying.send(new ListObjectsV2Command({ Bucket: "b" }));
      expect(page.$metadata.attempts).to.equal(2);
      expect(emulator.server.stats.requests).to.equal(2);
    });

    it("reset: destroys the connection without an answer", async () => {
      emulator.server.inject({ kind: "reset" });
      const error = await rejection(list());
      expect(error.code).to.equal("ECONNRESET");
      expect(error.$metadata?.httpStatusCode).to.equal(undefined);
      expect((await list()).Contents).to.have.length(3);
      expect(emulator.server.stats.inFlight).to.equal(0);
    });

    it("slow: answers normally after delayMs", async () => {
      emulator.server.inject({ kind: "slow", delayMs: 150 });
      const started = performance.now();
      const page = await list();
      expect(performance.now() - started).to.be.at.least(140);
      expect(page.Contents).to.have.length(3);
    });
  });

  describe("token faults", () => {
    it("repeat-token: the next token is the one just sent (postponed past a first page that sent none)", async () => {
      emulator.server.inject({ operation: "ListObjectsV2", kind: "repeat-token" });
      const first = await list();
      expect(emulator.server.stats.faultsInjected).to.equal(0);
      const second = await list(first.NextContinuationToken);
      expect(second.NextContinuationToken).to.equal(first.NextContinuationToken);
      expect(second.IsTruncated).to.equal(true);
      expect(second.Contents?.map((o) => o.Key)).to.deep.equal(["key-3", "key-4", "key-5"]);
      expect(emulator.server.stats.faultsInjected).to.equal(1);
    });

    it("repeat-token on v1 without a delimiter sends the marker back as NextMarker", async () => {
      emulator.server.inject({ kind: "repeat-token", request: 2 });
      await emulator.s3.send(new ListObjectsCommand({ Bucket: "b", MaxKeys: 3 }));
      const second = await emulator.s3.send(new ListObjectsCommand({ Bucket: "b", MaxKeys: 3, Marker: "key-2" }));
      expect(second.NextMarker).to.equal("key-2");
    });

    it("token-cycle: the next token is the one sent a request earlier", async () => {
      emulator.server.inject({ kind: "token-cycle", request: 3 });
      const first = await list();
      const second = await list(first.NextContinuationToken);
      const third = await list(second.NextContinuationToken);
      expect(third.NextContinuationToken).to.equal(first.NextContinuationToken);
      expect(third.Contents?.map((o) => o.Key)).to.deep.equal(["key-6", "key-7", "key-8"]);
    });

    it("token-cycle works for two-token listings too", async () => {
      emulator.server.putVersions("v", Array.from({ length: 8 }, (_, i) => ({ key: `k${i >> 1}`, versionId: `v${i}` })));
      emulator.server.inject({ operation: "ListObjectVersions", kind: "token-cycle", request: 3 });
      let KeyMarker: string | undefined;
      let VersionIdMarker: string | undefined;
      const sent: string[] = [];
      for (let i = 0; i < 3; i++) {
        const page = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "v", MaxKeys: 3, KeyMarker, VersionIdMarker }));
        KeyMarker = page.NextKeyMarker;
        VersionIdMarker = page.NextVersionIdMarker;
        sent.push(`${KeyMarker}@${VersionIdMarker}`);
      }
      expect(sent).to.deep.equal(["k1@v2", "k2@v5", "k1@v2"]);
    });

    it("final-zero-marker: the page is the last, with IsTruncated false and a marker of 0", async () => {
      emulator.server.createUpload("b", "obj", "up", 10);
      emulator.server.inject({ operation: "ListParts", kind: "final-zero-marker", request: 2 });
      const first = await emulator.s3.send(new ListPartsCommand({ Bucket: "b", Key: "obj", UploadId: "up", MaxParts: 3 }));
      expect(first.NextPartNumberMarker).to.equal("3");
      const second = await emulator.s3.send(new ListPartsCommand({ Bucket: "b", Key: "obj", UploadId: "up", MaxParts: 3, PartNumberMarker: "3" }));
      expect(second.Parts?.map((p) => p.PartNumber)).to.deep.equal([4, 5, 6]);
      expect(second.IsTruncated).to.equal(false);
      expect(second.NextPartNumberMarker).to.equal("0");
    });

    it("truncated-no-token: IsTruncated true with no next token", async () => {
      emulator.server.inject({ kind: "truncated-no-token" });
      const page = await list();
      expect(page.IsTruncated).to.equal(true);
      expect(page.NextContinuationToken).to.equal(undefined);
      expect(page.Contents).to.have.length(3);
    });

    it("empty-token: the token element is there but empty (S3) / NextPageToken is \"\" (JSON)", async () => {
      emulator.server.inject({ kind: "empty-token", times: 2 });
      const page = await list();
      expect(page.IsTruncated).to.equal(true);
      expect(page.NextContinuationToken).to.equal("");
      const search = await emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({ PageSize: 2 }));
      expect(search.NextPageToken).to.equal("");
      expect(emulator.server.stats.faultsInjected).to.equal(2);
    });

    it("clearFaults drops faults not yet spent", async () => {
      emulator.server.inject({ kind: "throttle", request: 2 });
      emulator.server.clearFaults();
      await list();
      await list();
      expect(emulator.server.stats.faultsInjected).to.equal(0);
    });

    it("refuses an unknown fault kind or a bad request index", () => {
      expect(() => emulator.server.inject({ kind: "explode" as never })).to.throw(TypeError, /unknown fault kind/);
      expect(() => emulator.server.inject({ kind: "throttle", request: 0 })).to.throw(RangeError);
    });
  });

  describe("in-flight limit, latency and stats", () => {
    it("throttles requests beyond maxInFlight and counts them", async () => {
      const limited = await startLoopbackServer({ maxInFlight: 2, latencyMs: 200 });
      try {
        limited.putObjects("b", KEYS);
        const client = s3ClientFor(limited);
        const results = await Promise.allSettled(Array.from({ length: 6 }, () => client.send(new ListObjectsV2Command({ Bucket: "b" }))));
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(results.filter((r) => r.status === "fulfilled")).to.have.length(2);
        expect(rejected).to.have.length(4);
        for (const r of rejected) expect((r.reason as SdkError).name).to.equal("SlowDown");
        expect(limited.stats.throttled).to.equal(4);
        expect(limited.stats.maxInFlight).to.equal(6);
        expect(limited.stats.inFlight).to.equal(0);

      } finally {
        await limited.close();
      }
    });

    it("answers each protocol's own throttling beyond maxInFlight: IAM and Route 53 Throttling, DynamoDB's", async () => {
      const limited = await startLoopbackServer({ maxInFlight: 1, latencyMs: 100 });
      try {
        limited.putIamUsers([{ UserName: "alice" }]);
        limited.putRecordSets("Z1", [{ Name: "a.test", Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.1" }] }]);
        limited.createDynamoTable("tbl", { hash: { name: "id", type: "S" } });
        const results = await Promise.allSettled([
          iamClientFor(limited).send(new ListUsersCommand({})),
          iamClientFor(limited).send(new ListUsersCommand({})),
          route53ClientFor(limited).send(new ListResourceRecordSetsCommand({ HostedZoneId: "Z1" })),
          dynamoDbClientFor(limited).send(new ScanCommand({ TableName: "tbl" })),
        ]);
        // Whichever arrives first is answered; each other one with its own service's throttling.
        const own = ["Throttling", "Throttling", "Throttling", "ProvisionedThroughputExceededException"];
        const outcomes = results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as SdkError).name));
        outcomes.forEach((outcome, i) => expect(outcome).to.be.oneOf(["ok", own[i]]));
        expect(outcomes.filter((outcome) => outcome === "ok")).to.have.length(1);
        expect(limited.stats.throttled).to.equal(3);
      } finally {
        await limited.close();
      }
    });

    it("never throttles a client that waits for each answer before the next request", async () => {
      const strict = await startLoopbackServer({ maxInFlight: 1 });
      try {
        strict.putObjects("b", KEYS);
        const client = s3ClientFor(strict);
        for (let i = 0; i < 20; i++) await client.send(new ListObjectsV2Command({ Bucket: "b", MaxKeys: 1 }));
        expect(strict.stats.throttled).to.equal(0);
        expect(strict.stats.maxInFlight).to.equal(1);
      } finally {
        await strict.close();
      }
    });

    it("delays every answer by latencyMs", async () => {
      const slow = await startLoopbackServer({ latencyMs: 60 });
      try {
        slow.putObjects("b", KEYS);
        const started = performance.now();
        await s3ClientFor(slow).send(new ListObjectsV2Command({ Bucket: "b" }));
        expect(performance.now() - started).to.be.at.least(55);
      } finally {
        await slow.close();
      }
    });

    it("counts requests by operation and logs their parameters", async () => {
      await list();
      await emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({ PageSize: 2, Filters: { SearchQuery: ["x"] } }));
      await rejection(emulator.s3.send(new ListObjectsV2Command({ Bucket: "missing" })));
      expect(emulator.server.stats.requests).to.equal(3);
      expect(emulator.server.stats.byOperation).to.deep.equal({ ListObjectsV2: 2, SearchProvisionedProducts: 1 });
      expect(emulator.server.stats.log).to.deep.equal([
        { operation: "ListObjectsV2", params: { "list-type": "2", "max-keys": "3" } },
        { operation: "SearchProvisionedProducts", params: { PageSize: "2", Filters: '{"SearchQuery":["x"]}' } },
        { operation: "ListObjectsV2", params: { "list-type": "2" } },
      ]);
      const stats = emulator.server.stats;
      emulator.server.resetStats();
      expect(stats).to.equal(emulator.server.stats);
      expect(emulator.server.stats).to.deep.include({ requests: 0, byOperation: {}, throttled: 0, faultsInjected: 0, log: [] });
    });

    it("reset forgets data, faults and stats", async () => {
      emulator.server.inject({ kind: "throttle", request: 5 });
      await list();
      emulator.server.reset();
      expect(emulator.server.stats.requests).to.equal(0);
      const missing = await rejection(list());
      expect(missing.name).to.equal("NoSuchBucket");
      expect(emulator.server.stats.faultsInjected).to.equal(0);
    });

    it("binds 127.0.0.1 and closes keep-alive connections on close", async () => {
      const other = await startLoopbackServer();
      expect(other.url).to.equal(`http://127.0.0.1:${other.port}`);
      other.putObjects("b", KEYS);
      await s3ClientFor(other).send(new ListObjectsV2Command({ Bucket: "b" }));
      const started = performance.now();
      await other.close();
      await other.close();
      expect(performance.now() - started).to.be.lessThan(1000);
    });
  });
});
