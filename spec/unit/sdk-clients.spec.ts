/**
 * The real SDK client classes, with `send` stubbed: the built-in tables are found from the
 * client, a bare client gets the SDK's own command classes, an aggregated client is called
 * through its methods, and a look-alike client from another copy of the SDK works too.
 */
import { ListObjectsV2Command, ListObjectVersionsCommand, S3, S3Client } from "@aws-sdk/client-s3";
import { SearchProvisionedProductsCommand, ServiceCatalog, ServiceCatalogClient } from "@aws-sdk/client-service-catalog";
import { expect } from "chai";
import sinon from "sinon";
import { getPaginator, InvalidConfigError, PaginationError, s3Table, serviceCatalogTable, withCommands, withPaginators, withTable } from "../../lib/index.js";
import { collect } from "../support/stub-client.js";

const config = { region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };

function listing(total: number, size: number) {
  const keys = Array.from({ length: total }, (_, i) => `key-${String(i).padStart(4, "0")}`);
  return (input: { ContinuationToken?: string; MaxKeys?: number }) => {
    const start = input.ContinuationToken ? Number(input.ContinuationToken) : 0;
    const end = Math.min(start + (input.MaxKeys ?? size), total);
    const truncated = end < total;
    return {
      $metadata: { httpStatusCode: 200 },
      Contents: keys.slice(start, end).map((Key) => ({ Key })),
      IsTruncated: truncated,
      ...(truncated ? { NextContinuationToken: String(end) } : {}),
    };
  };
}

describe("with the SDK's clients", () => {
  afterEach(() => sinon.restore());

  it("sends the SDK's own ListObjectsV2Command through a bare S3Client", async () => {
    const client = new S3Client(config);
    const respond = listing(25, 10);
    const send = sinon.stub(client, "send").callsFake(async (command: any) => respond(command.input));
    const s3 = withPaginators(client);
    expect(s3).to.equal(client);
    const keys = await collect(s3.getPaginator("listObjectsV2").items({ Bucket: "b" }, { pageSize: 10 }));
    expect(keys).to.have.length(25);
    expect(send.callCount).to.equal(3);
    const [command, options] = send.secondCall.args as unknown as [ListObjectsV2Command, unknown];
    expect(command).to.be.instanceOf(ListObjectsV2Command);
    expect(command.input).to.deep.equal({ Bucket: "b", MaxKeys: 10, ContinuationToken: "10" });
    expect(options).to.equal(undefined);
  });

  it("calls an aggregated S3 client's own method", async () => {
    const client = new S3(config);
    const respond = listing(5, 2);
    const method = sinon.stub(client, "listObjectsV2").callsFake((async (input: any) => respond(input)) as any);
    const send = sinon.spy(client, "send");
    const keys = await collect(withPaginators(client).getPaginator("ListObjectsV2").items({ Bucket: "b" }));
    expect(keys.map((object) => object.Key)).to.deep.equal(["key-0000", "key-0001", "key-0002", "key-0003", "key-0004"]);
    expect(method.callCount).to.equal(3);
    expect(send.callCount).to.equal(0);
  });

  it("pages S3 ListObjectVersions, which the SDK has no paginator for", async () => {
    const client = new S3Client(config);
    const pages = [
      { Versions: [{ Key: "a", VersionId: "2" }], DeleteMarkers: [{ Key: "a", VersionId: "3" }], IsTruncated: true, NextKeyMarker: "a", NextVersionIdMarker: "2" },
      { Versions: [{ Key: "a", VersionId: "1" }, { Key: "b", VersionId: "1" }], IsTruncated: false },
    ];
    const send = sinon.stub(client, "send").callsFake(async (command: any) => (command.input.KeyMarker ? pages[1] : pages[0]));
    const run = getPaginator(client, "list_object_versions").paginate({ Bucket: "b" });
    const versions = await collect(run.items());
    expect(versions.map((version) => version.VersionId)).to.deep.equal(["2", "1", "1"]);
    expect((send.secondCall.args[0] as unknown as ListObjectVersionsCommand).input).to.deep.equal({ Bucket: "b", KeyMarker: "a", VersionIdMarker: "2" });
    const markers = await collect(run.items("DeleteMarkers"));
    expect(markers).to.deep.equal([{ Key: "a", VersionId: "3" }]);
  });

  it("sends Service Catalog commands through a bare client, and methods through the aggregated one", async () => {
    const bare = new ServiceCatalogClient(config);
    const reply = async (command: any) =>
      command.input.PageToken ? { ProvisionedProducts: [{ Id: "pp-2" }] } : { ProvisionedProducts: [{ Id: "pp-1" }], NextPageToken: "n1" };
    const send = sinon.stub(bare, "send").callsFake(reply);
    const products = await collect(withPaginators(bare).getPaginator("search_provisioned_products").items({}));
    expect(products.map((product) => product.Id)).to.deep.equal(["pp-1", "pp-2"]);
    expect(send.firstCall.args[0]).to.be.instanceOf(SearchProvisionedProductsCommand);

    const aggregated = new ServiceCatalog(config);
    sinon.stub(aggregated, "send").callsFake(reply);
    const again = await collect(withPaginators(aggregated).getPaginator("SearchProvisionedProducts").items({}));
    expect(again).to.deep.equal(products);
  });

  it("works with a look-alike client from another copy of the SDK (no instanceof)", async () => {
    const respond = listing(3, 2);
    const foreign = { config: { serviceId: "S3" }, send: sinon.spy(async (command: any) => respond(command.input)) };
    const keys = await collect(withPaginators(foreign as unknown as S3Client).getPaginator("listObjectsV2").items({ Bucket: "b" }));
    expect(keys).to.have.length(3);
    expect(foreign.send.firstCall.args[0]).to.have.property("input").that.deep.equals({ Bucket: "b" });
  });
});

describe("withCommands", () => {
  afterEach(() => sinon.restore());

  it("gives a built-in table a loader the bundler can see, keeping its rules and types", async () => {
    let loaded = 0;
    const table = withCommands(s3Table, async () => {
      loaded++;
      return import("@aws-sdk/client-s3");
    });
    expect(table.rules).to.equal(s3Table.rules);
    const client = new S3Client(config);
    const respond = listing(3, 2);
    sinon.stub(client, "send").callsFake(async (command: any) => respond(command.input));
    const keys = await collect(withPaginators(client, table).getPaginator("listObjectsV2").items({ Bucket: "b" }));
    expect(keys.map((object) => object.Key)).to.deep.equal(["key-0000", "key-0001", "key-0002"]);
    expect(loaded).to.equal(1);
    expect(() => withCommands(s3Table, "x" as never)).to.throw(InvalidConfigError, /commands are command classes \(\{ ListObjectsV2Command \}\) or a loader/);
  });

  it("says how to fix a client package that cannot be loaded", async () => {
    const table = withCommands(s3Table, () => Promise.reject(new Error("Cannot find package '@aws-sdk/client-s3'")));
    const foreign = { config: { serviceId: "S3" }, send: sinon.spy() };
    let error: unknown;
    try {
      await collect(withPaginators(foreign, table).getPaginator("listObjectsV2").items({ Bucket: "b" }));
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(PaginationError);
    expect((error as Error).message).to.match(/could not load the client package.*Cannot find package.*withCommands\(table/);
    expect(foreign.send.callCount).to.equal(0);
  });
});

describe("withCommands with the command classes handed over", () => {
  afterEach(() => sinon.restore());

  it("sends the classes given through a bare client, loading nothing", async () => {
    const table = withCommands(s3Table, { ListObjectsV2Command, ListObjectVersionsCommand });
    expect(table.rules).to.equal(s3Table.rules);
    const client = new S3Client(config);
    const respond = listing(5, 2);
    const send = sinon.stub(client, "send").callsFake(async (command: any) => respond(command.input));
    const keys = await collect(withTable(client, table).getPaginator("listObjectsV2").items({ Bucket: "b" }));
    expect(keys.map((object) => object.Key)).to.deep.equal(["key-0000", "key-0001", "key-0002", "key-0003", "key-0004"]);
    expect(send.callCount).to.equal(3);
    for (const call of send.getCalls()) expect(call.args[0]).to.be.instanceOf(ListObjectsV2Command);
  });

  it("names the command to add when an operation's class is missing, before any request", () => {
    const client = new S3Client(config);
    const send = sinon.stub(client, "send");
    const s3 = withTable(client, withCommands(s3Table, { ListObjectsV2Command }));
    expect(() => s3.getPaginator("listObjectVersions"))
      .to.throw(PaginationError, /S3\.ListObjectVersions: the table's commands have no ListObjectVersionsCommand; add it: withCommands\(table, \{ ListObjectVersionsCommand \}\)/);
    expect(send.callCount).to.equal(0);
  });

  it("says, when a loader gives no class for an operation, that the loader or the installed package lacks it", async () => {
    const client = new S3Client(config);
    const send = sinon.stub(client, "send");
    const s3 = withTable(client, withCommands(s3Table, async () => ({ ListObjectsV2Command })));
    const error = await s3.getPaginator("listObjects" as never).paginate({ Bucket: "b" }).pages().next().then(() => undefined, (e: unknown) => e as Error);
    expect(error).to.be.instanceOf(PaginationError);
    expect(error!.message).to.match(/S3\.ListObjects: the table's commands loader gave no ListObjectsCommand: .*add ListObjectsCommand to them/);
    expect(send.callCount).to.equal(0);
  });

  it("needs no commands for an aggregated client, which is called through its methods", async () => {
    const client = new S3(config);
    const method = sinon.stub(client, "listObjectVersions").callsFake((async () => ({ Versions: [{ Key: "a", VersionId: "1" }], IsTruncated: false })) as never);
    const s3 = withTable(client, withCommands(s3Table, { ListObjectsV2Command }));
    const versions = await collect(s3.getPaginator("listObjectVersions").items({ Bucket: "b" }));
    expect(versions).to.deep.equal([{ Key: "a", VersionId: "1" }]);
    expect(method.callCount).to.equal(1);
  });

  it("refuses what is not a command class of the table's client, naming its operations", () => {
    expect(() => withCommands(s3Table, { SearchProvisionedProductsCommand } as never)).to.throw(
      InvalidConfigError,
      /withCommands\(S3\): .*SearchProvisionedProductsCommand is not the command class of one of its paginated operations \(ListBuckets, /,
    );
    expect(() => withCommands(s3Table, { ListObjectsV2Command: "x" } as never)).to.throw(InvalidConfigError, /ListObjectsV2Command is not the command class/);
    expect(() => withCommands(s3Table, null as never)).to.throw(InvalidConfigError, /commands are command classes/);
    expect(() => withCommands(null as never, { ListObjectsV2Command } as never)).to.throw(InvalidConfigError, /withCommands: it takes a table/);
  });
});

describe("withTable", () => {
  it("adds the table's paginators, as withPaginators(client, table) does", () => {
    const client = new S3(config);
    const s3 = withTable(client, s3Table);
    expect(s3).to.equal(client);
    expect(s3.canPaginate("list_object_versions")).to.equal(true);
    expect(s3.getPaginator("listObjectsV2").rule).to.equal(s3Table.rules.ListObjectsV2);
    expect(() => s3.getPaginator("listObject" as never)).to.throw(/S3 has no paginator named "listObject"\. Did you mean listObjects/);
  });

  it("refuses a missing client or table", () => {
    expect(() => withTable(null as never, s3Table)).to.throw(InvalidConfigError, /withTable: it takes an AWS SDK v3 client/);
    expect(() => withTable(new S3(config), undefined as never)).to.throw(InvalidConfigError, /the table: it must be one made by defineTable/);
    expect(withTable(new ServiceCatalog(config), serviceCatalogTable).canPaginate("searchProvisionedProducts")).to.equal(true);
  });
});
