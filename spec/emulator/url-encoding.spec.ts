/**
 * EncodingType=url as S3 answers it, and what the real SDK makes of it: it does not decode. S3
 * percent-encodes each UTF-8 byte except letters, digits, `-_.*` and `/`, and writes a space as
 * `+`, so a client must decode as form data (`+` first, then %XX); decodeURIComponent alone reads
 * "a+b" (S3's "a b") wrong.
 */
import { expect } from "chai";
import { ListObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { s3UrlEncode } from "../../emulator/index.js";
import { useEmulator } from "../support/use-emulator.js";

const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, " "));
const KEYS = ["a b", "a+b", "a%2B", "ctl\u0001\u001f\u007f\u0085", "dir/x y", "dir/z", "~!'()*", "\ue000", "😀"];

describe("emulator EncodingType=url", () => {
  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putObjects("enc", KEYS);
    emulator.server.putVersions("ver", KEYS.map((key) => ({ key, versionId: "1" })));
  });

  it("encodes as S3: a space is +, a literal + is %2B, / and -_.* stay, every other byte is %XX", () => {
    expect(s3UrlEncode("a b+c/d-_.*~!'()")).to.equal("a+b%2Bc/d-_.*%7E%21%27%28%29");
    expect(s3UrlEncode("\u0001\u007f\u0085é😀\ue000")).to.equal("%01%7F%C2%85%C3%A9%F0%9F%98%80%EE%80%80");
    for (const key of KEYS) expect(formDecode(s3UrlEncode(key))).to.equal(key);
  });

  it("ListObjectsV2 encodes Key, Prefix, Delimiter, StartAfter and CommonPrefixes, and the SDK hands them back encoded", async () => {
    const page = await emulator.s3.send(
      new ListObjectsV2Command({ Bucket: "enc", EncodingType: "url", Prefix: "", Delimiter: " ", StartAfter: "a b" }),
    );
    expect(page.EncodingType).to.equal("url");
    expect(page.Delimiter).to.equal("+");
    expect(page.StartAfter).to.equal("a+b");
    expect(page.Contents?.map((o) => o.Key)).to.deep.equal(["a%252B", "a%2Bb", "ctl%01%1F%7F%C2%85", "dir/z", "%7E%21%27%28%29*", "%EE%80%80", "%F0%9F%98%80"]);
    expect(page.CommonPrefixes?.map((p) => p.Prefix)).to.deep.equal(["dir/x+"]);
    // Decoded as form data, the keys are the stored ones again; a plain decodeURIComponent is not.
    expect(page.Contents?.map((o) => formDecode(o.Key!))).to.deep.equal(["a%2B", "a+b", "ctl\u0001\u001f\u007f\u0085", "dir/z", "~!'()*", "\ue000", "😀"]);
    expect(decodeURIComponent("a+b")).to.equal("a+b");
    const prefixed = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "enc", EncodingType: "url", Prefix: "dir/x " }));
    expect(prefixed.Prefix).to.equal("dir/x+");
    expect(prefixed.Contents?.map((o) => o.Key)).to.deep.equal(["dir/x+y"]);
  });

  it("without EncodingType, keys come back as stored, through XML character references where they need them", async () => {
    const page = await emulator.s3.send(new ListObjectsV2Command({ Bucket: "enc", Prefix: "a" }));
    expect(page.EncodingType).to.equal(undefined);
    expect(page.Contents?.map((o) => o.Key)).to.deep.equal(["a b", "a%2B", "a+b"]);
  });

  it("ListObjects encodes Marker, NextMarker, Prefix, Delimiter and Key", async () => {
    const page = await emulator.s3.send(new ListObjectsCommand({ Bucket: "enc", EncodingType: "url", Marker: "a b", Delimiter: "/", MaxKeys: 2 }));
    expect(page.Marker).to.equal("a+b");
    expect(page.Delimiter).to.equal("/");
    expect(page.Contents?.map((o) => o.Key)).to.deep.equal(["a%252B", "a%2Bb"]);
    expect(page.NextMarker).to.equal("a%2Bb");
  });

  it("ListObjectVersions encodes KeyMarker, NextKeyMarker, Prefix and Key; version ids are not encoded", async () => {
    const page = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "ver", EncodingType: "url", KeyMarker: "a b", MaxKeys: 2, Prefix: "a" }));
    expect(page.KeyMarker).to.equal("a+b");
    expect(page.Prefix).to.equal("a");
    expect(page.Versions?.map((v) => [v.Key, v.VersionId])).to.deep.equal([["a%252B", "1"], ["a%2Bb", "1"]]);
    expect(page.NextKeyMarker).to.equal(undefined);
    const first = await emulator.s3.send(new ListObjectVersionsCommand({ Bucket: "ver", EncodingType: "url", MaxKeys: 1 }));
    expect(first.NextKeyMarker).to.equal("a+b");
    expect(first.NextVersionIdMarker).to.equal("1");
  });
});
