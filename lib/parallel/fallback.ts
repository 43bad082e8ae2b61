/**
 * `onFallback` is the caller's code, run inside `paginate()`. A throw from it, or a rejection of
 * the promise it returns, fails the run at its first read with that error, as a failed request
 * would: it is never thrown from `paginate()`, which only prepares a run, and never left unhandled,
 * which would end the process. A promise it returns is awaited before the first request.
 */
import type { Send } from "../sender.js";

/** Calls `onFallback`; the send the sequential run then uses, when the call failed or is still settling. */
export function reportFallback(onFallback: ((reason: string) => unknown) | undefined, reason: string, send: Send): Send | undefined {
  if (onFallback === undefined) return undefined;
  let outcome: unknown;
  try {
    outcome = onFallback(reason);
  } catch (error) {
    return () => Promise.reject(error);
  }
  if (!isThenable(outcome)) return undefined;
  const settled = Promise.resolve(outcome).then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  return async (request, signal) => {
    const result = await settled;
    if (result.failed) throw result.error;
    return send(request, signal);
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}
