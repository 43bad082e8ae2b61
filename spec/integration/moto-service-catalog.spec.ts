/**
 * Service Catalog ListPortfolioAccess (PageToken → NextPageToken, PageSize) through the real
 * @aws-sdk/client-service-catalog against moto on 127.0.0.1: moto's one paged Service Catalog
 * operation. CreatePortfolio, then CreatePortfolioShare with an AccountId per account, gives the
 * portfolio accounts to list, in the order they were shared.
 */
import { CreatePortfolioCommand, CreatePortfolioShareCommand } from "@aws-sdk/client-service-catalog";
import { expect } from "chai";
import { drain, inRuns, serviceCatalogAt } from "../support/emulator-clients.js";
import { beforeMoto, stopMoto } from "../support/moto.js";

after(stopMoto);

const ACCOUNTS = 45;
// Twelve-digit account ids, shared in an order that is not sorted.
const accounts = Array.from({ length: ACCOUNTS }, (_, i) => String(100000000000 + ((i * 17) % ACCOUNTS) * 1001));

describe("integration: moto Service Catalog ListPortfolioAccess", function () {
  this.timeout(30_000);
  let client: ReturnType<typeof serviceCatalogAt>;
  let PortfolioId: string;
  const accountsOf = (pages: { AccountIds?: string[] }[]) => pages.flatMap((page) => page.AccountIds ?? []);

  beforeMoto(async (moto) => {
    client = serviceCatalogAt(moto.endpoint);
    const { serviceCatalog } = client;
    const created = await serviceCatalog.send(new CreatePortfolioCommand({ DisplayName: "paged", ProviderName: "spec", IdempotencyToken: "paged-portfolio" }));
    PortfolioId = created.PortfolioDetail!.Id!;
    for (const AccountId of accounts) await serviceCatalog.send(new CreatePortfolioShareCommand({ PortfolioId, AccountId }));
  });

  for (const pageSize of [1, 7, 45, undefined]) {
    it(`lists every account once, in share order, at pageSize ${pageSize ?? "default (moto: 20)"}`, async () => {
      const { serviceCatalog, requests } = client;
      const expectedPages = Math.ceil(ACCOUNTS / (pageSize ?? 20));
      requests.start(expectedPages);
      const config = pageSize === undefined ? {} : { pageSize };
      const pages = await drain(serviceCatalog.getPaginator("listPortfolioAccess").paginate({ PortfolioId }, config));
      expect(accountsOf(pages)).to.deep.equal(accounts);
      expect(pages).to.have.length(expectedPages);
      pages.forEach((page, i) => expect(page.NextPageToken === undefined, `page ${i} is the last`).to.equal(i === pages.length - 1));
      requests.log.slice(1).forEach(({ input }, i) => expect(input.PageToken).to.equal(pages[i]!.NextPageToken));
    });
  }

  it("resumes exactly: runs of maxItems 10 at pageSize 7, chained by resumeToken, make one full listing", async () => {
    const { serviceCatalog, requests } = client;
    requests.start(20);
    const paginator = serviceCatalog.getPaginator("ListPortfolioAccess");
    const runs = await inRuns((startingToken) => paginator.paginate({ PortfolioId }, { pageSize: 7, maxItems: 10, startingToken }), 10);
    expect(runs).to.have.length(Math.ceil(ACCOUNTS / 10));
    runs.slice(0, -1).forEach((run, i) => expect(accountsOf(run), `run ${i}`).to.have.length(10));
    expect(runs.flatMap(accountsOf)).to.deep.equal(accounts);
  });

  it("yields account ids with items(), and builds the full result", async () => {
    const { serviceCatalog, requests } = client;
    requests.start(2 + 7);
    const paginator = serviceCatalog.getPaginator("list_portfolio_access");
    expect(await drain(paginator.items({ PortfolioId }, { pageSize: 7, maxItems: 12 }))).to.deep.equal(accounts.slice(0, 12));
    const full = await paginator.paginate({ PortfolioId }, { pageSize: 7 }).buildFullResult();
    expect(full.AccountIds).to.deep.equal(accounts);
    expect(full.NextToken).to.equal(undefined);
  });
});
