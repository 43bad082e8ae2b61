/**
 * A parallel run splits a listing by key and trusts each answer to hold the keys after the one
 * asked for, in S3's order (UTF-8 byte order): a range cuts its pages at its bound and goes on
 * after the last key it got. A server that lists in another order (locale order, pages reversed)
 * would make ranges lose keys or list them again without end, so every page is checked, which
 * costs one comparison a key: its keys ascend (a versions listing: never descend, one key's
 * versions together) and lie above the place the page was asked for.
 */
import { PaginationError } from "../errors.js";
import { compareKeys } from "./key-order.js";
import type { ListingOperation } from "./listing-operations.js";

/**
 * The server does not list in S3's order. Its resume token is none: the consumer's place was
 * worked out from answers in that order, so no token from it can be trusted to be exact.
 */
export class ServerOrderError extends PaginationError {}

/** Throws a {@link ServerOrderError} unless `keys` (decoded, of list `list`) are in S3's order and after `after`. */
export function checkKeyOrder(operation: ListingOperation, list: string, keys: readonly string[], after: { key: string | null; version: string | null }): void {
  const versions = operation.versionAfter !== undefined;
  // With a version marker, the rest of that key's versions come first.
  const least = versions && after.version !== null ? 0 : 1;
  if (after.key !== null && keys.length > 0 && compareKeys(keys[0]!, after.key) < least) {
    fail(operation.name, `a page asked for the keys after ${JSON.stringify(after.key)} began its ${list} with ${JSON.stringify(keys[0])}`);
  }
  const step = versions ? 0 : 1;
  for (let i = 1; i < keys.length; i++) {
    if (compareKeys(keys[i]!, keys[i - 1]!) < step) fail(operation.name, `a page's ${list} listed ${JSON.stringify(keys[i])} after ${JSON.stringify(keys[i - 1])}`);
  }
}

function fail(operation: string, what: string): never {
  throw new ServerOrderError(
    `${operation}: the service does not list keys in S3's order (UTF-8 byte order): ${what}. Parallel listing splits by key and needs that order; ` +
      `list this bucket with parallel: 1 (sequentially)`,
    { operation },
  );
}
