/**
 * Parallel listing through the real S3Client, against the emulator over loopback HTTP: maxItems
 * chains (the reach and room maxItems bounds), ordered and not, resumed under another parallel and
 * page size; and Go-style next() after requests that failed past the SDK's own retries.
 */
import { expect } from "chai";
import { withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";
import { drain, s3Order } from "../support/emulator-clients.js";
import { useEmulator } from "../support/use-emulator.js";

const KEYS = s3Order(Array.from({ length: 3000 }, (_, i) => `${["a", "b b", "c+c", "d%2B", "é", "😀"][i % 6]}/${String(i).padStart(5, "0")}`));

describe("parallel listing through the real S3Client over loopback HTTP", () => {
  const emulator = useEmulator();
  const s3 = () => withPaginators(emulator.s3).getPaginator("listObjectsV2");
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putObjects("par", KEYS);
  });

  for (const ordered of [true, false]) {
    it(`maxItems chains${ordered ? "" : ", unordered"}: every key once${ordered ? ", in order" : ""}, each batch about a sequential run's requests`, async () => {
      const got: string[] = [];
      let startingToken: string | undefined;
      let batches = 0;
      do {
        const before = emulator.server.stats.requests;
        const run = s3().paginate({ Bucket: "par" }, { parallel: batches % 2 ? 8 : 3, pageSize: batches % 2 ? 100 : 70, maxItems: 450, ordered, startingToken });
        for await (const object of run.items()) got.push(object.Key!);
        startingToken = run.resumeToken;
        // A sequential batch takes 5 to 7 requests; a parallel one adds its seeding and a request or two per range.
        expect(emulator.server.stats.requests - before, `batch ${batches}`).to.be.at.most(7 + 2 * 8 + 4);
        batches++;
      } while (startingToken !== undefined);
      expect(ordered ? got : s3Order(got)).to.deep.equal(KEYS);
      expect(batches).to.equal(Math.ceil(KEYS.length / 450));
    });
  }

  it("Go style: next() again after requests that failed past the SDK's retries goes on, and the listing is exact", async () => {
    const run = s3().paginate({ Bucket: "par" }, { parallel: 4, pageSize: 100 });
    // Connection resets on three attempts in a row: the SDK gives up on that request.
    emulator.server.inject({ operation: "ListObjectsV2", request: 6, times: 3, kind: "reset" });
    emulator.server.inject({ operation: "ListObjectsV2", request: 20, times: 3, kind: "reset" });
    const keys: string[] = [];
    let failures = 0;
    for (let tries = 0; tries < 200; tries++) {
      try {
        if (!(await run.next())) break;
        for (const object of run.currentPage()?.Contents ?? []) keys.push(object.Key!);
      } catch {
        failures++;
      }
    }
    expect(failures).to.be.within(1, 2);
    expect(run.hasMorePages()).to.equal(false);
    expect(keys).to.deep.equal(KEYS);
    expect(await drain(s3().items({ Bucket: "par" }))).to.have.length(KEYS.length);
  });
});
