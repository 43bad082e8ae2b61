/**
 * The generated tables, kept as data in lib/services/generated/ and built into dist/services/:
 * every rule compiles, every module is tree-shakable data derived from exactly those data files,
 * the registry names them, result keys are never guessed, a listing that ends on an echoed token
 * ends there, the generator's check refuses rules its client's types contradict, and a generated
 * table drives a real SDK client's command classes.
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
import { cloudwatchLogsTable } from "aws-paginators/services/cloudwatch-logs";
import { dynamodbTable } from "aws-paginators/services/dynamodb";
import { s3Table as generatedS3 } from "aws-paginators/services/s3";
import {
  BUILT_IN_TABLES,
  canPaginate,
  defineTable,
  getPaginator,
  InvalidConfigError,
  PaginationError,
  RepeatedTokenError,
  s3Table,
  serviceCatalogTable,
  serviceModuleName,
  tableModuleOf,
  withPaginators,
} from "aws-paginators";
import { tableExportName } from "../../lib/built-ins.js";
import { compileRule } from "../../lib/rule.js";
import { checkRule } from "../../scripts/generate/check.js";
import type { Member, V3Client } from "../../scripts/generate/read-v3.js";
import { collect } from "../support/stub-client.js";

const DATA = "lib/services/generated";
interface DataFile {
  readonly service: string;
  readonly clientPackage: string;
  readonly clientVersion: string;
  readonly provenance: string;
  readonly rules: Record<string, Record<string, unknown>>;
}
const dataFiles = (): [string, DataFile][] =>
  readdirSync(DATA)
    .filter((file) => file.endsWith(".json"))
    .map((file) => [file.slice(0, -".json".length), JSON.parse(readFileSync(`${DATA}/${file}`, "utf8")) as DataFile]);
const overrides = JSON.parse(readFileSync("scripts/generate/overrides.json", "utf8")) as Record<string, Record<string, Record<string, unknown>>>;

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
    const builtIn = new Set(BUILT_IN_TABLES.map((entry) => `${entry.module}.js`));
    for (const file of readdirSync("dist/services").filter((name) => name.endsWith(".js") && !name.startsWith("_") && !builtIn.has(name))) {
      const code = readFileSync(`dist/services/${file}`, "utf8");
      expect(code, file).to.not.match(/^import /m);
    }
  });

  it("are kept as data, one file per service, and aws-paginators/all is exactly those and the built-ins", () => {
    const files = dataFiles();
    expect(files.length).to.be.greaterThan(300);
    expect(readdirSync(DATA).filter((file) => !file.endsWith(".json"))).to.deep.equal(["REPORT.md"]);
    for (const [name, data] of files) {
      expect(Object.keys(data), name).to.include.members(["service", "clientPackage", "clientVersion", "provenance", "rules"]);
      expect(data.clientPackage, name).to.equal(`@aws-sdk/client-${name}`);
      // The naming rule the registry states, and the run-time hint relies on, holds for every module.
      expect(serviceModuleName(data.service), name).to.equal(name);
      expect(tableModuleOf(data.service), name).to.deep.equal({ module: `aws-paginators/services/${name}`, exportName: tableExportName(name) });
      const table = allServiceTables[name as keyof typeof allServiceTables];
      expect(table.service, name).to.equal(data.service);
      expect(JSON.parse(JSON.stringify(table.rules)), name).to.deep.equal(data.rules);
    }
    const expected = [...files.map(([name]) => name), ...BUILT_IN_TABLES.map((entry) => entry.module)].sort();
    expect(Object.keys(allServiceTables).sort()).to.deep.equal(expected);
    expect(Object.keys(clientPackages).sort()).to.deep.equal(expected);
  });

  it("name the built-in tables in one registry that withPaginators reads", () => {
    expect(BUILT_IN_TABLES.map((entry) => [entry.serviceId, entry.module, entry.exportName, entry.table])).to.deep.equal([
      ["S3", "s3", "s3Table", s3Table],
      ["Service Catalog", "service-catalog", "serviceCatalogTable", serviceCatalogTable],
    ]);
    for (const entry of BUILT_IN_TABLES) {
      expect(entry.table.service).to.equal(entry.serviceId);
      expect(serviceModuleName(entry.serviceId)).to.equal(entry.module);
      expect(tableExportName(entry.module)).to.equal(entry.exportName);
      expect(entry.clientPackage).to.equal(`@aws-sdk/client-${entry.module}`);
      expect(tableModuleOf(entry.serviceId)).to.deep.equal({ module: "aws-paginators", exportName: entry.exportName });
      const client = withPaginators({ config: { serviceId: entry.serviceId }, send: async () => ({}) } as never) as { canPaginate(name: string): boolean };
      expect(client.canPaginate(Object.keys(entry.table.rules)[0]!)).to.equal(true);
    }
    expect(tableModuleOf("CloudWatch Logs")).to.deep.equal({ module: "aws-paginators/services/cloudwatch-logs", exportName: "cloudwatchLogsTable" });
    expect(tableModuleOf("Route 53")).to.deep.equal({ module: "aws-paginators/services/route-53", exportName: "route53Table" });
  });

  it("never guess a primary result key: where a response has several lists, an override settles it or the operation is left out", () => {
    const primary = (service: string, operation: string) => (allTables as Record<string, Record<string, { resultKey: readonly string[] }>>)[service]?.[operation]?.resultKey[0];
    expect(primary("iotsitewise", "BatchGetAssetPropertyValue")).to.equal("successEntries");
    expect(primary("iotsitewise", "BatchGetAssetPropertyAggregates")).to.equal("successEntries");
    expect(primary("iotsitewise", "BatchGetAssetPropertyValueHistory")).to.equal("successEntries");
    expect(primary("iottwinmaker", "ExecuteQuery")).to.equal("rows");
    expect(primary("kendra", "GetSnapshots")).to.equal("SnapshotsData");
    expect(primary("lookoutmetrics", "ListAnomalyGroupTimeSeries")).to.equal("TimeSeriesList");
    expect(primary("sagemaker", "DescribeEdgeDeploymentPlan")).to.equal("Stages");
    // Its items are a map of table to items, and ConsumedCapacity is not items: not paged.
    expect(dynamodbTable.rules).to.not.have.property("BatchGetItem");
    // Which list holds the items depends on the request: left out.
    expect(primary("iot", "SearchIndex")).to.equal(undefined);
    expect(primary("codeguruprofiler", "ListProfilingGroups")).to.equal(undefined);
    const report = readFileSync(`${DATA}/REPORT.md`, "utf8");
    expect(report).to.match(/^- dynamodb BatchGetItem: override: Its items are Responses/m);
    expect(report).to.match(/^- iot SearchIndex: override: Which list holds the items depends/m);
    expect(report).to.match(/^- iotsitewise BatchGetAssetPropertyValue \(errorEntries, successEntries, skippedEntries\): successEntries, from scripts\/generate\/overrides.json$/m);
  });

  it("apply every override, each with its reason", () => {
    const data = Object.fromEntries(dataFiles());
    for (const [service, operations] of Object.entries(overrides)) {
      if (service === "$comment") continue;
      for (const [operation, override] of Object.entries(operations)) {
        const where = `${service} ${operation}`;
        expect(override.reason, where).to.be.a("string").with.length.greaterThan(20);
        const rule = data[service]?.rules[operation];
        if (override.skip) {
          expect(rule, where).to.equal(undefined);
          continue;
        }
        expect(rule, where).to.not.equal(undefined);
        for (const [field, value] of Object.entries(override)) if (field !== "reason") expect(rule![field], `${where} ${field}`).to.deep.equal(value);
      }
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
    const refused = /the table is for DynamoDB, but the client is for S3: pass it the S3 table \(import \{ s3Table \} from "aws-paginators\/services\/s3"\), or pass the table a DynamoDB client/;
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

  describe("a listing that ends on an echoed token: CloudWatch Logs GetLogEvents, with its generated rule", () => {
    const events = (n: number) => Array.from({ length: n }, (_, i) => ({ message: `m${i}` }));
    /** Three pages of events, then the service's end of stream: the token sent comes back. */
    const logs = (echoFrom = 3) => {
      const getLogEvents = sinon.spy(async (input: { nextToken?: string }) => {
        const page = input.nextToken === undefined ? 0 : Number(input.nextToken.slice(2));
        if (page >= echoFrom) return { events: [], nextForwardToken: input.nextToken, nextBackwardToken: "b/0" };
        return { events: events(2).map((event) => ({ message: `${page}-${event.message}` })), nextForwardToken: `f/${page + 1}`, nextBackwardToken: `b/${page}` };
      });
      return { client: withPaginators({ config: { serviceId: "CloudWatch Logs" }, getLogEvents }, cloudwatchLogsTable), getLogEvents };
    };

    it("the generated rule says so, and no other generated rule does", () => {
      expect(cloudwatchLogsTable.rules.GetLogEvents).to.deep.include({ inputToken: ["nextToken"], outputToken: ["nextForwardToken"], endOnEchoedToken: true });
      const echoing = Object.entries(allTables).flatMap(([service, rules]) =>
        Object.entries(rules as Record<string, { endOnEchoedToken?: true }>).filter(([, rule]) => rule.endOnEchoedToken).map(([operation]) => `${service} ${operation}`),
      );
      expect(echoing).to.deep.equal(["cloudwatch-logs GetLogEvents"]);
    });

    it("ends quietly on the echoed token, with every event once and no request after it", async () => {
      const { client, getLogEvents } = logs();
      const messages = (await collect(client.getPaginator("getLogEvents").items({ logGroupName: "g", logStreamName: "s", startFromHead: true }))).map((event) => (event as { message?: string }).message);
      expect(messages).to.deep.equal(["0-m0", "0-m1", "1-m0", "1-m1", "2-m0", "2-m1"]);
      expect(getLogEvents.callCount).to.equal(4);
      expect(getLogEvents.lastCall.args[0]).to.deep.include({ nextToken: "f/3" });
    });

    it("ends a resumed run on the echo too, and an echo on another operation stays a RepeatedTokenError", async () => {
      const { client } = logs();
      const first = client.getPaginator("getLogEvents").items({ logGroupName: "g", logStreamName: "s" }, { maxItems: 3 });
      await collect(first);
      const rest = await collect(client.getPaginator("getLogEvents").items({ logGroupName: "g", logStreamName: "s" }, { startingToken: first.resumeToken }));
      expect(rest.map((event) => (event as { message?: string }).message)).to.deep.equal(["1-m1", "2-m0", "2-m1"]);
      const filterLogEvents = sinon.spy(async (input: { nextToken?: string }) => ({ events: events(1), nextToken: input.nextToken ?? "n/1" }));
      const filter = withPaginators({ config: { serviceId: "CloudWatch Logs" }, filterLogEvents }, cloudwatchLogsTable).getPaginator("filterLogEvents");
      const error = await collect(filter.items({ logGroupName: "g" })).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(RepeatedTokenError);
    });
  });

  describe("the generator's check of a rule against its client's types", () => {
    const shapes: Record<string, Member[]> = {
      ListThingsRequest: [{ name: "NextToken", type: "string", list: false }, { name: "MaxResults", type: "number", list: false }, { name: "PageSize", type: "string", list: false }],
      ListThingsResponse: [
        { name: "NextToken", type: "string", list: false },
        { name: "Things", type: "Thing[]", list: true },
        { name: "Count", type: "number", list: false },
        { name: "ByKind", type: "Record<string, Thing[]>", list: false },
        { name: "Page", type: "Page", list: false },
      ],
      Page: [{ name: "Marker", type: "string", list: false }, { name: "Rows", type: "Row[]", list: true }],
      Thing: [{ name: "Id", type: "string", list: false }],
      Row: [],
    };
    const client = {
      packageName: "@aws-sdk/client-example",
      members: (shape: string) => shapes[shape],
      shapesOf: () => ({ input: "ListThingsRequest", output: "ListThingsResponse" }),
    } as unknown as V3Client;
    const check = (rule: Record<string, unknown>) => checkRule(client, "ListThings", { inputToken: ["NextToken"], outputToken: ["NextToken"], resultKey: ["Things"], ...rule });

    it("passes a rule the types bear out: members, paths, an index into a list, a count beside the list, a string limit stated", () => {
      expect(check({ limitKey: "MaxResults", resultKey: ["Things", "Count"] })).to.deep.equal([]);
      expect(check({ outputToken: ["Page.Marker || Things[-1].Id"], resultKey: ["Page.Rows"], limitKey: "PageSize", limitKeyType: "string" })).to.deep.equal([]);
    });

    it("names every member the types contradict", () => {
      expect(check({ inputToken: ["Marker"] })).to.deep.equal(["the request (ListThingsRequest) has no input token Marker"]);
      expect(check({ outputToken: ["NextMarker"] })).to.deep.equal(["the output token NextMarker is not in the response (ListThingsResponse): NextMarker: ListThingsResponse has no member NextMarker"]);
      expect(check({ outputToken: ["Page[-1].Marker"] })).to.deep.equal(["the output token Page[-1].Marker is not in the response (ListThingsResponse): Page[-1].Marker: [-1] indexes Page, not a list"]);
      expect(check({ limitKey: "Limit" })).to.deep.equal(["the request (ListThingsRequest) has no limit key Limit"]);
      expect(check({ limitKey: "PageSize" })).to.deep.equal(['the limit key PageSize is a string but the rule does not say limitKeyType: "string"']);
      expect(check({ resultKey: ["ByKind"] })).to.deep.equal(["the primary result key ByKind is a Record<string, Thing[]>, not a list"]);
      expect(check({ resultKey: ["Count"] })).to.deep.equal(["the primary result key Count is a number, not a list"]);
      expect(check({ resultKey: ["Things", "Page"] })).to.deep.equal(["the result key Page is a Page, not a list or a count"]);
      expect(check({ nonAggregateKeys: ["Owner"] })).to.deep.equal(["the non-aggregate key Owner is not in the response (ListThingsResponse): Owner: ListThingsResponse has no member Owner"]);
    });
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
