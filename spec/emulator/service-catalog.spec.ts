import { expect } from "chai";
import {
  ListTagOptionsCommand,
  SearchProvisionedProductsCommand,
  paginateListTagOptions,
  paginateSearchProductsAsAdmin,
  paginateSearchProvisionedProducts,
} from "@aws-sdk/client-service-catalog";
import { rejection } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

describe("loopback Service Catalog", () => {
  const products = Array.from({ length: 45 }, (_, i) => ({ Id: `pp-${i}`, Name: `provisioned-${i}`, Status: "AVAILABLE", CreatedTime: new Date(Date.UTC(2024, 0, 1 + i)) }));

  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putCatalog("SearchProvisionedProducts", products);
  });

  it("pages SearchProvisionedProducts 20 at a time by default, with TotalResultsCount", async () => {
    const first = await emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({}));
    expect(first.ProvisionedProducts).to.have.length(20);
    expect(first.TotalResultsCount).to.equal(45);
    expect(first.NextPageToken).to.be.a("string");
    expect(first.ProvisionedProducts?.[0]?.CreatedTime).to.deep.equal(products[0]!.CreatedTime);

    const ids: string[] = [];
    const tokens: (string | undefined)[] = [];
    for await (const page of paginateSearchProvisionedProducts({ client: emulator.serviceCatalog, pageSize: 7 }, {})) {
      ids.push(...(page.ProvisionedProducts ?? []).map((p) => p.Id as string));
      tokens.push(page.NextPageToken);
    }
    expect(ids).to.deep.equal(products.map((p) => p.Id));
    expect(tokens).to.have.length(7);
    expect(tokens[6]).to.equal(undefined);
    expect(emulator.server.stats.log[1]?.params).to.deep.equal({ PageSize: "7" });
    expect(emulator.server.stats.log[2]?.params.PageToken).to.equal(tokens[0]);
  });

  it("pages SearchProductsAsAdmin by NextPageToken and ListTagOptions by PageToken", async () => {
    emulator.server.putCatalog("SearchProductsAsAdmin", Array.from({ length: 5 }, (_, i) => ({ ProductViewSummary: { ProductId: `prod-${i}` }, Status: "CREATED" })));
    emulator.server.putCatalog("ListTagOptions", Array.from({ length: 5 }, (_, i) => ({ Key: "team", Value: `t${i}`, Active: true, Id: `tag-${i}` })));
    const products: string[] = [];
    for await (const page of paginateSearchProductsAsAdmin({ client: emulator.serviceCatalog, pageSize: 2 }, {})) {
      products.push(...(page.ProductViewDetails ?? []).map((p) => p.ProductViewSummary?.ProductId as string));
    }
    expect(products).to.deep.equal(["prod-0", "prod-1", "prod-2", "prod-3", "prod-4"]);
    const tags: string[] = [];
    for await (const page of paginateListTagOptions({ client: emulator.serviceCatalog, pageSize: 2 }, {})) {
      tags.push(...(page.TagOptionDetails ?? []).map((t) => t.Id as string));
    }
    expect(tags).to.deep.equal(["tag-0", "tag-1", "tag-2", "tag-3", "tag-4"]);
    expect(emulator.server.stats.byOperation).to.deep.equal({ SearchProductsAsAdmin: 3, ListTagOptions: 3 });
  });

  it("refuses a page token it did not mint, or minted for another operation", async () => {
    const garbage = await rejection(emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({ PageToken: "garbage" })));
    expect(garbage.name).to.equal("InvalidParametersException");
    expect(garbage.$metadata?.httpStatusCode).to.equal(400);
    const first = await emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({}));
    const foreign = await rejection(emulator.serviceCatalog.send(new ListTagOptionsCommand({ PageToken: first.NextPageToken })));
    expect(foreign.name).to.equal("InvalidParametersException");
  });

  it("refuses a PageSize over 100", async () => {
    const error = await rejection(emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({ PageSize: 101 })));
    expect(error.name).to.equal("ValidationException");
    const max = await emulator.serviceCatalog.send(new SearchProvisionedProductsCommand({ PageSize: 100 }));
    expect(max.ProvisionedProducts).to.have.length(45);
    expect(max.NextPageToken).to.equal(undefined);
  });
});
