/**
 * Which service a request is for. The awsJson services name themselves in `X-Amz-Target`
 * (`DynamoDB_20120810.…`, `AWS242ServiceCatalogService.…`). For the rest, a signed request says
 * so in its SigV4 credential scope (`Credential=AKID/date/region/<service>/aws4_request`:
 * `route53`, `iam`, `s3`), which settles even a path such as `/2013-04-01/…`, also a valid S3
 * bucket name; an unsigned one is told apart by its shape: a Route 53 API path, an awsQuery form
 * body with an Action (IAM), and S3 otherwise.
 */
import type http from "node:http";
import { DYNAMODB_TARGET_PREFIX, dynamoDbRoute } from "./dynamodb.js";
import type { DynamoStore } from "./dynamodb-tables.js";
import { iamRoute, isQueryRequest } from "./iam.js";
import type { IamUsers } from "./iam-users.js";
import { isRoute53Path, route53Route } from "./route53.js";
import type { HostedZones } from "./route53-zones.js";
import { s3Route } from "./s3.js";
import { SERVICE_CATALOG_TARGET_PREFIX, serviceCatalogRoute, type Catalog } from "./service-catalog.js";
import type { S3Store } from "./store.js";
import type { Route } from "./types.js";

/** Everything the server answers from. */
export interface Stores {
  readonly s3: S3Store;
  readonly catalog: Catalog;
  readonly dynamodb: DynamoStore;
  readonly zones: HostedZones;
  readonly iam: IamUsers;
}

/** The service a SigV4 `Authorization` header was signed for, if it is one. */
export function signingService(authorization: string | undefined): string | undefined {
  return authorization ? /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1] : undefined;
}

export function routeOf(stores: Stores, req: http.IncomingMessage, body: string): Route {
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  const target = typeof req.headers["x-amz-target"] === "string" ? req.headers["x-amz-target"] : "";
  const service = signingService(req.headers.authorization);
  if (target.startsWith(DYNAMODB_TARGET_PREFIX)) return dynamoDbRoute(stores.dynamodb, target, body);
  if (target.startsWith(SERVICE_CATALOG_TARGET_PREFIX)) return serviceCatalogRoute(stores.catalog, target, body);
  if (service === "route53" || (service === undefined && isRoute53Path(url))) return route53Route(stores.zones, method, url);
  if (service === "iam" || (service === undefined && isQueryRequest(method, req.headers["content-type"], body))) return iamRoute(stores.iam, body);
  return s3Route(stores.s3, method, url);
}
