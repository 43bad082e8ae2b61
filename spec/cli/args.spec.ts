/** `aws-paginate`'s argument parsing, in-process: what each option becomes, and each mistake's message. */
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { operationNames, paramValue, parseCli } from "../../cli/args.js";
import { UsageError } from "../../cli/errors.js";
import { jsonLine } from "../../cli/output.js";
import { findService, serviceName, SERVICES } from "../../cli/services.js";

describe("aws-paginate's arguments", () => {
  it("turns the AWS CLI's kebab-case operation names into camelCase (and snake_case, for acronyms)", () => {
    expect(operationNames("list-objects-v2")).to.deep.equal(["listObjectsV2", "list_objects_v2"]);
    expect(operationNames("search-provisioned-products")[0]).to.equal("searchProvisionedProducts");
    expect(operationNames("get-bucket-acl")).to.deep.equal(["getBucketAcl", "get_bucket_acl"]);
    expect(operationNames("ListObjectsV2")).to.deep.equal(["ListObjectsV2"]);
    expect(operationNames("list_objects_v2")).to.deep.equal(["list_objects_v2"]);
  });

  it("parses --param values that JSON writes the same way as numbers, booleans, objects and arrays; the rest stay strings", () => {
    expect(paramValue("10")).to.equal(10);
    expect(paramValue("true")).to.equal(true);
    expect(paramValue('{"FullTextSearch":["web"]}')).to.deep.equal({ FullTextSearch: ["web"] });
    expect(paramValue("[1,2]")).to.deep.equal([1, 2]);
    for (const text of ["007", "1.50", "1e3", "null", "my-bucket", "", '"quoted"', "12345678901234567890"]) expect(paramValue(text), text).to.equal(text);
  });

  it("merges --input and the --param members over it", () => {
    const options = parseCli(["s3", "list-objects-v2", "--input", '{"Bucket":"a","Prefix":"p/"}', "--param", "Bucket=b", "--param", "MaxKeys=5", "--param", "Delimiter==", "--page-size", "10"]);
    expect(options.input).to.deep.equal({ Bucket: "b", Prefix: "p/", MaxKeys: 5, Delimiter: "=" });
    expect(options).to.include({ service: "s3", operation: "list-objects-v2", pageSize: 10, maxItems: undefined, progress: true });
    expect(options.output).to.deep.equal({ kind: "pages" });
    expect(parseCli(["s3", "x", "--result-key", "DeleteMarkers"]).output).to.deep.equal({ kind: "items", resultKey: "DeleteMarkers" });
    expect(parseCli(["s3", "x", "--items"]).output).to.deep.equal({ kind: "items" });
    expect(parseCli(["s3", "x", "--search", "Contents[].Key", "--no-progress"])).to.deep.include({ output: { kind: "search", expression: "Contents[].Key" }, progress: false });
  });

  it("--parallel N is a positive integer", () => {
    expect(parseCli(["s3", "list-objects-v2", "--parallel", "8"]).parallel).to.equal(8);
    expect(parseCli(["s3", "list-objects-v2"]).parallel).to.equal(undefined);
    expect(() => parseCli(["s3", "x", "--parallel=0"])).to.throw(/^--parallel must be a whole number from 1 to 256, and it is "0"/);
    expect(() => parseCli(["s3", "x", "--parallel=300"])).to.throw(/^--parallel must be a whole number from 1 to 256, and it is "300"/);
  });

  it("reads --input file://PATH", () => {
    const dir = mkdtempSync(join(tmpdir(), "aws-paginate-"));
    try {
      writeFileSync(join(dir, "in.json"), '{"Bucket":"from-file"}');
      expect(parseCli(["s3", "x", "--input", `file://${join(dir, "in.json")}`]).input).to.deep.equal({ Bucket: "from-file" });
      expect(() => parseCli(["s3", "x", "--input", `file://${join(dir, "missing.json")}`])).to.throw(UsageError, /cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the argument that is wrong", () => {
    const cases: [string[], RegExp][] = [
      [["s3", "x", "--input", "{"], /^--input is not valid JSON/],
      [["s3", "x", "--input", "1"], /^--input must be a JSON object/],
      [["s3", "x", "--param", "=b"], /^--param "=b": expected Key=Value/],
      [["s3", "x", "--param", "no equals"], /^--param "no equals": expected Key=Value/],
      [["s3", "x", "--param", "Bad Key=1"], /"Bad Key" is not a request member name/],
      [["s3", "x", "--page-size=-1"], /^--page-size must be a positive integer/],
      // A negative number is the option's value, so the option's own check names what is wrong.
      [["s3", "x", "--page-size", "-1"], /^--page-size must be a positive integer, and it is "-1"/],
      [["s3", "x", "--max-items", "-5"], /^--max-items must be a positive integer, and it is "-5"/],
      [["s3", "x", "--page-size", "--items"], /^option '--page-size' argument is ambiguous/],
      [["s3", "x", "--max-item", "3"], /^unknown option '--max-item'; did you mean --max-items\?$/],
      [["s3", "x", "--pagesize", "3"], /^unknown option '--pagesize'; did you mean --page-size\?$/],
      [["s3", "x", "--bogus"], /^unknown option '--bogus'$/],
      [["s3", "x", "--max-items", "1.5"], /^--max-items must be a positive integer/],
      [["s3", "x", "--search", "a", "--items"], /^--search .* does not go with --items/],
      [["s3", "x", "--endpoint-url", "localhost:9000"], /^--endpoint-url must be an http:\/\/ or https:\/\/ URL/],
      [["s3", "x", "--page-size"], /argument missing/],
      [["s3"], /^missing <operation> after s3/],
      [["s3", "x", "y"], /^unexpected argument "y"/],
    ];
    for (const [argv, message] of cases) expect(() => parseCli(argv), argv.join(" ")).to.throw(UsageError, message);
  });

  it("finds services in the CLI's, the AWS CLI's and the SDK's spellings", () => {
    expect([...SERVICES.keys()].slice(0, 2)).to.deep.equal(["s3", "service-catalog"]);
    expect(SERVICES.size).to.be.greaterThan(300);
    expect(serviceName("Service Catalog")).to.equal("service-catalog");
    for (const name of ["service-catalog", "servicecatalog", "ServiceCatalog", "Service Catalog"]) expect(findService(name)?.name, name).to.equal("service-catalog");
    expect(findService("S3")).to.include({ name: "s3", packageName: "@aws-sdk/client-s3", clientClass: "S3Client" });
    expect(findService("S3")?.endpointConfig).to.deep.equal({ forcePathStyle: true });
    expect(findService("service-catalog")).to.include({ packageName: "@aws-sdk/client-service-catalog", clientClass: "ServiceCatalogClient" });
    // Every generated table too, by its module's name or its service id.
    expect(findService("ec2")).to.include({ name: "ec2", packageName: "@aws-sdk/client-ec2", clientClass: undefined });
    expect(findService("route53")).to.include({ name: "route-53", packageName: "@aws-sdk/client-route-53" });
    expect(findService("CloudWatch Logs")?.name).to.equal("cloudwatch-logs");
    expect(findService("no-such-service")).to.equal(undefined);
  });

  it("writes NDJSON lines without the page's $metadata, dates as ISO strings", () => {
    const line = jsonLine({ $metadata: { httpStatusCode: 200 }, Contents: [{ Key: "a", LastModified: new Date(0), $metadata: "kept" }], Big: 10n });
    expect(line).to.equal('{"Contents":[{"Key":"a","LastModified":"1970-01-01T00:00:00.000Z","$metadata":"kept"}],"Big":"10"}\n');
  });
});
