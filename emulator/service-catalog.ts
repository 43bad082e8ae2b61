/**
 * AWS Service Catalog over awsJson1_1: `POST /` with `X-Amz-Target:
 * AWS242ServiceCatalogService.<Operation>` and a JSON body. Three paged searches are served from
 * seeded items, in the order seeded: PageSize defaults to 20 and may be at most 100; the
 * PageToken is opaque (base64 of the operation and an offset) and one not minted here, or minted
 * for another operation, is 400 InvalidParametersException. SearchProvisionedProducts and
 * SearchProductsAsAdmin answer the next token as NextPageToken, ListTagOptions as PageToken.
 * Filters and sort orders are recorded in the log but not applied.
 */
import { jsonError as awsJsonError, jsonParams, jsonReply, parseJsonObject } from "./aws-json.js";
import { mintToken, readToken } from "./tokens.js";
import type { Page, Reply, Route, Tokens } from "./types.js";

export const SERVICE_CATALOG_TARGET_PREFIX = "AWS242ServiceCatalogService.";

export type CatalogOperation = "SearchProvisionedProducts" | "SearchProductsAsAdmin" | "ListTagOptions";

interface OperationShape {
  readonly resultKey: string;
  readonly tokenOut: string;
  readonly totalCount?: boolean;
}

const OPERATIONS: Record<CatalogOperation, OperationShape> = {
  SearchProvisionedProducts: { resultKey: "ProvisionedProducts", tokenOut: "NextPageToken", totalCount: true },
  SearchProductsAsAdmin: { resultKey: "ProductViewDetails", tokenOut: "NextPageToken" },
  ListTagOptions: { resultKey: "TagOptionDetails", tokenOut: "PageToken" },
};

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export function isCatalogOperation(name: string): name is CatalogOperation {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

/** Seeded items per operation. */
export class Catalog {
  private readonly items = new Map<CatalogOperation, object[]>();

  put(operation: CatalogOperation, items: readonly object[]): void {
    if (!isCatalogOperation(operation)) throw new TypeError(`putCatalog: unknown operation ${String(operation)}`);
    const list = this.items.get(operation) ?? [];
    list.push(...items);
    this.items.set(operation, list);
  }

  get(operation: CatalogOperation): readonly object[] {
    return this.items.get(operation) ?? [];
  }

  clear(): void {
    this.items.clear();
  }
}

/** An awsJson1_1 error answer, named both in the body and in `x-amzn-errortype`. */
export function jsonError(type: string, message: string, status = 400): Reply {
  return awsJsonError("1.1", type, message, status);
}

const throttling = (): Reply => jsonError("ThrottlingException", "Rate exceeded");

export function serviceCatalogRoute(catalog: Catalog, target: string, rawBody: string): Route {
  const operation = target.slice(SERVICE_CATALOG_TARGET_PREFIX.length);
  const body = parseJsonObject(rawBody);
  const params = jsonParams(body);
  const route = (handle: () => Reply | Page): Route => ({
    operation,
    params,
    throttle: throttling,
    internalError: (message: string) => jsonError("InternalFailure", message, 500),
    handle,
  });

  if (!body) return route(() => jsonError("SerializationException", "The request body is not a JSON object"));
  if (!isCatalogOperation(operation)) return route(() => jsonError("UnknownOperationException", `Operation ${operation} is not served here`));
  return route(() => search(catalog, operation, body as Record<string, unknown>));
}

function search(catalog: Catalog, operation: CatalogOperation, input: Record<string, unknown>): Reply | Page {
  const shape = OPERATIONS[operation];
  const items = catalog.get(operation);
  const pageSize = input.PageSize ?? DEFAULT_PAGE_SIZE;
  if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
    return jsonError("ValidationException", `1 validation error detected: Value '${String(pageSize)}' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to ${MAX_PAGE_SIZE}`);
  }
  const size = pageSize === 0 ? DEFAULT_PAGE_SIZE : pageSize;
  const token = input.PageToken;
  let offset = 0;
  if (token !== undefined && token !== null) {
    const fields = typeof token === "string" ? readToken(token, operation, 1) : undefined;
    const at = fields?.[0];
    if (typeof at !== "number" || !Number.isInteger(at) || at < 0 || at > items.length) {
      return jsonError("InvalidParametersException", "The page token is not valid");
    }
    offset = at;
  }
  const end = Math.min(items.length, offset + size);
  const page = items.slice(offset, end);
  const more = end < items.length;
  return {
    identity: operation,
    tokenNames: [shape.tokenOut],
    sent: typeof token === "string" ? { [shape.tokenOut]: token } : undefined,
    hasFlag: false,
    truncated: more,
    next: more ? { [shape.tokenOut]: mintToken(operation, end) } : undefined,
    render: (_truncated: boolean, next: Tokens | undefined): Reply => {
      const output: Record<string, unknown> = { [shape.resultKey]: page };
      if (shape.totalCount) output.TotalResultsCount = items.length;
      if (next?.[shape.tokenOut] !== undefined) output[shape.tokenOut] = next[shape.tokenOut];
      return jsonReply("1.1", output, epochSeconds);
    },
  };
}

/** awsJson1_1 writes timestamps as epoch seconds: a seeded Date becomes a number. */
function epochSeconds(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}
