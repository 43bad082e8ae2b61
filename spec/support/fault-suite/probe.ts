/**
 * A probe on a real SDK client: counts the operations the paginator sends through it (one
 * `send()` each; with maxAttempts 1 that is one HTTP request each). A consumer compares that count
 * with what it actually received (pages, failed requests) to find requests nobody asked for, such
 * as a page fetched ahead after a run had already ended.
 */

interface Stackable {
  middlewareStack: {
    add(middleware: unknown, options: { step: "initialize"; name: string; priority?: "high" | "low" }): void;
  };
}

export interface Probe {
  /** `send()`s started through the client since it was probed. */
  sent: number;
  /** `send()`s that have settled (answered or failed). */
  settled: number;
}

export function probeClient(client: Stackable): Probe {
  const probe: Probe = { sent: 0, settled: 0 };
  const middleware = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    probe.sent++;
    try {
      return await next(args);
    } finally {
      probe.settled++;
    }
  };
  client.middlewareStack.add(middleware, { step: "initialize", name: "faultSuiteProbe", priority: "high" });
  return probe;
}
