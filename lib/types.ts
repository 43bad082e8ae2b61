/**
 * Type-level plumbing: operation names in three spellings, and the input, output and item types
 * of an operation. A generated table's declarations state these per operation, so a call costs a
 * few lookups; a table made by `defineTable` has them worked out from its rules and client package.
 */

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

/**
 * Everything typed about one operation of a table.
 *
 * @example
 * ```ts
 * type ListThings = OperationTypes<{ NextToken?: string }, { Things?: string[] }, "Things", "Things">;
 * ```
 * @group Types
 */
export interface OperationTypes<Input, Output, ResultKey extends string, Primary extends string> {
  /** The request type. */
  readonly input: Input;
  /** The response type: a page. */
  readonly output: Output;
  /** The result keys. */
  readonly resultKey: ResultKey;
  /** The primary result key, which `items()` yields. */
  readonly primary: Primary;
}

/**
 * What a table's types know: every name `getPaginator` takes, mapped to its PascalCase operation;
 * each operation's types; its service's client config type, which tells another service's
 * client apart (`unknown` where not known); and the service's name, for messages. Generated
 * declarations state these outright.
 *
 * @example
 * ```ts
 * type Types = TableTypes<{ listThings: "ListThings" }, { ListThings: OperationTypes<{ NextToken?: string }, { Things?: string[] }, "Things", "Things"> }>;
 * ```
 * @group Types
 */
export interface TableTypes<
  Names = Record<string, string>,
  Operations = Record<string, OperationTypes<any, any, string, string>>,
  Config = unknown,
  Service extends string = string,
> {
  /** Every accepted name, mapped to its PascalCase operation. */
  readonly names: Names;
  /** Each operation's {@link OperationTypes}. */
  readonly operations: Operations;
  /** The service's client config type, or `unknown`. */
  readonly config: Config;
  /** The service's name. */
  readonly service: Service;
}

/**
 * The operations of a table that the client package can send: an older installed client that
 * lacks an operation's command makes that name an error at the call that uses it.
 */
type SendableOperations<Rules, Module> = { [Operation in Extract<keyof Rules, string>]: Sendable<Module, Operation> }[Extract<keyof Rules, string>];

/**
 * The operation, where the installed client package has its command (or where the package's
 * types are not known); never where an older package lacks it, which makes its names an error.
 *
 * @example
 * ```ts
 * type Operation = Sendable<typeof import("@aws-sdk/client-ec2"), "DescribeInstances">; // "DescribeInstances"
 * ```
 * @group Types
 */
export type Sendable<Module, Operation extends string> = unknown extends Module ? Operation : `${Operation}Command` extends keyof Module ? Operation : never;

/** The client config type a command class is built for (`EC2ClientResolvedConfig`). */
type CommandConfig<Command> = Command extends { resolveMiddleware(stack: any, configuration: infer Config, ...rest: any[]): any } ? Config : never;

/**
 * The resolved config type of the client an operation's command is for, which is the same for
 * every command of a client package; `unknown` where the package has no such command.
 *
 * @example
 * ```ts
 * type Config = ServiceConfig<typeof import("@aws-sdk/client-ec2"), "DescribeInstances">; // EC2ClientResolvedConfig
 * ```
 * @group Types
 */
export type ServiceConfig<Module, Operation extends string> = IsNever<CommandConfig<CommandInstance<Module, Operation>>> extends true ? unknown : CommandConfig<CommandInstance<Module, Operation>>;

/** The types of a table made by `defineTable`, worked out from its rules and client package. */
export type DefinedTableTypes<Rules, Module> = TableTypes<
  { readonly [Operation in SendableOperations<Rules, Module> as OperationName<Operation>]: Operation },
  {
    readonly [Operation in SendableOperations<Rules, Module>]: OperationTypes<
      OperationInput<Module, Operation>,
      OperationOutput<Module, Operation>,
      ResultKeysOf<Rules[Operation]>,
      PrimaryOf<Rules[Operation]>
    >;
  },
  unknown extends Module ? unknown : ServiceConfig<Module, SendableOperations<Rules, Module>>
>;

/** A table's {@link TableTypes}. */
export type TypesOf<Table> = Table extends { readonly __types?: infer Types extends TableTypes<any, any, any, any> } ? Types : never;

/**
 * Every name `getPaginator` takes for a table, in the three spellings.
 *
 * @example
 * ```ts
 * const name: TableOperationName<typeof s3Table> = "list_object_versions";
 * ```
 * @group Types
 */
export type TableOperationName<Table> = Extract<keyof TypesOf<Table>["names"], string>;

/** The PascalCase operation a name of a table stands for. */
export type OperationOf<Table, Name extends string> = TypesOf<Table>["names"][Name & keyof TypesOf<Table>["names"]];

/**
 * The names a misspelt `Name` is printed against: those sharing its first letters (all but the
 * last that any name shares), else every operation in camelCase. A union of literals, so that
 * the compiler's message lists them.
 */
export type NearestNames<Name extends string, Names extends string, Fallback extends string, Prefix extends string = "", Previous extends string = Fallback, Current extends string = Fallback> =
  Name extends `${infer Char}${infer Rest}`
    ? [Extract<Names, `${Prefix}${Char}${string}`>] extends [never]
      ? Previous
      : NearestNames<Rest, Names, Fallback, `${Prefix}${Char}`, Current, Extract<Names, `${Prefix}${Char}${string}`>>
    : Previous;

/** What the compiler prints for an operation the installed client package is too old to have. */
export type NotInInstalledClient<Name extends string> = `aws-paginators: the installed client package has no command for ${Name}; update it`;

/**
 * What a name parameter takes: the name itself when the table has it (so the name is still
 * inferred), else the nearest names, which the compiler then prints.
 */
export type NameOf<Table, Name extends string> = Name extends TableOperationName<Table>
  ? [OperationOf<Table, Name>] extends [never]
    ? NotInInstalledClient<Name>
    : Name
  : NearestNames<Name, TableOperationName<Table>, Uncapitalize<Extract<keyof TypesOf<Table>["operations"], string>>>;
