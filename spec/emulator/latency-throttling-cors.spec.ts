import { expect } from "chai";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { s3ClientFor, startLoopbackServer, type LoopbackServer } from "../../emulator/index.js";
import { useEmulator } from "../support/use-emulator.js";

describe("emulator latency, SlowDown rate and CORS", () => {
  describe("latencyMs and slowDownRate", () => {
    const emulator = useEmulator({ latencyMs: 20, slowDownRate: 0.25, seed: 3 });
    beforeEach(() => {
      emulator.server.reset();
      emulator.server.putObjects("b", ["a"]);
    });

    const outcomes = async () => {
      const seen: string[] = [];
      for (let i = 0; i < 80; i++) {
        seen.push(await emulator.s3.send(new ListObjectsV2Command({ Bucket: "b" })).then(() => "ok", (e: Error & { $metadata?: { httpStatusCode?: number } }) => `${e.name} ${e.$metadata?.httpStatusCode}`));
      }
      return seen;
    };

    it("answers about a quarter of requests 503 SlowDown, each after the latency, and counts them as faults", async () => {
      const started = performance.now();
      const seen = await outcomes();
      expect(performance.now() - started).to.be.greaterThan(80 * 20 - 5);
      expect(new Set(seen)).to.deep.equal(new Set(["ok", "SlowDown 503"]));
      const slow = seen.filter((s) => s !== "ok").length;
      expect(slow).to.be.within(10, 30);
      expect(emulator.server.stats.faultsInjected).to.equal(slow);
    });

    it("refuses a rate outside 0..1", async () => {
      let error: unknown;
      await startLoopbackServer({ slowDownRate: 1.5 }).then((s: LoopbackServer) => s.close(), (e) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.match(/slowDownRate must be a number from 0 to 1/);
    });
  });

  it("hits the same requests with the same seed", async () => {
    const run = async () => {
      const server = await startLoopbackServer({ slowDownRate: 0.3, seed: 11 });
      server.putObjects("b", ["a"]);
      const s3 = s3ClientFor(server);
      const seen: boolean[] = [];
      for (let i = 0; i < 40; i++) seen.push(await s3.send(new ListObjectsV2Command({ Bucket: "b" })).then(() => true, () => false));
      s3.destroy();
      await server.close();
      return seen;
    };
    const first = await run();
    expect(first).to.include(false);
    expect(await run()).to.deep.equal(first);
  });

  describe("cors: true", () => {
    const emulator = useEmulator({ cors: true });
    const SDK_HEADERS = "amz-sdk-invocation-id,amz-sdk-request,authorization,x-amz-content-sha256,x-amz-date,x-amz-user-agent";

    it("answers the SDK's preflight: any origin, its methods and headers, uncounted", async () => {
      emulator.server.resetStats();
      const answer = await fetch(`${emulator.server.url}/b?list-type=2`, {
        method: "OPTIONS",
        headers: { origin: "http://127.0.0.1:9999", "access-control-request-method": "GET", "access-control-request-headers": SDK_HEADERS },
      });
      expect(answer.status).to.equal(204);
      expect(answer.headers.get("access-control-allow-origin")).to.equal("*");
      expect(answer.headers.get("access-control-allow-methods")).to.equal("GET, PUT, POST, DELETE, HEAD");
      const allowed = answer.headers.get("access-control-allow-headers")!.split(", ");
      expect(allowed).to.include.members(SDK_HEADERS.split(","));
      expect(emulator.server.stats.requests).to.equal(0);
    });

    it("adds Access-Control-Allow-Origin to every answer, errors too, and exposes ETag and x-amz-* headers", async () => {
      emulator.server.putObjects("b", ["k"]);
      for (const path of ["/b?list-type=2", "/missing?list-type=2", "/b/k"]) {
        const answer = await fetch(`${emulator.server.url}${path}`, { method: path === "/b/k" ? "HEAD" : "GET", headers: { origin: "http://127.0.0.1:9999" } });
        expect(answer.headers.get("access-control-allow-origin"), path).to.equal("*");
        expect(answer.headers.get("access-control-expose-headers"), path).to.match(/etag.*x-amz-request-id/);
      }
    });
  });

  describe("without cors", () => {
    const emulator = useEmulator();
    it("sends no CORS headers and does not answer preflights", async () => {
      const answer = await fetch(`${emulator.server.url}/b`, { method: "OPTIONS" });
      expect(answer.status).to.equal(501);
      expect(answer.headers.get("access-control-allow-origin")).to.equal(null);
    });
  });
});
