/**
 * Property-based: for generated key sets (any code points, shared prefixes, long keys) and
 * generated split schedules (ranges cut anywhere, resumed from a token; runs killed anywhere),
 * a parallel listing yields exactly the sequential listing. The seed is printed on failure;
 * FC_SEED=<seed> replays it.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import fc from "fast-check";
import { s3Table, withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import { KeyAlphabet } from "../../lib/parallel/key-alphabet.js";
import { compareKeys, utf8Length } from "../../lib/parallel/key-order.js";
import { encodeParallelToken } from "../../lib/parallel/parallel-token.js";
import { ceilingOf, pivotBetween } from "../../lib/parallel/pivot.js";
import { isSafe } from "../../lib/parallel/safe-code-points.js";
import { listingStub, takeKeys } from "../support/s3-listing-stub.js";
import { keyArb, keySetArb, keyText } from "../support/key-arbitraries.js";

const seed = process.env.FC_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FC_SEED);
const BUCKET = "property-spec";

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort(compareKeys);

function paginatorFor(keys: readonly string[]) {
  const stub = listingStub();
  stub.putKeys(BUCKET, keys);
  return withPaginators(stub as unknown as S3Client).getPaginator("listObjectsV2");
}

async function keysOf(iterable: AsyncIterable<{ Key?: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(item.Key!);
  return out;
}

describe(`parallel listing properties (fast-check seed ${seed})`, () => {
  it("any key set, any split schedule: exactly the sequential listing", async () => {
    await fc.assert(
      fc.asyncProperty(keySetArb, fc.array(fc.oneof(keyArb, keyText), { maxLength: 6 }), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), async (keys, cuts, parallel, pageSize, ordered) => {
        const paginator = paginatorFor(keys);
        const expected = sorted(keys);
        const points = sorted(cuts);
        const ranges = [null, ...points].map((lo, i) => ({ lo, cursor: null, hi: points[i] ?? null }));
        const token = encodeParallelToken("ListObjectsV2", ranges);
        const got = await keysOf(paginator.items({ Bucket: BUCKET }, { parallel, pageSize, ordered, startingToken: token }));
        expect(ordered ? got : sorted(got)).to.deep.equal(expected);
        expect(got).to.have.length(expected.length);
      }),
      { seed, numRuns: 60 },
    );
  });

  it("any key set, killed anywhere and resumed: exactly the sequential listing", async () => {
    await fc.assert(
      fc.asyncProperty(keySetArb, fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 2, max: 6 }), async (keys, kills, parallel) => {
        const paginator = paginatorFor(keys);
        const got: string[] = [];
        let token: string | undefined;
        for (const take of kills) {
          const run = paginator.items({ Bucket: BUCKET }, { parallel, pageSize: 4, ...(token ? { startingToken: token } : {}) });
          token = await takeKeys(run, take, got);
          if (token === undefined) break;
        }
        if (token !== undefined) got.push(...(await keysOf(paginator.items({ Bucket: BUCKET }, { parallel, startingToken: token }))));
        expect(got).to.deep.equal(sorted(keys));
      }),
      { seed, numRuns: 40 },
    );
  });

  it("any key set, a chain of maxItems runs, ordered or not, resumed under any parallel and page size: every key once", async () => {
    await fc.assert(
      fc.asyncProperty(
        keySetArb,
        fc.array(fc.record({ maxItems: fc.integer({ min: 1, max: 25 }), parallel: fc.integer({ min: 2, max: 8 }), pageSize: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (keys, chain, ordered) => {
          const paginator = paginatorFor(keys);
          const got: string[] = [];
          let token: string | undefined;
          let ran = 0;
          for (const { maxItems, parallel, pageSize } of chain) {
            const run = paginator.items({ Bucket: BUCKET }, { parallel, pageSize, maxItems, ordered, ...(token ? { startingToken: token } : {}) });
            const batch = await keysOf(run);
            expect(batch.length).to.be.at.most(maxItems);
            got.push(...batch);
            ran++;
            token = run.resumeToken;
            if (token === undefined) break;
          }
          if (token !== undefined) got.push(...(await keysOf(paginator.items({ Bucket: BUCKET }, { parallel: 3, ordered, startingToken: token }))));
          expect(ordered ? got : sorted(got)).to.deep.equal(sorted(keys));
          expect(got.length, `nothing twice over ${ran} runs`).to.equal(new Set(keys).size);
        },
      ),
      { seed, numRuns: 60 },
    );
  });

  it("pivots lie strictly between their bounds, are valid UTF-8 of safe code points beyond what they copy, and fit in 1,024 bytes", () => {
    const alphabet = new KeyAlphabet();
    fc.assert(
      fc.property(fc.option(keyArb, { nil: null }), fc.option(keyArb, { nil: null }), fc.array(keyArb, { maxLength: 5 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (a, b, seen, share) => {
        if (a !== null && b !== null && compareKeys(a, b) >= 0) return;
        for (const key of seen) alphabet.observe(key);
        const pivot = pivotBetween(a, b, alphabet, share);
        if (pivot === undefined) return;
        if (a !== null) expect(compareKeys(pivot, a)).to.be.above(0);
        if (b !== null) expect(compareKeys(pivot, b)).to.be.below(0);
        expect(utf8Length(pivot)).to.be.at.most(1024);
        expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(pivot))).to.equal(pivot);
        // Beyond what it shares with the lower bound, every code point was chosen by us: safe.
        const own = [...pivot].slice([...(a ?? "")].findIndex((char, i) => [...pivot][i] !== char) >>> 0);
        for (const char of own.slice(0, 1)) expect(isSafe(char.codePointAt(0)!), `U+${char.codePointAt(0)!.toString(16)}`).to.equal(true);
      }),
      { seed, numRuns: 500 },
    );
  });

  it("a 1,024-byte bound still splits, and a ceiling is above every key under its prefix", () => {
    const long = "x".repeat(1024);
    const pivot = pivotBetween(long, "y", new KeyAlphabet());
    expect(pivot).to.be.a("string");
    expect(compareKeys(pivot!, long)).to.be.above(0);
    expect(utf8Length(pivot!)).to.be.at.most(1024);
    fc.assert(
      fc.property(keyText, keyText, (prefix, rest) => {
        const ceiling = ceilingOf(prefix);
        if (ceiling !== undefined) expect(compareKeys(prefix + rest, ceiling)).to.be.below(0);
      }),
      { seed, numRuns: 300 },
    );
  });
});
