/**
 * Injected faults: a queue of armed faults, each waiting for the n-th request of an operation
 * (counted from when it was injected) and then hitting `times` matching requests.
 *
 * Transport faults (throttle, reset, slow) act before the request is answered. Token faults act on
 * the page after it is computed: its items stay the real ones and only what it says about the next
 * page changes. A token fault whose request cannot show it (the request carried no token to
 * repeat, or there is no earlier token to cycle back to, or the request failed) waits for the next
 * matching request instead of being spent. When several armed faults are due, the first injected
 * wins and the others stay due.
 */
import type { Page, Tokens } from "./types.js";

export type FaultKind =
  | "throttle"
  | "reset"
  | "slow"
  | "repeat-token"
  | "token-cycle"
  | "final-zero-marker"
  | "truncated-no-token"
  | "empty-token";

export interface Fault {
  /** PascalCase operation the fault applies to; any operation when absent. */
  operation?: string;
  /** 1-based index among the requests of that operation counted since injection; default 1. */
  request?: number;
  /** How many consecutive matching requests it hits; default 1. */
  times?: number;
  kind: FaultKind;
  /** For "slow": how long to hold the answer; default 1000. */
  delayMs?: number;
}

const KINDS: ReadonlySet<string> = new Set<FaultKind>([
  "throttle", "reset", "slow", "repeat-token", "token-cycle", "final-zero-marker", "truncated-no-token", "empty-token",
]);
const TRANSPORT_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(["throttle", "reset", "slow"]);

export interface ArmedFault {
  readonly fault: Fault;
  readonly from: number;
  seen: number;
  remaining: number;
}

/** What a page says about the next one: the more-results flag and the next tokens. */
export interface PageEnd {
  readonly truncated: boolean;
  readonly next: Tokens | undefined;
}

export function isTransportFault(armed: ArmedFault): boolean {
  return TRANSPORT_KINDS.has(armed.fault.kind);
}

export class FaultQueue {
  private armed: ArmedFault[] = [];
  /** Per listing: the tokens its previous request carried. */
  private readonly previousSent = new Map<string, Tokens | undefined>();

  inject(fault: Fault): void {
    if (!fault || !KINDS.has(fault.kind)) throw new TypeError(`inject: unknown fault kind ${JSON.stringify(fault?.kind)}`);
    const request = fault.request ?? 1;
    const times = fault.times ?? 1;
    if (!Number.isInteger(request) || request < 1) throw new RangeError(`inject: request must be an integer >= 1, got ${request}`);
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`inject: times must be an integer >= 1, got ${times}`);
    if (fault.delayMs !== undefined && !(fault.delayMs >= 0)) throw new RangeError(`inject: delayMs must be >= 0, got ${fault.delayMs}`);
    this.armed.push({ fault: { ...fault }, from: request, seen: 0, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  reset(): void {
    this.armed = [];
    this.previousSent.clear();
  }

  /** Counts a request of `operation` against every armed fault and returns the first one due. */
  select(operation: string): ArmedFault | undefined {
    let due: ArmedFault | undefined;
    for (const armed of this.armed) {
      if (armed.fault.operation !== undefined && armed.fault.operation !== operation) continue;
      armed.seen++;
      if (!due && armed.seen >= armed.from && armed.remaining > 0) due = armed;
    }
    return due;
  }

  /** Marks one hit of `armed`; a fault with no hits left is dropped. */
  spend(armed: ArmedFault): void {
    armed.remaining--;
    if (armed.remaining <= 0) this.armed = this.armed.filter((a) => a !== armed);
  }

  /**
   * What `page` says about the next page, after the token fault `armed` (if any) has had its say.
   * Remembers the tokens this request carried for later "token-cycle" faults. `applied` tells
   * whether the fault hit (and was spent) or waits for a later request.
   */
  shape(page: Page, armed: ArmedFault | undefined): PageEnd & { applied: boolean } {
    const earlier = this.previousSent.get(page.identity);
    this.previousSent.set(page.identity, page.sent);
    const natural = { truncated: page.truncated, next: page.next, applied: false };
    if (!armed || isTransportFault(armed)) return natural;
    const end = tokenFault(armed.fault.kind, page, earlier);
    if (!end) return natural;
    this.spend(armed);
    return { ...end, applied: true };
  }
}

/** The page end a token fault makes of `page`, or undefined when this page cannot show it. */
function tokenFault(kind: FaultKind, page: Page, earlier: Tokens | undefined): PageEnd | undefined {
  const all = (value: string): Tokens => Object.fromEntries(page.tokenNames.map((name) => [name, value]));
  switch (kind) {
    case "repeat-token":
      return page.sent ? { truncated: true, next: page.sent } : undefined;
    case "token-cycle":
      return earlier && page.sent ? { truncated: true, next: earlier } : undefined;
    case "final-zero-marker":
      return { truncated: false, next: page.hasFlag ? all("0") : undefined };
    case "truncated-no-token":
      return { truncated: true, next: undefined };
    case "empty-token":
      return { truncated: true, next: all("") };
    default:
      return undefined;
  }
}
