/**
 * `npm start`: a tour of `aws-paginate` that needs no AWS account. It starts the project's loopback
 * S3 + Service Catalog server on 127.0.0.1, seeds a bucket (2,400 keys, object versions and delete
 * markers, an unfinished multipart upload) and a catalog, and runs the command against it
 * in-process, one short step at a time.
 *
 *   npm start                                         the embedded server (the default)
 *   npm start -- --endpoint-url URL --bucket NAME     another endpoint (MinIO, LocalStack, moto…)
 *   npm start -- --bucket NAME                        AWS itself, when credentials are in the
 *                                                     environment (AWS_ACCESS_KEY_ID, AWS_PROFILE…)
 *
 * Against an endpoint or AWS nothing is written: the steps only list the bucket, each capped by
 * --max-items. Not shipped in the package (it needs the emulator in emulator/).
 */
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { startLoopbackServer, type LoopbackServer } from "../emulator/index.js";
import { main } from "./main.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const WIDTH = 110;

/** Shows what a step printed: the first `show` lines, each cut to WIDTH characters, then a count. */
class Preview extends Writable {
  private pending = "";
  readonly lines: string[] = [];

  constructor(
    private readonly show: number,
    private readonly prefix = "",
    private readonly width = WIDTH,
  ) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.pending += chunk.toString();
    let at: number;
    while ((at = this.pending.indexOf("\n")) >= 0) {
      const line = this.pending.slice(0, at);
      this.pending = this.pending.slice(at + 1);
      this.lines.push(line);
      if (this.lines.length <= this.show) print(this.prefix + cut(line, this.width));
    }
    done();
  }

  finish(): void {
    const hidden = this.lines.length - this.show;
    if (hidden > 0) print(`… ${hidden.toLocaleString("en-US")} more ${hidden === 1 ? "line" : "lines"} (${this.lines.length.toLocaleString("en-US")} in all)`);
  }
}

function print(text = ""): void {
  process.stdout.write(`${text}\n`);
}

function cut(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, width - 1)}…  [${line.length.toLocaleString("en-US")} characters]`;
}

/** How a shell would need an argument written. */
function quote(arg: string): string {
  return /^[A-Za-z0-9_./:=@+,-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

interface Target {
  readonly bucket: string;
  /** Options every command gets: --endpoint-url, --region, --profile. */
  readonly connection: readonly string[];
  readonly clientConfig: Record<string, unknown>;
  readonly embedded: boolean;
}

interface StepResult {
  readonly status: number;
  readonly stdout: readonly string[];
  readonly stderr: string;
}

let stepNumber = 0;

/** Runs one command in-process under a heading, showing its output. */
async function step(target: Target, heading: string, args: readonly string[], show = 6, width = WIDTH): Promise<StepResult> {
  print();
  print(`── ${++stepNumber}. ${heading}`);
  // The connection options are the same for every step; the transcript leaves them out.
  print(`$ aws-paginate ${args.map(quote).join(" ")}`);
  const stdout = new Preview(show, "", width);
  const stderr = new Preview(Number.POSITIVE_INFINITY, "(stderr) ");
  const status = await main([...args, ...target.connection], { stdout, stderr, clientConfig: target.clientConfig });
  stdout.finish();
  if (status !== 0) throw Object.assign(new Error(`step ${stepNumber} (${args.join(" ")}) exited with status ${status}`), { status });
  return { status, stdout: stdout.lines, stderr: stderr.lines.join("\n") };
}

/** A stable pseudo-random size for a key, so the transcript is the same on every run. */
function sizeOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return 20_000 + ((h >>> 0) % 380_000);
}

export const DEMO = {
  bucket: "demo-bucket",
  upload: { key: "videos/launch-keynote.mov", uploadId: "2~kY3fT9aQeLzU1wRb", parts: 12 },
} as const;

/** What the embedded server serves: 2,400 keys under three prefixes, versions, an upload, products. */
export function seedDemo(server: LoopbackServer): void {
  const { bucket, upload } = DEMO;
  const keys: string[] = [];
  for (let i = 0; i < 1668; i++) keys.push(`photos/2025/${String((i % 12) + 1).padStart(2, "0")}/img-${String(i).padStart(4, "0")}.jpg`);
  for (let day = 1; day <= 30; day++) for (let hour = 0; hour < 24; hour++) keys.push(`logs/2025-11-${String(day).padStart(2, "0")}/${String(hour).padStart(2, "0")}.log`);
  for (let q = 1; q <= 12; q++) keys.push(`reports/2025-${String(q).padStart(2, "0")}.csv`);
  server.putObjects(bucket, keys.map((key) => ({ key, size: sizeOf(key) })));

  const versions = [];
  for (let i = 1; i <= 30; i++) {
    const key = `contracts/contract-${String(i).padStart(3, "0")}.pdf`;
    // Newest first; every sixth key was deleted, leaving a delete marker on top.
    if (i % 6 === 0) versions.push({ key, versionId: `dm-${i}`, deleteMarker: true });
    for (let v = 3; v >= 1; v--) versions.push({ key, versionId: `v${v}-${i}` });
  }
  server.putVersions(bucket, versions);
  server.createUpload(bucket, upload.key, upload.uploadId, upload.parts);

  const statuses = ["AVAILABLE", "AVAILABLE", "AVAILABLE", "UNDER_CHANGE", "TAINTED", "ERROR"];
  server.putCatalog(
    "SearchProvisionedProducts",
    Array.from({ length: 45 }, (_, i) => ({
      Name: `team-${["web", "data", "ml", "ops", "edge"][i % 5]}-stack-${String(i + 1).padStart(2, "0")}`,
      Id: `pp-${(0x3a7c1e + i * 7919).toString(36)}`,
      Type: "CFN_STACK",
      Status: statuses[i % statuses.length],
      ProductName: ["Static website", "Data lake", "Notebook", "Bastion host", "CDN"][i % 5],
      CreatedTime: new Date(Date.UTC(2025, 0, 1 + i * 5)),
    })),
  );
}

async function tour(target: Target): Promise<void> {
  const { bucket, embedded } = target;
  const Bucket = `Bucket=${bucket}`;
  const cap = (n: number) => (embedded ? [] : ["--max-items", String(n)]);

  await step(target, "Pages of ListObjectsV2: one JSON line per page, 1,000 keys a page", ["s3", "list-objects-v2", "--param", Bucket, "--page-size", "1000", ...cap(3000)]);
  await step(target, "Items: one line per object (--items); pipe it into jq", ["s3", "list-objects-v2", "--param", Bucket, ...(embedded ? ["--param", "Prefix=logs/"] : []), "--items", ...cap(1000)], 4);

  const keys = ["s3", "list-objects-v2", "--param", Bucket, ...(embedded ? ["--param", "Prefix=reports/"] : []), "--page-size", "4"];
  const stopped = await step(target, "--max-items 5 stops inside the second page; the token to go on from goes to stderr", [...keys, "--items", "--max-items", "5"]);
  const token = /NextToken: (\S+)/.exec(stopped.stderr)?.[1];
  if (token) {
    await step(target, "Resuming from it yields exactly the rest: nothing twice, nothing lost", [...keys, "--items", "--starting-token", token, ...cap(5)]);
  } else {
    print("(the listing had no more than 5 keys, so there is nothing to resume)");
  }

  await step(
    target,
    "ListObjectVersions (the SDK has no paginator for it): two tokens a page, KeyMarker and VersionIdMarker",
    [
      "s3", "list-object-versions", "--param", Bucket, "--page-size", "25", ...cap(100),
      "--search", "{Versions: length(Versions || `[]`), DeleteMarkers: length(DeleteMarkers || `[]`), NextKeyMarker: NextKeyMarker, NextVersionIdMarker: NextVersionIdMarker}",
    ],
  );
  await step(target, "Its delete markers: the items of another result key (--result-key)", ["s3", "list-object-versions", "--param", Bucket, "--result-key", "DeleteMarkers", ...cap(100)], 6, 240);

  let upload: { Key?: string; UploadId?: string } | undefined = embedded ? { Key: DEMO.upload.key, UploadId: DEMO.upload.uploadId } : undefined;
  if (!embedded) {
    const found = await step(target, "ListMultipartUploads: an unfinished upload to list the parts of", ["s3", "list-multipart-uploads", "--param", Bucket, "--items", "--max-items", "1"]);
    upload = found.stdout[0] === undefined ? undefined : (JSON.parse(found.stdout[0]) as typeof upload);
  }
  if (upload?.Key && upload.UploadId) {
    await step(target, "ListParts of an unfinished multipart upload: its token is an integer part number", [
      "s3", "list-parts", "--param", Bucket, "--param", `Key=${upload.Key}`, "--param", `UploadId=${upload.UploadId}`, "--page-size", "5",
      "--search", "{Parts: Parts[].PartNumber, IsTruncated: IsTruncated, NextPartNumberMarker: NextPartNumberMarker}",
    ]);
  } else {
    print("\n(no unfinished multipart upload in the bucket: ListParts skipped)");
  }

  await step(target, "search(): a JMESPath expression over every page, results flattened (objects over 390 KB)", [
    "s3", "list-objects-v2", "--param", Bucket, ...(embedded ? ["--param", "Prefix=photos/"] : []), ...cap(3000), "--search", "Contents[?Size > `390000`].[Key, Size]",
  ]);

  if (embedded) {
    await step(target, "Service Catalog SearchProvisionedProducts, the seed article's listing, item by item", [
      "service-catalog", "search-provisioned-products", "--items", "--page-size", "20",
    ], 3);
  }
}

const HELP = `Usage: npm start [-- [--endpoint-url URL] [--bucket NAME | NAME] [--region R] [--profile P]]

With no arguments, runs the tour against an embedded S3 + Service Catalog server on 127.0.0.1.
With --endpoint-url URL --bucket NAME, lists that bucket at that endpoint (credentials from the
environment); with only a bucket, lists it on AWS, if AWS credentials are in the environment.
`;

function hasAwsCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) ||
      env.AWS_PROFILE ||
      env.AWS_WEB_IDENTITY_TOKEN_FILE ||
      env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
  );
}

export async function start(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { "endpoint-url": { type: "string" }, bucket: { type: "string" }, region: { type: "string" }, profile: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const bucket = values.bucket ?? positionals[0];
  const endpoint = values["endpoint-url"];
  const connection = [
    ...(endpoint ? ["--endpoint-url", endpoint] : []),
    ...(values.region ? ["--region", values.region] : []),
    ...(values.profile ? ["--profile", values.profile] : []),
  ];

  if (endpoint !== undefined || bucket !== undefined) {
    if (!bucket) {
      process.stderr.write("npm start: --endpoint-url needs --bucket NAME, the bucket to list there\n");
      return 2;
    }
    if (endpoint === undefined && !values.profile && !hasAwsCredentials(process.env)) {
      process.stderr.write(
        `npm start: listing ${bucket} on AWS needs credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE), or --endpoint-url; run npm start with no arguments for the embedded server\n`,
      );
      return 2;
    }
    print(`aws-paginate against ${endpoint ?? "AWS"}, bucket ${bucket} (read-only; every step capped by --max-items)`);
    await tour({ bucket, connection, clientConfig: {}, embedded: false });
    return 0;
  }

  const started = performance.now();
  const server = await startLoopbackServer();
  try {
    seedDemo(server);
    print(`aws-paginate against an embedded S3 + Service Catalog server at ${server.url}`);
    print(`bucket ${DEMO.bucket}: 2,400 keys (photos/, logs/, reports/), 90 versions and 5 delete markers under contracts/,`);
    print(`an unfinished multipart upload of ${DEMO.upload.parts} parts; 45 provisioned products. Long lines are cut to ${WIDTH} characters here.`);
    print(`(Each step also gets --endpoint-url ${server.url}.)`);
    await tour({
      bucket: DEMO.bucket,
      connection: ["--endpoint-url", server.url],
      clientConfig: { region: "us-east-1", credentials: { accessKeyId: "demo", secretAccessKey: "demo" }, maxAttempts: 1 },
      embedded: true,
    });
    print();
    print(`Done: ${server.stats.requests.toLocaleString("en-US")} requests in ${((performance.now() - started) / 1000).toFixed(1)} s. Try it on your own bucket: npm start -- --bucket NAME`);
    return 0;
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = await start(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`npm start: ${(error as Error).message}\n`);
    process.exitCode = (error as { status?: number }).status ?? 1;
  }
}
