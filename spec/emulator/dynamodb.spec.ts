import { expect } from "chai";
import { ScanCommand, type AttributeValue, type ScanCommandOutput } from "@aws-sdk/client-dynamodb";
import { dynamoDbClientFor } from "../../emulator/index.js";
import { rejection } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

type Key = Record<string, AttributeValue>;

/** Partition p (0..5) as two bytes, one of them above 0x7f, so signed byte order would differ. */
const partition = (p: number) => new Uint8Array([p, 0x80 + p * 20]);
/** 6 partitions × 4 sort keys (numbers that sort differently as text: 2 < 10). */
const BLOB_ITEMS = Array.from({ length: 6 }, (_, p) =>
  [10, 2, 33, 7].map((n) => ({ pk: { B: partition(p) }, sk: { N: String(n) }, label: { S: `p${p}-${n}` } })),
).flat();

const labels = (page: ScanCommandOutput) => (page.Items ?? []).map((item) => item.label?.S);

describe("loopback DynamoDB Scan", () => {
  const scan = (input: Omit<ConstructorParameters<typeof ScanCommand>[0], "TableName"> & { TableName?: string }) =>
    emulator.dynamoDb.send(new ScanCommand({ TableName: "blobs", ...input }));

  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.createDynamoTable("blobs", { hash: { name: "pk", type: "B" }, range: { name: "sk", type: "N" } });
    emulator.server.putDynamoItems("blobs", BLOB_ITEMS);
  });

  it("scans partitions in hash order and each partition by sort key (numbers by value)", async () => {
    const all = await scan({});
    expect(all.Count).to.equal(24);
    expect(all.ScannedCount).to.equal(24);
    expect(all.LastEvaluatedKey).to.equal(undefined);
    const order = labels(all);
    expect(new Set(order)).to.deep.equal(new Set(BLOB_ITEMS.map((item) => item.label.S)));
    const partitions = order.filter((_, i) => i % 4 === 0).map((label) => label!.split("-")[0]);
    // Whole partitions, each sorted 2, 7, 10, 33; partitions neither in seeded nor in key order.
    for (let i = 0; i < 24; i += 4) {
      const p = order[i]!.split("-")[0];
      expect(order.slice(i, i + 4)).to.deep.equal([2, 7, 10, 33].map((n) => `${p}-${n}`));
    }
    expect(partitions).to.not.deep.equal(["p0", "p1", "p2", "p3", "p4", "p5"]);
    expect(all.Items?.[0]?.pk?.B).to.be.instanceOf(Uint8Array);
  });

  it("answers a page that ends exactly at the table's end with a LastEvaluatedKey, then 0 items and none", async () => {
    const first = await scan({ Limit: 12 });
    expect(first.Count).to.equal(12);
    expect(first.LastEvaluatedKey).to.deep.equal({ pk: first.Items![11]!.pk, sk: first.Items![11]!.sk });
    const second = await scan({ Limit: 12, ExclusiveStartKey: first.LastEvaluatedKey });
    expect(second.Count).to.equal(12);
    expect(second.LastEvaluatedKey).to.deep.equal({ pk: second.Items![11]!.pk, sk: second.Items![11]!.sk });
    const third = await scan({ Limit: 12, ExclusiveStartKey: second.LastEvaluatedKey });
    expect(third.Items).to.deep.equal([]);
    expect(third.Count).to.equal(0);
    expect(third.ScannedCount).to.equal(0);
    expect(third.LastEvaluatedKey).to.equal(undefined);
    expect([...labels(first), ...labels(second)]).to.deep.equal(labels(await scan({})));
  });

  it("pages at a Limit that does not divide the table: the short last page has no key", async () => {
    const reference = labels(await scan({}));
    const seen: (string | undefined)[] = [];
    const counts: number[] = [];
    let ExclusiveStartKey: Key | undefined;
    for (let request = 0; request < 10; request++) {
      const page = await scan({ Limit: 7, ExclusiveStartKey });
      seen.push(...labels(page));
      counts.push(page.Count!);
      ExclusiveStartKey = page.LastEvaluatedKey;
      if (!ExclusiveStartKey) break;
    }
    expect(counts).to.deep.equal([7, 7, 7, 3]);
    expect(seen).to.deep.equal(reference);
    // The binary key went out as base64 in the request body.
    const sent = JSON.parse(emulator.server.stats.log[2]!.params.ExclusiveStartKey!) as { pk: { B: string } };
    expect(sent.pk.B).to.match(/^[A-Za-z0-9+/]+=*$/);
  });

  it("refuses a start key that is not exactly a key of an item in the table", async () => {
    const { LastEvaluatedKey } = await scan({ Limit: 1 });
    const key = LastEvaluatedKey as { pk: { B: Uint8Array }; sk: { N: string } };
    const bad: Key[] = [
      { pk: { S: "text" }, sk: key.sk }, // wrong type
      { pk: key.pk }, // range key missing
      { ...key, label: { S: "x" } }, // not a key
      { pk: { B: new Uint8Array([9, 9]) }, sk: key.sk }, // no such item
    ];
    for (const ExclusiveStartKey of bad) {
      const error = await rejection(scan({ ExclusiveStartKey }));
      expect(error.name).to.equal("ValidationException");
      expect(error.message).to.match(/The provided starting key is invalid/);
      expect(error.$metadata?.httpStatusCode).to.equal(400);
    }
  });

  it("applies FilterExpression after Limit: Count counts what is returned, ScannedCount what was read", async () => {
    const page = await scan({
      Limit: 10,
      FilterExpression: "#s > :n AND begins_with(label, :p)",
      ExpressionAttributeNames: { "#s": "sk" },
      ExpressionAttributeValues: { ":n": { N: "5" }, ":p": { S: "p" } },
      ReturnConsumedCapacity: "TOTAL",
    });
    const unfiltered = await scan({ Limit: 10 });
    expect(page.ScannedCount).to.equal(10);
    expect(labels(page)).to.deep.equal(labels(unfiltered).filter((label) => Number(label!.split("-")[1]) > 5));
    expect(page.Count).to.equal(page.Items!.length);
    expect(page.Count).to.be.below(10);
    // The key is the last item *read*, whether or not the filter kept it.
    expect(page.LastEvaluatedKey).to.deep.equal(unfiltered.LastEvaluatedKey);
    expect(page.ConsumedCapacity).to.deep.equal({ TableName: "blobs", CapacityUnits: 0.5 });
    const counted = await scan({ Select: "COUNT" });
    expect(counted.Items).to.equal(undefined);
    expect(counted.Count).to.equal(24);
  });

  it("stops a page after 1 MB of items, with a key", async () => {
    emulator.server.createDynamoTable("big", { hash: { name: "id", type: "S" } });
    emulator.server.putDynamoItems("big", Array.from({ length: 14 }, (_, i) => ({ id: { S: `item-${i}` }, body: { S: "x".repeat(100_000) } })));
    const first = await scan({ TableName: "big" });
    expect(first.ScannedCount).to.equal(11);
    expect(first.LastEvaluatedKey).to.deep.equal({ id: first.Items![10]!.id });
    const second = await scan({ TableName: "big", ExclusiveStartKey: first.LastEvaluatedKey });
    expect(second.Count).to.equal(3);
    expect(second.LastEvaluatedKey).to.equal(undefined);
  });

  it("answers DynamoDB's errors: no such table, a bad Limit, an unserved member", async () => {
    const missing = await rejection(scan({ TableName: "nope" }));
    expect(missing.name).to.equal("ResourceNotFoundException");
    expect(missing.$metadata?.httpStatusCode).to.equal(400);
    expect((await rejection(scan({ Limit: 0 }))).name).to.equal("ValidationException");
    const segment = await rejection(scan({ Segment: 0, TotalSegments: 2 }));
    expect(segment.name).to.equal("ValidationException");
    expect(segment.message).to.match(/does not serve Scan's (Total)?Segments?/);
  });

  it("throttles as ProvisionedThroughputExceededException, which the SDK's own retries absorb", async () => {
    emulator.server.inject({ operation: "Scan", kind: "throttle" });
    const error = await rejection(scan({}));
    expect(error.name).to.equal("ProvisionedThroughputExceededException");
    expect(error.$metadata?.httpStatusCode).to.equal(400);
    emulator.server.inject({ operation: "Scan", kind: "throttle" });
    const retrying = dynamoDbClientFor(emulator.server, { maxAttempts: 2 });
    const page = await retrying.send(new ScanCommand({ TableName: "blobs", Limit: 3 }));
    expect(page.$metadata.attempts).to.equal(2);
    expect(emulator.server.stats.byOperation.Scan).to.equal(3);
    expect(emulator.server.stats.faultsInjected).to.equal(2);
  });

  it("token faults shape LastEvaluatedKey: repeat-token sends back the start key", async () => {
    const first = await scan({ Limit: 5 });
    emulator.server.inject({ operation: "Scan", kind: "repeat-token" });
    const second = await scan({ Limit: 5, ExclusiveStartKey: first.LastEvaluatedKey });
    expect(second.LastEvaluatedKey).to.deep.equal(first.LastEvaluatedKey);
    expect(second.Count).to.equal(5);
  });

  it("refuses bad seeds", () => {
    expect(() => emulator.server.putDynamoItems("nope", [])).to.throw(TypeError, /createDynamoTable/);
    expect(() => emulator.server.putDynamoItems("blobs", [{ pk: { S: "x" }, sk: { N: "1" } }])).to.throw(TypeError, /pk must be of type B/);
    expect(() => emulator.server.putDynamoItems("blobs", [{ pk: { B: "AAA=" as never }, sk: { N: "1" } }])).to.throw(TypeError, /Uint8Array/);
    expect(() => emulator.server.createDynamoTable("blobs", { hash: { name: "pk", type: "S" } })).to.throw(TypeError, /another key schema/);
  });
});
