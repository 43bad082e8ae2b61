/**
 * Type specs for generated tables: input, output and item types come from the user's installed
 * client package, worked out at the call site.
 */
import { CloudFrontClient, type DistributionSummary } from "@aws-sdk/client-cloudfront";
import { DynamoDB, DynamoDBClient, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { EC2Client, type Instance, type Reservation } from "@aws-sdk/client-ec2";
import { IAMClient, type User } from "@aws-sdk/client-iam";
import { Route53Client, type ResourceRecordSet } from "@aws-sdk/client-route-53";
import { S3Client } from "@aws-sdk/client-s3";
import { getPaginator, withPaginators } from "aws-paginators";
import { cloudfrontTable } from "aws-paginators/services/cloudfront";
import { dynamodbTable } from "aws-paginators/services/dynamodb";
import { ec2Table } from "aws-paginators/services/ec2";
import { iamTable } from "aws-paginators/services/iam";
import { route53Table } from "aws-paginators/services/route-53";
import { allTables } from "aws-paginators/all";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_value?: T): void {}

export async function dynamodb(): Promise<void> {
  const client = withPaginators(new DynamoDBClient({}), dynamodbTable);
  for await (const item of client.getPaginator("scan").items({ TableName: "t" })) {
    assertType<Equal<typeof item, Record<string, AttributeValue>>>();
  }
  const full = await client.getPaginator("Query").paginate({ TableName: "t" }).buildFullResult();
  const count: number | undefined = full.Count;
  void count;
  // @ts-expect-error TableName is required
  client.getPaginator("scan").paginate({});
  // @ts-expect-error DynamoDB has no such paginator
  client.getPaginator("listObjectsV2");
}

export async function route53(): Promise<void> {
  const route53 = withPaginators(new Route53Client({}), route53Table);
  for await (const record of route53.getPaginator("list_resource_record_sets").items({ HostedZoneId: "Z1" })) {
    assertType<Equal<typeof record, ResourceRecordSet>>();
  }
}

export async function cloudfront(): Promise<void> {
  const cloudfront = withPaginators(new CloudFrontClient({}), cloudfrontTable);
  for await (const distribution of cloudfront.getPaginator("listDistributions").items({})) {
    assertType<Equal<typeof distribution, DistributionSummary>>();
  }
}

export async function iam(): Promise<void> {
  const iam = withPaginators(new IAMClient({}), iamTable);
  for await (const user of iam.getPaginator("ListUsers").items({}, { pageSize: 100 })) {
    assertType<Equal<typeof user, User>>();
  }
}

export async function ec2(): Promise<void> {
  const ec2 = withPaginators(new EC2Client({}), ec2Table);
  for await (const reservation of ec2.getPaginator("describeInstances").items({})) {
    assertType<Equal<typeof reservation, Reservation>>();
    const instances: Instance[] | undefined = reservation.Instances;
    void instances;
  }
  // @ts-expect-error not an EC2 operation
  ec2.getPaginator("describeInstancez");
}

export function noTable(): void {
  // @ts-expect-error a client with no built-in table names the module to import its table from
  withPaginators(new DynamoDBClient({}));
  // @ts-expect-error the same for the plain function
  getPaginator(new DynamoDBClient({}), "scan");
  // @ts-expect-error and for an aggregated client
  withPaginators(new DynamoDB({}));
}

export function anotherServicesTable(): void {
  // @ts-expect-error a DynamoDB table on an S3 client
  withPaginators(new S3Client({}), dynamodbTable);
  // @ts-expect-error an EC2 table on a DynamoDB client
  withPaginators(new DynamoDBClient({}), ec2Table);
  // @ts-expect-error the same for the plain function
  getPaginator(new S3Client({}), "scan", dynamodbTable);
  // Its own service's client, bare or aggregated, takes it.
  withPaginators(new DynamoDB({}), dynamodbTable).getPaginator("scan");
  getPaginator(new DynamoDBClient({}), "query", dynamodbTable);
  // A client whose config names no service (a stub, a custom client) takes any table.
  const stub = withPaginators({ send: async (_command: unknown) => ({}) }, dynamodbTable);
  stub.getPaginator("listTables").paginate({ Limit: 10 });
  const custom = withPaginators({ config: { region: "eu-west-1" }, send: async (_command: unknown) => ({}) }, ec2Table);
  custom.getPaginator("describeInstances");
}

export function everything(): void {
  const rule = allTables["dynamodb"].Scan;
  const tokens: readonly string[] | undefined = rule?.inputToken;
  void tokens;
}
