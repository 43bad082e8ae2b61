/** What the server counts: requests by operation, concurrency, throttling, faults, and a log. */

export interface LoggedRequest {
  readonly operation: string;
  /**
   * S3 and Route 53: the query parameters; Service Catalog and DynamoDB: the top-level body
   * members (non-strings as JSON); IAM: the form parameters other than Action and Version.
   */
  readonly params: Record<string, string>;
}

export interface LoopbackStats {
  requests: number;
  byOperation: Record<string, number>;
  /** Requests received and not yet answered. */
  inFlight: number;
  /** The most requests in flight at once since the last reset. */
  maxInFlight: number;
  /** Requests answered with throttling because more than `maxInFlight` were in flight. */
  throttled: number;
  /** Injected faults that hit a request. */
  faultsInjected: number;
  log: LoggedRequest[];
}

export function newStats(): LoopbackStats {
  return { requests: 0, byOperation: {}, inFlight: 0, maxInFlight: 0, throttled: 0, faultsInjected: 0, log: [] };
}

/** Zeroes the counters in place (callers may hold the object); requests in flight stay counted. */
export function clearStats(stats: LoopbackStats): void {
  stats.requests = 0;
  stats.byOperation = {};
  stats.maxInFlight = stats.inFlight;
  stats.throttled = 0;
  stats.faultsInjected = 0;
  stats.log = [];
}

export function countRequest(stats: LoopbackStats, operation: string, params: Record<string, string>): void {
  stats.requests++;
  stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
  stats.log.push({ operation, params });
}
