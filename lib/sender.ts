import { PaginationError } from "./errors.js";
import { camelCase } from "./names.js";
import type { AnyTable } from "./table.js";

export type Send = (input: Record<string, unknown>, abortSignal: AbortSignal | undefined) => Promise<Record<string, unknown>>;

type AnyClient = Record<string, unknown>;
type CommandClass = new (input: Record<string, unknown>) => unknown;

const modules = new WeakMap<AnyTable, Promise<Record<string, unknown>>>();

function loadCommands(table: AnyTable): Promise<Record<string, unknown>> {
  let loaded = modules.get(table);
  if (!loaded) {
    loaded = Promise.resolve()
      .then(() => table.commands!())
      .then((module) => module as Record<string, unknown>);
    // A failed load (package not installed) is not cached: installing it and trying again works.
    loaded.catch(() => modules.delete(table));
    modules.set(table, loaded);
  }
  return loaded;
}

/**
 * How to send `operation` on this client, decided once per paginator and without `instanceof`, so
 * a client from any copy of the SDK works:
 * - an aggregated client (`new S3({})`) has a method per operation, called directly;
 * - a bare client (`new S3Client({})`) takes the operation's command class through `send()`,
 *   from the table's `commands` loader.
 */
export function createSender(client: unknown, table: AnyTable, operation: string): Send {
  const target = client as AnyClient;
  const method = camelCase(operation);
  if (typeof target[method] === "function") {
    return (input, abortSignal) =>
      (target[method] as (input: unknown, options?: unknown) => Promise<Record<string, unknown>>)(
        input,
        abortSignal ? { abortSignal } : undefined,
      );
  }
  if (typeof target.send !== "function") {
    throw new PaginationError(
      `${table.service}.${operation}: the client has neither a send() method nor a ${method}() method; pass an AWS SDK v3 client`,
      { operation },
    );
  }
  if (!table.commands) {
    throw new PaginationError(
      `${table.service}.${operation}: this client has no ${method}() method, and the table has no commands loader to build a ` +
        `${operation}Command for send(); give the table commands: () => import("<the client package>"), or use the aggregated client`,
      { operation },
    );
  }
  let Command: CommandClass | undefined;
  const send = target.send as (command: unknown, options?: unknown) => Promise<Record<string, unknown>>;
  const load = async (): Promise<CommandClass> => {
    let module: Record<string, unknown>;
    try {
      module = await loadCommands(table);
    } catch (error) {
      throw new PaginationError(
        `${table.service}.${operation}: could not load the client package to build ${operation}Command ` +
          `(${(error as Error)?.message ?? String(error)}). Install it; in a bundle, give the table a loader the bundler can see, ` +
          `withCommands(table, () => import("<the client package>")), or use the aggregated client, which needs no loading.`,
        { operation, cause: error },
      );
    }
    const found = module[`${operation}Command`];
    if (typeof found !== "function") {
      throw new PaginationError(
        `${table.service}.${operation}: the installed client package has no ${operation}Command; it may be older than the operation, so upgrade it`,
        { operation },
      );
    }
    return (Command = found as CommandClass);
  };
  // Loaded on the first request; after that a request is a plain call, no extra promise.
  return (input, abortSignal) =>
    Command
      ? send.call(target, new Command(input), abortSignal ? { abortSignal } : undefined)
      : load().then((Loaded) => send.call(target, new Loaded(input), abortSignal ? { abortSignal } : undefined));
}
