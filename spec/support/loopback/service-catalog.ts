/**
 * AWS Service Catalog over awsJson1_1: `POST /` with `X-Amz-Target:
 * AWS242ServiceCatalogService.<Operation>` and a JSON body. Three paged searches are served from
 * seeded items, in the order seeded: PageSize defaults to 20 and may be at most 100; the
 * PageToken is opaque (base64 of the operation and an offset) and one not minted here, or minted
 * for another operation, is 400 InvalidParametersException. SearchProvisionedProducts and
 * SearchProductsAsAdmin answer the next token as NextPageToken, ListTagOptions as PageToken.
 * Filters and sort orders are recorded in the log but not applied.
 */
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

/** A JSON error answer, named both in the body and in `x-amzn-errortype`, as AWS JSON services do. */
export function jsonError(type: string, message: string, status = 400): Reply {
  return {
    status,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": type, "x-amzn-requestid": requestId() },
    body: JSON.stringify({ __type: type, message }),
  };
}

const throttling = (): Reply => jsonError("ThrottlingException", "Rate exceeded");

export function serviceCatalogRoute(catalog: Catalog, target: string, rawBody: string): Route {
  const operation = target.slice(SERVICE_CATALOG_TARGET_PREFIX.length);
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = rawBody === "" ? {} : JSON.parse(rawBody);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body ?? {})) params[name] = typeof value === "string" ? value : JSON.stringify(value);
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
      return {
        status: 200,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId() },
        body: JSON.stringify(output, epochSeconds),
      };
    },
  };
}

/** awsJson1_1 writes timestamps as epoch seconds: a seeded Date becomes a number. */
function epochSeconds(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}

let counter = 0;
function requestId(): string {
  const hex = (++counter).toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}
