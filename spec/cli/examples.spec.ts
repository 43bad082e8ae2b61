/** The seed article's two programs in examples/, run as users run them: through their npm scripts. */
import { expect } from "chai";
import { runChild } from "./child.js";

const example = (name: string, stdin?: string) => runChild("npm", ["run", "--silent", `example:${name}`], stdin === undefined ? {} : { stdin });

describe("the seed article's programs (examples/)", function () {
  this.timeout(60_000);

  it("provisioned-products lists Service Catalog products lazily: stopping after five made one request", async () => {
    const { status, stdout, stderr } = await example("provisioned-products");
    expect(stderr).to.equal("");
    expect(status).to.equal(0);
    expect(stdout.match(/^ {2}stack-00[1-5] /gm)).to.have.length(5);
    expect(stdout).to.include("(1 request so far: the loop stopped, so did the listing)");
    expect(stdout).to.include("All of them: 45 products, 18 AVAILABLE, 9 UNDER_CHANGE, 9 TAINTED, 9 ERROR");
    expect(stdout).to.include("(4 requests in all, 20 products a page)");
  });

  it("page-at-a-time fetches a page per line read from stdin, and stops on q", async () => {
    const { status, stdout } = await example("page-at-a-time", "\n\nq\n");
    expect(status).to.equal(0);
    expect(stdout.match(/^page \d: .*$/gm)).to.deep.equal(["page 1: alpha.txt, bravo.txt", "page 2: charlie.txt, delta.txt", "page 3: echo.txt, foxtrot.txt"]);
    expect(stdout).to.match(/Stopped\. To go on later: \{ startingToken: "\S+" \}\nFinished\n$/);
  });

  it("page-at-a-time lists every page when given enough lines, and stops at the end of input", async () => {
    const [all, none] = await Promise.all([example("page-at-a-time", "\n".repeat(10)), example("page-at-a-time", "")]);
    expect(all.status).to.equal(0);
    expect(all.stdout.match(/^page \d: /gm)).to.have.length(5);
    expect(all.stdout).to.match(/page 5: india\.txt\nFinished\n$/);
    expect(none.status).to.equal(0);
    expect(none.stdout.match(/^page \d: /gm)).to.have.length(1);
    expect(none.stdout).to.include("Stopped.");
  });
});
