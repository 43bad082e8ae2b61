/**
 * A listing asked for with `EncodingType: "url"` goes on past keys that need encoding. S3 then
 * url-encodes the key markers it returns (NextMarker, a page's last Key, NextKeyMarker), and the
 * SDK hands them over encoded; sent back as they are, they name another key, and the listing
 * repeats a page or stops (boto3 has this bug: boto/boto3#3621). The rules' `urlEncodedTokens`
 * decode them before they are sent. Through the real S3Client, against the emulator over loopback.
 */
import { expect } from "chai";
import { withPaginators } from "../../lib/index.js";
import { drain, s3Order } from "../support/emulator-clients.js";
import { useEmulator } from "../support/use-emulator.js";

const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, " "));
// Keys whose encoded form names another key (or none): a space, a literal +, %, controls, above U+FFFF.
const KEYS = s3Order(["a b", "a+b", "a%2B", "a%b", "b\u0001c", "c d/e f", "c d/g", "dir/x y", "dir/z", "é", "😀", "\ue000", "plain"]);

describe("EncodingType=url listings resume from decoded key markers", () => {
  const emulator = useEmulator();
  const s3 = () => withPaginators(emulator.s3);
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putObjects("enc", KEYS);
    emulator.server.putVersions("ver", KEYS.flatMap((key) => [{ key, versionId: "v1" }, { key, versionId: "v2" }]));
    for (const [index, key] of KEYS.entries()) emulator.server.createUpload("up", key, `u-${index}`, 1);
  });

  it("ListObjects, without a delimiter (the page's last Key is the marker) and with one (NextMarker), page by page", async () => {
    for (const pageSize of [1, 2, 5]) {
      const keys = (await drain(s3().getPaginator("listObjects").items({ Bucket: "enc", EncodingType: "url" }, { pageSize }))).map((o) => formDecode(o.Key!));
      expect(keys, `pageSize ${pageSize}`).to.deep.equal(KEYS);
      const pages = await drain(s3().getPaginator("listObjects").pages({ Bucket: "enc", EncodingType: "url", Delimiter: "/" }, { pageSize }));
      const entries = pages.flatMap((page) => [...(page.Contents ?? []).map((o) => o.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!)]);
      expect(s3Order(entries.map(formDecode)), `delimited, pageSize ${pageSize}`).to.deep.equal(s3Order(["a b", "a+b", "a%2B", "a%b", "b\u0001c", "c d/", "dir/", "é", "😀", "\ue000", "plain"]));
    }
  });

  it("ListObjectVersions: every version once, in order, and a resumed run goes on from the decoded marker", async () => {
    const all = (await drain(s3().getPaginator("listObjectVersions").items({ Bucket: "ver", EncodingType: "url" }, { pageSize: 3 }))).map((v) => `${formDecode(v.Key!)}@${v.VersionId}`);
    expect(all).to.have.length(KEYS.length * 2);
    expect(new Set(all).size).to.equal(all.length);
    expect([...new Set(all.map((entry) => entry.slice(0, entry.lastIndexOf("@"))))]).to.deep.equal(KEYS);
    const resumed: string[] = [];
    let startingToken: string | undefined;
    do {
      const run = s3().getPaginator("listObjectVersions").paginate({ Bucket: "ver", EncodingType: "url" }, { pageSize: 2, maxItems: 3, startingToken });
      for await (const version of run.items()) resumed.push(`${formDecode(version.Key!)}@${version.VersionId}`);
      startingToken = run.resumeToken;
    } while (startingToken !== undefined);
    expect(resumed).to.deep.equal(all);
  });

  it("ListMultipartUploads: every upload once, in order", async () => {
    const uploads = (await drain(s3().getPaginator("listMultipartUploads").items({ Bucket: "up", EncodingType: "url" }, { pageSize: 2 }))).map((u) => formDecode(u.Key!));
    expect(uploads).to.deep.equal(KEYS);
  });

  it("leaves the markers alone without EncodingType, and the version and upload id markers always", async () => {
    const keys = (await drain(s3().getPaginator("listObjects").items({ Bucket: "enc" }, { pageSize: 2 }))).map((o) => o.Key!);
    expect(keys).to.deep.equal(KEYS);
    expect(s3().getPaginator("listObjectVersions").rule.urlEncodedTokens).to.deep.equal(["KeyMarker"]);
    expect(s3().getPaginator("listMultipartUploads").rule.urlEncodedTokens).to.deep.equal(["KeyMarker"]);
  });
});
