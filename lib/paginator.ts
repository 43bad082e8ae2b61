import { checkConfig, type PaginationConfig } from "./config.js";
import { invalidConfig } from "./errors.js";
import { limiterFunction } from "./limiter.js";
import { PageIterator } from "./page-iterator.js";
import { decodeResumeToken } from "./resume-token.js";
import { compileRule, type CompiledRule, type PaginatorRule } from "./rule.js";
import { createSender, type Send } from "./sender.js";
import type { AnyTable } from "./table.js";
import type { ResumableIterator } from "./resumable.js";
import type { ItemOf } from "./types.js";
import { parallelListerFor } from "./parallel-option.js";

/**
 * One paginated operation of one client: boto3's `client.get_paginator(name)`, Go's
 * `NewListObjectsV2Paginator`.
 *
 * @typeParam Input - The operation's request type.
 * @typeParam Output - The operation's response type.
 * @typeParam ResultKey - The operation's result keys.
 * @typeParam Primary - The primary result key, the one `items()` yields and `maxItems` counts.
 *
 * @example
 * ```ts
 * const paginator = s3.getPaginator("listObjectsV2");
 * console.log(paginator.operation, paginator.rule.resultKey); // ListObjectsV2 [ 'Contents', 'CommonPrefixes' ]
 * for await (const object of paginator.items({ Bucket })) console.log(object.Key);
 * ```
 * @see [Getting started](../docs/getting-started.md), [Semantics and resume tokens](../docs/semantics-and-resume-tokens.md)
 * @group Start here
 */
export class Paginator<
  Input extends object = Record<string, unknown>,
  Output extends object = Record<string, unknown>,
  ResultKey extends string = string,
  Primary extends string = ResultKey,
> {
  /**
   * The operation, in PascalCase, whichever spelling `getPaginator()` was given.
   *
   * @example
   * ```ts
   * s3.getPaginator("list_objects_v2").operation; // "ListObjectsV2"
   * ```
   */
  readonly operation: string;
  /**
   * The operation's rule, normalized: the table entry the engine follows.
   *
   * @example
   * ```ts
   * const { limitKey, resultKey } = s3.getPaginator("listObjectsV2").rule; // "MaxKeys", [ 'Contents', 'CommonPrefixes' ]
   * ```
   */
  readonly rule: PaginatorRule;
  readonly #compiled: CompiledRule;
  readonly #send: Send;

  /** @hideconstructor Use `getPaginator()`. */
  constructor(client: unknown, table: AnyTable, operation: string) {
    this.operation = operation;
    this.rule = table.rules[operation]!;
    this.#compiled = compileRule(this.rule, operation);
    this.#send = createSender(client, table, operation);
  }

  /**
   * Starts describing a listing: returns a {@link PageIterator}. Nothing is requested until it is
   * read. The input object is never changed; bad options throw here, before any request.
   *
   * @example
   * ```ts
   * const run = paginator.paginate({ Bucket }, { pageSize: 100, maxItems: 250 });
   * for await (const page of run) console.log(page.Contents?.length);
   * console.log(run.resumeToken); // pass as startingToken to go on
   * ```
   */
  paginate(input: Input, config?: PaginationConfig): PageIterator<Output, ResultKey, Primary> {
    const { operation, rule } = this;
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      invalidConfig(operation, `the input must be the operation's request object, e.g. { Bucket: "my-bucket" }`, operation);
    }
    const checked = checkConfig(config, operation, rule.limitKey);
    // Sent as the limit member's own type: a string for the few operations whose member is one.
    const pageSize = checked.pageSize === undefined ? undefined : rule.limitKeyType === "string" ? String(checked.pageSize) : checked.pageSize;
    if (pageSize !== undefined) {
      const given = (input as Record<string, unknown>)[rule.limitKey!];
      if (given !== undefined && given !== pageSize) {
        invalidConfig(operation, `the page size is given twice, as input.${rule.limitKey} (${String(given)}) and as pageSize (${checked.pageSize}); pass one`, operation);
      }
    }
    const given = { ...(input as Record<string, unknown>) };
    const limiter = checked.limiter === undefined ? undefined : limiterFunction(checked.limiter);
    const lister = parallelListerFor(checked);
    const planned = lister?.planFor(operation, given, checked, this.#send, limiter);
    const parallel = planned === undefined || "fallbackSend" in planned ? undefined : planned;
    const send = planned !== undefined && "fallbackSend" in planned ? planned.fallbackSend : this.#send;
    // A parallel run reads its own kind of token; a sequential run (also one that falls back from
    // parallel) refuses that kind, and vice versa.
    const start =
      parallel || checked.startingToken === undefined
        ? undefined
        : decodeResumeToken(operation, checked.startingToken, { tokens: rule.inputToken.length, resultKeys: rule.resultKey.length });
    const firstRequest = pageSize === undefined ? given : { ...given, [rule.limitKey!]: pageSize };
    const pageRequest: Record<string, unknown> = {};
    for (const key of Object.keys(firstRequest)) if (!rule.inputToken.includes(key)) pageRequest[key] = firstRequest[key];
    const plan = { compiled: this.#compiled, send, input: given, firstRequest, pageRequest, config: checked, limiter, start };
    return parallel ? (lister!.iterator(plan, parallel) as PageIterator<Output, ResultKey, Primary>) : new PageIterator(plan);
  }

  /**
   * Pages of a listing: `paginate(input, config).pages()`.
   *
   * @example
   * ```ts
   * for await (const page of paginator.pages({ Bucket }, { pageSize: 1000 })) console.log(page.KeyCount);
   * ```
   */
  pages(input: Input, config?: PaginationConfig): ResumableIterator<Output> {
    return this.paginate(input, config).pages();
  }

  /**
   * Items of the primary result key across a listing: `paginate(input, config).items()`.
   *
   * @example
   * ```ts
   * for await (const object of paginator.items({ Bucket }, { maxItems: 10 })) console.log(object.Key);
   * ```
   */
  items(input: Input, config?: PaginationConfig): ResumableIterator<ItemOf<Output, Primary>> {
    return this.paginate(input, config).items();
  }
}
