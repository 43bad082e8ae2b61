/**
 * Type specs: checked by `tsc --noEmit` in `npm test`. Every `@ts-expect-error` must stand on a
 * line that fails to compile, so each one proves a wrong name, input or item type is rejected.
 */
import { S3, S3Client, type _Object, type DeleteMarkerEntry, type ObjectVersion, type Part, type ObjectPart } from "@aws-sdk/client-s3";
import { ServiceCatalogClient, type ProvisionedProductAttribute } from "@aws-sdk/client-service-catalog";
import { canPaginate, defineTable, getPaginator, s3Table, serviceCatalogTable, withPaginators, type PageIterator } from "../../lib/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_value?: T): void {}

export async function s3Names(): Promise<void> {
  const s3 = withPaginators(new S3Client({}));
  s3.getPaginator("listObjectsV2");
  s3.getPaginator("ListObjectsV2");
  s3.getPaginator("list_objects_v2");
  s3.getPaginator("list_object_versions");
  s3.getPaginator("ListBucketIntelligentTieringConfigurations");
  s3.getPaginator("list_bucket_intelligent_tiering_configurations");
  // @ts-expect-error an unknown operation name
  s3.getPaginator("listObjectz");
  // @ts-expect-error an operation that does not page
  s3.getPaginator("getObject");
  // @ts-expect-error a Service Catalog operation on an S3 client
  s3.getPaginator("searchProvisionedProducts");
  const yes: boolean = s3.canPaginate("anything");
  void yes;
}

export async function s3Items(): Promise<void> {
  const s3 = withPaginators(new S3Client({}));
  const paginator = s3.getPaginator("listObjectsV2");
  for await (const object of paginator.items({ Bucket: "b" })) {
    assertType<Equal<typeof object, _Object>>();
    // @ts-expect-error an _Object has no VersionId
    object.VersionId;
  }
  const versions = s3.getPaginator("listObjectVersions").paginate({ Bucket: "b" });
  for await (const version of versions.items()) assertType<Equal<typeof version, ObjectVersion>>();
  for await (const marker of versions.items("DeleteMarkers")) assertType<Equal<typeof marker, DeleteMarkerEntry>>();
  // @ts-expect-error not a result key of ListObjectVersions
  versions.items("Contents");
  for await (const part of s3.getPaginator("list_parts").items({ Bucket: "b", Key: "k", UploadId: "u" })) {
    assertType<Equal<typeof part, Part>>();
  }
  const attributes = s3.getPaginator("GetObjectAttributes");
  for await (const part of attributes.items({ Bucket: "b", Key: "k", ObjectAttributes: ["ObjectParts"] })) {
    assertType<Equal<typeof part, ObjectPart>>();
  }
}

export async function s3Input(): Promise<void> {
  const s3 = withPaginators(new S3Client({}));
  const paginator = s3.getPaginator("listObjectsV2");
  // @ts-expect-error Bucket is required
  paginator.paginate({});
  // @ts-expect-error no such input member
  paginator.paginate({ Bucket: "b", Buckett: "x" });
  // @ts-expect-error MaxKeys is a number
  paginator.paginate({ Bucket: "b", MaxKeys: "10" });
  // @ts-expect-error pageSize is a number
  paginator.paginate({ Bucket: "b" }, { pageSize: "10" });
  // @ts-expect-error no such option
  paginator.paginate({ Bucket: "b" }, { PageSize: 10 });
  const run = paginator.paginate({ Bucket: "b" }, { pageSize: 10, maxItems: 5, onRepeatedToken: "stop" });
  const more: boolean = await run.next();
  const page = run.currentPage();
  page?.Contents?.[0]?.Key;
  const token: string | undefined = run.resumeToken;
  void more;
  void token;
  const full = await run.buildFullResult();
  full.Contents?.map((object) => object.Key);
  const next: string | undefined = full.NextToken;
  void next;
  for await (const found of run.search("Contents[].Key")) void found;
  // @ts-expect-error next() resolves to a boolean, so a PageIterator is not an AsyncIterator
  const iterator: AsyncIterator<unknown> = run;
  void iterator;
  const iterable: AsyncIterable<unknown> = run;
  void iterable;
}

export async function aggregatedAndServiceCatalog(): Promise<void> {
  const s3 = withPaginators(new S3({}));
  for await (const object of s3.getPaginator("list_objects").items({ Bucket: "b" })) assertType<Equal<typeof object, _Object>>();
  const catalog = withPaginators(new ServiceCatalogClient({}));
  for await (const product of catalog.getPaginator("searchProvisionedProducts").items({})) {
    assertType<Equal<typeof product, ProvisionedProductAttribute>>();
  }
  // @ts-expect-error an S3 operation on a Service Catalog client
  catalog.getPaginator("listObjectsV2");
  const plain = getPaginator(new S3Client({}), "listMultipartUploads");
  const run: PageIterator<any, any, any> = plain.paginate({ Bucket: "b" });
  void run;
  // @ts-expect-error a wrong name for the plain function too
  getPaginator(new S3Client({}), "listMultipart");
  const ok: boolean = canPaginate(new S3Client({}), "list_parts");
  void ok;
}

export function otherClients(): void {
  class FakeClient {
    send(_command: unknown): Promise<unknown> {
      return Promise.resolve({});
    }
  }
  // @ts-expect-error a client with no built-in table needs one
  withPaginators(new FakeClient());
  const table = defineTable({
    service: "Fake",
    rules: { ListThings: { inputToken: "NextToken", outputToken: "NextToken", limitKey: "MaxResults", resultKey: "Things" } },
  });
  const fake = withPaginators(new FakeClient(), table);
  fake.getPaginator("list_things").paginate({ Anything: 1 });
  // @ts-expect-error not in the table
  fake.getPaginator("listStuff");
}

export function olderClientPackage(): void {
  class ListThingsCommand {
    constructor(readonly input: { Owner?: string; NextToken?: string }) {}
  }
  // The installed client package has ListThings but not the newer ListStuff.
  const installed = { ListThingsCommand };
  const table = defineTable({
    service: "Fake",
    commands: () => installed,
    rules: {
      ListThings: { inputToken: "NextToken", outputToken: "NextToken", resultKey: "Things" },
      ListStuff: { inputToken: "NextToken", outputToken: "NextToken", resultKey: "Stuff" },
    },
  });
  const fake = withPaginators({ send: async () => ({}) }, table);
  fake.getPaginator("listThings").paginate({ Owner: "me" });
  // @ts-expect-error Owner is a string, from the installed package's command
  fake.getPaginator("list_things").paginate({ Owner: 1 });
  // @ts-expect-error the installed client package has no ListStuffCommand
  fake.getPaginator("listStuff");
}

export function builtInTablesKnowTheirService(): void {
  // @ts-expect-error Service Catalog's table on an S3 client
  withPaginators(new S3Client({}), serviceCatalogTable);
  // @ts-expect-error S3's table on a Service Catalog client
  withPaginators(new ServiceCatalogClient({}), s3Table);
  withPaginators(new S3({}), s3Table).getPaginator("listObjectsV2");
}

export function canPaginateNarrows(name: string): void {
  const client = new S3Client({});
  if (canPaginate(client, name)) getPaginator(client, name);
  // @ts-expect-error an unchecked string is not an operation name
  getPaginator(client, name);
}
