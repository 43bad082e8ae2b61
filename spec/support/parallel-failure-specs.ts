/**
 * The failure specs every parallel listing shares, for one operation: a request that fails with
 * anything but throttling fails the run with the SDK's own error and an exact resume token, and an
 * abort stops the run, with no request after it and a token that resumes exactly.
 */
import { expect } from "chai";
import { PaginationAbortedError, type PaginationError } from "../../lib/index.js";
import { rejection } from "./rejection.js";
import type { listingStub, ListingStubOptions } from "./s3-listing-stub.js";
import { collect } from "./stub-client.js";

type Stub = ReturnType<typeof listingStub>;

export interface ParallelSubject {
  readonly operation: string;
  /** A stub holding the listing the specs read. */
  stub(options?: ListingStubOptions): Stub;
  /** The primary items of a run on `stub`. */
  items(stub: Stub, config: Record<string, unknown>): AsyncIterable<unknown>;
  /** What an item is compared by. */
  identity(item: unknown): string;
  /** The whole listing, in order, as identities. */
  expected(stub: Stub): Promise<string[]>;
}

export function failureSpecs(subject: ParallelSubject): void {
  it("any other error fails the run with the SDK's own error and an exact resume token", async () => {
    const denied = Object.assign(new Error("Access Denied"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    const stub = subject.stub({ failOn: (n) => (n === 9 ? denied : undefined) });
    const got: string[] = [];
    const run = subject.items(stub, { parallel: 4, pageSize: 10 });
    const error = await rejection((async () => {
      for await (const item of run) got.push(subject.identity(item));
    })());
    expect(error).to.equal(denied);
    const { resumeToken, operation } = error as unknown as { resumeToken: string; operation: string };
    expect(resumeToken).to.be.a("string");
    expect(operation).to.equal(subject.operation);
    const rest = await collect(subject.items(stub, { parallel: 4, startingToken: resumeToken }));
    expect([...got, ...rest.map(subject.identity)]).to.deep.equal(await subject.expected(stub));
  });

  it("an abort stops the run: no request starts after it, and its token resumes exactly", async () => {
    const stub = subject.stub({ latencyMs: 5 });
    const controller = new AbortController();
    const got: string[] = [];
    const run = subject.items(stub, { parallel: 4, pageSize: 10, abortSignal: controller.signal });
    const error = await rejection((async () => {
      for await (const item of run) {
        got.push(subject.identity(item));
        if (got.length === 25) controller.abort();
      }
    })());
    expect(error).to.be.instanceOf(PaginationAbortedError);
    const sent = stub.stats.requests;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stub.stats.requests).to.equal(sent);
    const rest = await collect(subject.items(stub, { parallel: 4, startingToken: (error as PaginationError).resumeToken! }));
    expect([...got, ...rest.map(subject.identity)]).to.deep.equal(await subject.expected(stub));
  });
}
