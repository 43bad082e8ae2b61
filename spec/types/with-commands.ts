/**
 * Type specs for the command classes handed to a table, and for withTable: only commands of the
 * table's own client are accepted, and the paginators stay typed from the client package.
 */
import { ListObjectsCommand, ListObjectsV2Command, ListPartsCommand, S3, S3Client, type _Object } from "@aws-sdk/client-s3";
import { SearchProvisionedProductsCommand } from "@aws-sdk/client-service-catalog";
import { s3Table, serviceCatalogTable, withCommands, withTable, type CommandClasses } from "../../lib/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_value?: T): void {}

export async function handedOver(): Promise<void> {
  const s3 = withTable(new S3Client({}), withCommands(s3Table, { ListObjectsV2Command, ListPartsCommand }));
  for await (const object of s3.getPaginator("listObjectsV2").items({ Bucket: "b" })) assertType<Equal<typeof object, _Object>>();
  // @ts-expect-error an unknown operation name
  s3.getPaginator("listObjectz");
  // @ts-expect-error a Service Catalog command is not one of the S3 client's
  withCommands(s3Table, { SearchProvisionedProductsCommand });
  // @ts-expect-error an S3 command is not one of the Service Catalog client's
  withCommands(serviceCatalogTable, { ListObjectsV2Command });
  // @ts-expect-error a class under another command's name
  withCommands(s3Table, { ListObjectsV2Command: ListObjectsCommand });
  // @ts-expect-error not a command: a table takes classes or a loader
  withCommands(s3Table, { ListObjectsV2Command: "ListObjectsV2Command" });
  const commands: CommandClasses<typeof import("@aws-sdk/client-s3")> = { ListObjectsV2Command };
  void commands;
}

export async function loaded(): Promise<void> {
  // The function form stays.
  const s3 = withTable(new S3Client({}), withCommands(s3Table, async () => ({ ListObjectsV2Command })));
  for await (const object of s3.getPaginator("listObjectsV2").items({ Bucket: "b" })) assertType<Equal<typeof object, _Object>>();
  const full = withTable(new S3Client({}), withCommands(s3Table, () => import("@aws-sdk/client-s3")));
  full.getPaginator("listObjectVersions");
}

export async function aggregated(): Promise<void> {
  const s3 = withTable(new S3({}), s3Table);
  for await (const object of s3.getPaginator("list_objects_v2").items({ Bucket: "b" })) assertType<Equal<typeof object, _Object>>();
  // @ts-expect-error Bucket is required
  s3.getPaginator("listObjectsV2").paginate({});
  // @ts-expect-error withTable takes a table
  withTable(new S3({}));
}
