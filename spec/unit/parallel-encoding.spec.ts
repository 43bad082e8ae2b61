/**
 * What the SDK does with `EncodingType=url`: it returns the keys as S3 encoded them (`+` for a
 * space, `%2B` for a plus, `%01` for a control character), decoding nothing. So a parallel
 * listing, which always asks for the encoding, decodes keys itself; these specs pin both facts,
 * through the real S3Client with an HTTP handler that answers as S3 does.
 */
import { Readable } from "node:stream";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
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
        const keys = query.get("delimiter") || !after ? KEYS : [];
        const xml =
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix></Prefix>` +
          `<KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys>${url ? "<EncodingType>url</EncodingType>" : ""}<IsTruncated>false</IsTruncated>` +
          keys.map((key) => `<Contents><Key>${url ? encode(key) : key}</Key><Size>1</Size></Contents>`).join("") +
          `</ListBucketResult>`;
        return { response: { statusCode: 200, reason: "OK", headers: { "content-type": "application/xml" }, body: Readable.from([Buffer.from(xml)]) } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    } as never,
  });
}

describe("EncodingType=url: what the SDK decodes, and what a parallel listing does", () => {
  it("the SDK leaves url-encoded keys as S3 sent them", async () => {
    const client = answeringClient([]);
    const output = await client.send(new ListObjectsV2Command({ Bucket: "b", EncodingType: "url" }));
    expect(output.Contents!.map((item) => item.Key)).to.deep.equal(["a+b", "a%2Bb", "c%01d", "e%252Bf", "%F0%9F%98%80+x"]);
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
