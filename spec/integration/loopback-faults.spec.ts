/**
 * The fault suite: the library driven through the real @aws-sdk/client-s3 and
 * @aws-sdk/client-service-catalog against the fault-injecting loopback server on 127.0.0.1.
 *
 * 1. The figures: long listings at page sizes that do not divide them, with throttles, resets and
 *    slow answers on pages a seeded PRNG picks (FAULT_SEED replays a run; the seed is printed).
 *    Careful consumers (for-await with startingToken, Go-style next(), maxItems runs chained by
 *    resumeToken, read-ahead) must lose nothing and repeat nothing; a table of what happened is
 *    printed after the block.
 * 2. Terminal conditions: each ends with the documented error (or a clean stop) and no further
 *    request.
 * 3. With the SDK's own retries on, a single fault is absorbed below the paginator.
 */
import { expect } from "chai";
import { rejection } from "../support/rejection.js";
import { NoSuchBucket, type _Object, type ListObjectVersionsCommandOutput, type ListPartsCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { ServiceCatalogServiceException, type ProvisionedProductAttribute, type SearchProvisionedProductsCommandOutput, type ServiceCatalogClient } from "@aws-sdk/client-service-catalog";
import {
  InvalidStartingTokenError,
  MissingTokenError,
  PaginationAbortedError,
  PaginationError,
  RepeatedTokenError,
  isResumable,
  withPaginators,
} from "../../lib/index.js";
import {
  compareKeys,
  s3ClientFor,
  serviceCatalogClientFor,
  startLoopbackServer,
  type Fault,
  type LoopbackServer,
  type VersionSeed,
} from "../../emulator/index.js";
import { consumeCheckpointing, consumeForAwait, consumeGo, refetchMismatches, tally, type AnyPageIterator, type Outcome } from "../support/fault-suite/consumers.js";
import { countKinds, describePlan, planFaults } from "../support/fault-suite/plan.js";
import { mulberry32, streamFor, suiteSeed } from "../support/fault-suite/prng.js";
import { probeClient, type Probe } from "../support/fault-suite/probe.js";

const SEED = suiteSeed();

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const pagesOf = (total: number, pageSize: number) => Math.ceil(total / pageSize);

/** 10,000 keys; every 997th has a space, "&", "+" and a non-ASCII letter, for v1's key markers. */
const BIG_KEYS = Array.from({ length: 10_000 }, (_, i) => (i % 997 === 0 ? `k/${pad(i, 5)} café & +plus.txt` : `k/${pad(i, 5)}.json`)).sort(compareKeys);

/** About 1,000 versions and delete markers over 360 keys, 1 to 5 each, from a fixed stream. */
const VERSION_SEEDS: VersionSeed[] = (() => {
  const rng = mulberry32(1);
  const seeds: VersionSeed[] = [];
  for (let k = 0; k < 360; k++) {
    const count = 1 + Math.floor(rng() * 5);
    for (let v = count; v > 0; v--) seeds.push({ key: `v/${pad(k, 4)}`, versionId: `ver-${pad(k, 4)}-${v}`, deleteMarker: rng() < 0.25 });
  }
  return seeds;
})();
const VERSION_IDS = VERSION_SEEDS.map((s) => `${s.deleteMarker ? "D" : "V"}:${s.key}@${s.versionId}`);

const CATALOG_ITEMS = Array.from({ length: 1_000 }, (_, i) => ({ Id: `pp-${pad(i, 4)}`, Name: `product ${i}`, Type: "CFN_STACK", Status: "AVAILABLE" }));
const PRODUCT_IDS = CATALOG_ITEMS.map((p) => p.Id);

/** The page (0-based) an id of a listing is on, at a page size: every page but the last is full. */
function pageIn(ids: readonly string[], pageSize: number): (id: string) => number {
  const index = new Map(ids.map((id, i) => [id, i]));
  return (id) => Math.floor((index.get(id) ?? Number.NaN) / pageSize);
}

const keyOf = (item: unknown) => [(item as _Object).Key!];
const keysOfPage = (page: unknown) => ((page as { Contents?: _Object[] }).Contents ?? []).map((o) => o.Key!);
const versionIdsOfPage = (page: unknown) => {
  const { Versions = [], DeleteMarkers = [] } = page as ListObjectVersionsCommandOutput;
  return [...Versions.map((v) => `V:${v.Key}@${v.VersionId}`), ...DeleteMarkers.map((d) => `D:${d.Key}@${d.VersionId}`)];
};
const productIdOf = (item: unknown) => [(item as ProvisionedProductAttribute).Id!];
const productIdsOfPage = (page: unknown) => ((page as SearchProvisionedProductsCommandOutput).ProvisionedProducts ?? []).map((p) => p.Id!);

async function drain<T>(iterable: AsyncIterable<T>, into: T[] = []): Promise<T[]> {
  for await (const value of iterable) into.push(value);
  return into;
}

/** Lets anything the paginator might still send reach the server before counting. */
const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to `ms`) until `condition` holds, for a request sent in the background to arrive. */
async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition() && performance.now() < deadline) await settle(5);
}

describe("loopback fault suite", function () {
  this.timeout(30_000);

  // ---------------------------------------------------------------------------------------------
  describe("the figures: seeded faults on long listings, careful consumers", () => {
    let server: LoopbackServer;
    let s3: ReturnType<typeof withPaginators<S3Client>>;
    let catalog: ReturnType<typeof withPaginators<ServiceCatalogClient>>;
    let s3Probe: Probe;
    let catalogProbe: Probe;
    const rows: Record<string, string | number>[] = [];

    interface Listing {
      readonly label: string;
      readonly operation: "ListObjectsV2" | "ListObjects" | "ListObjectVersions" | "SearchProvisionedProducts";
      readonly expected: readonly string[];
      readonly pageSize: number;
      /** How a for-await consumer reads it. */
      readonly read: "items" | "pages";
      idsOf(value: unknown): readonly string[];
      idsOfPage(page: unknown): readonly string[];
      /** For items(): the page an id is on, to count the pages a run delivered. */
      pageOf?(id: string): number;
      paginate(startingToken: string | undefined, extra?: { maxItems?: number; readAhead?: 0 | 1 }): AnyPageIterator;
      probe(): Probe;
    }

    const listings: Record<string, Listing> = {
      v2: {
        label: "ListObjectsV2 10,000 keys",
        operation: "ListObjectsV2",
        expected: BIG_KEYS,
        pageSize: 333,
        read: "items",
        idsOf: keyOf,
        idsOfPage: keysOfPage,
        pageOf: pageIn(BIG_KEYS, 333),
        paginate: (startingToken, extra) => s3.getPaginator("listObjectsV2").paginate({ Bucket: "big" }, { pageSize: 333, startingToken, ...extra }),
        probe: () => s3Probe,
      },
      v1: {
        label: "ListObjects v1 10,000 keys",
        operation: "ListObjects",
        expected: BIG_KEYS,
        pageSize: 419,
        read: "items",
        idsOf: keyOf,
        idsOfPage: keysOfPage,
        pageOf: pageIn(BIG_KEYS, 419),
        paginate: (startingToken, extra) => s3.getPaginator("listObjects").paginate({ Bucket: "big" }, { pageSize: 419, startingToken, ...extra }),
        probe: () => s3Probe,
      },
      versions: {
        label: `ListObjectVersions ${VERSION_IDS.length} (V+DM)`,
        operation: "ListObjectVersions",
        expected: VERSION_IDS,
        pageSize: 47,
        // Versions and delete markers both: read pages, which carry both lists.
        read: "pages",
        idsOf: versionIdsOfPage,
        idsOfPage: versionIdsOfPage,
        paginate: (startingToken, extra) => s3.getPaginator("listObjectVersions").paginate({ Bucket: "versions" }, { pageSize: 47, startingToken, ...extra }),
        probe: () => s3Probe,
      },
      catalog: {
        label: "SearchProvisionedProducts 1,000",
        operation: "SearchProvisionedProducts",
        expected: PRODUCT_IDS,
        pageSize: 37,
        read: "items",
        idsOf: productIdOf,
        idsOfPage: productIdsOfPage,
        pageOf: pageIn(PRODUCT_IDS, 37),
        paginate: (startingToken, extra) =>
          catalog.getPaginator("searchProvisionedProducts").paginate({ Filters: { SearchQuery: ["status:AVAILABLE"] } }, { pageSize: 37, startingToken, ...extra }),
        probe: () => catalogProbe,
      },
    };

    type Variant = "for-await" | "go" | "go+readAhead" | "maxItems chain" | "maxItems chain+readAhead";
    interface Scenario {
      readonly listing: keyof typeof listings;
      readonly variant: Variant;
      readonly faults: number;
      readonly maxItems?: number;
    }
    const SCENARIOS: Scenario[] = [
      { listing: "v2", variant: "for-await", faults: 8 },
      { listing: "v2", variant: "go", faults: 8 },
      { listing: "v2", variant: "go+readAhead", faults: 8 },
      { listing: "v2", variant: "maxItems chain", faults: 8, maxItems: 777 },
      { listing: "v2", variant: "maxItems chain+readAhead", faults: 8, maxItems: 777 },
      { listing: "v1", variant: "for-await", faults: 7 },
      { listing: "v1", variant: "go", faults: 7 },
      { listing: "v1", variant: "maxItems chain", faults: 7, maxItems: 777 },
      { listing: "versions", variant: "for-await", faults: 7 },
      { listing: "versions", variant: "go", faults: 7 },
      { listing: "versions", variant: "maxItems chain", faults: 7, maxItems: 97 },
      { listing: "catalog", variant: "for-await", faults: 7 },
      { listing: "catalog", variant: "go", faults: 7 },
      // 111 = 3 pages of 37: every run ends exactly on a page boundary.
      { listing: "catalog", variant: "maxItems chain", faults: 7, maxItems: 111 },
    ];

    before(async () => {
      // maxInFlight 1: a second request in flight would be answered with throttling and counted.
      server = await startLoopbackServer({ maxInFlight: 1 });
      server.putObjects("big", BIG_KEYS);
      server.putVersions("versions", VERSION_SEEDS);
      server.putCatalog("SearchProvisionedProducts", CATALOG_ITEMS);
      const s3Client = s3ClientFor(server);
      const catalogClient = serviceCatalogClientFor(server);
      s3Probe = probeClient(s3Client);
      catalogProbe = probeClient(catalogClient);
      s3 = withPaginators(s3Client);
      catalog = withPaginators(catalogClient);
      console.log(`      fault suite seed: ${SEED} (0x${SEED.toString(16)}); replay with FAULT_SEED=${SEED}`);
    });

    after(async () => {
      await server?.close();
      if (rows.length === 0) return;
      console.log(`\n      Fault suite figures, seed ${SEED} (FAULT_SEED=${SEED} replays them)`);
      console.table(rows);
    });

    for (const scenario of SCENARIOS) {
      const name = `${listings[scenario.listing]!.label} · ${scenario.variant}${scenario.maxItems ? ` ${scenario.maxItems}` : ""}`;
      it(`${name}: nothing lost, nothing twice, every failure resumable`, async () => {
        const listing = listings[scenario.listing]!;
        const pages = pagesOf(listing.expected.length, listing.pageSize);
        server.clearFaults();
        server.resetStats();
        const plan: Fault[] = planFaults(streamFor(SEED, name), { operation: listing.operation, requests: pages, count: scenario.faults });
        for (const fault of plan) server.inject(fault);
        const kinds = countKinds(plan);
        const probe = listing.probe();
        const sentAtStart = probe.sent;

        const started = performance.now();
        let outcome: Outcome;
        switch (scenario.variant) {
          case "for-await":
            outcome = await consumeForAwait({ server, read: listing.read, idsOf: listing.idsOf, pageOf: listing.pageOf, open: (token) => listing.paginate(token) });
            break;
          case "maxItems chain":
            outcome = await consumeForAwait({
              server,
              read: listing.read,
              idsOf: listing.idsOf,
              pageOf: listing.pageOf,
              chained: true,
              open: (token) => listing.paginate(token, { maxItems: scenario.maxItems! }),
            });
            break;
          case "maxItems chain+readAhead":
            outcome = await consumeForAwait({
              server,
              read: listing.read,
              idsOf: listing.idsOf,
              pageOf: listing.pageOf,
              chained: true,
              open: (token) => listing.paginate(token, { maxItems: scenario.maxItems!, readAhead: 1 }),
            });
            break;
          case "go":
            outcome = await consumeGo({ server, run: listing.paginate(undefined), idsOfPage: listing.idsOfPage });
            break;
          case "go+readAhead":
            outcome = await consumeGo({ server, run: listing.paginate(undefined, { readAhead: 1 }), idsOfPage: listing.idsOfPage });
            break;
        }
        const ms = Math.round(performance.now() - started);
        await settle(10);
        const sent = probe.sent - sentAtStart;
        // Needed: one request per page delivered, one per failure. The rest was sent for nobody.
        const extra = sent - outcome.pages - outcome.errors.length;

        const stats = server.stats;
        const counted = tally(listing.expected, outcome.ids);
        const mismatches = refetchMismatches(server, outcome.errors);
        const causes = [...new Set(outcome.errors.map((e) => e.cause))].sort().join(", ");
        rows.push({
          scenario: name,
          pages,
          "faults injected": stats.faultsInjected,
          "thr/rst/slow": `${kinds.throttle}/${kinds.reset}/${kinds.slow}`,
          "errors w/ token": outcome.errors.length,
          items: counted.seen,
          lost: counted.lost,
          duplicated: counted.duplicated,
          "extra after terminal": extra,
          requests: stats.requests,
          runs: outcome.runs,
          causes,
          ms,
        });

        const context = `${name}, seed ${SEED}, faults ${describePlan(plan)}`;
        expect(stats.faultsInjected, `${context}: faults injected`).to.equal(plan.length);
        if (scenario.variant.startsWith("maxItems chain")) expect(outcome.pages, `${context}: pages delivered`).to.be.at.least(pages);
        else expect(outcome.pages, `${context}: pages delivered`).to.equal(pages);
        expect(outcome.errors.length, `${context}: errors surfaced = throttles + resets`).to.equal(kinds.throttle + kinds.reset);
        expect(counted.lost, `${context}: items lost`).to.equal(0);
        expect(counted.duplicated, `${context}: items duplicated`).to.equal(0);
        expect(counted.unexpected, `${context}: items no listing has`).to.equal(0);
        expect(counted.inOrder, `${context}: items in listing order`).to.equal(true);
        expect(extra, `${context}: requests after a terminal condition`).to.be.at.most(1);
        expect(sent, `${context}: requests the client sent = requests the server saw`).to.equal(stats.requests);
        expect(mismatches, `${context}: a failed page was not refetched as it was`).to.deep.equal([]);
        if (scenario.variant.startsWith("maxItems chain")) {
          // Each run may refetch the page the previous run cut.
          expect(stats.requests, `${context}: requests`).to.be.at.most(pages + outcome.errors.length + outcome.runs);
        } else {
          expect(stats.requests, `${context}: requests = pages + failed requests`).to.equal(pages + outcome.errors.length);
        }
        expect(stats.byOperation[listing.operation], `${context}: only ${listing.operation} requested`).to.equal(stats.requests);
        expect(stats.throttled, `${context}: requests over the in-flight limit of 1`).to.equal(0);
        expect(stats.maxInFlight, `${context}: requests in flight at once`).to.be.at.most(1);
        const throttleName = listing.operation === "SearchProvisionedProducts" ? "ThrottlingException" : "SlowDown";
        // A reset reaches the consumer as the SDK's TimeoutError with code ECONNRESET.
        for (const { cause } of outcome.errors) expect(cause, `${context}: cause`).to.satisfy((c: string) => c === throttleName || c.endsWith("ECONNRESET"));
      });
    }

    // Resume paths: a consumer that checkpoints (breaks and resumes from the iterator's token)
    // while reading a secondary result key, search() results, or under a page size that changes
    // on every resume; with the read-only calls made at each break.
    interface ResumePath {
      readonly listing: keyof typeof listings;
      readonly label: string;
      read(iterator: AnyPageIterator): AsyncIterable<unknown> & { readonly resumeToken: string | undefined };
      idsOf(value: unknown): readonly string[];
      /** The part of the listing this path reads. */
      readonly expected: readonly string[];
      readonly breakEvery: number;
      readonly pageSizes: readonly number[];
    }
    const markerId = (value: unknown) => {
      const marker = value as { Key?: string; VersionId?: string };
      return [`D:${marker.Key}@${marker.VersionId}`];
    };
    const versionId = (value: unknown) => {
      const version = value as { Key?: string; VersionId?: string };
      return [`V:${version.Key}@${version.VersionId}`];
    };
    const RESUME_PATHS: ResumePath[] = [
      {
        listing: "versions",
        label: "items(DeleteMarkers), break every 11, pageSize 47/10/100",
        read: (iterator) => iterator.items("DeleteMarkers"),
        idsOf: markerId,
        expected: VERSION_IDS.filter((id) => id.startsWith("D:")),
        breakEvery: 11,
        pageSizes: [47, 10, 100],
      },
      {
        listing: "versions",
        label: "items(Versions), break every 50, pageSize 47/200/9",
        read: (iterator) => iterator.items("Versions"),
        idsOf: versionId,
        expected: VERSION_IDS.filter((id) => id.startsWith("V:")),
        breakEvery: 50,
        pageSizes: [47, 200, 9],
      },
      {
        listing: "v2",
        label: 'search("Contents[].Key"), break every 500, pageSize 333/100/1000',
        read: (iterator) => iterator.search("Contents[].Key"),
        idsOf: (key) => [key as string],
        expected: BIG_KEYS,
        breakEvery: 500,
        pageSizes: [333, 100, 1000],
      },
      {
        listing: "v1",
        label: "items(), break every 777, pageSize 419/1000/250",
        read: (iterator) => iterator.items(),
        idsOf: keyOf,
        expected: BIG_KEYS,
        breakEvery: 777,
        pageSizes: [419, 1000, 250],
      },
      {
        listing: "catalog",
        label: "items(), break every 50, pageSize 37/20/100",
        read: (iterator) => iterator.items(),
        idsOf: productIdOf,
        expected: PRODUCT_IDS,
        breakEvery: 50,
        pageSizes: [37, 20, 100],
      },
    ];
    const OPENERS: Record<keyof typeof listings, (token: string | undefined, pageSize: number) => AnyPageIterator> = {
      v2: (startingToken, pageSize) => s3.getPaginator("listObjectsV2").paginate({ Bucket: "big" }, { pageSize, startingToken }),
      v1: (startingToken, pageSize) => s3.getPaginator("listObjects").paginate({ Bucket: "big" }, { pageSize, startingToken }),
      versions: (startingToken, pageSize) => s3.getPaginator("listObjectVersions").paginate({ Bucket: "versions" }, { pageSize, startingToken }),
      catalog: (startingToken, pageSize) =>
        catalog.getPaginator("searchProvisionedProducts").paginate({ Filters: { SearchQuery: ["status:AVAILABLE"] } }, { pageSize, startingToken }),
    };

    for (const path of RESUME_PATHS) {
      const name = `${listings[path.listing]!.label} · ${path.label}`;
      it(`${name}: nothing lost, nothing twice, every failure resumable, reads move nothing`, async () => {
        const listing = listings[path.listing]!;
        server.clearFaults();
        server.resetStats();
        const fewest = pagesOf(listing.expected.length, Math.max(...path.pageSizes));
        const plan: Fault[] = planFaults(streamFor(SEED, name), { operation: listing.operation, requests: fewest, count: 5 });
        for (const fault of plan) server.inject(fault);
        const kinds = countKinds(plan);
        const started = performance.now();
        const outcome = await consumeCheckpointing({
          server,
          open: OPENERS[path.listing]!,
          read: path.read,
          idsOf: path.idsOf,
          breakEvery: path.breakEvery,
          pageSizes: path.pageSizes,
        });
        const ms = Math.round(performance.now() - started);
        const stats = server.stats;
        const counted = tally(path.expected, outcome.ids);
        const mismatches = refetchMismatches(server, outcome.errors, ["max-keys", "PageSize"]);
        rows.push({
          scenario: name,
          pages: "-",
          "faults injected": stats.faultsInjected,
          "thr/rst/slow": `${kinds.throttle}/${kinds.reset}/${kinds.slow}`,
          "errors w/ token": outcome.errors.length,
          items: counted.seen,
          lost: counted.lost,
          duplicated: counted.duplicated,
          "extra after terminal": "-",
          requests: stats.requests,
          runs: outcome.runs,
          causes: [...new Set(outcome.errors.map((e) => e.cause))].sort().join(", "),
          ms,
        });
        const context = `${name}, seed ${SEED}, faults ${describePlan(plan)}`;
        expect(stats.faultsInjected, `${context}: faults injected`).to.equal(plan.length);
        expect(outcome.errors.length, `${context}: errors surfaced = throttles + resets`).to.equal(kinds.throttle + kinds.reset);
        expect(counted.lost, `${context}: items lost`).to.equal(0);
        expect(counted.duplicated, `${context}: items duplicated`).to.equal(0);
        expect(counted.unexpected, `${context}: items no listing has`).to.equal(0);
        expect(counted.inOrder, `${context}: items in listing order`).to.equal(true);
        expect(mismatches, `${context}: a failed page was not refetched as it was`).to.deep.equal([]);
        expect(stats.maxInFlight, `${context}: requests in flight at once`).to.be.at.most(1);
      });
    }
  });

  // ---------------------------------------------------------------------------------------------
  describe("terminal conditions: the documented error, then no further request", () => {
    let server: LoopbackServer;
    let s3: ReturnType<typeof withPaginators<S3Client>>;
    let catalog: ReturnType<typeof withPaginators<ServiceCatalogClient>>;
    const KEYS = Array.from({ length: 100 }, (_, i) => `t/${pad(i, 3)}`);
    const PRODUCTS = Array.from({ length: 100 }, (_, i) => ({ Id: `pp-${pad(i, 3)}` }));
    const Bucket = "t";
    const v2 = () => s3.getPaginator("listObjectsV2");
    const requests = (operation: string) => server.stats.byOperation[operation] ?? 0;

    let s3Probe: Probe;

    before(async () => {
      server = await startLoopbackServer({ maxInFlight: 1 });
      const s3Client = s3ClientFor(server);
      s3Probe = probeClient(s3Client);
      s3 = withPaginators(s3Client);
      catalog = withPaginators(serviceCatalogClientFor(server));
    });
    after(() => server?.close());
    beforeEach(() => {
      server.reset();
      server.putObjects(Bucket, KEYS);
      server.putCatalog("SearchProvisionedProducts", PRODUCTS);
    });

    /** Reads items until the run fails; returns what it got and the error. */
    async function itemsUntilError<T>(iterable: AsyncIterable<T>): Promise<{ got: T[]; error: unknown }> {
      const got: T[] = [];
      try {
        for await (const item of iterable) got.push(item);
      } catch (error) {
        return { got, error };
      }
      return { got, error: undefined };
    }

    it("lazy: no request until asked, one per next(); readAhead 1 keeps exactly one page ahead", async () => {
      const run = v2().paginate({ Bucket }, { pageSize: 10 });
      await settle();
      expect(server.stats.requests).to.equal(0);
      for (let page = 1; page <= 3; page++) {
        expect(await run.next()).to.equal(true);
        await settle();
        expect(server.stats.requests, `after next() #${page}`).to.equal(page);
      }
      server.resetStats();
      const ahead = v2().paginate({ Bucket }, { pageSize: 10, readAhead: 1 });
      for (let page = 1; page <= 3; page++) {
        expect(await ahead.next()).to.equal(true);
        await until(() => server.stats.requests >= page + 1);
        await settle();
        expect(server.stats.requests, `readAhead 1, after next() #${page}`).to.equal(page + 1);
      }
      const rest = [];
      while (await ahead.next()) rest.push(ahead.currentPage());
      expect(rest).to.have.length(7);
      await settle();
      expect(server.stats.requests, "readAhead 1 fetches nothing past the last page").to.equal(10);
    });

    describe("repeated tokens", () => {
      it("repeat-token: RepeatedTokenError after the page that repeated, and no request after it", async () => {
        server.inject({ operation: "ListObjectsV2", kind: "repeat-token", request: 3 });
        const { got, error } = await itemsUntilError(v2().items({ Bucket }, { pageSize: 10 }));
        expect(error).to.be.instanceOf(RepeatedTokenError).and.instanceOf(PaginationError);
        expect((error as RepeatedTokenError).name).to.equal("RepeatedTokenError");
        expect((error as RepeatedTokenError).operation).to.equal("ListObjectsV2");
        expect(got.map((o) => o.Key)).to.deep.equal(KEYS.slice(0, 30));
        expect(server.stats.faultsInjected).to.equal(1);
        await settle();
        expect(requests("ListObjectsV2")).to.equal(3);
        expect(server.stats.requests).to.equal(3);
      });

      it("repeat-token, Go style: next() rejects once, then resolves false without a request", async () => {
        server.inject({ operation: "ListObjectsV2", kind: "repeat-token", request: 3 });
        const run = v2().paginate({ Bucket }, { pageSize: 10 });
        for (let i = 0; i < 3; i++) expect(await run.next()).to.equal(true);
        expect(run.hasMorePages()).to.equal(true);
        expect(await rejection(run.next())).to.be.instanceOf(RepeatedTokenError);
        expect(run.err()).to.be.instanceOf(RepeatedTokenError);
        expect(await run.next()).to.equal(false);
        expect(run.hasMorePages()).to.equal(false);
        await settle();
        expect(server.stats.requests).to.equal(3);
      });

      it('repeat-token with onRepeatedToken: "stop": a quiet stop after that page, no request after it', async () => {
        server.inject({ operation: "ListObjectsV2", kind: "repeat-token", request: 3 });
        const run = v2().paginate({ Bucket }, { pageSize: 10, onRepeatedToken: "stop" });
        const got = await drain(run.items());
        expect(got.map((o) => o.Key)).to.deep.equal(KEYS.slice(0, 30));
        await settle();
        expect(server.stats.requests).to.equal(3);
      });

      it("token-cycle A→B→A: RepeatedTokenError, and no request after it", async () => {
        server.inject({ operation: "ListObjectsV2", kind: "token-cycle", request: 3 });
        const { got, error } = await itemsUntilError(v2().items({ Bucket }, { pageSize: 10 }));
        expect(error).to.be.instanceOf(RepeatedTokenError);
        expect(got).to.have.length(30);
        await settle();
        const tokens = server.stats.log.map((entry) => entry.params["continuation-token"]);
        expect(tokens).to.have.length(3);
        expect(tokens[0]).to.equal(undefined);
        expect(tokens[1]).to.be.a("string");
        expect(tokens[2]).to.be.a("string").and.not.equal(tokens[1]);
      });

      it("token-cycle on ListObjectVersions (two tokens): RepeatedTokenError, no request after it", async () => {
        server.putVersions("tv", Array.from({ length: 40 }, (_, i) => ({ key: `k${pad(i >> 2, 2)}`, versionId: `v${pad(i, 2)}` })));
        server.inject({ operation: "ListObjectVersions", kind: "token-cycle", request: 3 });
        const { error } = await itemsUntilError(s3.getPaginator("listObjectVersions").items({ Bucket: "tv" }, { pageSize: 7 }));
        expect(error).to.be.instanceOf(RepeatedTokenError);
        await settle();
        expect(requests("ListObjectVersions")).to.equal(3);
      });
    });

    describe("missing tokens", () => {
      it("truncated-no-token: MissingTokenError after that page, no request after it", async () => {
        server.inject({ operation: "ListObjectsV2", kind: "truncated-no-token", request: 2 });
        const { got, error } = await itemsUntilError(v2().items({ Bucket }, { pageSize: 10 }));
        expect(error).to.be.instanceOf(MissingTokenError).and.instanceOf(PaginationError);
        expect((error as MissingTokenError).operation).to.equal("ListObjectsV2");
        expect(got).to.have.length(20);
        await settle();
        expect(server.stats.requests).to.equal(2);
      });

      it('empty-token with IsTruncated true: MissingTokenError, no request after it', async () => {
        server.inject({ operation: "ListObjectsV2", kind: "empty-token", request: 2 });
        const run = v2().paginate({ Bucket }, { pageSize: 10 });
        expect(await run.next()).to.equal(true);
        expect(await run.next()).to.equal(true);
        expect(await rejection(run.next())).to.be.instanceOf(MissingTokenError);
        expect(await run.next()).to.equal(false);
        await settle();
        expect(server.stats.requests).to.equal(2);
      });

      it("empty-token on ListObjectVersions (both markers empty): MissingTokenError", async () => {
        server.putVersions("tv", Array.from({ length: 30 }, (_, i) => ({ key: `k${pad(i >> 1, 2)}`, versionId: `v${pad(i, 2)}` })));
        server.inject({ operation: "ListObjectVersions", kind: "empty-token", request: 1 });
        const { error } = await itemsUntilError(s3.getPaginator("listObjectVersions").pages({ Bucket: "tv" }, { pageSize: 7 }));
        expect(error).to.be.instanceOf(MissingTokenError);
        await settle();
        expect(server.stats.requests).to.equal(1);
      });

      it("ListObjects v1 without a delimiter: an empty or missing NextMarker falls back to the last key, nothing lost", async () => {
        server.inject({ operation: "ListObjects", kind: "empty-token", request: 2 });
        server.inject({ operation: "ListObjects", kind: "truncated-no-token", request: 4 });
        const got = await drain(s3.getPaginator("listObjects").items({ Bucket }, { pageSize: 10 }));
        expect(got.map((o) => o.Key)).to.deep.equal(KEYS);
        expect(server.stats.faultsInjected).to.equal(2);
        expect(server.stats.requests).to.equal(10);
      });

      it('Service Catalog: NextPageToken "" (no more-results flag) ends the run quietly, no request after it', async () => {
        server.inject({ operation: "SearchProvisionedProducts", kind: "empty-token", request: 2 });
        const got = await drain(catalog.getPaginator("searchProvisionedProducts").items({}, { pageSize: 10 }));
        expect(got).to.have.length(20);
        await settle();
        expect(server.stats.requests).to.equal(2);
      });
    });

    it('final-zero-marker on ListParts: IsTruncated false with NextPartNumberMarker "0" stops cleanly, every part once', async () => {
      server.createUpload(Bucket, "big.bin", "upload-1", 10);
      // Pages of 3 parts: 1-3, 4-6, 7-9, 10; the last one ends on marker "0".
      server.inject({ operation: "ListParts", kind: "final-zero-marker", request: 4 });
      const paginator = s3.getPaginator("listParts");
      const run = paginator.paginate({ Bucket, Key: "big.bin", UploadId: "upload-1" }, { pageSize: 3 });
      const pages: ListPartsCommandOutput[] = [];
      while (await run.next()) pages.push(run.currentPage()!);
      expect(pages.at(-1)?.IsTruncated).to.equal(false);
      expect(pages.at(-1)?.NextPartNumberMarker).to.equal("0");
      expect(pages.flatMap((p) => p.Parts ?? []).map((p) => p.PartNumber)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(run.resumeToken).to.equal(undefined);
      expect(server.stats.faultsInjected).to.equal(1);
      await settle();
      expect(server.stats.requests).to.equal(4);
      expect(server.stats.log.map((e) => e.params["part-number-marker"])).to.deep.equal([undefined, "3", "6", "9"]);
    });

    describe("starting tokens refused before any request", () => {
      it("a garbage, edited or cut-short startingToken: InvalidStartingTokenError, no request", async () => {
        const cut = v2().paginate({ Bucket }, { pageSize: 10, maxItems: 15 });
        await drain(cut.items());
        const good = cut.resumeToken!;
        expect(good).to.be.a("string");
        server.resetStats();
        const edited = good.slice(0, 8) + (good[8] === "A" ? "B" : "A") + good.slice(9);
        for (const startingToken of ["garbage", "not a token!", "eyJmb28iOjF9", good.slice(0, -3), edited]) {
          expect(() => v2().paginate({ Bucket }, { startingToken }), startingToken).to.throw(InvalidStartingTokenError);
          expect(() => v2().items({ Bucket }, { startingToken }), startingToken).to.throw(InvalidStartingTokenError);
        }
        await settle();
        expect(server.stats.requests).to.equal(0);
        // The good one still works: items 15..99.
        expect((await drain(v2().items({ Bucket }, { pageSize: 10, startingToken: good }))).map((o) => o.Key)).to.deep.equal(KEYS.slice(15));
      });

      it("a token from another operation: InvalidStartingTokenError naming it, no request", async () => {
        const v1Run = s3.getPaginator("listObjects").paginate({ Bucket }, { pageSize: 10, maxItems: 15 });
        await drain(v1Run.items());
        const catalogRun = catalog.getPaginator("searchProvisionedProducts").paginate({}, { pageSize: 10, maxItems: 15 });
        await drain(catalogRun.items());
        server.resetStats();
        let error: unknown;
        try {
          v2().paginate({ Bucket }, { startingToken: v1Run.resumeToken });
        } catch (caught) {
          error = caught;
        }
        expect(error).to.be.instanceOf(InvalidStartingTokenError);
        expect((error as Error).message).to.match(/ListObjects\b/);
        expect(() => s3.getPaginator("listObjectVersions").paginate({ Bucket }, { startingToken: catalogRun.resumeToken })).to.throw(InvalidStartingTokenError);
        expect(() => catalog.getPaginator("searchProvisionedProducts").paginate({}, { startingToken: v1Run.resumeToken })).to.throw(InvalidStartingTokenError);
        await settle();
        expect(server.stats.requests).to.equal(0);
      });
    });

    describe("abort", () => {
      const SLOW_MS = 4000;

      it("abort mid-request (Go style): PaginationAbortedError promptly, no request after it, its token lists the rest exactly", async () => {
        server.inject({ operation: "ListObjectsV2", kind: "slow", request: 3, delayMs: SLOW_MS });
        const controller = new AbortController();
        const run = v2().paginate({ Bucket }, { pageSize: 10, abortSignal: controller.signal });
        const got: string[] = [];
        for (let i = 0; i < 2; i++) {
          expect(await run.next()).to.equal(true);
          got.push(...keysOfPage(run.currentPage()));
        }
        const started = performance.now();
        // Aborted once the server holds the slow request, not after a fixed time: on a busy
        // machine the request may not have reached the server 50 ms after next().
        void until(() => requests("ListObjectsV2") >= 3, SLOW_MS / 2).then(() => controller.abort());
        const error = await rejection(run.next());
        const elapsed = performance.now() - started;
        expect(error).to.be.instanceOf(PaginationAbortedError).and.instanceOf(PaginationError);
        expect(elapsed, "ms from next() to the rejection").to.be.below(SLOW_MS / 4);
        expect(requests("ListObjectsV2")).to.equal(3);
        const sentAtAbort = s3Probe.sent;
        // Once aborted, next() rejects again without a request.
        expect(await rejection(run.next())).to.be.instanceOf(PaginationAbortedError);
        await settle(100);
        expect(requests("ListObjectsV2")).to.equal(3);
        expect(s3Probe.sent, "send() calls after the abort").to.equal(sentAtAbort);
        const token = (error as PaginationAbortedError).resumeToken;
        expect(token).to.be.a("string");
        expect(run.resumeToken).to.equal(token);
        const rest = await drain(v2().items({ Bucket }, { pageSize: 10, startingToken: token }));
        expect([...got, ...rest.map((o) => o.Key!)]).to.deep.equal(KEYS);
        // The resumed run's first request asks for the page the aborted one asked for.
        const log = server.stats.log;
        expect(log[3]?.params).to.deep.equal(log[2]?.params);
        expect(server.stats.throttled).to.equal(0);
      });

      it("abort mid-request (for-await over items()): the same", async () => {
        server.inject({ operation: "ListObjectsV2", kind: "slow", request: 3, delayMs: SLOW_MS });
        const controller = new AbortController();
        const got: string[] = [];
        let started = 0;
        let error: unknown;
        try {
          for await (const object of v2().items({ Bucket }, { pageSize: 10, abortSignal: controller.signal })) {
            got.push(object.Key!);
            if (got.length === 20) {
              started = performance.now();
              void until(() => requests("ListObjectsV2") >= 3, SLOW_MS / 2).then(() => controller.abort());
            }
          }
        } catch (caught) {
          error = caught;
        }
        const elapsed = performance.now() - started;
        expect(error).to.be.instanceOf(PaginationAbortedError);
        expect(elapsed).to.be.below(SLOW_MS / 4);
        expect(got).to.deep.equal(KEYS.slice(0, 20));
        await settle(100);
        expect(requests("ListObjectsV2")).to.equal(3);
        const rest = await drain(v2().items({ Bucket }, { pageSize: 10, startingToken: (error as PaginationAbortedError).resumeToken }));
        expect([...got, ...rest.map((o) => o.Key!)]).to.deep.equal(KEYS);
      });

      it("abort between requests: no request starts after the signal, and the token lists the rest exactly", async () => {
        const controller = new AbortController();
        const got: string[] = [];
        let requestsAtAbort = -1;
        let sentAtAbort = -1;
        let error: unknown;
        try {
          for await (const object of v2().items({ Bucket }, { pageSize: 10, abortSignal: controller.signal })) {
            got.push(object.Key!);
            if (got.length === 15) {
              controller.abort();
              requestsAtAbort = server.stats.requests;
              sentAtAbort = s3Probe.sent;
            }
          }
        } catch (caught) {
          error = caught;
        }
        expect(error).to.be.instanceOf(PaginationAbortedError);
        await settle();
        expect(server.stats.requests).to.equal(requestsAtAbort);
        // Not even handed to the SDK: no send() after the signal fired.
        expect(s3Probe.sent, "send() calls after the abort").to.equal(sentAtAbort);
        const rest = await drain(v2().items({ Bucket }, { pageSize: 10, startingToken: (error as PaginationAbortedError).resumeToken }));
        expect([...got, ...rest.map((o) => o.Key!)]).to.deep.equal(KEYS);
      });
    });

    it("S3 NoSuchBucket rejects as the client's own NoSuchBucket (instanceof, name, $metadata 404), with a resumeToken", async () => {
      const run = s3.getPaginator("listObjectsV2").paginate({ Bucket: "no-such-bucket" }, { pageSize: 10 });
      const error = await rejection(run.next());
      expect(error).to.be.instanceOf(NoSuchBucket);
      expect(error.name).to.equal("NoSuchBucket");
      expect(error.$metadata?.httpStatusCode).to.equal(404);
      expect(isResumable(error)).to.equal(true);
      expect((error as NoSuchBucket & { operation: string }).operation).to.equal("ListObjectsV2");
      expect(run.err()).to.equal(error);
      expect(run.resumeToken).to.equal((error as NoSuchBucket & { resumeToken: string }).resumeToken);
    });

    it("Service Catalog ThrottlingException (JSON) rejects with the SDK's own error, with resumeToken and operation added", async () => {
      server.inject({ operation: "SearchProvisionedProducts", kind: "throttle", request: 2 });
      const paginator = catalog.getPaginator("searchProvisionedProducts");
      const { got, error } = await itemsUntilError(paginator.items({}, { pageSize: 30 }));
      // Not modelled by the client, it is its service exception class, as the SDK documents.
      expect(error).to.be.instanceOf(ServiceCatalogServiceException).and.not.instanceOf(PaginationError);
      expect(isResumable(error)).to.equal(true);
      const failure = error as ServiceCatalogServiceException & { resumeToken: string; operation: string };
      expect(failure.operation).to.equal("SearchProvisionedProducts");
      expect(failure.name).to.equal("ThrottlingException");
      expect(failure.$metadata?.httpStatusCode).to.equal(400);
      expect(got).to.have.length(30);
      await settle();
      expect(server.stats.requests).to.equal(2);
      const rest = await drain(paginator.items({}, { pageSize: 30, startingToken: failure.resumeToken }));
      expect([...got, ...rest].map((p) => p.Id)).to.deep.equal(PRODUCTS.map((p) => p.Id));
      expect(server.stats.log[2]?.params).to.deep.equal(server.stats.log[1]?.params);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe("with the SDK's own retries (maxAttempts 3)", () => {
    let server: LoopbackServer;
    let s3: ReturnType<typeof withPaginators<S3Client>>;
    const KEYS = Array.from({ length: 100 }, (_, i) => `r/${pad(i, 3)}`);

    before(async () => {
      server = await startLoopbackServer({ maxInFlight: 1 });
      s3 = withPaginators(s3ClientFor(server, { maxAttempts: 3 }));
    });
    after(() => server?.close());
    beforeEach(() => {
      server.reset();
      server.putObjects("r", KEYS);
    });

    for (const kind of ["throttle", "reset"] as const) {
      it(`a single ${kind} on a page is absorbed by the SDK: no error reaches the consumer, nothing lost, the server saw the retry`, async () => {
        server.inject({ operation: "ListObjectsV2", kind, request: 4 });
        const got = await drain(s3.getPaginator("listObjectsV2").items({ Bucket: "r" }, { pageSize: 10 }));
        expect(got.map((o) => o.Key)).to.deep.equal(KEYS);
        expect(server.stats.faultsInjected).to.equal(1);
        expect(server.stats.requests).to.equal(11);
        const log = server.stats.log;
        expect(log[4]?.params, "the retry asks for the same page").to.deep.equal(log[3]?.params);
        expect(log[3]?.params["continuation-token"]).to.be.a("string");
      });
    }
  });
});
