/**
 * The built-in tables against their two references: the installed SDK (every operation whose
 * request takes a page token has a rule) and boto3's tables in ../shared/anchors (token for token).
 */
import { expect } from "chai";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineTable, InvalidConfigError, s3Table, serviceCatalogTable, type PaginatorRule, type RuleSpec } from "../../lib/index.js";

const require = createRequire(import.meta.url);
const anchors = join(process.cwd(), "..", "shared", "anchors", "botocore");

function modelSource(pkg: string): string {
  const types = join(dirname(require.resolve(`${pkg}/package.json`)), "dist-types", "models");
  return readdirSync(types)
    .filter((file) => file.endsWith(".d.ts"))
    .map((file) => readFileSync(join(types, file), "utf8"))
    .join("\n");
}

/** Request interfaces of an SDK package whose members include one of `tokens`. */
function operationsTaking(pkg: string, suffix: string, tokens: readonly string[]): string[] {
  const source = modelSource(pkg);
  const found = new Set<string>();
  const pattern = new RegExp(`export interface (\\w+)${suffix} \\{([\\s\\S]*?)\\n\\}`, "g");
  for (const match of source.matchAll(pattern)) {
    if (tokens.some((token) => new RegExp(`\\n\\s+${token}\\??:`).test(match[2]!))) found.add(match[1]!);
  }
  return [...found].sort();
}

function list(value: unknown): string[] | undefined {
  return value === undefined ? undefined : typeof value === "string" ? [value] : (value as string[]);
}

function compareWithBoto3(rules: Record<string, PaginatorRule>, file: string): number {
  const boto3 = JSON.parse(readFileSync(join(anchors, file), "utf8")).pagination as Record<string, Record<string, unknown>>;
  let compared = 0;
  for (const [operation, theirs] of Object.entries(boto3)) {
    const ours = rules[operation];
    expect(ours, `${operation} is in boto3's table`).to.not.equal(undefined);
    expect(ours!.inputToken, `${operation} inputToken`).to.deep.equal(list(theirs.input_token));
    expect(ours!.outputToken, `${operation} outputToken`).to.deep.equal(list(theirs.output_token));
    expect(ours!.moreResults, `${operation} moreResults`).to.equal(theirs.more_results);
    expect(ours!.limitKey, `${operation} limitKey`).to.equal(theirs.limit_key);
    expect(ours!.resultKey[0], `${operation} primary result key`).to.equal(list(theirs.result_key)![0]);
    expect(ours!.resultKey, `${operation} result keys`).to.deep.equal(list(theirs.result_key));
    compared++;
  }
  return compared;
}

describe("the S3 table", () => {
  it("covers every S3 operation whose request takes a page token", () => {
    const paged = operationsTaking("@aws-sdk/client-s3", "Request", ["ContinuationToken", "Marker", "KeyMarker", "PartNumberMarker"]);
    expect(paged).to.include.members(["ListObjects", "ListObjectVersions", "ListMultipartUploads", "GetObjectAttributes"]);
    expect(Object.keys(s3Table.rules).sort()).to.deep.equal(paged);
    expect(paged).to.have.length(13);
  });

  it("names result keys that exist in the SDK's output types", () => {
    const source = modelSource("@aws-sdk/client-s3");
    for (const [operation, rule] of Object.entries(s3Table.rules)) {
      for (const key of rule.resultKey) {
        const [member] = key.split(".");
        const output = new RegExp(`export interface ${operation}Output \\{[\\s\\S]*?\\n\\s+${member}\\?:`);
        expect(output.test(source), `${operation}Output.${member}`).to.equal(true);
      }
    }
  });

  (existsSync(anchors) ? it : it.skip)("agrees with boto3's s3 table token for token", () => {
    expect(compareWithBoto3(s3Table.rules, "s3.paginators-1.json")).to.equal(8);
  });
});

describe("the Service Catalog table", () => {
  it("covers every Service Catalog operation whose request takes a PageToken", () => {
    const paged = operationsTaking("@aws-sdk/client-service-catalog", "Input", ["PageToken"]);
    expect(Object.keys(serviceCatalogTable.rules).sort()).to.deep.equal(paged);
    expect(paged).to.have.length(25);
  });

  it("pages ListTagOptions and ListResourcesForTagOption by an output token named PageToken", () => {
    expect(serviceCatalogTable.rules.ListTagOptions.outputToken).to.deep.equal(["PageToken"]);
    expect(serviceCatalogTable.rules.ListResourcesForTagOption.outputToken).to.deep.equal(["PageToken"]);
    expect(serviceCatalogTable.rules.SearchProvisionedProducts.outputToken).to.deep.equal(["NextPageToken"]);
  });

  (existsSync(anchors) ? it : it.skip)("agrees with boto3's servicecatalog table token for token", () => {
    expect(compareWithBoto3(serviceCatalogTable.rules, "servicecatalog.paginators-1.json")).to.equal(16);
  });
});

describe("the built-in tables", () => {
  // They skip defineTable's checks at run time (builtInTable), so this is where they are checked.
  for (const table of [s3Table, serviceCatalogTable]) {
    it(`${table.service}: every rule is what defineTable makes of it, checks passed, frozen all through`, () => {
      const defined = defineTable({ service: table.service, rules: table.rules as Record<string, RuleSpec> });
      expect(table.rules).to.deep.equal(defined.rules);
      expect(Object.keys(table.rules)).to.deep.equal(Object.keys(defined.rules));
      expect(Object.isFrozen(table) && Object.isFrozen(table.rules)).to.equal(true);
      for (const [operation, rule] of Object.entries(table.rules)) {
        expect(Object.isFrozen(rule), operation).to.equal(true);
        for (const value of Object.values(rule)) if (Array.isArray(value)) expect(Object.isFrozen(value), operation).to.equal(true);
      }
      expect(table.commands).to.be.a("function");
    });
  }
});

describe("defineTable", () => {
  it("normalizes every field to a list and keeps the rule readable and JSON-compatible", () => {
    const table = defineTable({
      service: "Example",
      rules: { ListThings: { inputToken: "NextToken", outputToken: "NextToken", resultKey: "Things", limitKey: "MaxResults" } },
    });
    expect(table.rules.ListThings).to.deep.equal({ inputToken: ["NextToken"], outputToken: ["NextToken"], resultKey: ["Things"], limitKey: "MaxResults" });
    expect(JSON.parse(JSON.stringify(table.rules))).to.deep.equal(table.rules);
    expect(Object.isFrozen(table.rules.ListThings)).to.equal(true);
  });

  it("refuses a wrong table with an error naming the entry and the field", () => {
    const bad = (rules: unknown) => () => defineTable({ service: "Example", rules: rules as never });
    expect(bad({ ListThings: { inputToken: ["A", "B"], outputToken: "A", resultKey: "X" } })).to.throw(InvalidConfigError, /Example\.ListThings: inputToken has 2 member\(s\) and outputToken 1/);
    expect(bad({ ListThings: { inputToken: "A", outputToken: "A[x].B", resultKey: "X" } })).to.throw(InvalidConfigError, /cannot read "A\[x\]\.B"/);
    expect(bad({ ListThings: { inputToken: "A", outputToken: "A", resultKey: [] } })).to.throw(InvalidConfigError, /resultKey must be a non-empty/);
    expect(bad({ ListThings: { inputToken: "A", outputToken: "A", resultKey: "X", limit_key: "Max" } })).to.throw(InvalidConfigError, /unknown rule field "limit_key"/);
    expect(bad({ ListThings: { inputToken: "A.B", outputToken: "A", resultKey: "X" } })).to.throw(InvalidConfigError, /inputToken "A\.B" must be a request member name/);
    expect(bad({ list_things: { inputToken: "A", outputToken: "A", resultKey: "X" } })).to.throw(InvalidConfigError, /"list_things" is not a PascalCase operation name/);
    expect(bad({ ListThings: { inputToken: ["Marker", "Limit"], outputToken: ["NextMarker", "NextLimit"], limitKey: "Limit", resultKey: "X" } })).to.throw(
      InvalidConfigError,
      /Example\.ListThings: limitKey "Limit" is also an inputToken; limitKey names the request member that takes the page size/,
    );
    expect(bad({ ListThings: { inputToken: "NextToken", outputToken: "NextToken", limitKey: "NextToken", resultKey: "X" } })).to.throw(InvalidConfigError, /limitKey "NextToken" is also an inputToken/);
    expect(bad({ ListThings: { inputToken: "Marker", outputToken: "NextMarker", resultKey: "X", urlEncodedTokens: "NextMarker" } })).to.throw(
      InvalidConfigError,
      /Example\.ListThings: urlEncodedTokens names "NextMarker", which is not one of its inputToken \(Marker\)/,
    );
    expect(bad({ ListThings: { inputToken: "Marker", outputToken: "NextMarker", resultKey: "X", urlEncodedTokens: [] } })).to.throw(InvalidConfigError, /urlEncodedTokens must be a non-empty/);
    expect(bad({})).to.throw(InvalidConfigError, /at least one/);
    expect(() => defineTable({ service: "", rules: {} })).to.throw(InvalidConfigError, /service must name the service/);
  });
});

describe("compiled rules", () => {
  it("are compiled once per rule, however many paginators are made", async () => {
    const { compileRule } = await import("../../lib/rule.js");
    const rule = s3Table.rules.ListObjectsV2;
    expect(compileRule(rule, "ListObjectsV2")).to.equal(compileRule(rule, "ListObjectsV2"));
  });
});
