/**
 * The generated tables for DynamoDB, Route 53 and IAM, driven through the library and the real
 * @aws-sdk/client-dynamodb, @aws-sdk/client-route-53 and @aws-sdk/client-iam against the loopback
 * server on 127.0.0.1: a map token with binary keys (Scan), three tokens of which the third comes
 * and goes (ListResourceRecordSets), and IsTruncated with an opaque Marker (ListUsers).
 *
 * Every expectation is an exact list in the service's order, checked against one unpaged request
 * made with the client itself; every loop has a cap, so a paging bug fails instead of hanging.
 */
import { expect } from "chai";
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { ListResourceRecordSetsCommand, type ResourceRecordSet } from "@aws-sdk/client-route-53";
import type { User } from "@aws-sdk/client-iam";
import { dynamodbTable } from "aws-paginators/services/dynamodb";
import { iamTable } from "aws-paginators/services/iam";
import { route53Table } from "aws-paginators/services/route-53";
import { MissingTokenError, RepeatedTokenError, isResumable, withPaginators } from "../../lib/index.js";
import {
  dynamoDbClientFor,
  iamClientFor,
  route53ClientFor,
  type IamUserSeed,
  type LoopbackServer,
  type RecordSetSeed,
} from "../../emulator/index.js";
import { useEmulator } from "../support/use-emulator.js";

type Item = Record<string, AttributeValue>;

/** Every element of an async iterable, failing once there are more than `cap`. */
async function drain<T>(iterable: AsyncIterable<T>, cap: number): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) {
    out.push(value);
    if (out.length > cap) throw new Error(`more than ${cap} elements: the listing does not end`);
  }
  return out;
}

/** The error an iteration ends with, and what it yielded before it. */
async function drainUntilError<T>(iterable: AsyncIterable<T>, cap: number): Promise<{ values: T[]; error: unknown }> {
  const values: T[] = [];
  try {
    for await (const value of iterable) {
      values.push(value);
      if (values.length > cap) throw new Error(`more than ${cap} elements`);
    }
  } catch (error) {
    return { values, error };
  }
  throw new Error(`expected the iteration to fail; it yielded ${values.length} elements`);
}

const dynamoDbPaginators = (server: LoopbackServer) => withPaginators(dynamoDbClientFor(server), dynamodbTable);
const route53Paginators = (server: LoopbackServer) => withPaginators(route53ClientFor(server), route53Table);
const iamPaginators = (server: LoopbackServer) => withPaginators(iamClientFor(server), iamTable);

interface ResumableItems<T> extends AsyncIterable<T> {
  readonly resumeToken: string | undefined;
}

/**
 * Runs chained by resumeToken until one ends the listing: the items of each run. Fails after
 * `maxRuns` runs.
 */
async function chainRuns<T>(start: (startingToken: string | undefined) => ResumableItems<T>, maxRuns: number, capPerRun: number): Promise<T[][]> {
  const runs: T[][] = [];
  let token: string | undefined;
  do {
    if (runs.length >= maxRuns) throw new Error(`more than ${maxRuns} runs: the resume tokens do not end the listing`);
    const iterator = start(token);
    runs.push(await drain(iterator, capPerRun));
    token = iterator.resumeToken;
    if (token !== undefined) expect(token).to.match(/^[A-Za-z0-9_-]+$/);
  } while (token !== undefined);
  return runs;
}

describe("generated tables against the loopback server (DynamoDB, Route 53, IAM)", function () {
  const emulator = useEmulator();
  beforeEach(() => emulator.server.resetStats());
  afterEach(() => emulator.server.clearFaults());

  describe("DynamoDB Scan: LastEvaluatedKey → ExclusiveStartKey, a map with binary keys", () => {
    const TableName = "blobs";
    /** 24 items: 6 partitions with a two-byte binary key (one byte above 0x7f) × 4 numeric sort keys. */
    const SEEDS: Item[] = Array.from({ length: 6 }, (_, p) =>
      [10, 2, 33, 7].map((n) => ({
        pk: { B: new Uint8Array([p, 0x80 + 20 * p]) },
        sk: { N: String(n) },
        label: { S: `p${p}-${n}` },
        kind: { S: n % 2 === 0 ? "even" : "odd" },
      })),
    ).flat();
    const label = (item: Item) => item.label?.S as string;
    let scan: ReturnType<typeof dynamoDbPaginators>;
    /** The table in scan order, from one unpaged Scan made with the client itself. */
    let reference: Item[];
    let labels: string[];

    before(async () => {
      emulator.server.createDynamoTable(TableName, { hash: { name: "pk", type: "B" }, range: { name: "sk", type: "N" } });
      emulator.server.putDynamoItems(TableName, SEEDS);
      scan = dynamoDbPaginators(emulator.server);
      const whole = await dynamoDbClientFor(emulator.server).send(new ScanCommand({ TableName }));
      expect(whole.LastEvaluatedKey).to.equal(undefined);
      reference = whole.Items!;
      labels = reference.map(label);
      expect([...labels].sort()).to.deep.equal(SEEDS.map(label).sort());
      emulator.server.resetStats();
    });

    it("has the rule the brief gives, with Count and ScannedCount as summed result keys", () => {
      expect(scan.getPaginator("scan").rule).to.deep.include({
        inputToken: ["ExclusiveStartKey"],
        outputToken: ["LastEvaluatedKey"],
        limitKey: "Limit",
        resultKey: ["Items", "Count", "ScannedCount"],
      });
    });

    for (const [pageSize, requests] of [
      [1, 25],
      [7, 4],
      [8, 4],
    ] as const) {
      it(`items() at Limit ${pageSize}: every item once, in scan order, in ${requests} requests`, async () => {
        const items = await drain(scan.getPaginator("scan").items({ TableName }, { pageSize }), 30);
        expect(items.map(label)).to.deep.equal(labels);
        expect(emulator.server.stats.byOperation).to.deep.equal({ Scan: requests });
        expect(emulator.server.stats.log.every((r) => r.params.Limit === String(pageSize))).to.equal(true);
      });
    }

    it("a page size dividing the table: the last full page carries a key, and the page after it is empty", async () => {
      const pages = await drain(scan.getPaginator("scan").paginate({ TableName }, { pageSize: 8 }), 6);
      expect(pages.map((p) => p.Count)).to.deep.equal([8, 8, 8, 0]);
      expect(pages[2]!.LastEvaluatedKey).to.deep.equal({ pk: reference[23]!.pk, sk: reference[23]!.sk });
      expect(pages[3]!.LastEvaluatedKey).to.equal(undefined);
    });

    it("sends each LastEvaluatedKey back exactly (binary as base64) and leaves the input alone", async () => {
      const input = { TableName };
      await drain(scan.getPaginator("scan").items(input, { pageSize: 5 }), 30);
      expect(input).to.deep.equal({ TableName });
      const sent = emulator.server.stats.log.map((r) => (r.params.ExclusiveStartKey === undefined ? undefined : JSON.parse(r.params.ExclusiveStartKey)));
      const keyOf = (item: Item) => ({ pk: { B: Buffer.from(item.pk!.B!).toString("base64") }, sk: { N: item.sk!.N } });
      expect(sent).to.deep.equal([undefined, keyOf(reference[4]!), keyOf(reference[9]!), keyOf(reference[14]!), keyOf(reference[19]!)]);
    });

    it("maxItems with resume: runs of 5 at page size 7 give every item once, cutting pages inside binary-keyed tokens", async () => {
      const runs = await chainRuns((startingToken) => scan.getPaginator("scan").items({ TableName }, { pageSize: 7, maxItems: 5, startingToken }), 8, 5);
      expect(runs.map((r) => r.length)).to.deep.equal([5, 5, 5, 5, 4]);
      expect(runs.flat().map(label)).to.deep.equal(labels);
    });

    it("maxItems ending on the last full page: the run after it gets the empty page and ends the listing", async () => {
      const runs = await chainRuns((startingToken) => scan.getPaginator("scan").items({ TableName }, { pageSize: 8, maxItems: 8, startingToken }), 6, 8);
      expect(runs.map((r) => r.length)).to.deep.equal([8, 8, 8, 0]);
      expect(runs.flat().map(label)).to.deep.equal(labels);
      expect(emulator.server.stats.byOperation.Scan).to.equal(4);
    });

    it("buildFullResult concatenates Items and sums Count and ScannedCount over a filtered scan", async () => {
      const input = {
        TableName,
        FilterExpression: "kind = :k",
        ExpressionAttributeValues: { ":k": { S: "odd" } },
        ReturnConsumedCapacity: "TOTAL" as const,
      };
      const full = await scan.getPaginator("scan").paginate(input, { pageSize: 5 }).buildFullResult();
      const odd = reference.filter((item) => item.kind?.S === "odd");
      expect(full.Items!.map(label)).to.deep.equal(odd.map(label));
      expect(full.Count).to.equal(12);
      expect(full.ScannedCount).to.equal(24);
      expect(full.ConsumedCapacity).to.deep.equal({ TableName, CapacityUnits: 0.5 });
      expect(full.NextToken).to.equal(undefined);
      expect(emulator.server.stats.byOperation.Scan).to.equal(5);
    });

    it("buildFullResult with maxItems: NextToken resumes; Count and ScannedCount are the pages' own, as boto3 keeps them", async () => {
      const first = await scan.getPaginator("scan").paginate({ TableName }, { pageSize: 7, maxItems: 10 }).buildFullResult();
      expect(first.Items!.map(label)).to.deep.equal(labels.slice(0, 10));
      // The cut page's counts are the service's, not the 3 items kept (botocore does the same).
      expect([first.Count, first.ScannedCount]).to.deep.equal([14, 14]);
      expect(first.NextToken).to.be.a("string");
      const rest = await scan.getPaginator("scan").paginate({ TableName }, { pageSize: 7, startingToken: first.NextToken }).buildFullResult();
      expect(rest.Items!.map(label)).to.deep.equal(labels.slice(10));
      // botocore's _handle_first_request keeps a resumed page's numeric secondary results too.
      expect([rest.Count, rest.ScannedCount]).to.deep.equal([17, 17]);
      expect(rest.NextToken).to.equal(undefined);
    });

    it("Select COUNT: no Items on any page, every page fetched, the counts summed", async () => {
      const full = await scan.getPaginator("scan").paginate({ TableName, Select: "COUNT" }, { pageSize: 5 }).buildFullResult();
      expect(full.Items).to.equal(undefined);
      expect([full.Count, full.ScannedCount]).to.deep.equal([24, 24]);
      expect(emulator.server.stats.byOperation.Scan).to.equal(5);
    });

    it("an ExclusiveStartKey (binary) in the caller's input: the first request sends it, the run goes on after it", async () => {
      const input = { TableName, ExclusiveStartKey: { pk: reference[9]!.pk!, sk: reference[9]!.sk! } };
      const items = await drain(scan.getPaginator("scan").items(input, { pageSize: 6 }), 30);
      expect(items.map(label)).to.deep.equal(labels.slice(10));
      expect(JSON.parse(emulator.server.stats.log[0]!.params.ExclusiveStartKey!)).to.deep.equal({ pk: { B: Buffer.from(reference[9]!.pk!.B!).toString("base64") }, sk: reference[9]!.sk });
    });

    it("a throttled page (ProvisionedThroughputExceededException) rejects with the SDK's own error, whose resumeToken resumes exactly", async () => {
      emulator.server.inject({ operation: "Scan", kind: "throttle", request: 3 });
      const first = await drainUntilError(scan.getPaginator("scan").items({ TableName }, { pageSize: 5 }), 30);
      const error = first.error as Error & { resumeToken: string };
      expect(isResumable(error)).to.equal(true);
      expect(error.name).to.equal("ProvisionedThroughputExceededException");
      expect(first.values.map(label)).to.deep.equal(labels.slice(0, 10));
      const rest = await drain(scan.getPaginator("scan").items({ TableName }, { pageSize: 5, startingToken: error.resumeToken }), 30);
      expect([...first.values, ...rest].map(label)).to.deep.equal(labels);
    });

    it("a LastEvaluatedKey map sent back unchanged is a RepeatedTokenError, with no request after it", async () => {
      emulator.server.inject({ operation: "Scan", kind: "repeat-token", request: 2 });
      const { values, error } = await drainUntilError(scan.getPaginator("scan").items({ TableName }, { pageSize: 5 }), 30);
      expect(error).to.be.instanceOf(RepeatedTokenError);
      expect(values.map(label)).to.deep.equal(labels.slice(0, 10));
      expect(emulator.server.stats.byOperation.Scan).to.equal(2);
    });
  });

  describe("Route 53 ListResourceRecordSets: three tokens, IsTruncated", () => {
    const HostedZoneId = "Z0INTEGRATION";
    const rr = (value: string) => ({ TTL: 60, ResourceRecords: [{ Value: value }] });
    /** 31 record sets: simple ones, and weighted and latency sets sharing a name and type. */
    const SEEDS: RecordSetSeed[] = [
      { Name: "example.org", Type: "NS", ...rr("ns-1.example.net.") },
      { Name: "example.org", Type: "SOA", ...rr("ns-1.example.net. admin.example.org. 1 7200 900 1209600 86400") },
      { Name: "example.org", Type: "A", ...rr("192.0.2.1") },
      { Name: "*.example.org", Type: "A", ...rr("192.0.2.2") },
      ...["blue", "green", "red", "teal", "violet"].map((id, i) => ({ Name: "api.example.org", Type: "A", SetIdentifier: id, Weight: i, ...rr(`192.0.2.${10 + i}`) })),
      ...["blue", "green"].map((id, i) => ({ Name: "api.example.org", Type: "AAAA", SetIdentifier: id, Weight: i, ...rr(`2001:db8::${i}`) })),
      ...["ap-south-1", "eu-west-1", "us-east-1"].map((region, i) => ({ Name: "app.example.org", Type: "CNAME", SetIdentifier: region, Region: region, ...rr(`app-${i}.example.net`) })),
      ...Array.from({ length: 12 }, (_, i) => ({ Name: `host-${String(i).padStart(2, "0")}.example.org`, Type: i % 3 === 0 ? "AAAA" : "A", ...rr(`192.0.2.${100 + i}`) })),
      ...["one", "two"].map((id, i) => ({ Name: "mail.example.org", Type: "MX", SetIdentifier: id, Weight: 5, ...rr(`${i} mx-${id}.example.org.`) })),
      { Name: "mail.example.org", Type: "TXT", ...rr('"v=spf1 -all"') },
      { Name: "www.example.org", Type: "CNAME", ...rr("example.org") },
      { Name: "z.www.example.org", Type: "A", ...rr("192.0.2.200") },
    ];
    const describeRecord = (r: ResourceRecordSet) => [r.Name, r.Type, r.SetIdentifier].filter(Boolean).join(" ");
    let route53: ReturnType<typeof route53Paginators>;
    let reference: string[];

    before(async () => {
      emulator.server.putRecordSets(HostedZoneId, SEEDS);
      route53 = route53Paginators(emulator.server);
      const whole = await route53ClientFor(emulator.server).send(new ListResourceRecordSetsCommand({ HostedZoneId }));
      expect(whole.IsTruncated).to.equal(false);
      reference = whole.ResourceRecordSets!.map(describeRecord);
      expect(reference).to.have.length(SEEDS.length);
      // Spot checks of Route 53's order: apex first, the escaped wildcard next, weighted sets by identifier.
      expect(reference.slice(0, 6)).to.deep.equal([
        "example.org. A", "example.org. NS", "example.org. SOA", "\\052.example.org. A", "api.example.org. A blue", "api.example.org. A green",
      ]);
      emulator.server.resetStats();
    });

    const paginator = () => route53.getPaginator("listResourceRecordSets");

    for (const pageSize of [1, 2, 3, 7, undefined]) {
      const requests = pageSize === undefined ? 1 : Math.ceil(SEEDS.length / pageSize);
      it(`items() at MaxItems ${pageSize ?? "default (300)"}: the exact order, in ${requests} requests and none after IsTruncated false`, async () => {
        const records = await drain(paginator().items({ HostedZoneId }, pageSize === undefined ? {} : { pageSize }), 40);
        expect(records.map(describeRecord)).to.deep.equal(reference);
        expect(emulator.server.stats.byOperation).to.deep.equal({ ListResourceRecordSets: requests });
      });
    }

    it("sends all three tokens, the identifier only when the next record has one", async () => {
      await drain(paginator().items({ HostedZoneId }, { pageSize: 2 }), 40);
      const sent = emulator.server.stats.log.map((r) => [r.params.name, r.params.type, r.params.identifier].filter(Boolean).join(" "));
      const expected = reference.filter((_, i) => i % 2 === 0).map((record, k) => (k === 0 ? "" : record));
      expect(sent).to.deep.equal(expected);
      expect(emulator.server.stats.log.filter((r) => r.params.identifier !== undefined).length).to.be.at.least(3);
      expect(emulator.server.stats.log.every((r) => r.params.maxitems === "2")).to.equal(true);
    });

    it("resumes mid-page from a three-token resumeToken: maxItems 5 at page size 3, run after run", async () => {
      const runs = await chainRuns((startingToken) => paginator().items({ HostedZoneId }, { pageSize: 3, maxItems: 5, startingToken }), 10, 5);
      expect(runs.map((r) => r.length)).to.deep.equal([5, 5, 5, 5, 5, 5, 1]);
      expect(runs.flat().map(describeRecord)).to.deep.equal(reference);
      // The second run resumed the page that starts at reference[3] and skipped the item already returned.
      const resumed = emulator.server.stats.log[2]!.params;
      expect([resumed.name, resumed.type, resumed.identifier].filter(Boolean).join(" ")).to.equal(reference[3]);
    });

    it("resumes a page whose start needs the identifier, going on from the item after the cut", async () => {
      const first = paginator().items({ HostedZoneId }, { pageSize: 4, maxItems: 6 });
      expect((await drain(first, 6)).map(describeRecord)).to.deep.equal(reference.slice(0, 6));
      // reference[4] ("api.example.org. A blue") starts the second page, so the token carries its identifier.
      const rest = paginator().paginate({ HostedZoneId }, { pageSize: 4, startingToken: first.resumeToken });
      const pages = await drain(rest, 10);
      expect(pages[0]!.ResourceRecordSets!.map(describeRecord)).to.deep.equal(reference.slice(6, 8));
      expect(pages.flatMap((p) => p.ResourceRecordSets!.map(describeRecord))).to.deep.equal(reference.slice(6));
      const resumedRequest = emulator.server.stats.log[2]!.params;
      expect(resumedRequest).to.deep.include({ name: "api.example.org.", type: "A", identifier: "blue" });
    });

    it("IsTruncated true with no Next* tokens is a MissingTokenError, with no request after it", async () => {
      emulator.server.inject({ operation: "ListResourceRecordSets", kind: "truncated-no-token", request: 2 });
      const { values, error } = await drainUntilError(paginator().items({ HostedZoneId }, { pageSize: 5 }), 40);
      expect(error).to.be.instanceOf(MissingTokenError);
      expect(values.map(describeRecord)).to.deep.equal(reference.slice(0, 10));
      expect(emulator.server.stats.byOperation.ListResourceRecordSets).to.equal(2);
    });

    it("a throttled page (400 Throttling) rejects with the SDK's own error, whose resumeToken resumes exactly", async () => {
      emulator.server.inject({ operation: "ListResourceRecordSets", kind: "throttle", request: 3 });
      const first = await drainUntilError(paginator().items({ HostedZoneId }, { pageSize: 4 }), 40);
      const error = first.error as Error & { resumeToken: string };
      expect(isResumable(error)).to.equal(true);
      expect(error.name).to.equal("Throttling");
      expect(first.values.map(describeRecord)).to.deep.equal(reference.slice(0, 8));
      const rest = await drain(paginator().items({ HostedZoneId }, { pageSize: 4, startingToken: error.resumeToken }), 40);
      expect([...first.values, ...rest].map(describeRecord)).to.deep.equal(reference);
    });
  });

  describe("IAM ListUsers: Marker, IsTruncated, MaxItems", () => {
    const pad = (n: number) => String(n).padStart(3, "0");
    /** 250 users seeded in reverse; IAM lists them by name. */
    const SEEDS: IamUserSeed[] = Array.from({ length: 250 }, (_, i) => ({ UserName: `user-${pad(249 - i)}` }));
    const NAMES = Array.from({ length: 250 }, (_, i) => `user-${pad(i)}`);
    const nameOf = (user: User) => user.UserName as string;
    let iam: ReturnType<typeof iamPaginators>;

    before(() => {
      emulator.server.putIamUsers(SEEDS);
      iam = iamPaginators(emulator.server);
    });
    const paginator = () => iam.getPaginator("listUsers");

    it("without a page size: IAM's default of 100, three requests, no MaxItems sent", async () => {
      const users = await drain(paginator().items({}), 260);
      expect(users.map(nameOf)).to.deep.equal(NAMES);
      expect(emulator.server.stats.log.map((r) => r.params.MaxItems)).to.deep.equal([undefined, undefined, undefined]);
    });

    it("pageSize is sent as MaxItems, and the run ends on IsTruncated false", async () => {
      const pages = await drain(paginator().paginate({}, { pageSize: 30 }), 12);
      expect(pages.map((p) => p.Users!.length)).to.deep.equal([30, 30, 30, 30, 30, 30, 30, 30, 10]);
      expect(pages.map((p) => p.IsTruncated)).to.deep.equal([true, true, true, true, true, true, true, true, false]);
      expect(pages.flatMap((p) => p.Users!.map(nameOf))).to.deep.equal(NAMES);
      expect(emulator.server.stats.log.every((r) => r.params.MaxItems === "30")).to.equal(true);
      expect(emulator.server.stats.byOperation.ListUsers).to.equal(9);
    });

    it("maxItems with resume: runs of 45 at page size 30 give every user once", async () => {
      const runs = await chainRuns((startingToken) => paginator().items({}, { pageSize: 30, maxItems: 45, startingToken }), 8, 45);
      expect(runs.map((r) => r.length)).to.deep.equal([45, 45, 45, 45, 45, 25]);
      expect(runs.flat().map(nameOf)).to.deep.equal(NAMES);
    });

    it("IsTruncated false ends the run even when a Marker comes with it", async () => {
      emulator.server.inject({ operation: "ListUsers", kind: "final-zero-marker", request: 2 });
      const users = await drain(paginator().items({}, { pageSize: 30 }), 260);
      expect(users.map(nameOf)).to.deep.equal(NAMES.slice(0, 60));
      expect(emulator.server.stats.byOperation.ListUsers).to.equal(2);
    });

    it("a throttled page (400 Throttling) rejects with the SDK's own error, whose resumeToken resumes exactly", async () => {
      emulator.server.inject({ operation: "ListUsers", kind: "throttle", request: 2 });
      const run = paginator().paginate({}, { pageSize: 40 });
      expect(await run.next()).to.equal(true);
      const seen = run.currentPage()!.Users!.map(nameOf);
      const error = await run.next().then(
        () => expect.fail("expected the second page to fail"),
        (e: unknown) => e,
      );
      expect(isResumable(error)).to.equal(true);
      expect((error as Error).name).to.equal("Throttling");
      const rest = await drain(paginator().items({}, { pageSize: 40, startingToken: (error as { resumeToken: string }).resumeToken }), 260);
      expect([...seen, ...rest.map(nameOf)]).to.deep.equal(NAMES);
      // Go style: next() again retries the failed page on the same run.
      for (let page = 0; page < 10 && (await run.next()); page++) seen.push(...run.currentPage()!.Users!.map(nameOf));
      expect(seen).to.deep.equal(NAMES);
    });
  });
});
