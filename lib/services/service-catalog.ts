/**
 * AWS Service Catalog: every operation of `@aws-sdk/client-service-catalog` whose request takes a
 * `PageToken`. Tokens, limit members and result keys agree with boto3's
 * `servicecatalog/paginators-1.json` where boto3 has the operation, and with the SDK's own types
 * where it does not.
 */
import type { ServiceCatalogModule } from "../peer-types.js";
import { builtInTable } from "../built-in-table.js";
import type { PaginatorTable } from "../table.js";

// A variable, not a literal: bundlers leave the import alone, so a program that uses only S3
// bundles without @aws-sdk/client-service-catalog. Used only for a bare ServiceCatalogClient.
const PACKAGE = "@aws-sdk/client-service-catalog";

const rules = {
  DescribePortfolioShares: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["PortfolioShareDetails"] },
  DescribeProvisionedProductPlan: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ResourceChanges"], nonAggregateKeys: ["ProvisionedProductPlanDetails"] },
  DescribeRecord: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["RecordOutputs"], nonAggregateKeys: ["RecordDetail"] },
  GetProvisionedProductOutputs: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["Outputs"] },
  ListAcceptedPortfolioShares: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["PortfolioDetails"] },
  ListBudgetsForResource: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["Budgets"] },
  ListConstraintsForPortfolio: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ConstraintDetails"] },
  ListLaunchPaths: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["LaunchPathSummaries"] },
  ListOrganizationPortfolioAccess: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["OrganizationNodes"] },
  ListPortfolioAccess: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["AccountIds"] },
  ListPortfolios: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["PortfolioDetails"] },
  ListPortfoliosForProduct: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["PortfolioDetails"] },
  ListPrincipalsForPortfolio: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["Principals"] },
  ListProvisionedProductPlans: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ProvisionedProductPlans"] },
  ListProvisioningArtifactsForServiceAction: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ProvisioningArtifactViews"] },
  ListRecordHistory: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["RecordDetails"] },
  // The output token is named PageToken too.
  ListResourcesForTagOption: { inputToken: "PageToken", outputToken: "PageToken", limitKey: "PageSize", resultKey: ["ResourceDetails"] },
  ListServiceActions: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ServiceActionSummaries"] },
  ListServiceActionsForProvisioningArtifact: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ServiceActionSummaries"] },
  ListStackInstancesForProvisionedProduct: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["StackInstances"] },
  // The output token is named PageToken too.
  ListTagOptions: { inputToken: "PageToken", outputToken: "PageToken", limitKey: "PageSize", resultKey: ["TagOptionDetails"] },
  ScanProvisionedProducts: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ProvisionedProducts"] },
  SearchProducts: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ProductViewSummaries"], nonAggregateKeys: ["ProductViewAggregations"] },
  SearchProductsAsAdmin: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ProductViewDetails"] },
  SearchProvisionedProducts: { inputToken: "PageToken", outputToken: "NextPageToken", limitKey: "PageSize", resultKey: ["ProvisionedProducts"], nonAggregateKeys: ["TotalResultsCount"] },
} as const;

/**
 * The built-in Service Catalog table; `withPaginators(new ServiceCatalogClient({}))` uses it. Its
 * 25 rules are listed in docs/tables.md.
 *
 * @example
 * ```ts
 * console.log(serviceCatalogTable.rules.SearchProvisionedProducts);
 * // { inputToken: [ 'PageToken' ], outputToken: [ 'NextPageToken' ], resultKey: [ 'ProvisionedProducts' ], limitKey: 'PageSize', nonAggregateKeys: [ 'TotalResultsCount' ] }
 * ```
 * @group Tables
 */
export const serviceCatalogTable: PaginatorTable<typeof rules, ServiceCatalogModule> = builtInTable("Service Catalog", rules, () => import(/* webpackIgnore: true */ PACKAGE) as Promise<ServiceCatalogModule>);
