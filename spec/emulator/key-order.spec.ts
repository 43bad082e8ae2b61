import { Buffer } from "node:buffer";
import { expect } from "chai";
import { compareKeys, firstIndex, lowerBound, mergeSorted, upperBound } from "../../emulator/key-order.js";

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

describe("loopback key order", () => {
  it("orders keys by UTF-8 bytes, where UTF-16 code units disagree", () => {
    // U+FF5E (3 UTF-8 bytes) sorts before U+1F600 (4 bytes), though its UTF-16 unit is larger.
    expect("\uff5e" > "😀").to.equal(true);
    expect(compareKeys("\uff5e", "😀")).to.be.lessThan(0);
    expect(compareKeys("a😀", "a\ue000")).to.be.greaterThan(0);
    expect(compareKeys("abc", "abc")).to.equal(0);
    expect(compareKeys("ab", "abc")).to.be.lessThan(0);
  });

  it("agrees with a byte comparison on random keys", () => {
    const alphabet = ["a", "b", "/", " ", "é", "\u00ff", "\u0800", "\ud7ff", "\ue000", "\uffff", "😀", "𝄞", "日"];
    let seed = 42;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const keys = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 5) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""));
    const ours = [...keys].sort(compareKeys);
    const bytes = [...keys].sort(utf8Order);
    expect(ours).to.deep.equal(bytes);
  });

  it("binary-searches sorted arrays and merges them stably", () => {
    const keys = ["a", "b", "b", "c"];
    const id = (k: string) => k;
    expect(lowerBound(keys, id, "b")).to.equal(1);
    expect(upperBound(keys, id, "b")).to.equal(3);
    expect(lowerBound(keys, id, "z")).to.equal(4);
    expect(firstIndex(keys, (k) => k >= "c")).to.equal(3);
    const merged = mergeSorted([{ k: "a", n: 1 }, { k: "c", n: 1 }], [{ k: "a", n: 2 }, { k: "b", n: 2 }], (x, y) => compareKeys(x.k, y.k));
    expect(merged.map((m) => `${m.k}${m.n}`)).to.deep.equal(["a1", "a2", "b2", "c1"]);
  });
});
