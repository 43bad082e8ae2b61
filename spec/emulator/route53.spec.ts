import { expect } from "chai";
import {
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandInput,
  type ListResourceRecordSetsCommandOutput,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import { route53ClientFor, type RecordSetSeed } from "../../emulator/index.js";
import { rejection } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

const rr = (value: string) => ({ TTL: 300, ResourceRecords: [{ Value: value }] });

/** Seeded out of order, in mixed case, without trailing dots, a wildcard among them. */
const SEEDS: RecordSetSeed[] = [
  { Name: "www.example.com", Type: "CNAME", ...rr("example.com") },
  { Name: "api.example.com", Type: "A", SetIdentifier: "red", Weight: 0, ...rr("10.0.0.3") },
  { Name: "example.com.", Type: "SOA", ...rr("ns-1.example.net. admin.example.com. 1 7200 900 1209600 86400") },
  { Name: "*.example.com", Type: "A", ...rr("10.0.0.9") },
  { Name: "a.example.com", Type: "TXT", ...rr('"a"') },
  { Name: "api.example.com", Type: "A", SetIdentifier: "blue", Weight: 10, ...rr("10.0.0.1") },
  { Name: "Example.COM", Type: "NS", ...rr("ns-1.example.net.") },
  { Name: "a-b.example.com", Type: "A", ...rr("10.0.0.4") },
  { Name: "b.a.example.com", Type: "A", ...rr("10.0.0.5") },
  { Name: "api.example.com", Type: "AAAA", ...rr("::1") },
  { Name: "api.example.com", Type: "A", SetIdentifier: "green", Weight: 20, ...rr("10.0.0.2") },
  { Name: "example.com", Type: "A", ...rr("10.0.0.0") },
  { Name: "eu.example.com", Type: "A", SetIdentifier: "eu-west-1", Region: "eu-west-1", ...rr("10.1.0.1") },
  { Name: "eu.example.com", Type: "A", SetIdentifier: "eu-central-1", Region: "eu-central-1", ...rr("10.1.0.2") },
  { Name: "example.com", Type: "MX", ...rr("10 mail.example.com.") },
];

/**
 * Route 53's order: names with labels reversed (com.example., com.example.\052., com.example.a-b.,
 * com.example.a., com.example.a.b., com.example.api., com.example.eu., com.example.www.), then
 * type, then (the loopback server's choice) SetIdentifier.
 */
const EXPECTED = [
  "example.com. A", "example.com. MX", "example.com. NS", "example.com. SOA",
  "\\052.example.com. A",
  "a-b.example.com. A",
  "a.example.com. TXT",
  "b.a.example.com. A",
  "api.example.com. A blue", "api.example.com. A green", "api.example.com. A red", "api.example.com. AAAA",
  "eu.example.com. A eu-central-1", "eu.example.com. A eu-west-1",
  "www.example.com. CNAME",
];

const describeRecord = (r: ResourceRecordSet) => [r.Name, r.Type, r.SetIdentifier].filter(Boolean).join(" ");
const names = (page: ListResourceRecordSetsCommandOutput) => (page.ResourceRecordSets ?? []).map(describeRecord);

describe("loopback Route 53 ListResourceRecordSets", () => {
  const list = (input: Partial<ListResourceRecordSetsCommandInput> = {}) =>
    emulator.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: "Z0EXAMPLE", ...input }));

  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putRecordSets("Z0EXAMPLE", SEEDS);
  });

  it("lists in Route 53's order: reversed labels, then type, then SetIdentifier; names lowercase and escaped", async () => {
    const page = await list();
    expect(names(page)).to.deep.equal(EXPECTED);
    expect(page.IsTruncated).to.equal(false);
    expect(page.MaxItems).to.equal(300);
    expect(page.NextRecordName).to.equal(undefined);
    const weighted = page.ResourceRecordSets!.find((r) => r.SetIdentifier === "green");
    expect(weighted).to.deep.include({ Weight: 20, TTL: 300, ResourceRecords: [{ Value: "10.0.0.2" }] });
    // The SDK strips the /hostedzone/ prefix; the server takes either.
    expect(names(await list({ HostedZoneId: "/hostedzone/Z0EXAMPLE" }))).to.deep.equal(EXPECTED);
  });

  it("pages one record at a time: Next* name the next record, NextRecordIdentifier only when it has one", async () => {
    const seen: string[] = [];
    const identifiers: (string | undefined)[] = [];
    let start: Partial<ListResourceRecordSetsCommandInput> = {};
    for (let request = 0; request < EXPECTED.length + 2; request++) {
      const page = await list({ ...start, MaxItems: 1 });
      seen.push(...names(page));
      if (!page.IsTruncated) break;
      const next = [page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier].filter(Boolean).join(" ");
      expect(next).to.equal(EXPECTED[seen.length]);
      identifiers.push(page.NextRecordIdentifier);
      start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
    }
    expect(seen).to.deep.equal(EXPECTED);
    expect(emulator.server.stats.byOperation.ListResourceRecordSets).to.equal(EXPECTED.length);
    expect(identifiers.filter(Boolean)).to.deep.equal(["blue", "green", "red", "eu-central-1", "eu-west-1"]);
    expect(emulator.server.stats.log.some((r) => r.params.identifier === "green" && r.params.type === "A" && r.params.name === "api.example.com.")).to.equal(true);
  });

  it("starts at the first record at or after name, type and identifier (a name that is not there too)", async () => {
    expect(names(await list({ StartRecordName: "api.example.com", MaxItems: 2 }))).to.deep.equal(EXPECTED.slice(8, 10));
    expect(names(await list({ StartRecordName: "API.example.com.", StartRecordType: "AAAA" }))).to.deep.equal(EXPECTED.slice(11));
    expect(names(await list({ StartRecordName: "api.example.com.", StartRecordType: "A", StartRecordIdentifier: "green", MaxItems: 2 }))).to.deep.equal(
      EXPECTED.slice(9, 11),
    );
    expect(names(await list({ StartRecordName: "c.example.com." }))).to.deep.equal(EXPECTED.slice(12));
    // The escaped name Route 53 answers with is a valid start name.
    expect(names(await list({ StartRecordName: "\\052.example.com.", MaxItems: 1 }))).to.deep.equal([EXPECTED[4]]);
  });

  it("returns at most 300 record sets a page, whatever MaxItems asks", async () => {
    emulator.server.putRecordSets("ZBIG", Array.from({ length: 305 }, (_, i) => ({ Name: `host-${String(i).padStart(3, "0")}.big.test`, Type: "A", ...rr("10.0.0.1") })));
    const page = await list({ HostedZoneId: "ZBIG", MaxItems: 1000 });
    expect(page.ResourceRecordSets).to.have.length(300);
    expect(page.MaxItems).to.equal(300);
    expect(page.IsTruncated).to.equal(true);
    expect(page.NextRecordName).to.equal("host-300.big.test.");
    expect(page.NextRecordIdentifier).to.equal(undefined);
  });

  it("answers Route 53's errors: no such zone, a type without a name, an unknown type", async () => {
    const missing = await rejection(list({ HostedZoneId: "ZNOPE" }));
    expect(missing.name).to.equal("NoSuchHostedZone");
    expect(missing.$metadata?.httpStatusCode).to.equal(404);
    expect((await rejection(list({ StartRecordType: "A" }))).name).to.equal("InvalidInput");
    expect((await rejection(list({ StartRecordName: "a.example.com", StartRecordIdentifier: "x" }))).name).to.equal("InvalidInput");
    expect((await rejection(list({ StartRecordName: "a.example.com", StartRecordType: "BOGUS" as never }))).name).to.equal("InvalidInput");
  });

  it("throttles as a 400 Throttling <ErrorResponse>, which the SDK's own retries absorb", async () => {
    emulator.server.inject({ operation: "ListResourceRecordSets", kind: "throttle" });
    const error = await rejection(list());
    expect(error.name).to.equal("Throttling");
    expect(error.$metadata?.httpStatusCode).to.equal(400);
    emulator.server.inject({ operation: "ListResourceRecordSets", kind: "throttle" });
    const page = await route53ClientFor(emulator.server, { maxAttempts: 2 }).send(new ListResourceRecordSetsCommand({ HostedZoneId: "Z0EXAMPLE" }));
    expect(page.$metadata.attempts).to.equal(2);
  });

  it("token faults shape all three tokens", async () => {
    emulator.server.inject({ operation: "ListResourceRecordSets", kind: "repeat-token", request: 2 });
    await list({ MaxItems: 2 });
    const start = { StartRecordName: "api.example.com.", StartRecordType: "A", StartRecordIdentifier: "green" } as const;
    const page = await list({ ...start, MaxItems: 2 });
    expect([page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier]).to.deep.equal(["api.example.com.", "A", "green"]);
    emulator.server.inject({ operation: "ListResourceRecordSets", kind: "truncated-no-token" });
    const broken = await list({ MaxItems: 2 });
    expect(broken.IsTruncated).to.equal(true);
    expect(broken.NextRecordName).to.equal(undefined);
  });

  it("refuses bad seeds", () => {
    expect(() => emulator.server.putRecordSets("Z1", [{ Name: "a.test", Type: "BOGUS", ...rr("x") }])).to.throw(TypeError, /Type must be one of/);
    expect(() => emulator.server.putRecordSets("Z1", [{ Name: "a.test", Type: "A", SetIdentifier: "x", ...rr("x") }])).to.throw(TypeError, /routing policy/);
    expect(() => emulator.server.putRecordSets("Z1", [{ Name: "a.test", Type: "A" }])).to.throw(TypeError, /ResourceRecords or an AliasTarget/);
  });
});
