/** The progress line of `aws-paginate`, on a fake terminal with a fake clock. */
import { expect } from "chai";
import { Progress } from "../../cli/progress.js";

function terminal(columns = 80) {
  const written: string[] = [];
  return { isTTY: true, columns, write: (text: string) => written.push(text), written };
}

describe("aws-paginate's progress line", () => {
  it("is shown only when stderr is a terminal, stdout is not, and it was not switched off", () => {
    expect(Progress.wanted({ isTTY: true, write: () => true }, { isTTY: false }, true)).to.equal(true);
    expect(Progress.wanted({ isTTY: true, write: () => true }, {}, true)).to.equal(true);
    expect(Progress.wanted({ isTTY: false, write: () => true }, {}, true)).to.equal(false);
    expect(Progress.wanted({ isTTY: true, write: () => true }, { isTTY: true }, true)).to.equal(false);
    expect(Progress.wanted({ isTTY: true, write: () => true }, {}, false)).to.equal(false);
  });

  it("shows pages, items and items/s, redrawn at most every 100 ms, and is cleared at the end", () => {
    let now = 0;
    const stream = terminal();
    const progress = new Progress(stream, true, () => now);
    now = 500;
    progress.page();
    progress.addItems(1000);
    expect(stream.written).to.deep.equal(["\r\x1b[K1 page, 1,000 items, 2,000 items/s"]);
    now = 550;
    progress.page();
    progress.addItems(1000);
    expect(stream.written).to.have.length(1);
    now = 1000;
    progress.addItems(0);
    expect(stream.written.at(-1)).to.equal("\r\x1b[K2 pages, 2,000 items, 2,000 items/s");
    progress.clear();
    expect(stream.written.at(-1)).to.equal("\r\x1b[K");
    progress.clear();
    expect(stream.written).to.have.length(3);
  });

  it("with --parallel, shows the ranges in flight", () => {
    const stream = terminal();
    const progress = new Progress(stream, true, () => 1000);
    let inFlight = 16;
    progress.inFlight = () => inFlight;
    progress.page();
    expect(progress.line()).to.match(/, 16 ranges in flight$/);
    inFlight = 1;
    expect(progress.line()).to.match(/, 1 range in flight$/);
  });

  it("fits the terminal's width, and writes nothing when disabled", () => {
    const narrow = terminal(12);
    const progress = new Progress(narrow, true, () => 1000);
    progress.addItems(5);
    expect(narrow.written[0]).to.equal("\r\x1b[K0 pages, 5 ");
    const off = terminal();
    const silent = new Progress(off, false);
    silent.page();
    silent.addItems(10);
    silent.clear();
    expect(off.written).to.deep.equal([]);
  });
});
