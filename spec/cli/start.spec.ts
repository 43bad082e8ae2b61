/**
 * `npm start`: the tour of aws-paginate on the embedded loopback server, with no AWS account and
 * no arguments; and the same tour against another endpoint.
 */
import { expect } from "chai";
import { seedDemo } from "../../cli/start.js";
import { startLoopbackServer } from "../../emulator/index.js";
import { localAwsEnv, runChild } from "./child.js";

const withoutAws = () => {
  const env = localAwsEnv();
  for (const name of Object.keys(env)) if (name.startsWith("AWS_") && name !== "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED") delete env[name];
  return env;
};
const start = (args: string[], env = withoutAws()) => runChild(process.execPath, ["--import", "tsx", "cli/start.ts", ...args], { env });

describe("npm start", function () {
  this.timeout(60_000);

  it("runs the tour on the embedded server, with no AWS account and no arguments, in a few seconds, and exits 0", async () => {
    const started = Date.now();
    const { status, stdout, stderr } = await runChild("npm", ["--silent", "start"], { env: withoutAws() });
    const seconds = (Date.now() - started) / 1000;
    expect(stderr).to.equal("");
    expect(status).to.equal(0);
    expect(seconds).to.be.below(15);
    const headings = stdout.split("\n").filter((line) => line.startsWith("── "));
    expect(headings).to.have.length(9);
    expect(headings[0]).to.include("Pages of ListObjectsV2");
    expect(stdout).to.include("$ aws-paginate s3 list-objects-v2 --param Bucket=demo-bucket --page-size 1000\n");
    expect(stdout).to.match(/… 716 more lines \(720 in all\)/);
    expect(stdout).to.match(/\(stderr\) NextToken: \S+/);
    // The resumed run prints exactly the 7 reports the first one did not.
    const resumed = stdout.split("── 4.")[1]!.split("── 5.")[0]!;
    expect(resumed.match(/"Key":"reports\/2025-\d\d\.csv"/g)).to.deep.equal(["06", "07", "08", "09", "10", "11"].map((m) => `"Key":"reports/2025-${m}.csv"`));
    expect(resumed).to.include("… 1 more line (7 in all)");
    expect(stdout).to.include('{"Versions":24,"DeleteMarkers":1,"NextKeyMarker":"contracts/contract-008.pdf","NextVersionIdMarker":"v1-8"}');
    expect(stdout).to.include('{"Parts":[11,12],"IsTruncated":false,"NextPartNumberMarker":"12"}');
    expect(stdout).to.include("service-catalog search-provisioned-products --items");
    expect(stdout).to.match(/\nDone: \d+ requests in [\d.]+ s\./);
  });

  it("runs against another endpoint with --endpoint-url and --bucket, read-only, each step capped", async () => {
    const server = await startLoopbackServer();
    try {
      seedDemo(server);
      const { status, stdout, stderr } = await start(["--endpoint-url", server.url, "--bucket", "demo-bucket"], localAwsEnv());
      expect(stderr).to.equal("");
      expect(status).to.equal(0);
      expect(stdout).to.include(`aws-paginate against ${server.url}, bucket demo-bucket`);
      expect(stdout).to.include("--max-items 3000");
      expect(stdout).to.include("ListMultipartUploads: an unfinished upload");
      expect(stdout).to.include('{"Parts":[1,2,3,4,5],"IsTruncated":true,"NextPartNumberMarker":"5"}');
      expect(Object.keys(server.stats.byOperation).sort()).to.deep.equal(["ListMultipartUploads", "ListObjectVersions", "ListObjectsV2", "ListParts"]);
    } finally {
      await server.close();
    }
  });

  it("refuses a bucket on AWS without credentials in the environment, and an endpoint without a bucket (status 2)", async () => {
    const [noCredentials, noBucket] = await Promise.all([start(["my-bucket"]), start(["--endpoint-url", "http://127.0.0.1:1"])]);
    expect(noCredentials.status).to.equal(2);
    expect(noCredentials.stderr).to.include("listing my-bucket on AWS needs credentials in the environment");
    expect(noBucket.status).to.equal(2);
    expect(noBucket.stderr).to.include("--endpoint-url needs --bucket NAME");
  });
});
