/**
 * Type specs under `exactOptionalPropertyTypes` (this folder's tsconfig turns it on; checked by
 * `npm run test:types`): a program that sets an optional option to a value that may be undefined
 * compiles, as it does without the flag. Each `@ts-expect-error` proves the types still reject a
 * wrong value. Only the modules that declare the options are imported, so the check is about
 * their declarations.
 */
import type { BoundedMapOptions } from "../../../lib/bounded-map.js";
import type { PaginationConfig } from "../../../lib/config.js";
import type { PaginationErrorOptions } from "../../../lib/errors.js";

declare const saved: string | undefined;
declare const size: number | undefined;
declare const signal: AbortSignal | undefined;
declare const flag: boolean | undefined;

export const fromOptionals: PaginationConfig = {
  pageSize: size,
  maxItems: size,
  startingToken: saved,
  abortSignal: signal,
  onRepeatedToken: flag ? "stop" : undefined,
  limiter: flag ? (task) => task() : undefined,
  readAhead: flag ? 1 : undefined,
};

export const allUndefined: PaginationConfig = {
  pageSize: undefined,
  maxItems: undefined,
  startingToken: undefined,
  abortSignal: undefined,
  onRepeatedToken: undefined,
  limiter: undefined,
  readAhead: undefined,
};

export const mapOptions: BoundedMapOptions = { concurrency: 4, ordered: flag, signal };

export const errorOptions: PaginationErrorOptions = { operation: saved, resumeToken: saved, cause: undefined };

// @ts-expect-error a string is not a page size
export const stringSize: PaginationConfig = { pageSize: "10" };
// @ts-expect-error readAhead is 0 or 1
export const twoAhead: PaginationConfig = { readAhead: 2 };
// @ts-expect-error an option boto3 spells differently
export const botoName: PaginationConfig = { StartingToken: saved };
