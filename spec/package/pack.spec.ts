/**
 * The package as users get it: `npm pack`, installed into an empty project beside the SDK, then
 * used through `import` and `require`, each type-checked against the shipped declarations.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(".");
const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const installed = (pkg: string) => JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")).version as string;

const consumer = (importLine: string) => `${importLine}
const client = new S3Client({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
client.send = (async (command: { input: { ContinuationToken?: string } }) =>
  command.input.ContinuationToken ? { Contents: [{ Key: "b" }], IsTruncated: false } : { Contents: [{ Key: "a" }], IsTruncated: true, NextContinuationToken: "n" }) as never;
const s3 = withPaginators(client);
async function main(): Promise<void> {
  const keys: string[] = [];
  for await (const object of s3.getPaginator("listObjectsV2").items({ Bucket: "b" })) keys.push(object.Key!);
  // @ts-expect-error the types reject an unknown operation
  if (keys.length < 0) s3.getPaginator("listObjectz");
  console.log(JSON.stringify({ keys, error: new PaginationError("x") instanceof Error }));
}
void main();
`;

describe("the packed package", function () {
  this.timeout(240_000);
  let project: string;

  before(() => {
    project = mkdtempSync(join(tmpdir(), "aws-paginators-pack-"));
    npm(["run", "build"], root);
    const tarball = npm(["pack", "--silent", "--pack-destination", project], root).trim().split("\n").pop()!;
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
    npm(
      [
        "install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts",
        join(project, tarball),
        `@aws-sdk/client-s3@${installed("@aws-sdk/client-s3")}`,
        `typescript@${installed("typescript")}`,
        `@types/node@${installed("@types/node")}`,
      ],
      project,
    );
    writeFileSync(join(project, "esm.mts"), consumer(`import { S3Client } from "@aws-sdk/client-s3";\nimport { withPaginators, PaginationError } from "aws-paginators";`));
    writeFileSync(join(project, "cjs.cts"), consumer(`import { S3Client } from "@aws-sdk/client-s3";\nimport { withPaginators, PaginationError } from "aws-paginators";`));
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, types: ["node"], skipLibCheck: false, outDir: "out" }, files: ["esm.mts", "cjs.cts"] }),
    );
  });

  after(() => rmSync(project, { recursive: true, force: true }));

  // skipLibCheck is off and only @aws-sdk/client-s3 is installed: the declarations must not need
  // @aws-sdk/client-service-catalog.
  it("type-checks an ESM and a CommonJS consumer against the shipped declarations, with only one client installed", () => {
    execFileSync(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", project], { cwd: project, encoding: "utf8" });
    expect(readFileSync(join(project, "out", "cjs.cjs"), "utf8")).to.match(/require\("aws-paginators"\)/);
    expect(readFileSync(join(project, "out", "esm.mjs"), "utf8")).to.match(/from "aws-paginators"/);
  });

  it("runs through import and through require", () => {
    for (const file of ["esm.mjs", "cjs.cjs"]) {
      const output = execFileSync(process.execPath, [join(project, "out", file)], { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      expect(JSON.parse(output), file).to.deep.equal({ keys: ["a", "b"], error: true });
    }
  });

  it("ships only the build, the README and the LICENSE", () => {
    const manifest = JSON.parse(readFileSync(join(project, "node_modules", "aws-paginators", "package.json"), "utf8"));
    expect(manifest.license).to.equal("Apache-2.0");
    expect(manifest.peerDependenciesMeta).to.deep.equal({ "@aws-sdk/client-s3": { optional: true }, "@aws-sdk/client-service-catalog": { optional: true } });
  });
});
