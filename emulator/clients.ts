/**
 * Real SDK clients pointed at a loopback server: path-style S3 in us-east-1 with dummy
 * credentials, and one attempt per request unless `config` says otherwise, so an injected fault
 * surfaces instead of being retried away.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { IAMClient, type IAMClientConfig } from "@aws-sdk/client-iam";
import { Route53Client, type Route53ClientConfig } from "@aws-sdk/client-route-53";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { ServiceCatalogClient, type ServiceCatalogClientConfig } from "@aws-sdk/client-service-catalog";

interface Endpoint {
  readonly url: string;
}

const base = (server: Endpoint) => ({
  endpoint: server.url,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1,
});

export function s3ClientFor(server: Endpoint, config: S3ClientConfig = {}): S3Client {
  return new S3Client({ ...base(server), forcePathStyle: true, ...config });
}

export function serviceCatalogClientFor(server: Endpoint, config: ServiceCatalogClientConfig = {}): ServiceCatalogClient {
  return new ServiceCatalogClient({ ...base(server), ...config });
}

export function dynamoDbClientFor(server: Endpoint, config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ ...base(server), ...config });
}

export function route53ClientFor(server: Endpoint, config: Route53ClientConfig = {}): Route53Client {
  return new Route53Client({ ...base(server), ...config });
}

export function iamClientFor(server: Endpoint, config: IAMClientConfig = {}): IAMClient {
  return new IAMClient({ ...base(server), ...config });
}
