/**
 * Stub clients for unit specs: a sinon-stubbed `send()` that answers like a real client from
 * pages given up front, so the engine is driven exactly as through the SDK.
 */
import sinon from "sinon";

export type Output = Record<string, unknown>;
export type Responder = (input: Record<string, unknown>, call: number) => Output | Promise<Output>;

/** What an operation's command carries: the SDK's command classes expose `input`. */
export interface SentCommand {
  readonly input: Record<string, unknown>;
}

/**
 * A bare client (no per-operation methods) for a table whose commands are the fake classes below.
 * `respond` gets each request's input.
 */
export function stubClient(respond: Responder, serviceId = "Test") {
  let calls = 0;
  const send = sinon.spy(async (command: SentCommand, _options?: { abortSignal?: AbortSignal }) => respond(command.input, calls++));
  return { config: { serviceId }, send };
}

/** An aggregated-style client: one method per operation, no command classes needed. */
export function methodClient(method: string, respond: Responder) {
  let calls = 0;
  const stub = sinon.spy(async (input: Record<string, unknown>, _options?: unknown) => respond(input, calls++));
  return { [method]: stub } as Record<string, sinon.SinonSpy>;
}

/**
 * A listing split into pages of `size` items, paged by a string token `t<index>`, as most
 * services page: the last page has no token.
 */
export function tokenPages(items: readonly unknown[], size: number, tokenIn = "NextToken", tokenOut = "NextToken", key = "Items"): Responder {
  return (input) => {
    const start = input[tokenIn] === undefined ? 0 : Number(String(input[tokenIn]).slice(1));
    const limit = typeof input.MaxResults === "number" ? input.MaxResults : size;
    const page = items.slice(start, start + limit);
    const next = start + limit < items.length ? `t${start + limit}` : undefined;
    return { [key]: page, ...(next === undefined ? {} : { [tokenOut]: next }) };
  };
}

/** `n` items named `item-000`, `item-001`, … */
export function names(n: number, prefix = "item-"): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);
}

/** Reads an async iterable to the end. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}
