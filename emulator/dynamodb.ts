/**
 * DynamoDB over awsJson1_0: `POST /` with `X-Amz-Target: DynamoDB_20120810.<Operation>`. Scan is
 * served, paged as DynamoDB pages it:
 *
 * - A page ends when `Limit` items have been *evaluated* (ScannedCount, before the filter), when
 *   about 1 MB of items has been read, or at the end of the table. `LastEvaluatedKey` is the key
 *   of the last item evaluated, and it is there whenever the page ended on Limit or size, also when
 *   that item is the table's last: the next request then answers 0 items and no key. Only a page
 *   that reached the end of the table before its Limit has no LastEvaluatedKey.
 * - `ExclusiveStartKey` must be exactly a key of the table (its key attributes, of their types),
 *   else 400 ValidationException "The provided starting key is invalid". Stricter than DynamoDB,
 *   which resumes from any key's position: here it must be the key of an item in the table, so a
 *   token damaged on the way (a binary key turned into a string) fails loudly.
 * - `Count` counts the items returned (after FilterExpression), `ScannedCount` the items
 *   evaluated; `Select: "COUNT"` leaves out `Items`; `ReturnConsumedCapacity` adds
 *   `ConsumedCapacity` (0.5 units per 4 KB read, 1 with ConsistentRead).
 * - Parallel scans (Segment), indexes, projections and the legacy ScanFilter are refused with a
 *   ValidationException naming the member, not ignored.
 *
 * Errors carry DynamoDB's `com.amazonaws.dynamodb.v20120810#Name` type. Throttling a Scan answers
 * ProvisionedThroughputExceededException (what a table out of read capacity answers); any other
 * operation, ThrottlingException. The SDK treats both as throttling.
 */
import { jsonError, jsonParams, jsonReply, parseJsonObject } from "./aws-json.js";
import { compileFilter, InvalidExpression, type Predicate } from "./dynamodb-filter.js";
import type { DynamoStore } from "./dynamodb-tables.js";
import { fromWire, InvalidAttributeValue, itemFromWire, itemSize, itemToWire, type AttributeValue, type Item } from "./dynamodb-values.js";
import type { Page, Reply, Route, Tokens } from "./types.js";

export const DYNAMODB_TARGET_PREFIX = "DynamoDB_20120810.";
const ERROR_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
/** DynamoDB stops a page after 1 MB of items read. */
export const DYNAMODB_PAGE_BYTES = 1024 * 1024;

const SERVED_MEMBERS: ReadonlySet<string> = new Set([
  "TableName", "Limit", "ExclusiveStartKey", "FilterExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
  "Select", "ReturnConsumedCapacity", "ConsistentRead",
]);

const error = (name: string, message: string, status = 400): Reply => jsonError("1.0", `${ERROR_NAMESPACE}${name}`, message, status);
const validation = (message: string): Reply => error("ValidationException", message);

export function dynamoDbRoute(store: DynamoStore, target: string, rawBody: string): Route {
  const operation = target.slice(DYNAMODB_TARGET_PREFIX.length);
  const body = parseJsonObject(rawBody);
  const route = (handle: () => Reply | Page): Route => ({
    operation,
    params: jsonParams(body),
    throttle: () =>
      operation === "Scan"
        ? error("ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.")
        : error("ThrottlingException", "Rate of requests exceeds the allowed throughput."),
    internalError: (message: string) => error("InternalServerError", message, 500),
    handle,
  });
  if (!body) return route(() => error("SerializationException", "Start of structure or map found where not expected."));
  if (operation !== "Scan") return route(() => error("UnknownOperationException", `Operation ${operation} is not served by the loopback server`));
  return route(() => scan(store, body));
}

/** The members of a Scan request, read and checked, or DynamoDB's answer to a bad one. */
interface ScanRequest {
  readonly tableName: string;
  readonly limit: number;
  readonly startKey: Item | undefined;
  readonly filter: Predicate | undefined;
  readonly countOnly: boolean;
  readonly capacity: "NONE" | "TOTAL" | "INDEXES";
  readonly consistent: boolean;
}

function readScan(input: Record<string, unknown>): ScanRequest | Reply {
  const unserved = Object.keys(input).find((name) => !SERVED_MEMBERS.has(name));
  if (unserved !== undefined) return validation(`The loopback server does not serve Scan's ${unserved}`);
  const { TableName, Limit, Select, ReturnConsumedCapacity = "NONE", ConsistentRead = false } = input;
  if (typeof TableName !== "string") return validation("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  if (Limit !== undefined && (typeof Limit !== "number" || !Number.isInteger(Limit) || Limit < 1)) {
    return validation(`1 validation error detected: Value '${String(Limit)}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  if (Select !== undefined && Select !== "ALL_ATTRIBUTES" && Select !== "COUNT") {
    return validation(`The loopback server serves Select ALL_ATTRIBUTES and COUNT only, not ${String(Select)}`);
  }
  if (ReturnConsumedCapacity !== "NONE" && ReturnConsumedCapacity !== "TOTAL" && ReturnConsumedCapacity !== "INDEXES") {
    return validation(`1 validation error detected: Value '${String(ReturnConsumedCapacity)}' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]`);
  }
  let startKey: Item | undefined;
  let filter: Predicate | undefined;
  try {
    if (input.ExclusiveStartKey !== undefined) startKey = itemFromWire(input.ExclusiveStartKey);
    const values: Record<string, AttributeValue> = {};
    for (const [name, value] of Object.entries((input.ExpressionAttributeValues ?? {}) as Record<string, unknown>)) values[name] = fromWire(value);
    if (input.FilterExpression !== undefined) {
      filter = compileFilter(String(input.FilterExpression), (input.ExpressionAttributeNames ?? {}) as Record<string, string>, values);
    }
  } catch (problem) {
    if (problem instanceof InvalidAttributeValue || problem instanceof InvalidExpression) return validation(problem.message);
    throw problem;
  }
  return {
    tableName: TableName,
    limit: Limit ?? Number.POSITIVE_INFINITY,
    startKey,
    filter,
    countOnly: Select === "COUNT",
    capacity: ReturnConsumedCapacity,
    consistent: ConsistentRead === true,
  };
}

/** A LastEvaluatedKey carried as a fault-shapeable token: its wire JSON as text. */
const keyToken = (key: Item): string => JSON.stringify(itemToWire(key));

/** A token back to wire JSON; an emptied one ("") becomes an empty map, the nearest JSON has. */
function keyFromToken(token: string): unknown {
  try {
    return JSON.parse(token) as unknown;
  } catch {
    return {};
  }
}

function scan(store: DynamoStore, input: Record<string, unknown>): Reply | Page {
  const request = readScan(input);
  if ("status" in request) return request;
  const table = store.get(request.tableName);
  if (!table) return error("ResourceNotFoundException", "Requested resource not found");

  let start = 0;
  if (request.startKey) {
    if (!table.fitsSchema(request.startKey)) return validation("The provided starting key is invalid: The provided key element does not match the schema");
    const at = table.indexOf(request.startKey);
    if (at === undefined) {
      return validation("The provided starting key is invalid: the loopback server takes only the key of an item in the table, as LastEvaluatedKey gave it");
    }
    start = at + 1;
  }

  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let i = start;
  while (i < table.size && scanned < request.limit && bytes < DYNAMODB_PAGE_BYTES) {
    const item = table.at(i++) as Item;
    scanned++;
    bytes += itemSize(item);
    if (!request.filter || request.filter(item)) items.push(item);
  }
  // Ended on Limit or size (even at the table's last item): the key of the last item evaluated.
  const stoppedEarly = scanned > 0 && (scanned >= request.limit || bytes >= DYNAMODB_PAGE_BYTES);
  const lastKey = stoppedEarly ? table.keyOf(table.at(i - 1) as Item) : undefined;
  const units = Math.max(1, Math.ceil(bytes / 4096)) * (request.consistent ? 1 : 0.5);

  return {
    identity: `Scan ${table.name}`,
    tokenNames: ["LastEvaluatedKey"],
    sent: request.startKey ? { LastEvaluatedKey: keyToken(request.startKey) } : undefined,
    hasFlag: false,
    truncated: lastKey !== undefined,
    next: lastKey ? { LastEvaluatedKey: keyToken(lastKey) } : undefined,
    render: (_truncated: boolean, next: Tokens | undefined): Reply => {
      const output: Record<string, unknown> = {};
      if (request.capacity !== "NONE") {
        output.ConsumedCapacity = {
          TableName: table.name,
          CapacityUnits: units,
          ...(request.capacity === "INDEXES" ? { Table: { CapacityUnits: units } } : {}),
        };
      }
      output.Count = items.length;
      if (!request.countOnly) output.Items = items.map(itemToWire);
      if (next?.LastEvaluatedKey !== undefined) output.LastEvaluatedKey = keyFromToken(next.LastEvaluatedKey);
      output.ScannedCount = scanned;
      return jsonReply("1.0", output);
    },
  };
}
