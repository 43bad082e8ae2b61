/**
 * What the types print and cost, from tsc itself: a misspelt name's error lists the nearest
 * names, a client or table mismatch says what to pass, and a program using one paginator of the
 * largest service (EC2) stays within 20,000 type instantiations. The generated declarations are
 * written afresh by scripts/service-declarations.mjs, whose name spellings agree with lib/names.ts.
 */
import { expect } from "chai";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { allTables } from "aws-paginators/all";
import { compileProgram, emitLibraryDeclarations, MAX_EC2_INSTANTIATIONS, typeCost, TYPE_COST_PROGRAMS } from "../../bench/type-cost.js";
import { nameIndex } from "../../lib/names.js";
// @ts-ignore: a plain .mjs module, shared with the generator and the build
import { spellings } from "../../scripts/service-declarations.mjs";

describe("the types, as tsc reports them", function () {
  this.timeout(120_000);

  it("name every misspelt operation's nearest names, and say what a client or table mismatch needs", () => {
    const { ok, output } = compileProgram(
      `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { S3Client } from "@aws-sdk/client-s3";
import { getPaginator, withPaginators } from "aws-paginators";
import { dynamodbTable } from "aws-paginators/services/dynamodb";
import { ec2Table } from "aws-paginators/services/ec2";

withPaginators(new S3Client({})).getPaginator("listObjectV2");
withPaginators(new EC2Client({}), ec2Table).getPaginator("describeInstancez");
getPaginator(new S3Client({}), "zzz");
withPaginators(new DynamoDBClient({}));
withPaginators(new S3Client({}), dynamodbTable);
`,
      { library: "lib/index.ts", services: ["dynamodb", "ec2"] },
    );
    expect(ok).to.equal(false);
    // tsc names the file by a path relative to where it runs: "../../tmp/…/program.ts(8,1): error …".
    const errors = output.trim().split(/\n(?=\S*program\.ts\()/);
    const at = (line: number) => errors.find((error) => error.includes(`program.ts(${line},`)) ?? "";
    expect(errors).to.have.length(5);
    // The union is printed in the table's order; its members are what matters.
    const printed = (line: number) => (/parameter of type '([^']*)'/.exec(at(line))?.[1] ?? "").split(" | ");
    expect(at(8)).to.include(`Argument of type '"listObjectV2"' is not assignable to parameter of type '"`);
    expect(printed(8)).to.include.members(['"listObjects"', '"listObjectsV2"', '"listObjectVersions"']);
    expect(at(9)).to.match(/'"describeInstancez"' is not assignable to parameter of type '"describeInstance[A-Za-z]*" \| .*"describeInstances"/);
    // No name shares its first letter: every operation, in camelCase.
    expect(printed(10)).to.include.members(['"listBuckets"', '"listDirectoryBuckets"', '"listObjects"', '"listObjectsV2"']);
    expect(printed(10)).to.not.include('"list_objects_v2"');
    expect(at(11)).to.include("import { dynamodbTable } from 'aws-paginators/services/dynamodb'");
    expect(at(12)).to.include("the table is for DynamoDB, not this client's service; pass a DynamoDB client, or this client's own table");
  });

  it(`cost at most ${MAX_EC2_INSTANTIATIONS.toLocaleString("en-US")} instantiations for one EC2 paginator, against the built declarations`, () => {
    const declarations = emitLibraryDeclarations();
    try {
      const { ours, services } = TYPE_COST_PROGRAMS.ec2;
      const cost = typeCost(ours, { library: join(declarations, "index.d.ts"), services });
      expect(cost.instantiations).to.be.greaterThan(0);
      expect(cost.instantiations, `EC2 DescribeInstances program: ${cost.instantiations} instantiations`).to.be.at.most(MAX_EC2_INSTANTIATIONS);
    } finally {
      rmSync(declarations, { recursive: true, force: true });
    }
  });

  it("spell every generated operation's names in the declarations as getPaginator does at run time", () => {
    for (const rules of Object.values(allTables)) {
      const operations = Object.keys(rules);
      const index = nameIndex(operations);
      const declared = operations.flatMap((operation) => (spellings(operation) as string[]).map((name): [string, string] => [name, operation]));
      expect(new Map(declared)).to.deep.equal(index);
    }
  });
});
