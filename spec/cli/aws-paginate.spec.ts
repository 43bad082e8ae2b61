/**
 * `aws-paginate` as users run it: a child process (`node --import tsx cli/aws-paginate.ts`) against
 * the loopback S3 + Service Catalog server started here, reading its stdout, stderr and exit status.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { startLoopbackServer, type LoopbackServer } from "../../emulator/index.js";
import { encodeParallelToken } from "../../lib/parallel/parallel-token.js";
import { ndjson, runCli } from "./child.js";

const KEYS = Array.from({ length: 250 }, (_, i) => `key-${String(i).padStart(4, "0")}`);
const BIG = Array.from({ length: 3000 }, (_, i) => `object/with/a/longer/name-${String(i).padStart(5, "0")}`);

describe("aws-paginate (the command-line tool)", function () {
  this.timeout(60_000);
  let server: LoopbackServer;
  let endpoint: string[];

  before(async () => {
    server = await startLoopbackServer();
    endpoint = ["--endpoint-url", server.url];
    server.putObjects("b", KEYS.map((key, i) => ({ key, size: i })));
    server.putObjects("small", ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]);
    server.putObjects("big", BIG);
    server.putVersions("b", [
      { key: "doc", versionId: "dm-2", deleteMarker: true },
      { key: "doc", versionId: "v1" },
      { key: "note", versionId: "v3" },
      { key: "old", versionId: "dm-9", deleteMarker: true },
    ]);
    server.putVersions("big-versions", BIG.slice(0, 400).flatMap((key, i) => [
      ...(i % 4 === 0 ? [{ key, versionId: `dm-${i}`, deleteMarker: true }] : []),
      { key, versionId: `v2-${i}` },
      { key, versionId: `v1-${i}` },
    ]));
    server.putCatalog(
      "SearchProvisionedProducts",
      Array.from({ length: 30 }, (_, i) => ({ Name: `product-${i}`, Id: `pp-${i}`, CreatedTime: new Date(Date.UTC(2025, 0, i + 1)) })),
    );
  });
  after(() => server.close());
  afterEach(() => {
    server.clearFaults();
    server.resetStats();
  });

  describe("output", () => {
    it("prints one JSON line per page by default, without the SDK's $metadata, dates as ISO strings", async () => {
      const { status, stdout, stderr } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--page-size", "100", ...endpoint]);
      expect(stderr).to.equal("");
      expect(status).to.equal(0);
      const pages = ndjson(stdout);
      expect(pages.map((page) => page.Contents.length)).to.deep.equal([100, 100, 50]);
      expect(pages.map((page) => page.IsTruncated)).to.deep.equal([true, true, false]);
      expect(pages[0]).not.to.have.property("$metadata");
      expect(pages[0].Contents[0].LastModified).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it("--page-size is sent as the operation's limit member (MaxKeys)", async () => {
      const { status } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--page-size", "40", ...endpoint]);
      expect(status).to.equal(0);
      const requests = server.stats.log.filter((r) => r.operation === "ListObjectsV2");
      expect(requests).to.have.length(7);
      expect(requests.every((r) => r.params["max-keys"] === "40")).to.equal(true);
    });

    it("--items prints one line per item of the primary result key, in order", async () => {
      const { status, stdout } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "60", ...endpoint]);
      expect(status).to.equal(0);
      const items = ndjson(stdout);
      expect(items.map((item) => item.Key)).to.deep.equal(KEYS);
      expect(items[3]).to.include({ Key: "key-0003", Size: 3 });
    });

    it("--result-key prints the items of another result key (ListObjectVersions' DeleteMarkers)", async () => {
      const { status, stdout } = await runCli(["s3", "list-object-versions", "--param", "Bucket=b", "--result-key", "DeleteMarkers", ...endpoint]);
      expect(status).to.equal(0);
      expect(ndjson(stdout).map((marker) => [marker.Key, marker.VersionId])).to.deep.equal([
        ["doc", "dm-2"],
        ["old", "dm-9"],
      ]);
    });

    it("--parallel N lists key ranges at once and prints exactly the sequential lines, in order", async () => {
      const { status, stdout, stderr } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=big", "--items", "--parallel", "4", "--page-size", "200", ...endpoint]);
      expect(stderr).to.equal("");
      expect(status).to.equal(0);
      expect(ndjson(stdout).map((item) => item.Key)).to.deep.equal(BIG);
      const requests = server.stats.log.filter((r) => r.operation === "ListObjectsV2");
      expect(requests.some((r) => r.params["start-after"] !== undefined)).to.equal(true);
      expect(requests.every((r) => r.params["encoding-type"] === "url")).to.equal(true);
    });

    it("--parallel N lists list-object-versions by key ranges too, the same lines as sequentially", async () => {
      const args = ["s3", "list-object-versions", "--param", "Bucket=big-versions", "--items", "--page-size", "70", ...endpoint];
      const sequential = await runCli(args);
      const parallel = await runCli([...args, "--parallel", "4"]);
      expect(parallel.stderr).to.equal("");
      expect(parallel.status).to.equal(0);
      expect(ndjson(parallel.stdout)).to.have.length(800);
      expect(ndjson(parallel.stdout)).to.deep.equal(ndjson(sequential.stdout));
      const requests = server.stats.log.filter((r) => r.operation === "ListObjectVersions" && r.params["encoding-type"] === "url");
      expect(requests.some((r) => r.params["version-id-marker"] !== undefined)).to.equal(true);
    });

    it("--search prints the results of a JMESPath expression over each page, flattened", async () => {
      const { status, stdout } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--page-size", "100", "--search", "Contents[?Size > `245`].Key", ...endpoint]);
      expect(status).to.equal(0);
      expect(ndjson(stdout)).to.deep.equal(["key-0246", "key-0247", "key-0248", "key-0249"]);
    });

    it("takes the operation as the API, the SDK, boto3 and the AWS CLI spell it", async () => {
      const names = ["ListObjectsV2", "listObjectsV2", "list_objects_v2", "list-objects-v2"];
      const runs = await Promise.all(names.map((name) => runCli(["s3", name, "--param", "Bucket=small", "--items", ...endpoint])));
      runs.forEach(({ status, stdout }, i) => {
        expect(status, names[i]).to.equal(0);
        expect(ndjson(stdout), names[i]).to.have.length(12);
      });
    });

    it("lists Service Catalog items with dates as ISO strings (service-catalog, or the AWS CLI's servicecatalog)", async () => {
      const services = ["service-catalog", "servicecatalog"];
      const runs = await Promise.all(services.map((service) => runCli([service, "search-provisioned-products", "--items", "--page-size", "7", ...endpoint])));
      runs.forEach(({ status, stdout }, i) => {
        expect(status, services[i]).to.equal(0);
        const products = ndjson(stdout);
        expect(products.map((p) => p.Name)).to.deep.equal(Array.from({ length: 30 }, (_, i) => `product-${i}`));
        expect(products[1].CreatedTime).to.equal("2025-01-02T00:00:00.000Z");
      });
    });

    it("builds the request from --input, with each --param over it (numbers parsed, other values strings)", async () => {
      const { status, stdout } = await runCli(["s3", "list-objects-v2", "--input", '{"Bucket":"elsewhere","Prefix":"zzz"}', "--param", "Bucket=small", "--param", "Prefix=", "--param", "MaxKeys=5", ...endpoint]);
      expect(status).to.equal(0);
      expect(ndjson(stdout).map((page) => page.Contents.length)).to.deep.equal([5, 5, 2]);
      expect(server.stats.log.map((r) => r.params["max-keys"])).to.deep.equal(["5", "5", "5"]);
    });

    it("stops quietly with status 0 when the reader goes away (| head)", async () => {
      let lines = 0;
      const { status, stderr } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=big", "--items", "--page-size", "100", ...endpoint], {
        onStdout: (chunk, child) => {
          lines += chunk.split("\n").length - 1;
          if (lines >= 1) child.stdout!.destroy();
        },
      });
      expect(stderr).to.equal("");
      expect(status).to.equal(0);
      expect(server.stats.requests).to.be.below(30);
    });
  });

  describe("--max-items and --starting-token (as the AWS CLI has them)", () => {
    it("stops after N items, prints NextToken on stderr, and a run resumed from it yields exactly the rest", async () => {
      const first = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "30", "--max-items", "77", ...endpoint]);
      expect(first.status).to.equal(0);
      const head = ndjson(first.stdout).map((item) => item.Key);
      expect(head).to.deep.equal(KEYS.slice(0, 77));
      const match = /^NextToken: (\S+)\n$/.exec(first.stderr);
      expect(match, first.stderr).to.not.equal(null);

      const second = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "30", "--starting-token", match![1]!, ...endpoint]);
      expect(second.status).to.equal(0);
      expect(second.stderr).to.equal("");
      expect(ndjson(second.stdout).map((item) => item.Key)).to.deep.equal(KEYS.slice(77));
    });

    it("--page-size may change on resume: a token from --page-size 100 --max-items 150 resumes exactly under --page-size 10", async () => {
      const first = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "100", "--max-items", "150", ...endpoint]);
      expect(first.status).to.equal(0);
      const head = ndjson(first.stdout).map((item) => item.Key);
      const token = /^NextToken: (\S+)\n$/.exec(first.stderr)?.[1];
      expect(token, first.stderr).to.be.a("string");
      const second = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "10", "--starting-token", token!, ...endpoint]);
      expect(second.status).to.equal(0);
      expect([...head, ...ndjson(second.stdout).map((item) => item.Key)]).to.deep.equal(KEYS);
    });

    it("works on pages too: the cut page ends at the Nth item and the resumed run starts after it", async () => {
      const first = await runCli(["s3", "list-objects-v2", "--param", "Bucket=small", "--page-size", "5", "--max-items", "7", ...endpoint]);
      expect(first.status).to.equal(0);
      expect(ndjson(first.stdout).map((page) => page.Contents.map((o: { Key: string }) => o.Key).join(""))).to.deep.equal(["abcde", "fg"]);
      const token = /NextToken: (\S+)/.exec(first.stderr)![1]!;
      const rest = await runCli(["s3", "list-objects-v2", "--param", "Bucket=small", "--page-size", "5", "--starting-token", token, ...endpoint]);
      expect(ndjson(rest.stdout).map((page) => page.Contents.map((o: { Key: string }) => o.Key).join(""))).to.deep.equal(["hij", "kl"]);
    });

    it("prints no NextToken when the listing is complete", async () => {
      const { status, stderr, stdout } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=small", "--items", "--max-items", "100", ...endpoint]);
      expect(status).to.equal(0);
      expect(stderr).to.equal("");
      expect(ndjson(stdout)).to.have.length(12);
    });
  });

  describe("errors", () => {
    it("an unknown service: status 2, and the nearest known services", async () => {
      const { status, stderr, stdout } = await runCli(["dynamo", "scan", ...endpoint]);
      expect(status).to.equal(2);
      expect(stdout).to.equal("");
      expect(stderr).to.include('unknown service "dynamo"').and.include("did you mean dynamodb").and.match(/\d{3} services: aws-paginate --help lists them/);
    });

    it("a mistyped service: status 2, and the service one letter away", async () => {
      const { status, stderr } = await runCli(["s4", "list-objects-v2", ...endpoint]);
      expect(status).to.equal(2);
      expect(stderr).to.include('unknown service "s4"; did you mean s3');
    });

    it("an operation that is not paginated: status 2, and the library's nearest names", async () => {
      const { status, stderr } = await runCli(["s3", "list-object", "--param", "Bucket=b", ...endpoint]);
      expect(status).to.equal(2);
      expect(stderr).to.include('S3 has no paginator named "listObject"').and.include("Did you mean listObjects");
      expect(server.stats.requests).to.equal(0);
    });

    it("bad JSON in --input: status 2, naming --input", async () => {
      const { status, stderr } = await runCli(["s3", "list-objects-v2", "--input", "{Bucket: b}", ...endpoint]);
      expect(status).to.equal(2);
      expect(stderr).to.match(/--input is not valid JSON/).and.include("--help");
      const notObject = await runCli(["s3", "list-objects-v2", "--input", '["b"]', ...endpoint]);
      expect(notObject.status).to.equal(2);
      expect(notObject.stderr).to.include("--input must be a JSON object");
    });

    it("a bad --param: status 2, naming the argument", async () => {
      const { status, stderr } = await runCli(["s3", "list-objects-v2", "--param", "Bucket", ...endpoint]);
      expect(status).to.equal(2);
      expect(stderr).to.include('--param "Bucket": expected Key=Value');
    });

    it("bad options: status 2 (unknown option, a page size that is no positive integer, a foreign starting token)", async () => {
      const cases: [string[], RegExp][] = [
        [["--bogus"], /unknown option '--bogus'/],
        [["--page-size", "ten"], /--page-size must be a positive integer, and it is "ten"/],
        [["--max-items", "0"], /--max-items must be a positive integer/],
        [["--starting-token", "abc"], /startingToken for ListObjectsV2 is not a token this library issued/],
        [["--starting-token", encodeParallelToken("ListObjectsV2", [{ lo: null, cursor: "k", hi: null }])], /a parallel listing's token; resume it with --parallel N \(N > 1/],
        [["--result-key", "Versions"], /"Versions" is not a result key; its result keys are Contents, CommonPrefixes/],
      ];
      const runs = await Promise.all(cases.map(([args]) => runCli(["s3", "list-objects-v2", "--param", "Bucket=b", ...args, ...endpoint])));
      runs.forEach(({ status, stderr }, i) => {
        const [args, message] = cases[i]!;
        expect(status, args.join(" ")).to.equal(2);
        expect(stderr, args.join(" ")).to.match(message);
      });
      expect(server.stats.requests).to.equal(0);
    });

    it("a bad --search expression: status 2 and the message, before any request (syntax, unknown function)", async () => {
      const cases: [string, RegExp][] = [
        ["Contents[].foo(Key)", /^aws-paginate: ListObjectsV2: "Contents\[\]\.foo\(Key\)" is not a valid JMESPath expression: it calls foo\(\)/m],
        ["Contents[", /^aws-paginate: ListObjectsV2: "Contents\[" is not a valid JMESPath expression: /m],
      ];
      const runs = await Promise.all(cases.map(([expression]) => runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--search", expression, ...endpoint])));
      runs.forEach(({ status, stderr, stdout }, i) => {
        const [expression, message] = cases[i]!;
        expect(status, expression).to.equal(2);
        expect(stderr, expression).to.match(message);
        expect(stdout, expression).to.equal("");
      });
      expect(server.stats.requests).to.equal(0);
    });

    it("a --search expression that fails on a page: status 2 and the message", async () => {
      const { status, stderr } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--search", "abs(Contents)", ...endpoint]);
      expect(status).to.equal(2);
      expect(stderr).to.match(/^aws-paginate: ListObjectsV2: JMESPath expression "abs\(Contents\)" failed on a page: /m);
    });

    it("a failed request: status 1, the SDK's error, and a token that resumes at the failed page", async () => {
      // One attempt per request (AWS_MAX_ATTEMPTS=1), so the throttled third page fails the run.
      server.inject({ operation: "ListObjectsV2", request: 3, kind: "throttle" });
      const failed = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "50", ...endpoint]);
      expect(failed.status).to.equal(1);
      expect(failed.stderr).to.match(/^aws-paginate: ListObjectsV2: the page request failed: .*\(SlowDown, HTTP 503\)\n/);
      const token = /^resume with: --starting-token (\S+)$/m.exec(failed.stderr)?.[1];
      expect(token, failed.stderr).to.be.a("string");
      const printed = ndjson(failed.stdout).map((item) => item.Key);
      expect(printed).to.deep.equal(KEYS.slice(0, 100));

      const resumed = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "50", "--starting-token", token!, ...endpoint]);
      expect(resumed.status).to.equal(0);
      expect([...printed, ...ndjson(resumed.stdout).map((item) => item.Key)]).to.deep.equal(KEYS);
    });

    for (const [signal, status130, how] of [["SIGINT", 130, "Ctrl-C"], ["SIGTERM", 143, "SIGTERM (a job runner stopping it)"], ["SIGHUP", 129, "SIGHUP (the terminal closed)"]] as const) {
      it(`${how}: status ${status130} and a token that resumes where the output stopped`, async () => {
        server.inject({ operation: "ListObjectsV2", request: 2, kind: "slow", delayMs: 5000 });
        let interrupted = false;
        const started = Date.now();
        const { status, stdout, stderr } = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "100", ...endpoint], {
          onStdout: (_chunk, child) => {
            if (!interrupted) {
              interrupted = true;
              // The first page is out; the second request is being held by the server.
              setTimeout(() => child.kill(signal), 200);
            }
          },
        });
        expect(Date.now() - started).to.be.below(4000);
        expect(status).to.equal(status130);
        expect(stderr).to.match(new RegExp(`^aws-paginate: interrupted \\(${signal}\\)\\nresume with: --starting-token \\S+\\n$`));
        const printed = ndjson(stdout).map((item) => item.Key);
        const token = /--starting-token (\S+)/.exec(stderr)![1]!;
        server.clearFaults();
        const resumed = await runCli(["s3", "list-objects-v2", "--param", "Bucket=b", "--items", "--page-size", "100", "--starting-token", token, ...endpoint]);
        expect([...printed, ...ndjson(resumed.stdout).map((item) => item.Key)]).to.deep.equal(KEYS);
      });
    }
  });

  describe("--help and --version", () => {
    it("--help prints usage on stdout, with the services, and exits 0", async () => {
      const { status, stdout, stderr } = await runCli(["--help"]);
      expect(status).to.equal(0);
      expect(stderr).to.equal("");
      expect(stdout).to.match(/^Usage: aws-paginate <service> <operation> \[options\]/).and.include("s3, service-catalog").and.include("--starting-token");
    });

    it("--version prints the package's version", async () => {
      const { status, stdout } = await runCli(["--version"]);
      expect(status).to.equal(0);
      expect(stdout).to.equal(`aws-paginate ${JSON.parse(readFileSync("package.json", "utf8")).version}\n`);
    });

    it("no arguments: status 2 and what is missing", async () => {
      const { status, stderr } = await runCli([]);
      expect(status).to.equal(2);
      expect(stderr).to.include("missing <service> and <operation>");
    });
  });
});
