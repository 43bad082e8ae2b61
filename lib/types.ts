/**
 * Type-level plumbing: operation names in three spellings, and the input, output and item types
 * of an operation, worked out from the client package's own command classes.
 */
import type { RuleSpec } from "./rule.js";
import type { PaginatorTable } from "./table.js";

type Upper = "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "N" | "O" | "P" | "Q" | "R" | "S" | "T" | "U" | "V" | "W" | "X" | "Y" | "Z";
type Lower = Lowercase<Upper>;
type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";

/**
 * `"ListObjectsV2"` → `"list_objects_v2"`, as boto3 spells operation names (and as `snakeCase` in
 * `names.ts` does at run time): a break before a capital that follows a lower-case letter or a
 * digit, or that starts a capitalized word.
 *
 * @example
 * ```ts
 * type A = SnakeCase<"ListObjectsV2">; // "list_objects_v2"
 * type B = SnakeCase<"GetObjectAttributes">; // "get_object_attributes"
 * ```
 * @group Types
 */
export type SnakeCase<S extends string, Previous extends string = "", Out extends string = ""> = S extends `${infer C}${infer Rest}`
  ? SnakeCase<
      Rest,
      C,
      `${Out}${C extends Upper
        ? Previous extends ""
          ? ""
          : Previous extends Lower | Digit
            ? "_"
            : Rest extends `${Lower}${string}`
              ? "_"
              : ""
        : ""}${Lowercase<C>}`
    >
  : Out;

/**
 * Every spelling of an operation name that `getPaginator` takes.
 *
 * @example
 * ```ts
 * type Names = OperationName<"ListObjectsV2">; // "ListObjectsV2" | "listObjectsV2" | "list_objects_v2"
 * ```
 * @group Types
 */
export type OperationName<Operation extends string> = Operation | Uncapitalize<Operation> | SnakeCase<Operation>;

/** The PascalCase operation a name in any spelling stands for. */
export type OperationOf<Operations extends string, Name extends string> = {
  [Operation in Operations]: Name extends OperationName<Operation> ? Operation : never;
}[Operations];

/**
 * The PascalCase operations of a table that the client package can send: an older installed
 * client that lacks an operation's command makes that name an error at the call that uses it.
 */
export type TableOperations<Table> =
  Table extends PaginatorTable<infer Rules, infer Module>
    ? { [Operation in Extract<keyof Rules, string>]: unknown extends Module ? Operation : `${Operation}Command` extends keyof Module ? Operation : never }[Extract<keyof Rules, string>]
    : never;

/**
 * Every name `getPaginator` takes for a table.
 *
 * @example
 * ```ts
 * const name: TableOperationName<typeof s3Table> = "list_object_versions";
 * ```
 * @group Types
 */
export type TableOperationName<Table> = OperationName<TableOperations<Table>>;

type TableRules<Table> = Table extends PaginatorTable<infer Rules, any> ? Rules : never;
type TableModule<Table> = Table extends PaginatorTable<any, infer Module> ? Module : unknown;

type CommandInstance<Module, Operation extends string> = Module extends { [K in `${Operation}Command`]: abstract new (...args: any[]) => infer Instance }
  ? Instance
  : never;

type IsNever<T> = [T] extends [never] ? true : false;

/** What a page or request is typed as where no client package says: any member, of any type. */
export type LooseRecord = Record<string, any>;

/**
 * An operation's request type, from its command class; a loose record where none is known.
 *
 * @example
 * ```ts
 * type Input = OperationInput<typeof import("@aws-sdk/client-s3"), "ListObjectsV2">; // ListObjectsV2CommandInput
 * ```
 * @group Types
 */
export type OperationInput<Module, Operation extends string> =
  IsNever<CommandInstance<Module, Operation>> extends true
    ? LooseRecord
    : CommandInstance<Module, Operation> extends { input: infer Input }
      ? Input
      : LooseRecord;

/**
 * An operation's response type, from its command class; a loose record where none is known.
 *
 * @example
 * ```ts
 * type Output = OperationOutput<typeof import("@aws-sdk/client-s3"), "ListObjectsV2">; // ListObjectsV2CommandOutput
 * ```
 * @group Types
 */
export type OperationOutput<Module, Operation extends string> =
  IsNever<CommandInstance<Module, Operation>> extends true
    ? LooseRecord
    : CommandInstance<Module, Operation> extends { resolveMiddleware(...args: any[]): (...args: any[]) => Promise<{ output: infer Output }> }
      ? Output
      : LooseRecord;

/** The value at a dotted path of a type (`"ObjectParts.Parts"`). */
export type PathValue<T, Path extends string> = Path extends `${infer Head}.${infer Rest}`
  ? PathValue<NonNullable<Head extends keyof T ? T[Head] : unknown>, Rest>
  : Path extends keyof T
    ? T[Path]
    : unknown;

/**
 * The type of one item of a result key: the element type of the list at that (dotted) path.
 *
 * @example
 * ```ts
 * type Version = ItemOf<ListObjectVersionsCommandOutput, "Versions">; // ObjectVersion
 * type Part = ItemOf<GetObjectAttributesCommandOutput, "ObjectParts.Parts">; // ObjectPart
 * ```
 * @group Types
 */
export type ItemOf<Output, ResultKey extends string> = NonNullable<PathValue<Output, ResultKey>> extends readonly (infer Item)[]
  ? Item
  : NonNullable<PathValue<Output, ResultKey>>;

type ResultKeysOf<Spec> = Spec extends { resultKey: infer Keys }
  ? Keys extends string
    ? Keys
    : Keys extends readonly string[]
      ? Keys[number]
      : string
  : string;

type PrimaryOf<Spec> = Spec extends { resultKey: infer Keys }
  ? Keys extends string
    ? Keys
    : Keys extends readonly [infer First extends string, ...unknown[]]
      ? First
      : string
  : string;

/** Everything typed about one operation of a table. */
export interface OperationTypes<Input, Output, ResultKey extends string, Primary extends string> {
  input: Input;
  output: Output;
  resultKey: ResultKey;
  primary: Primary;
}

/** The types of `Operation` in `Table`. */
export type TableOperationTypes<Table, Operation extends string> = OperationTypes<
  OperationInput<TableModule<Table>, Operation>,
  OperationOutput<TableModule<Table>, Operation>,
  Operation extends keyof TableRules<Table> ? ResultKeysOf<TableRules<Table>[Operation]> : string,
  Operation extends keyof TableRules<Table> ? PrimaryOf<TableRules<Table>[Operation]> : string
>;

/** A spec's rule type, for callers that keep rules as written. */
export type RuleOf<Table, Operation extends string> = Operation extends keyof TableRules<Table> ? TableRules<Table>[Operation] : RuleSpec;
