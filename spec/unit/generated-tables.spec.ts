/**
 * The generated tables (services/), as the engine uses them: every rule compiles, every module
 * is tree-shakable data, and a generated table drives a real SDK client's command classes.
 */
import { CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { Route53Client } from "@aws-sdk/client-route-53";
import { S3Client } from "@aws-sdk/client-s3";
import { ServiceCatalogClient } from "@aws-sdk/client-service-catalog";
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import sinon from "sinon";
import { allServiceTables, allTables, clientPackages } from "aws-paginators/all";
import { dynamodbTable } from "aws-paginators/services/dynamodb";
import { s3Table as generatedS3 } from "aws-paginators/services/s3";
import { canPaginate, defineTable, getPaginator, InvalidConfigError, PaginationError, s3Table, withPaginators } from "aws-paginators";
import { compileRule } from "../../lib/rule.js";
import { collect } from "../support/stub-client.js";

describe("the generated tables", () => {
  it("hold thousands of operations across hundreds of services, every rule valid", () => {
    const services = Object.keys(allTables);
    const operations = services.reduce((sum, service) => sum + Object.keys(allTables[service as keyof typeof allTables]).length, 0);
    expect(services.length).to.be.greaterThan(300);
    expect(operations).to.be.greaterThan(3500);
    for (const [service, table] of Object.entries(allServiceTables)) {
      expect(clientPackages[service as keyof typeof clientPackages]).to.match(/^@aws-sdk\/client-/);
      // defineTable checks every field and compiles every expression.
      expect(() => defineTable({ service: table.service, rules: table.rules as never }), service).to.not.throw();
      for (const [operation, rule] of Object.entries(table.rules)) compileRule(rule, `${service}.${operation}`);
    }
  });

  it("are data modules that import nothing at load time", () => {
    for (const file of readdirSync("services").filter((name) => name.endsWith(".js") && !name.startsWith("_"))) {
      const code = readFileSync(`services/${file}`, "utf8");
      expect(code, file).to.not.match(/^import /m);
    }
  });

  it("re-export the hand-curated S3 and Service Catalog tables", () => {
    expect(generatedS3).to.equal(s3Table);
  });

  it("drive a bare client's real command classes, and carry DynamoDB's map tokens", async () => {
    const client = new DynamoDBClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    const key = { id: { S: "2" }, blob: { B: new Uint8Array([1, 2]) } };
    const send = sinon.stub(client, "send").callsFake(async (command: any) =>
      command.input.ExclusiveStartKey ? { Items: [{ id: { S: "3" } }], Count: 1, ScannedCount: 4 } : { Items: [{ id: { S: "1" } }, { id: { S: "2" } }], Count: 2, ScannedCount: 2, LastEvaluatedKey: key },
    );
    const dynamodb = withPaginators(client, dynamodbTable);
    const items = await collect(dynamodb.getPaginator("scan").items({ TableName: "t" }, { pageSize: 2 }));
    expect(items.map((item) => item.id!.S)).to.deep.equal(["1", "2", "3"]);
    expect(send.firstCall.args[0]).to.be.instanceOf(ScanCommand);
    expect((send.secondCall.args[0] as unknown as ScanCommand).input).to.deep.equal({ TableName: "t", Limit: 2, ExclusiveStartKey: key });
    const full = await dynamodb.getPaginator("scan").paginate({ TableName: "t" }).buildFullResult();
    expect(full.Count).to.equal(3);
    expect(full.ScannedCount).to.equal(6);
  });

  it("know their service: another service's client is refused before any request, naming both", () => {
    const s3 = new S3Client({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    const send = sinon.stub(s3, "send");
    const refused = /the table is for DynamoDB, but the client is a S3 client: pass it the S3 table \(import \{ s3Table \} from "aws-paginators\/services\/s3"\), or pass the table a DynamoDB client/;
    expect(() => withPaginators(s3, dynamodbTable as never)).to.throw(PaginationError, refused);
    expect(() => getPaginator(s3, "scan" as never, dynamodbTable as never)).to.throw(PaginationError, refused);
    expect(() => canPaginate(s3, "scan", dynamodbTable as never)).to.throw(PaginationError, refused);
    expect(send.called).to.equal(false);
    // A client whose config names no service, such as a stub, takes any table.
    expect(withPaginators({ send: async () => ({}) }, dynamodbTable).canPaginate("scan")).to.equal(true);
    // Services compare as spelt loosely: a hand-written table may say "dynamodb".
    const loose = defineTable({ service: "dynamodb", rules: { ListTables: { inputToken: "ExclusiveStartTableName", outputToken: "LastEvaluatedTableName", resultKey: "TableNames" } } });
    expect(withPaginators(new DynamoDBClient({ region: "us-east-1" }), loose).canPaginate("listTables")).to.equal(true);
  });

  it("name their service as its client's config.serviceId does", () => {
    const clients = { cloudfront: CloudFrontClient, dynamodb: DynamoDBClient, ec2: EC2Client, iam: IAMClient, "route-53": Route53Client, s3: S3Client, "service-catalog": ServiceCatalogClient };
    for (const [name, Client] of Object.entries(clients)) {
      const client = new Client({ region: "us-east-1" });
      expect(allServiceTables[name as keyof typeof allServiceTables].service, name).to.equal(client.config.serviceId);
    }
  });

  it("send the page size as a string where the limit member is one (API Gateway v2)", async () => {
    const table = defineTable({
      service: "Example",
      rules: { GetApis: { inputToken: "NextToken", outputToken: "NextToken", limitKey: "MaxResults", limitKeyType: "string", resultKey: "Items" } },
    });
    const client = { getApis: sinon.spy(async (_input: unknown) => ({ Items: [1] })) };
    await collect(withPaginators(client, table).getPaginator("getApis").items({}, { pageSize: 25 }));
    expect(client.getApis.firstCall.args[0]).to.deep.equal({ MaxResults: "25" });
    expect(() => defineTable({ service: "Example", rules: { ListX: { inputToken: "A", outputToken: "A", resultKey: "X", limitKeyType: "string" } } })).to.throw(
      InvalidConfigError,
      /limitKeyType may only be "string", and only with a limitKey/,
    );
  });
});
