/**
 * S3 ListObjectsV2 and ListObjects (v1), with and without a Delimiter, through the real
 * @aws-sdk/client-s3 against fauxqs run in this process on 127.0.0.1.
 *
 * fauxqs sorts keys with `localeCompare` but skips keys `<=` the marker by code unit, so keys that
 * the two orders disagree on (upper case, mixed punctuation) are listed twice or lost: the datasets
 * here use lower-case letters, digits, "." and "/" only, where both orders agree (and so agree
 * with S3's byte order). The deviation itself is recorded at the end.
 */
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { startFauxqs, type Fauxqs } from "../support/fauxqs.js";
import { drain, inParallel, inRuns, entriesOf, keysOf, numbered, prefixesOf, s3At, s3Order } from "../support/emulator-clients.js";

const FLAT = "flat";
const TREE = "tree";

// 100 keys, put in a scrambled order so the emulator has to sort them.
const flatKeys = s3Order(numbered(100, "photos/img", 3).map((key) => `${key}.jpg`));
const scrambled = flatKeys.map((_, i) => flatKeys[(i * 37) % flatKeys.length]!);

// Under "docs/": 12 folders of three files each, then 28 files: 40 entries, so that pages of 7
// hold only folders, folders then files, or only files. (Pages that end on a folder after a file
// make fauxqs repeat that folder: recorded below, with "mixed/", where folders and files alternate.)
const treeFolders = numbered(12, "docs/d", 2).map((name) => `${name}/`);
const treeFiles = numbered(28, "docs/f", 2).map((name) => `${name}.txt`);
const treeEntries = s3Order([...treeFolders, ...treeFiles]);
const folderKeys = (folders: readonly string[]) => folders.flatMap((folder) => ["a", "b", "c"].map((leaf) => `${folder}${leaf}`));
// Under "mixed/": 40 entries, every third one a folder.
const mixedEntries = numbered(40, "mixed/e", 2).map((name, i) => (i % 3 === 0 ? `${name}/` : `${name}.txt`));
const mixedFolders = mixedEntries.filter((entry) => entry.endsWith("/"));
const mixedFiles = mixedEntries.filter((entry) => !entry.endsWith("/"));
const treeKeys = s3Order([...folderKeys(treeFolders), ...treeFiles, ...folderKeys(mixedFolders), ...mixedFiles]);


describe("integration: fauxqs S3 ListObjects v1 and v2", function () {
  this.timeout(30_000);
  let fauxqs: Fauxqs;
  let client: ReturnType<typeof s3At>;

  before(async () => {
    fauxqs = await startFauxqs();
    client = s3At(fauxqs.endpoint);
    const { s3 } = client;
    await s3.send(new CreateBucketCommand({ Bucket: FLAT }));
    await s3.send(new CreateBucketCommand({ Bucket: TREE }));
    await inParallel(scrambled, 8, (Key) => s3.send(new PutObjectCommand({ Bucket: FLAT, Key, Body: Key })));
    await inParallel([...treeKeys].reverse(), 8, (Key) => s3.send(new PutObjectCommand({ Bucket: TREE, Key, Body: Key })));
  });

  after(async () => {
    await fauxqs?.stop();
  });

  for (const operation of ["listObjectsV2", "listObjects"] as const) {
    describe(`${operation}, no Delimiter, 100 keys`, () => {
      for (const pageSize of [1, 7, 100, undefined]) {
        it(`lists every key once, in order, at pageSize ${pageSize ?? "default (1000)"}`, async () => {
          const { s3, requests } = client;
          const expectedPages = pageSize === undefined ? 1 : Math.ceil(100 / pageSize);
          requests.start(expectedPages);
          const config = pageSize === undefined ? {} : { pageSize };
          const pages = await drain(s3.getPaginator(operation).paginate({ Bucket: FLAT }, config));
          expect(keysOf(pages)).to.deep.equal(flatKeys);
          expect(pages).to.have.length(expectedPages);
          expect(requests.sent).to.equal(expectedPages);
          pages.forEach((page, i) => {
            expect(page.IsTruncated, `page ${i} IsTruncated`).to.equal(i < pages.length - 1);
            if (i < pages.length - 1) expect(page.Contents, `page ${i}`).to.have.length(pageSize!);
          });
          if (pageSize !== undefined) expect(requests.log.every(({ input }) => input.MaxKeys === pageSize)).to.equal(true);
        });
      }

      it("yields objects with items(), capped by maxItems (which may cut a page)", async () => {
        const { s3, requests } = client;
        requests.start(2);
        const objects = await drain(s3.getPaginator(operation).items({ Bucket: FLAT }, { pageSize: 7, maxItems: 10 }));
        expect(objects.map((object) => object.Key)).to.deep.equal(flatKeys.slice(0, 10));
        expect(requests.sent, "two pages of 7 hold 10 items").to.equal(2);
      });

      it("resumes exactly: runs of maxItems 13 at pageSize 7, chained by resumeToken, make one full listing", async () => {
        const { s3, requests } = client;
        requests.start(30);
        const paginator = s3.getPaginator(operation);
        const runs = await inRuns((startingToken) => paginator.paginate({ Bucket: FLAT }, { pageSize: 7, maxItems: 13, startingToken }), 20);
        expect(runs).to.have.length(Math.ceil(100 / 13));
        runs.slice(0, -1).forEach((run, i) => expect(keysOf(run), `run ${i}`).to.have.length(13));
        expect(runs.flatMap(keysOf)).to.deep.equal(flatKeys);
      });

      it("resumes after breaking out of items() mid-page", async () => {
        const { s3, requests } = client;
        requests.start(20);
        const paginator = s3.getPaginator(operation);
        const first = paginator.paginate({ Bucket: FLAT }, { pageSize: 7 });
        const taken: string[] = [];
        for await (const object of first.items()) {
          taken.push(object.Key!);
          if (taken.length === 24) break;
        }
        expect(first.resumeToken).to.be.a("string");
        const rest = await drain(paginator.items({ Bucket: FLAT }, { pageSize: 7, startingToken: first.resumeToken }));
        expect([...taken, ...rest.map((object) => object.Key!)]).to.deep.equal(flatKeys);
      });

      it("builds the full result, and a capped one whose NextToken resumes it", async () => {
        const { s3, requests } = client;
        requests.start(40);
        const paginator = s3.getPaginator(operation);
        const full = await paginator.paginate({ Bucket: FLAT }, { pageSize: 7 }).buildFullResult();
        expect(full.Contents!.map((object) => object.Key)).to.deep.equal(flatKeys);
        expect(full.Name).to.equal(FLAT);
        expect(full.NextToken).to.equal(undefined);

        const head = await paginator.paginate({ Bucket: FLAT }, { pageSize: 7, maxItems: 45 }).buildFullResult();
        expect(head.Contents).to.have.length(45);
        expect(head.NextToken).to.be.a("string");
        const tail = await paginator.paginate({ Bucket: FLAT }, { pageSize: 7, startingToken: head.NextToken }).buildFullResult();
        expect([...head.Contents!, ...tail.Contents!].map((object) => object.Key)).to.deep.equal(flatKeys);
      });

      it("searches every page with a JMESPath expression", async () => {
        const { s3, requests } = client;
        const paginator = s3.getPaginator(operation);
        requests.start(15);
        expect(await drain(paginator.paginate({ Bucket: FLAT }, { pageSize: 7 }).search("Contents[].Key"))).to.deep.equal(flatKeys);
        expect(requests.sent).to.equal(15);
        requests.start(15);
        const photos = await drain(paginator.paginate({ Bucket: FLAT }, { pageSize: 7 }).search("Contents[?starts_with(Key, 'photos/')].Key"));
        expect(photos).to.deep.equal(flatKeys.filter((key) => key.startsWith("photos/"))).and.to.not.be.empty;
        expect(requests.sent).to.equal(15);
      });

      it("lists a Prefix", async () => {
        const { s3, requests } = client;
        requests.start(3);
        const keys = await drain(s3.getPaginator(operation).items({ Bucket: FLAT, Prefix: "photos/img04" }, { pageSize: 4 }));
        expect(keys.map((object) => object.Key)).to.deep.equal(flatKeys.filter((key) => key.startsWith("photos/img04")));
      });
    });

    describe(`${operation}, Delimiter "/", 12 folders and 28 files`, () => {
      for (const pageSize of [1, 7, 40, undefined]) {
        it(`lists every file and folder once, in order, at pageSize ${pageSize ?? "default (1000)"}`, async () => {
          const { s3, requests } = client;
          const expectedPages = pageSize === undefined ? 1 : Math.ceil(40 / pageSize);
          requests.start(expectedPages + 2);
          const config = pageSize === undefined ? {} : { pageSize };
          const pages = await drain(s3.getPaginator(operation).paginate({ Bucket: TREE, Prefix: "docs/", Delimiter: "/" }, config));
          expect(entriesOf(pages)).to.deep.equal(treeEntries);
          expect(keysOf(pages)).to.deep.equal(treeFiles);
          expect(prefixesOf(pages)).to.deep.equal(treeFolders);
          expect(pages).to.have.length(expectedPages);
        });
      }

      it("yields files with items() and folders with items(\"CommonPrefixes\")", async () => {
        const { s3, requests } = client;
        requests.start(20);
        const paginate = () => s3.getPaginator(operation).paginate({ Bucket: TREE, Prefix: "docs/", Delimiter: "/" }, { pageSize: 7 });
        expect((await drain(paginate().items())).map((object) => object.Key)).to.deep.equal(treeFiles);
        expect((await drain(paginate().items("CommonPrefixes"))).map((prefix) => prefix.Prefix)).to.deep.equal(treeFolders);
      });

      it("resumes exactly: maxItems counts files; a cut page's folders come with the run that cut it", async () => {
        const { s3, requests } = client;
        requests.start(40);
        const paginator = s3.getPaginator(operation);
        const runs = await inRuns(
          (startingToken) => paginator.paginate({ Bucket: TREE, Prefix: "docs/", Delimiter: "/" }, { pageSize: 7, maxItems: 4, startingToken }),
          20,
        );
        expect(runs.flatMap(keysOf)).to.deep.equal(treeFiles);
        expect(runs.flatMap(prefixesOf)).to.deep.equal(treeFolders);
        runs.slice(0, -1).forEach((run, i) => expect(keysOf(run), `run ${i}`).to.have.length(4));
      });

      it("builds the full result", async () => {
        const { s3, requests } = client;
        requests.start(10);
        const full = await s3.getPaginator(operation).paginate({ Bucket: TREE, Prefix: "docs/", Delimiter: "/" }, { pageSize: 7 }).buildFullResult();
        expect(full.Contents!.map((object) => object.Key)).to.deep.equal(treeFiles);
        expect(full.CommonPrefixes!.map((prefix) => prefix.Prefix)).to.deep.equal(treeFolders);
        expect(full.Delimiter).to.equal("/");
        expect(full.Prefix).to.equal("docs/");
      });
    });
  }

  it("accepts the operation's PascalCase and snake_case names", async () => {
    const { s3, requests } = client;
    requests.start(60);
    for (const name of ["ListObjectsV2", "list_objects_v2", "ListObjects", "list_objects"] as const) {
      const keys = await drain(s3.getPaginator(name).items({ Bucket: FLAT }, { pageSize: 9 }));
      expect(keys.map((object) => object.Key), name).to.deep.equal(flatKeys);
    }
  });

  describe("ListObjects v1 without a Delimiter, as S3 answers: no NextMarker", () => {
    // S3 sends NextMarker only when a Delimiter is given; fauxqs always sends it (recorded below).
    // Removing it as S3 would makes the run take the marker from the last key, Contents[-1].Key.
    it("goes on from the last key of each page", async () => {
      const stripped = s3At(fauxqs.endpoint);
      stripped.s3.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          delete (result.output as { NextMarker?: string }).NextMarker;
          return result;
        },
        { step: "initialize", name: "dropNextMarkerAsS3Does" },
      );
      stripped.requests.start(15);
      const pages = await drain(stripped.s3.getPaginator("listObjects").paginate({ Bucket: FLAT }, { pageSize: 7 }));
      expect(pages.every((page) => page.NextMarker === undefined)).to.equal(true);
      expect(keysOf(pages)).to.deep.equal(flatKeys);
      expect(stripped.requests.log.slice(1).map(({ input }) => input.Marker)).to.deep.equal(
        pages.slice(0, -1).map((page) => page.Contents!.at(-1)!.Key),
      );
    });
  });

  describe("regression: a secondary-key items() loop broken on a page with no primary items", () => {
    // Found by this spec in the first engine (64c4767; fixed in acf3c91), where Run.resumePoint()
    // (lib/run.ts) resumed at the current page only while `consumed < pageLength`, pageLength counting
    // the primary list (Contents). On a page of folders only that is 0, so breaking out of
    // items("CommonPrefixes") there gave a resumeToken for the *next* page and lost the rest of this
    // page's folders (on the last page, resumeToken was undefined although folders remained).
    it("resumes items(\"CommonPrefixes\") at the page it broke on, losing no folder", async () => {
      const { s3, requests } = client;
      requests.start(10);
      const paginator = s3.getPaginator("listObjectsV2");
      const input = { Bucket: TREE, Prefix: "docs/", Delimiter: "/" };
      const first = paginator.paginate(input, { pageSize: 7 });
      const taken: string[] = [];
      // Page 1 holds d00/–d06/ and no files; break after d02/.
      for await (const prefix of first.items("CommonPrefixes")) {
        taken.push(prefix.Prefix!);
        if (taken.length === 3) break;
      }
      const rest = await drain(paginator.paginate(input, { pageSize: 7, startingToken: first.resumeToken }).items("CommonPrefixes"));
      const listed = new Set([...taken, ...rest.map((prefix) => prefix.Prefix!)]);
      // At 64c4767: rest was d07/–d11/; d03/–d06/ were lost.
      expect(treeFolders.filter((folder) => !listed.has(folder)), "folders lost").to.deep.equal([]);
    });
  });

  describe("fauxqs deviations from S3, recorded", () => {
    it("DEVIATION: ListObjects v1 sends NextMarker without a Delimiter (S3 omits it)", async () => {
      const { s3, requests } = client;
      requests.start(1);
      const [first] = await drain(s3.getPaginator("listObjects").paginate({ Bucket: FLAT }, { pageSize: 7, maxItems: 7 }));
      // Observed: { IsTruncated: true, Marker: "", NextMarker: "photos/img006.jpg", MaxKeys: 7, … }
      expect(first!.NextMarker).to.equal(flatKeys[6]);
    });

    for (const operation of ["listObjectsV2", "listObjects"] as const) {
      it(`DEVIATION: ${operation} with a Delimiter repeats a folder that ends a page after a file`, async () => {
        const { s3, requests } = client;
        requests.start(10);
        const pages = await drain(s3.getPaginator(operation).paginate({ Bucket: TREE, Prefix: "mixed/", Delimiter: "/" }, { pageSize: 7 }));
        // S3's next marker/token is the page's last entry, file or folder. fauxqs's is the page's
        // last *file* when it has one, so a page such as
        //   Contents [e01.txt e02.txt e04.txt e05.txt]  CommonPrefixes [e00/ e03/ e06/]
        // is followed by one that starts at e06/ again. Files are neither repeated nor lost.
        expect(keysOf(pages)).to.deep.equal(mixedFiles);
        expect(pages[0]!.CommonPrefixes!.map((prefix) => prefix.Prefix)).to.deep.equal(["mixed/e00/", "mixed/e03/", "mixed/e06/"]);
        expect(pages[1]!.CommonPrefixes![0]!.Prefix).to.equal("mixed/e06/");
        const prefixes = prefixesOf(pages);
        const repeated = prefixes.filter((prefix, i) => prefixes.indexOf(prefix) !== i);
        expect(repeated).to.deep.equal(["mixed/e06/", "mixed/e12/", "mixed/e18/", "mixed/e24/", "mixed/e30/", "mixed/e36/"]);
        expect([...new Set(prefixes)]).to.deep.equal(mixedFolders);
      });
    }

    it("lists the alternating layout exactly at page sizes where no page ends on a folder after a file", async () => {
      const { s3, requests } = client;
      requests.start(2 * (40 + 1));
      for (const operation of ["listObjectsV2", "listObjects"] as const) {
        for (const pageSize of [1, 40]) {
          const pages = await drain(s3.getPaginator(operation).paginate({ Bucket: TREE, Prefix: "mixed/", Delimiter: "/" }, { pageSize }));
          expect(entriesOf(pages), `${operation} at ${pageSize}`).to.deep.equal(mixedEntries);
        }
      }
    });

    it("DEVIATION: sorts with localeCompare but skips keys <= the marker by code unit, so it repeats and loses keys", async () => {
      const { s3, requests } = client;
      const Bucket = "order";
      await s3.send(new CreateBucketCommand({ Bucket }));
      const keys = ["a-b", "a_b", "a.txt", "B.txt", "c.txt"];
      await inParallel(keys, 4, (Key) => s3.send(new PutObjectCommand({ Bucket, Key, Body: Key })));
      requests.start(10);
      const listed = (await drain(s3.getPaginator("listObjectsV2").items({ Bucket }, { pageSize: 2 }))).map((object) => object.Key);
      // S3 lists each key once, in byte order: B.txt a-b a.txt a_b c.txt. fauxqs sorts by locale
      // (a_b a-b a.txt B.txt c.txt), then drops keys <= the marker by code unit: "a_b" (greater
      // than every marker) comes back on every page, and "B.txt" (less than the first marker,
      // "a-b") is never listed. Observed at pageSize 2: a_b a-b | a_b a.txt | a_b c.txt
      expect(s3Order(keys)).to.deep.equal(["B.txt", "a-b", "a.txt", "a_b", "c.txt"]);
      expect(listed).to.deep.equal(["a_b", "a-b", "a_b", "a.txt", "a_b", "c.txt"]);
    });
  });
});
