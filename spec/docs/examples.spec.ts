/**
 * Every ```ts block in lib/'s doc comments (the `@example`s the API reference shows) compiles
 * against the library's source, with the few declarations of spec/support/example-prelude.ts in
 * scope, so the reference cannot drift from the code.
 */
import { expect } from "chai";
import { compileDocExamples } from "../support/doc-examples.js";

describe("the @examples in lib/", function () {
  this.timeout(120_000);

  it("all compile", () => {
    expect(compileDocExamples(".lib-examples")).to.be.greaterThan(50);
  });
});
