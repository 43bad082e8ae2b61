/**
 * Every TypeScript snippet in the README compiles against the library's source, so the README
 * cannot drift from the code.
 */
import { expect } from "chai";
import { compileSnippets } from "../support/snippets.js";

describe("the README", function () {
  this.timeout(120_000);

  it("has TypeScript snippets that all compile", () => {
    expect(compileSnippets(["README.md"], ".readme-snippets")).to.be.greaterThan(3);
  });
});
