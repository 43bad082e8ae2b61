/**
 * Throttling, answered after the SDK's own retries have given up: the range is retried after a
 * backoff, and the number of requests in flight follows AIMD. Additive increase: one more slot
 * for every window of successes. Multiplicative decrease: half the slots when most responses of
 * a window were throttled. A window is as many responses as there are slots, so a service that
 * throttles a few requests at random (S3 sheds load this way) costs retries, not parallelism,
 * while one that throttles most of them gets half the load at once.
 */

const THROTTLE_NAMES = new Set(["SlowDown", "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "ThrottledException"]);

/** Whether an SDK error says "slow down": 503 SlowDown, a Throttling* error or HTTP 429. */
export function isThrottle(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const { name, $metadata, Code } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown }; Code?: unknown };
  if (typeof name === "string" && THROTTLE_NAMES.has(name)) return true;
  if (typeof Code === "string" && THROTTLE_NAMES.has(Code)) return true;
  const status = $metadata?.httpStatusCode;
  return status === 429 || status === 503;
}

/** Full-jitter exponential backoff: a random wait up to base × 2^attempt, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs = 5_000): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

/** A semaphore whose size AIMD moves between 1 and `max`. */
export class AimdGate {
  limit: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private windowResponses = 0;
  private windowThrottles = 0;
  /** Times the limit was lowered, for progress lines and benches. */
  decreases = 0;

  constructor(readonly max: number) {
    this.limit = max;
  }

  get active(): number {
    return this.inFlight;
  }

  acquire(): Promise<void> {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(throttled: boolean): void {
    this.inFlight--;
    this.windowResponses++;
    if (throttled) this.windowThrottles++;
    if (this.windowResponses >= this.limit) {
      if (this.windowThrottles * 2 > this.windowResponses) {
        this.limit = Math.max(1, Math.floor(this.limit / 2));
        this.decreases++;
      } else if (this.windowThrottles === 0 && this.limit < this.max) {
        this.limit++;
      }
      this.windowResponses = 0;
      this.windowThrottles = 0;
    }
    this.wake();
  }

  /** Lets every waiter go, for a run that stops: each sees the stop and leaves. */
  open(): void {
    this.limit = Number.MAX_SAFE_INTEGER;
    this.wake();
  }

  private wake(): void {
    while (this.inFlight < this.limit && this.waiting.length > 0) {
      this.inFlight++;
      this.waiting.shift()!();
    }
  }
}
