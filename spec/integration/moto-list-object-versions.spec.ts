/**
 * S3 ListObjectVersions (two tokens: KeyMarker + VersionIdMarker; two lists: Versions and
 * DeleteMarkers), which the SDK has no paginator for, through the real @aws-sdk/client-s3
 * against moto on 127.0.0.1. (fauxqs ignores versioning: not used here.)
 *
 * 70 keys with 1 to 7 versions each (280 versions) and a delete marker on every fifth key (14):
 * 294 entries, small enough for moto to answer quickly.
 */
import { CreateBucketCommand, DeleteObjectCommand, PutBucketVersioningCommand, PutObjectCommand, type DeleteMarkerEntry, type ObjectVersion } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { drain, inParallel, inRuns, numbered, s3At } from "../support/emulator-clients.js";
import { beforeMoto, stopMoto } from "../support/moto.js";

after(stopMoto);

const Bucket = "versions";
const keys = numbered(70, "ver/k", 2);
const versionCount = (i: number) => (i % 7) + 1;
const hasDeleteMarker = (i: number) => i % 5 === 4;

interface Entry {
  key: string;
  versionId: string;
  latest: boolean;
}

const id = (entry: { Key?: string; VersionId?: string }) => `${entry.Key}@${entry.VersionId}`;
const versionsOf = (pages: { Versions?: ObjectVersion[] }[]) => pages.flatMap((page) => (page.Versions ?? []).map(id));
const markersOf = (pages: { DeleteMarkers?: DeleteMarkerEntry[] }[]) => pages.flatMap((page) => (page.DeleteMarkers ?? []).map(id));
const entryCount = (page: { Versions?: unknown[]; DeleteMarkers?: unknown[] }) => (page.Versions?.length ?? 0) + (page.DeleteMarkers?.length ?? 0);

describe("integration: moto S3 ListObjectVersions", function () {
  this.timeout(60_000);
  let client: ReturnType<typeof s3At>;
  /** Versions in S3's order: by key, newest first. */
  let versions: Entry[];
  /** Delete markers in S3's order. */
  let markers: Entry[];
  const expectedVersions = (prefix = "") => versions.filter((v) => v.key.startsWith(prefix)).map((v) => `${v.key}@${v.versionId}`);
  const expectedMarkers = (prefix = "") => markers.filter((m) => m.key.startsWith(prefix)).map((m) => `${m.key}@${m.versionId}`);

  beforeMoto(async (moto) => {
    client = s3At(moto.endpoint);
    const { s3 } = client;
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: "Enabled" } }));
    // Each key's versions in order, keys in parallel.
    const perKey = await inParallel(keys, 6, async (Key, i) => {
      const ids: string[] = [];
      for (let v = 0; v < versionCount(i); v++) {
        const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body: `${Key} v${v}` }));
        ids.push(put.VersionId!);
      }
      const marker = hasDeleteMarker(i) ? (await s3.send(new DeleteObjectCommand({ Bucket, Key }))).VersionId! : undefined;
      return { ids, marker };
    });
    versions = keys.flatMap((key, i) => {
      const { ids, marker } = perKey[i]!;
      return [...ids].reverse().map((versionId, n) => ({ key, versionId, latest: n === 0 && marker === undefined }));
    });
    markers = keys.flatMap((key, i) => (perKey[i]!.marker ? [{ key, versionId: perKey[i]!.marker!, latest: true }] : []));
    expect(versions).to.have.length(280);
    expect(markers).to.have.length(14);
  });

  for (const [pageSize, Prefix] of [
    [1, "ver/k0"],
    [7, ""],
    [50, ""],
    [undefined, ""],
  ] as const) {
    const total = Prefix ? 36 : 294;
    it(`lists every version and delete marker once, in order, at pageSize ${pageSize ?? "default (1000)"}${Prefix ? ` under ${Prefix}` : ""} (${total} entries)`, async () => {
      const { s3, requests } = client;
      const expectedPages = pageSize === undefined ? 1 : Math.ceil(total / pageSize);
      requests.start(expectedPages);
      const config = pageSize === undefined ? {} : { pageSize };
      const pages = await drain(s3.getPaginator("listObjectVersions").paginate({ Bucket, Prefix }, config));
      expect(versionsOf(pages)).to.deep.equal(expectedVersions(Prefix));
      expect(markersOf(pages)).to.deep.equal(expectedMarkers(Prefix));
      expect(pages).to.have.length(expectedPages);
      pages.slice(0, -1).forEach((page, i) => expect(entryCount(page), `page ${i}`).to.equal(pageSize));
      const latest = pages.flatMap((page) => page.Versions ?? []).map((version) => version.IsLatest);
      expect(latest).to.deep.equal(versions.filter((v) => v.key.startsWith(Prefix)).map((v) => v.latest));
    });
  }

  it("sends both tokens, and splits one key's versions across pages", async () => {
    const { s3, requests } = client;
    requests.start(42);
    const pages = await drain(s3.getPaginator("listObjectVersions").paginate({ Bucket }, { pageSize: 7 }));
    const lastKey = (page: (typeof pages)[number]) => [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((entry) => entry.Key!).sort().at(-1);
    const firstKey = (page: (typeof pages)[number]) => [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((entry) => entry.Key!).sort()[0];
    const splits = pages.slice(0, -1).filter((page, i) => lastKey(page) === firstKey(pages[i + 1]!));
    expect(splits.length, "pages whose last key goes on on the next page").to.be.greaterThan(5);
    // Every request after the first carried the previous page's two markers.
    requests.log.slice(1).forEach(({ input }, i) => {
      expect(input.KeyMarker, `request ${i + 1}`).to.equal(pages[i]!.NextKeyMarker);
      expect(input.VersionIdMarker, `request ${i + 1}`).to.equal(pages[i]!.NextVersionIdMarker);
      expect(input.VersionIdMarker, `request ${i + 1}`).to.be.a("string").and.not.equal("");
    });
  });

  it("yields Versions with items() and delete markers with items(\"DeleteMarkers\")", async () => {
    const { s3, requests } = client;
    requests.start(42 + 6);
    const paginator = s3.getPaginator("listObjectVersions");
    expect((await drain(paginator.paginate({ Bucket }, { pageSize: 7 }).items())).map(id)).to.deep.equal(expectedVersions());
    expect((await drain(paginator.paginate({ Bucket }, { pageSize: 50 }).items("DeleteMarkers"))).map(id)).to.deep.equal(expectedMarkers());
  });

  it("resumes exactly: runs of maxItems 11 at pageSize 7, chained by resumeToken, make one full listing", async () => {
    const { s3, requests } = client;
    requests.start(80);
    const paginator = s3.getPaginator("listObjectVersions");
    const runs = await inRuns((startingToken) => paginator.paginate({ Bucket }, { pageSize: 7, maxItems: 11, startingToken }), 40);
    expect(runs).to.have.length(Math.ceil(280 / 11));
    runs.slice(0, -1).forEach((run, i) => expect(versionsOf(run), `run ${i}`).to.have.length(11));
    expect(runs.flatMap(versionsOf)).to.deep.equal(expectedVersions());
    // Delete markers are not counted by maxItems; a cut page's come with the run that cut it.
    expect(runs.flatMap(markersOf)).to.deep.equal(expectedMarkers());
  });

  it("resumes mid-key after breaking out of items(), with a token that survives JSON and a URL", async () => {
    const { s3, requests } = client;
    requests.start(50);
    const paginator = s3.getPaginator("listObjectVersions");
    const first = paginator.paginate({ Bucket }, { pageSize: 7 });
    const taken: string[] = [];
    for await (const version of first.items()) {
      taken.push(id(version));
      if (taken.length === 45) break;
    }
    const token = first.resumeToken!;
    expect(token).to.match(/^[A-Za-z0-9_-]+$/);
    const carried = JSON.parse(JSON.stringify({ token })).token as string;
    const rest = await drain(paginator.items({ Bucket }, { pageSize: 7, startingToken: decodeURIComponent(encodeURIComponent(carried)) }));
    expect([...taken, ...rest.map(id)]).to.deep.equal(expectedVersions());
  });

  it("builds the full result, and a capped one whose NextToken resumes it", async () => {
    const { s3, requests } = client;
    requests.start(20);
    const paginator = s3.getPaginator("listObjectVersions");
    const full = await paginator.paginate({ Bucket }, { pageSize: 50 }).buildFullResult();
    expect(full.Versions!.map(id)).to.deep.equal(expectedVersions());
    expect(full.DeleteMarkers!.map(id)).to.deep.equal(expectedMarkers());
    expect(full.Name).to.equal(Bucket);
    expect(full.NextToken).to.equal(undefined);

    const head = await paginator.paginate({ Bucket }, { pageSize: 50, maxItems: 120 }).buildFullResult();
    expect(head.Versions).to.have.length(120);
    const tail = await paginator.paginate({ Bucket }, { pageSize: 50, startingToken: head.NextToken }).buildFullResult();
    expect([...head.Versions!, ...tail.Versions!].map(id)).to.deep.equal(expectedVersions());
    expect([...(head.DeleteMarkers ?? []), ...(tail.DeleteMarkers ?? [])].map(id)).to.deep.equal(expectedMarkers());
  });

  it("accepts the operation's PascalCase and snake_case names", async () => {
    const { s3, requests } = client;
    requests.start(2);
    for (const name of ["ListObjectVersions", "list_object_versions"] as const) {
      const found = await drain(s3.getPaginator(name).items({ Bucket }));
      expect(found.map(id), name).to.deep.equal(expectedVersions());
    }
  });

  it("DEVIATION: deleting a key that was never put leaves no delete marker", async () => {
    const { s3, requests } = client;
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: "never/put" }));
    // S3 puts a delete marker on any key of a versioned bucket and answers with its VersionId and
    // DeleteMarker: true. moto answers {} and lists nothing for the key.
    expect(deleted.VersionId).to.equal(undefined);
    expect(deleted.DeleteMarker).to.equal(undefined);
    requests.start(1);
    const [page] = await drain(s3.getPaginator("listObjectVersions").paginate({ Bucket, Prefix: "never/" }));
    expect(page!.DeleteMarkers ?? []).to.deep.equal([]);
  });

  describe("regression: items(\"DeleteMarkers\") broken on a page with no Versions", () => {
    // Found by this spec in the first engine (64c4767; fixed in acf3c91), where Run.resumePoint()
    // (lib/run.ts) resumed at the current page only while fewer than pageLength primary items were
    // consumed, pageLength counting Versions. On a page of delete markers only that is 0, so breaking
    // out of items("DeleteMarkers") there gave a resumeToken for the next page (or undefined on the
    // last page), and the rest of this page's delete markers were lost.
    const Gone = "versions-gone";
    // Two keys, each put once and then deleted six times: six delete markers (newest first) above
    // one version, so a page of 5 holds delete markers only.
    const goneKeys = ["gone/a", "gone/b"];
    let goneMarkers: string[];

    before(async () => {
      const { s3 } = client;
      await s3.send(new CreateBucketCommand({ Bucket: Gone }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: Gone, VersioningConfiguration: { Status: "Enabled" } }));
      goneMarkers = [];
      for (const Key of goneKeys) {
        await s3.send(new PutObjectCommand({ Bucket: Gone, Key, Body: Key }));
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) ids.push((await s3.send(new DeleteObjectCommand({ Bucket: Gone, Key }))).VersionId!);
        goneMarkers.push(...ids.reverse().map((versionId) => `${Key}@${versionId}`));
      }
    });

    it("resumes items(\"DeleteMarkers\") at the page it broke on, losing no marker", async () => {
      const { s3, requests } = client;
      requests.start(10);
      const paginator = s3.getPaginator("listObjectVersions");
      expect((await drain(paginator.paginate({ Bucket: Gone }, { pageSize: 5 }).items("DeleteMarkers"))).map(id)).to.deep.equal(goneMarkers);
      const first = paginator.paginate({ Bucket: Gone }, { pageSize: 5 });
      const taken: string[] = [];
      for await (const marker of first.items("DeleteMarkers")) {
        taken.push(id(marker));
        if (taken.length === 2) break;
      }
      const rest = await drain(paginator.paginate({ Bucket: Gone }, { pageSize: 5, startingToken: first.resumeToken }).items("DeleteMarkers"));
      const listed = new Set([...taken, ...rest.map(id)]);
      // At 64c4767: rest started on page 2, at gone/a's oldest marker; its 3rd to 5th newest were lost.
      expect(goneMarkers.filter((marker) => !listed.has(marker)), "delete markers lost").to.deep.equal([]);
    });
  });
});
