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
      .then(() => (table.commands as () => unknown)())
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
 *   from the table's commands: the classes themselves, or a loader called on the first request.
 */
export function createSender(client: unknown, table: AnyTable, operation: string): Send {
  const target = client as AnyClient;
  const method = camelCase(operation);
  const command = `${operation}Command`;
  const failure = (problem: string, cause?: unknown) => new PaginationError(`${table.service}.${operation}: ${problem}`, { operation, cause });
  if (typeof target[method] === "function") {
    return (input, abortSignal) =>
      (target[method] as (input: unknown, options?: unknown) => Promise<Record<string, unknown>>)(
        input,
        abortSignal ? { abortSignal } : undefined,
      );
  }
  if (typeof target.send !== "function") {
    throw failure(`the client has neither a send() method nor a ${method}() method; pass an AWS SDK v3 client`);
  }
  const { commands } = table;
  const handOver = `withCommands(table, { ${command} })`;
  if (!commands) {
    throw failure(`this client has no ${method}() method, and the table has no commands to build a ${command} for send(); use ${handOver}, or the aggregated client`);
  }
  const send = target.send as (command: unknown, options?: unknown) => Promise<Record<string, unknown>>;
  const request = (Command: CommandClass, input: Record<string, unknown>, abortSignal: AbortSignal | undefined) =>
    send.call(target, new Command(input), abortSignal ? { abortSignal } : undefined);
  if (typeof commands === "object") {
    // Handed over by withCommands(table, { … }): known now, so a missing one fails before any request.
    const Command = (commands as Record<string, unknown>)[command];
    if (typeof Command !== "function") throw failure(`the table's commands have no ${command}; add it: ${handOver}`);
    return (input, abortSignal) => request(Command as CommandClass, input, abortSignal);
  }
  let Command: CommandClass | undefined;
  const load = async (): Promise<CommandClass> => {
    let module: Record<string, unknown>;
    try {
      module = await loadCommands(table);
    } catch (error) {
      throw failure(
        `could not load the client package to build ${command} (${(error as Error)?.message ?? String(error)}). ` +
          `Install it; in a bundle, hand the table its commands, ${handOver}, or use the aggregated client, which needs no loading.`,
        error,
      );
    }
    const found = module[command];
    if (typeof found !== "function") throw failure(
        `the table's commands loader gave no ${command}: if it returns the client package, the installed one may be older than ` +
          `the operation (upgrade it); if it returns chosen command classes, add ${command} to them`,
      );
    return (Command = found as CommandClass);
  };
  // Loaded on the first request; after that a request is a plain call, no extra promise.
  return (input, abortSignal) => (Command ? request(Command, input, abortSignal) : load().then((Loaded) => request(Loaded, input, abortSignal)));
}
