import { expect } from "chai";
import * as errors from "../../lib/errors.js";
import { InvalidConfigError, PaginationError, RepeatedTokenError } from "../../lib/errors.js";

type ErrorsModule = typeof import("../../lib/errors.js");
type ErrorClass = new (message: string, ...rest: never[]) => PaginationError;

/** Every error class a module of the library exports, by name. */
function errorClasses(module: ErrorsModule): Map<string, ErrorClass> {
  const classes = new Map<string, ErrorClass>();
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === "function" && (value === module.PaginationError || value.prototype instanceof module.PaginationError)) {
      classes.set(name, value as unknown as ErrorClass);
    }
  }
  return classes;
}

/** An error of the named class; OperationNotPageableError takes its suggestions too. */
function create(errorClass: ErrorClass, name: string): PaginationError {
  return name === "OperationNotPageableError"
    ? new (errorClass as unknown as typeof errors.OperationNotPageableError)("x", ["listObjects"])
    : new errorClass("x");
}

describe("error classes across copies of the library", () => {
  // A second instance of the same module stands in for the other build (ESM beside CommonJS):
  // its classes are other objects, as they are in an app that imports the package while a
  // dependency requires it. spec/package/pack.spec.ts checks the real two builds.
  let other: ErrorsModule;
  before(async () => {
    const specifier = "../../lib/errors.js?another-copy";
    other = (await import(specifier)) as ErrorsModule;
    expect(other.PaginationError).to.not.equal(PaginationError);
  });

  it("holds instanceof for an error of each class from the other copy, both ways, and keeps each name", () => {
    const ours = errorClasses(errors);
    const theirs = errorClasses(other);
    expect([...ours.keys()]).to.include.members(["PaginationError", "RepeatedTokenError", "MissingTokenError", "InvalidConfigError", "InvalidStartingTokenError", "PaginationAbortedError", "OperationNotPageableError"]);
    expect([...theirs.keys()]).to.deep.equal([...ours.keys()]);
    for (const [name, ourClass] of ours) {
      const theirClass = theirs.get(name)!;
      for (const [from, to] of [[theirClass, ourClass], [ourClass, theirClass]] as const) {
        const error = create(from, name);
        expect(error instanceof to, name).to.equal(true);
        expect(error instanceof (to === ourClass ? PaginationError : other.PaginationError), name).to.equal(true);
        expect(error instanceof Error, name).to.equal(true);
        expect(error.name, name).to.equal(name);
      }
    }
  });

  it("keeps a subclass check from matching a sibling class or the base class, in either copy", () => {
    const ours = errorClasses(errors);
    const theirs = errorClasses(other);
    for (const [name, errorClass] of ours) {
      for (const [siblingName, sibling] of ours) {
        if (siblingName === name || siblingName === "PaginationError") continue;
        expect(create(errorClass, name) instanceof theirs.get(siblingName)!, `${name} instanceof ${siblingName}`).to.equal(false);
        expect(create(theirs.get(name)!, name) instanceof sibling, `${name} instanceof ${siblingName}`).to.equal(false);
      }
    }
    expect(new other.PaginationError("x") instanceof InvalidConfigError).to.equal(false);
  });

  it("does not match plain errors, errors that only share the name, or values that are not objects", () => {
    const lookalike = Object.assign(new Error("x"), { name: "RepeatedTokenError", resumeToken: "t" });
    for (const value of [new Error("x"), lookalike, { name: "PaginationError" }, null, undefined, "PaginationError", 1]) {
      expect(value instanceof PaginationError, String(value)).to.equal(false);
      expect(value instanceof other.RepeatedTokenError, String(value)).to.equal(false);
    }
  });

  it("checks a subclass of the caller's own as usual: its errors are the library's kinds, and the library's are not its kind", () => {
    class RetryLaterError extends RepeatedTokenError {}
    const mine = new RetryLaterError("x");
    expect(mine instanceof RetryLaterError).to.equal(true);
    expect(mine instanceof other.RepeatedTokenError).to.equal(true);
    expect(mine instanceof other.PaginationError).to.equal(true);
    expect(new RepeatedTokenError("x") instanceof RetryLaterError).to.equal(false);
    expect(new other.RepeatedTokenError("x") instanceof RetryLaterError).to.equal(false);
  });
});
