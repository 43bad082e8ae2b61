/**
 * The digest a run keeps of each token it has sent: fixed in size, the same for the same tokens,
 * and different for different tokens, including near misses of real tokens' shapes and tokens
 * that split, pad or type the same text differently.
 */
import { expect } from "chai";
import { tokenDigest } from "../../lib/token-digest.js";

const textOf = (token: unknown) => JSON.stringify(token);
const digest = (tokens: readonly unknown[]) => tokenDigest(tokens, textOf);
/** A copy that shares no memory with `text`, as a parser makes each page's token afresh. */
const fresh = (text: string) => JSON.parse(JSON.stringify(text)) as string;

describe("token digests", () => {
  it("are 8 code units whatever the tokens' length, and the same for the same tokens", () => {
    for (const tokens of [[], [""], ["a"], ["x".repeat(120)], ["y".repeat(5000)], [undefined], [7], ["k", 12, null, { m: "x" }]]) {
      expect(digest(tokens)).to.have.length(8);
      expect(digest(tokens)).to.equal(digest(tokens.map((token) => (typeof token === "string" ? fresh(token) : token))));
    }
    // Both are an absent token, as boto3 reads them.
    expect(digest([undefined, "a"])).to.equal(digest([null, "a"]));
  });

  it("tell apart 250,000 tokens that differ in one character, in their order, in their length or in one bit", () => {
    const digests = new Set<string>();
    const base = "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=".repeat(3);
    let count = 0;
    const add = (tokens: readonly unknown[]) => {
      digests.add(digest(tokens));
      count++;
    };
    for (let i = 0; i < 100_000; i++) add([`${base}${String(i).padStart(7, "0")}`]);
    for (let i = 0; i < 100_000; i++) add([i]);
    for (let i = 0; i < base.length; i++) {
      for (let bit = 0; bit < 16; bit++) add([base.slice(0, i) + String.fromCharCode(base.charCodeAt(i) ^ (1 << bit)) + base.slice(i + 1)]);
    }
    for (let length = 0; length < 50_000 - base.length * 16; length++) add(["a".repeat(length % 500) + String(length)]);
    expect(count).to.equal(250_000);
    // The same text split, ordered, padded or typed another way.
    const near: unknown[][] = [
      ["ab", undefined],
      [undefined, "ab"],
      ["ab", "c"],
      ["a", "bc"],
      ["abc"],
      ["abc", ""],
      ["", "abc"],
      ["a\u0000"],
      ["a\u0000\u0000\u0000\u0000\u0000\u0000\u0000"],
      ["5"],
      [{ k: "v" }],
      ['{"k":"v"}'],
      [undefined],
      [""],
      ["12345678"],
      ["1234567"],
      ["123456789"],
    ];
    for (const tokens of near) add(tokens);
    expect(digests.size).to.equal(count);
  });
});
