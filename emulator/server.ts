/**
 * The loopback server: one `node:http` server on 127.0.0.1 that answers S3 (path-style REST-XML),
 * Service Catalog (awsJson1_1), DynamoDB Scan (awsJson1_0), Route 53 ListResourceRecordSets
 * (REST-XML) and IAM ListUsers (awsQuery) from seeded data (dispatch.ts tells them apart), with
 * latency, an in-flight limit that answers throttling, injected faults, and request statistics.
 */
import { Buffer } from "node:buffer";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { routeOf, type Stores } from "./dispatch.js";
import { DynamoStore, type KeySchema } from "./dynamodb-tables.js";
import type { ItemSeed } from "./dynamodb-values.js";
import { FaultQueue, isTransportFault, type Fault } from "./faults.js";
import { IamUsers, type IamUserSeed } from "./iam-users.js";
import { HostedZones, type RecordSetSeed } from "./route53-zones.js";
import { Catalog, type CatalogOperation } from "./service-catalog.js";
import { clearStats, countRequest, newStats, type LoopbackStats } from "./stats.js";
import { S3Store, type ObjectSeed, type VersionSeed } from "./store.js";
import { isPage, type Reply } from "./types.js";
import { corsHeaders, preflight } from "./cors.js";
import { createInProcessS3, type InProcessS3, type InProcessS3Options } from "./in-process-s3.js";
import { checkRate, seededRandom } from "./random.js";
import type { KeySource } from "./virtual-keys.js";

export interface LoopbackOptions {
  /** 0 (the default) picks any free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Every answer is held this long (default 0). */
  latencyMs?: number;
  /** When more than this many requests are in flight, the extra ones are answered with throttling. */
  maxInFlight?: number;
  /**
   * The share of requests (0 to 1) answered with throttling (S3: 503 SlowDown) whatever else is
   * armed, drawn from `seed`, so the same requests are hit every run; counted in faultsInjected.
   */
  slowDownRate?: number;
  /** Seeds the draw of `slowDownRate`; default 1. */
  seed?: number;
  /**
   * Answers CORS preflights (OPTIONS) and adds Access-Control-Allow-Origin: * to every answer, so
   * a page from another origin can drive the SDK in a browser against the server.
   */
  cors?: boolean;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
  /** Adds objects (creating the bucket); a key seeded again gets the new size and ETag. */
  putObjects(bucket: string, keys: readonly ObjectSeed[]): void;
  /** A bucket that lists `source`'s keys without a record per key (virtual-keys.ts); it takes no other objects. */
  putVirtualObjects(bucket: string, source: KeySource): void;
  /** A client without HTTP over this server's S3 data (in-process-s3.ts); its latency and faults are its own. */
  inProcessS3(options?: Omit<InProcessS3Options, "store">): InProcessS3;
  /** Adds versions and delete markers; each key's are listed in the order given (newest first). */
  putVersions(bucket: string, entries: readonly VersionSeed[]): void;
  /** An unfinished multipart upload with parts 1..partCount. */
  createUpload(bucket: string, key: string, uploadId: string, partCount: number): void;
  /** Adds items a Service Catalog search answers with, in the order given. */
  putCatalog(operation: CatalogOperation, items: readonly object[]): void;
  /** Creates an empty DynamoDB table with this key schema (again with the same schema: a no-op). */
  createDynamoTable(table: string, key: KeySchema): void;
  /**
   * Puts items (attribute-value maps as the SDK writes them, binary as Uint8Array) into a table
   * made by createDynamoTable; an item with a key already there replaces it.
   */
  putDynamoItems(table: string, items: readonly ItemSeed[]): void;
  /** Adds Route 53 record sets to a hosted zone (created on first use); the same name, type and SetIdentifier replaces. */
  putRecordSets(zoneId: string, records: readonly RecordSetSeed[]): void;
  /** Adds IAM users; a name seeded again (in any case) replaces. */
  putIamUsers(users: readonly IamUserSeed[]): void;
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Forgets data, faults and statistics. */
  reset(): void;
  readonly stats: LoopbackStats;
  resetStats(): void;
}

export async function startLoopbackServer(options: LoopbackOptions = {}): Promise<LoopbackServer> {
  const { port = 0, latencyMs = 0, maxInFlight = Number.POSITIVE_INFINITY, slowDownRate = 0, seed = 1, cors = false } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  if (!(latencyMs >= 0)) throw new RangeError(`latencyMs must be >= 0, got ${latencyMs}`);
  if (!(maxInFlight >= 1)) throw new RangeError(`maxInFlight must be >= 1, got ${maxInFlight}`);
  checkRate("slowDownRate", slowDownRate);
  const random = seededRandom(seed);

  const stores: Stores = { s3: new S3Store(), catalog: new Catalog(), dynamodb: new DynamoStore(), zones: new HostedZones(), iam: new IamUsers() };
  const faults = new FaultQueue();
  const stats = newStats();
  const timers = new Set<NodeJS.Timeout>();

  /** Runs `action` after `ms` (at once for 0); pending ones are cancelled by close(). */
  const later = (ms: number, action: () => void): void => {
    if (ms <= 0) return action();
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string, done: () => void): void => {
    const route = routeOf(stores, req, body);
    countRequest(stats, route.operation, route.params);
    const send = (reply: Reply, delayMs = 0): void =>
      later(latencyMs + delayMs, () => {
        done();
        if (res.destroyed) return;
        const headers: Record<string, string> = cors ? { ...reply.headers, ...corsHeaders() } : { ...reply.headers };
        if (headers["content-length"] === undefined) headers["content-length"] = String(Buffer.byteLength(reply.body));
        res.writeHead(reply.status, headers);
        res.end(reply.body);
      });

    // Over the in-flight limit: throttled before faults see the request, so it counts toward none.
    if (stats.inFlight > maxInFlight) {
      stats.throttled++;
      return send(route.throttle());
    }
    if (slowDownRate > 0 && random() < slowDownRate) {
      stats.faultsInjected++;
      return send(route.throttle());
    }
    const armed = faults.select(route.operation);
    let delayMs = 0;
    if (armed && isTransportFault(armed)) {
      faults.spend(armed);
      stats.faultsInjected++;
      if (armed.fault.kind === "throttle") return send(route.throttle());
      if (armed.fault.kind === "reset") {
        return later(latencyMs, () => {
          done();
          req.socket.destroy();
        });
      }
      delayMs = armed.fault.delayMs ?? 1000;
    }
    let result: Reply;
    try {
      const handled = route.handle();
      if (isPage(handled)) {
        const end = faults.shape(handled, armed);
        if (end.applied) stats.faultsInjected++;
        result = handled.render(end.truncated, end.next);
      } else {
        result = handled;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = route.internalError(message);
    }
    send(result, delayMs);
  };

  const server = http.createServer((req, res) => {
    // A preflight is the browser's question, not a request of the page: answered at once, uncounted.
    if (cors && req.method === "OPTIONS") {
      const reply = preflight(req.headers["access-control-request-headers"]);
      res.writeHead(reply.status, reply.headers);
      res.end();
      return;
    }
    stats.inFlight++;
    if (stats.inFlight > stats.maxInFlight) stats.maxInFlight = stats.inFlight;
    let finished = false;
    // Counted out just before the answer is written, so a client that sends its next request as
    // soon as it has read this answer never sees this one still in flight.
    const done = () => {
      if (!finished) {
        finished = true;
        stats.inFlight--;
      }
    };
    res.on("close", done);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => answer(req, res, chunks.length ? Buffer.concat(chunks).toString("utf8") : "", done));
    req.on("error", done);
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    stats,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    putObjects: (bucket, keys) => stores.s3.putObjects(bucket, keys),
    putVersions: (bucket, entries) => stores.s3.putVersions(bucket, entries),
    putVirtualObjects: (bucket, source) => stores.s3.putVirtualObjects(bucket, source),
    inProcessS3: (clientOptions = {}) => createInProcessS3({ ...clientOptions, store: stores.s3 }),
    createUpload: (bucket, key, uploadId, partCount) => stores.s3.createUpload(bucket, key, uploadId, partCount),
    putCatalog: (operation, items) => stores.catalog.put(operation, items),
    createDynamoTable: (table, key) => void stores.dynamodb.create(table, key),
    putDynamoItems: (table, items) => stores.dynamodb.put(table, items),
    putRecordSets: (zoneId, records) => stores.zones.put(zoneId, records),
    putIamUsers: (users) => stores.iam.put(users),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    reset() {
      for (const store of Object.values(stores)) store.clear();
      faults.reset();
      clearStats(stats);
    },
    resetStats: () => clearStats(stats),
  };
}
