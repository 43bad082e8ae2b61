/**
 * Property-based, for ListObjectVersions: generated key sets, each key with generated versions and
 * delete markers (some keys with more entries than a page), generated split schedules and kill
 * points; a parallel listing yields exactly the sequential listing's Versions and DeleteMarkers.
 * The seed is printed on failure; FC_SEED=<seed> replays it.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import fc from "fast-check";
import { withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import { compareKeys } from "../../lib/parallel/key-order.js";
import { encodeParallelToken } from "../../lib/parallel/parallel-token.js";
import type { VersionSeed } from "../../emulator/index.js";
import { keyArb, keySetArb, keyText } from "../support/key-arbitraries.js";
import { listingStub } from "../support/s3-listing-stub.js";
import { collect } from "../support/stub-client.js";
import { identity, listingOf, type VersionListing } from "../support/version-sets.js";

const seed = process.env.FC_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FC_SEED);
const BUCKET = "version-property-spec";

/** Per key: how many entries (1 to 12), and which of them are delete markers (bits). */
const entriesArb = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 4095 }));
const bucketArb = keySetArb.chain((keys) => fc.tuple(fc.constant(keys), fc.array(entriesArb, { minLength: keys.length, maxLength: keys.length })));

function seedsOf(keys: readonly string[], entries: readonly (readonly [number, number])[]): VersionSeed[] {
  return keys.flatMap((key, i) => {
    const [count, markers] = entries[i]!;
    return Array.from({ length: count }, (_, j) => ({ key, versionId: `${i}.${count - j}`, ...((markers >> j) & 1 ? { deleteMarker: true } : {}) }));
  });
}

function paginatorFor(seeds: readonly VersionSeed[]) {
  const stub = listingStub();
  stub.putVersions(BUCKET, seeds);
  return withPaginators(stub as unknown as S3Client).getPaginator("listObjectVersions");
}

async function sequential(paginator: ReturnType<typeof paginatorFor>): Promise<VersionListing> {
  return listingOf(await collect(paginator.pages({ Bucket: BUCKET }, { pageSize: 5 })));
}

const sorted = (listing: VersionListing): VersionListing => ({ versions: [...listing.versions].sort(), markers: [...listing.markers].sort() });

describe(`parallel ListObjectVersions properties (fast-check seed ${seed})`, () => {
  it("any versioned key set, any split schedule: exactly the sequential listing", async () => {
    await fc.assert(
      fc.asyncProperty(bucketArb, fc.array(fc.oneof(keyArb, keyText), { maxLength: 6 }), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), async ([keys, entries], cuts, parallel, pageSize, ordered) => {
        const paginator = paginatorFor(seedsOf(keys, entries));
        const expected = await sequential(paginator);
        const points = [...new Set(cuts)].sort(compareKeys);
        const ranges = [null, ...points].map((lo, i) => ({ lo, cursor: null, hi: points[i] ?? null, version: null, skips: [0, 0] }));
        const token = encodeParallelToken("ListObjectVersions", ranges);
        const got = listingOf(await collect(paginator.pages({ Bucket: BUCKET }, { parallel, pageSize, ordered, startingToken: token })));
        expect(ordered ? got : sorted(got)).to.deep.equal(ordered ? expected : sorted(expected));
      }),
      { seed, numRuns: 50 },
    );
  });

  it("any versioned key set, killed anywhere and resumed, reading Versions or DeleteMarkers: exactly that list", async () => {
    await fc.assert(
      fc.asyncProperty(bucketArb, fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 2, max: 6 }), fc.constantFrom("Versions" as const, "DeleteMarkers" as const), async ([keys, entries], kills, parallel, resultKey) => {
        const paginator = paginatorFor(seedsOf(keys, entries));
        const expected = await sequential(paginator);
        const got: string[] = [];
        let token: string | undefined;
        for (const take of kills) {
          const run = paginator.paginate({ Bucket: BUCKET }, { parallel, pageSize: 4, ...(token ? { startingToken: token } : {}) }).items(resultKey);
          let taken = 0;
          if (take > 0) {
            for await (const item of run) {
              got.push(identity(item));
              if (++taken === take) break;
            }
          }
          token = run.resumeToken;
          if (token === undefined) break;
        }
        if (token !== undefined) got.push(...(await collect(paginator.paginate({ Bucket: BUCKET }, { parallel, startingToken: token }).items(resultKey))).map(identity));
        expect(got).to.deep.equal(resultKey === "Versions" ? expected.versions : expected.markers);
      }),
      { seed, numRuns: 40 },
    );
  });
});
