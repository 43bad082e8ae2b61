/**
 * The seed's thundering herd through the real S3 client against the loopback server, which
 * throttles above K requests in flight: the bounded way never exceeds K at the server and is
 * never throttled; the Promise.all way is.
 */
import { expect } from "chai";
import { fanOut } from "../../examples/fan-out.js";

describe("fan-out against a throttling server (examples/fan-out.ts)", function () {
  this.timeout(60_000);

  it("keeps requests in flight within the bound and is never throttled, where Promise.all is", async () => {
    const [promiseAll, bounded] = await fanOut({ buckets: 3, keys: 60, K: 6, latencyMs: 5 });
    console.table([promiseAll, bounded]);
    expect(bounded!.objects).to.equal(180);
    expect(bounded!.failed).to.equal(0);
    expect(bounded!.maxInFlight).to.be.at.most(6);
    expect(bounded!.throttled).to.equal(0);
    expect(promiseAll!.maxInFlight).to.be.greaterThan(6);
    expect(promiseAll!.throttled).to.be.greaterThan(0);
  });
});
