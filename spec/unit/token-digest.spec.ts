/**
 * The digest a run keeps of each token it has sent: fixed in size, the same for the same text,
 * and different for different texts, including near misses of real tokens' shapes.
 */
import { expect } from "chai";
import { tokenDigest } from "../../lib/token-digest.js";

describe("token digests", () => {
  it("are 8 code units whatever the token's length, and the same for the same text", () => {
    for (const key of ["", "s1:a", `s120:${"x".repeat(120)}`, `s5000:${"y".repeat(5000)}`]) {
      expect(tokenDigest(key)).to.have.length(8);
      expect(tokenDigest(key)).to.equal(tokenDigest(key.slice()));
    }
  });

  it("tell apart 250,000 texts that differ in one character, in their order, in their length or in one bit", () => {
    const digests = new Set<string>();
    const base = "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=".repeat(3);
    let count = 0;
    const add = (key: string) => {
      digests.add(tokenDigest(key));
      count++;
    };
    for (let i = 0; i < 100_000; i++) add(`s${base.length + 7}:${base}${String(i).padStart(7, "0")}`);
    for (let i = 0; i < 100_000; i++) add(`n${i};`);
    for (let i = 0; i < base.length; i++) {
      for (let bit = 0; bit < 16; bit++) add(base.slice(0, i) + String.fromCharCode(base.charCodeAt(i) ^ (1 << bit)) + base.slice(i + 1));
    }
    for (let length = 0; length < 50_000 - base.length * 16; length++) add("a".repeat(length % 500) + String(length));
    add("s2:ab-;");
    add("-;s2:ab");
    expect(count).to.equal(250_002);
    expect(digests.size).to.equal(count);
  });
});
