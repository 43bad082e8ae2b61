/**
 * Every TypeScript snippet in the guides under docs/ compiles against the library's source, so
 * the guides cannot drift from the code (as spec/docs/readme.spec.ts does for the README).
 */
import { expect } from "chai";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { compileSnippets } from "../support/snippets.js";

describe("the guides in docs/", function () {
  this.timeout(120_000);

  it("have TypeScript snippets that all compile", () => {
    const guides = readdirSync("docs").filter((name) => name.endsWith(".md"));
    expect(guides).to.include.members([
      "README.md",
      "getting-started.md",
      "migrating-from-boto3.md",
      "migrating-from-go.md",
      "semantics-and-resume-tokens.md",
      "errors.md",
      "throttling-and-fan-out.md",
      "bundles-and-browsers.md",
      "tables.md",
    ]);
    expect(compileSnippets(guides.map((guide) => join("docs", guide)), ".doc-snippets")).to.be.greaterThan(10);
  });
});
