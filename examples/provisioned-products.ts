/**
 * The seed article's first program, listing every provisioned product of a Service Catalog
 * account, done with a paginator. The article's version:
 *
 *   const provisionedProducts = [];
 *   let response = {};
 *   do {
 *     response = await serviceCatalog.searchProvisionedProducts({ PageToken: response.NextPageToken });
 *     provisionedProducts.push(...response.ProvisionedProducts);
 *   } while (response.NextPageToken);
 *   return provisionedProducts;
 *
 * pulls the whole listing into memory before anything can act on it. Here the products come one
 * at a time, lazily: a page is requested only when the loop needs its first product, so a loop
 * that stops early stops the requests too.
 *
 * `npm run example:provisioned-products` runs it against the project's loopback Service Catalog
 * server on 127.0.0.1, seeded with 45 products; `npx tsx examples/provisioned-products.ts --aws`
 * runs it against your AWS account (credentials and region from the environment).
 */
import { ServiceCatalogClient, type ProvisionedProductAttribute } from "@aws-sdk/client-service-catalog";
import { withPaginators } from "aws-paginators";
import { serviceCatalogClientFor, startLoopbackServer, type LoopbackServer } from "../emulator/index.js";

/** Every provisioned product, lazily: the seed's listProvisionedProducts() as an async iterable. */
export function provisionedProducts(client: ServiceCatalogClient, pageSize = 20): AsyncIterable<ProvisionedProductAttribute> {
  return withPaginators(client).getPaginator("searchProvisionedProducts").items({}, { pageSize });
}

function describe(product: ProvisionedProductAttribute): string {
  return `${product.Name?.padEnd(22)} ${product.Status?.padEnd(12)} ${product.ProductName?.padEnd(15)} ${product.CreatedTime?.toISOString().slice(0, 10)}`;
}

export function seedProducts(server: LoopbackServer, count = 45): void {
  const statuses = ["AVAILABLE", "AVAILABLE", "UNDER_CHANGE", "TAINTED", "ERROR"] as const;
  const products = ["Static website", "Data lake", "Notebook", "Bastion host"] as const;
  server.putCatalog(
    "SearchProvisionedProducts",
    Array.from({ length: count }, (_, i) => ({
      Name: `stack-${String(i + 1).padStart(3, "0")}`,
      Id: `pp-${(0x2f00a1 + i * 4099).toString(36)}`,
      Type: "CFN_STACK",
      Status: statuses[i % statuses.length],
      ProductName: products[i % products.length],
      CreatedTime: new Date(Date.UTC(2025, 0, 1 + i * 3)),
    })),
  );
}

/** Lists the products twice: the first five only (one request), then all of them. */
export async function run(client: ServiceCatalogClient, requests: () => number): Promise<{ firstFive: string[]; all: number }> {
  const firstFive: string[] = [];
  console.log("The first five products, then stop:");
  for await (const product of provisionedProducts(client)) {
    console.log(`  ${describe(product)}`);
    firstFive.push(product.Name!);
    if (firstFive.length === 5) break;
  }
  console.log(`  (${requests()} request so far: the loop stopped, so did the listing)\n`);

  let all = 0;
  const byStatus = new Map<string, number>();
  for await (const product of provisionedProducts(client)) {
    all++;
    byStatus.set(product.Status ?? "?", (byStatus.get(product.Status ?? "?") ?? 0) + 1);
  }
  console.log(`All of them: ${all} products, ${[...byStatus].map(([status, n]) => `${n} ${status}`).join(", ")}`);
  console.log(`(${requests()} requests in all, 20 products a page)`);
  return { firstFive, all };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  if (process.argv.includes("--aws")) {
    let requests = 0;
    const client = new ServiceCatalogClient({});
    client.middlewareStack.add((next) => (args) => (requests++, next(args)), { step: "initialize" });
    await run(client, () => requests);
  } else {
    const server = await startLoopbackServer();
    try {
      seedProducts(server);
      console.log(`Service Catalog on ${server.url} (embedded), 45 provisioned products\n`);
      await run(serviceCatalogClientFor(server), () => server.stats.requests);
    } finally {
      await server.close();
    }
  }
}
