/**
 * One emulator per describe block: `useEmulator()` registers a `before` hook that starts it and an
 * `after` hook that stops it, and hands back the server and real SDK clients pointed at it. The
 * clients are made on first use (one of each per server) and destroyed with it, so a spec names
 * only the ones it needs.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { S3Client } from "@aws-sdk/client-s3";
import type { ServiceCatalogClient } from "@aws-sdk/client-service-catalog";
import {
  dynamoDbClientFor,
  iamClientFor,
  route53ClientFor,
  s3ClientFor,
  serviceCatalogClientFor,
  startLoopbackServer,
  type LoopbackOptions,
  type LoopbackServer,
} from "../../emulator/index.js";

export interface Emulator {
  readonly server: LoopbackServer;
  readonly s3: S3Client;
  readonly serviceCatalog: ServiceCatalogClient;
  readonly dynamoDb: DynamoDBClient;
  readonly route53: Route53Client;
  readonly iam: IAMClient;
}

export function useEmulator(options: LoopbackOptions = {}): Emulator {
  let server: LoopbackServer | undefined;
  const clients = new Map<string, { destroy(): void }>();

  before(async () => {
    server = await startLoopbackServer(options);
  });
  after(async () => {
    for (const client of clients.values()) client.destroy();
    clients.clear();
    await server?.close();
    server = undefined;
  });

  const running = (): LoopbackServer => {
    if (!server) throw new Error("useEmulator: the emulator runs between its describe block's before and after hooks; use it inside it(), beforeEach() or before()");
    return server;
  };
  const client = <C extends { destroy(): void }>(name: string, make: (server: LoopbackServer) => C): C => {
    let made = clients.get(name) as C | undefined;
    if (!made) {
      made = make(running());
      clients.set(name, made);
    }
    return made;
  };

  return {
    get server() {
      return running();
    },
    get s3() {
      return client("s3", s3ClientFor);
    },
    get serviceCatalog() {
      return client("serviceCatalog", serviceCatalogClientFor);
    },
    get dynamoDb() {
      return client("dynamoDb", dynamoDbClientFor);
    },
    get route53() {
      return client("route53", route53ClientFor);
    },
    get iam() {
      return client("iam", iamClientFor);
    },
  };
}
