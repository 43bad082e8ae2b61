/**
 * What the SDK does with `EncodingType=url`: it returns the keys as S3 encoded them (`+` for a
 * space, `%2B` for a plus, `%01` for a control character), decoding nothing. So a parallel
 * listing, which always asks for the encoding, decodes keys itself; these specs pin both facts,
 * for ListObjectsV2 and ListObjectVersions (Key in both lists, KeyMarker, NextKeyMarker), through
 * the real S3Client with an HTTP handler that answers as S3 does.
 */
import { Readable } from "node:stream";
import { ListObjectsV2Command, ListObjectVersionsCommand, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { withPaginators } from "../../lib/index.js";
import "../../lib/parallel/register.js";

const KEYS = ["a b", "a+b", "c\x01d", "e%2Bf", "\u{1f600} x"];
/** S3's encoding: as a form encodes, a space as `+`, `/` kept. */
const encode = (key: string) => encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/");

function answeringClient(requests: URL[]): S3Client {
  return new S3Client({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9",
    forcePathStyle: true,
    credentials: { accessKeyId: "spec", secretAccessKey: "spec" },
    requestHandler: {
      async handle(request: { path: string; query?: Record<string, string | string[] | null> }) {
        const query = new URLSearchParams();
        for (const [name, value] of Object.entries(request.query ?? {})) if (typeof value === "string") query.set(name, value);
        requests.push(new URL(`http://127.0.0.1${request.path}?${query}`));
        const url = query.get("encoding-type") === "url";
        const after = query.get("start-after");
        if (query.has("versions")) return reply(versionsXml(query));
        const keys = query.get("delimiter") || !after ? KEYS : [];
        const xml =
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix></Prefix>` +
          `<KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys>${url ? "<EncodingType>url</EncodingType>" : ""}<IsTruncated>false</IsTruncated>` +
          keys.map((key) => `<Contents><Key>${url ? encode(key) : key}</Key><Size>1</Size></Contents>`).join("") +
          `</ListBucketResult>`;
        return reply(xml);
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    } as never,
  });
}

const reply = (xml: string) => ({ response: { statusCode: 200, reason: "OK", headers: { "content-type": "application/xml" }, body: Readable.from([Buffer.from(xml)]) } });

/**
 * ListObjectVersions as S3 answers it: each key a version and a delete marker (newest), all keys
 * after the key marker; with `max-keys` 1, one entry and the markers of the next page.
 */
function versionsXml(query: URLSearchParams): string {
  const url = query.get("encoding-type") === "url";
  const text = (key: string) => (url ? encode(key) : key);
  const marker = query.get("key-marker");
  const keys = marker === null ? KEYS : KEYS.filter((key) => key > marker);
  const one = query.get("max-keys") === "1" && keys.length > 0;
  const entries = keys.map((key) => `<DeleteMarker><Key>${text(key)}</Key><VersionId>dm</VersionId><IsLatest>true</IsLatest></DeleteMarker><Version><Key>${text(key)}</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><Size>1</Size></Version>`);
  return (
    `<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix></Prefix>` +
    `<KeyMarker>${marker === null ? "" : text(marker)}</KeyMarker><VersionIdMarker></VersionIdMarker>` +
    (one ? `<NextKeyMarker>${text(keys[0]!)}</NextKeyMarker><NextVersionIdMarker>dm</NextVersionIdMarker>` : "") +
    `<MaxKeys>1000</MaxKeys>${url ? "<EncodingType>url</EncodingType>" : ""}<IsTruncated>${one}</IsTruncated>` +
    (one ? entries[0]!.slice(0, entries[0]!.indexOf("<Version>")) : entries.join("")) +
    `</ListVersionsResult>`
  );
}

describe("EncodingType=url: what the SDK decodes, and what a parallel listing does", () => {
  it("the SDK leaves url-encoded keys as S3 sent them", async () => {
    const client = answeringClient([]);
    const output = await client.send(new ListObjectsV2Command({ Bucket: "b", EncodingType: "url" }));
    expect(output.Contents!.map((item) => item.Key)).to.deep.equal(["a+b", "a%2Bb", "c%01d", "e%252Bf", "%F0%9F%98%80+x"]);
  });

  it("ListObjectVersions: the SDK leaves Key (in Versions and DeleteMarkers), KeyMarker and NextKeyMarker as S3 encoded them", async () => {
    const client = answeringClient([]);
    const output = await client.send(new ListObjectVersionsCommand({ Bucket: "b", EncodingType: "url", MaxKeys: 1, KeyMarker: "a" }));
    expect(output.DeleteMarkers!.map((item) => item.Key)).to.deep.equal(["a+b"]);
    expect(output.NextKeyMarker).to.equal("a+b");
    expect(output.NextVersionIdMarker).to.equal("dm");
    const whole = await client.send(new ListObjectVersionsCommand({ Bucket: "b", EncodingType: "url", KeyMarker: "a b" }));
    expect(whole.KeyMarker).to.equal("a+b");
    expect(whole.Versions!.map((item) => item.Key)).to.deep.equal(["a%2Bb", "c%01d", "e%252Bf", "%F0%9F%98%80+x"]);
  });

  it("a parallel ListObjectVersions returns Versions and DeleteMarkers decoded", async () => {
    const requests: URL[] = [];
    const client = withPaginators(answeringClient(requests));
    const pages = [];
    for await (const page of client.getPaginator("listObjectVersions").pages({ Bucket: "b" }, { parallel: 4 })) pages.push(page);
    expect(pages.flatMap((page) => (page.Versions ?? []).map((item) => item.Key))).to.deep.equal(KEYS);
    expect(pages.flatMap((page) => (page.DeleteMarkers ?? []).map((item) => item.Key))).to.deep.equal(KEYS);
    expect(requests.every((url) => url.searchParams.get("encoding-type") === "url")).to.equal(true);
  });

  it("a parallel listing sends EncodingType=url and returns the keys decoded", async () => {
    const requests: URL[] = [];
    const client = withPaginators(answeringClient(requests));
    const keys: string[] = [];
    for await (const item of client.getPaginator("listObjectsV2").items({ Bucket: "b" }, { parallel: 4 })) keys.push(item.Key!);
    expect(keys).to.deep.equal(KEYS);
    expect(requests.length).to.be.above(0);
    expect(requests.every((url) => url.searchParams.get("encoding-type") === "url")).to.equal(true);
  });
});
