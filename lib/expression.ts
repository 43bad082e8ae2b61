/**
 * The few expressions AWS paginator tables use to find a token, a flag or a result list in an
 * output: a member (`NextToken`), a dotted path (`ObjectParts.NextPartNumberMarker`), an index
 * (`Contents[-1].Key`) and alternatives (`NextMarker || Contents[-1].Key`).
 *
 * Tables are compiled once, so a typo fails when the table is defined, not on page 40, and the
 * per-page cost is a few property reads, not a parse.
 */

/** Reads a value out of an output object; `undefined` where any step is missing. */
export type Getter = (value: unknown) => unknown;

type Step = string | number;

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[-?\d+\])*)$/;
const INDEX = /\[(-?\d+)\]/g;

function parsePath(path: string, where: string): Step[] {
  const steps: Step[] = [];
  for (const segment of path.split(".")) {
    const match = SEGMENT.exec(segment.trim());
    if (!match) {
      throw new SyntaxError(
        `${where}: cannot read "${path}": expected a member name, a dotted path or an index ` +
          `such as "Contents[-1].Key" (JMESPath subset), and "${segment}" is none of these`,
      );
    }
    steps.push(match[1]!);
    for (const index of match[2]!.matchAll(INDEX)) steps.push(Number(index[1]));
  }
  return steps;
}

function compilePath(steps: Step[]): Getter {
  if (steps.length === 1) {
    const key = steps[0] as string;
    return (value) => (value == null ? undefined : (value as Record<string, unknown>)[key]);
  }
  return (value) => {
    let current = value;
    for (const step of steps) {
      if (current == null) return undefined;
      if (typeof step === "number") {
        if (!Array.isArray(current)) return undefined;
        current = current[step < 0 ? current.length + step : step];
      } else {
        current = (current as Record<string, unknown>)[step];
      }
    }
    return current;
  };
}

/** JMESPath's truthiness, which `||` uses: null, false, "", [] and {} are false. */
function isTruthy(value: unknown): boolean {
  if (value == null || value === false || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && !(value instanceof Date)) return Object.keys(value).length > 0;
  return true;
}

/** `where` names the table entry in the error a bad expression raises. */
export function compileExpression(expression: string, where: string): Getter {
  const alternatives = expression.split("||").map((part) => compilePath(parsePath(part.trim(), where)));
  if (alternatives.length === 1) return alternatives[0]!;
  return (value) => {
    let result: unknown;
    for (const get of alternatives) {
      result = get(value);
      if (isTruthy(result)) return result;
    }
    return result;
  };
}

/** Whether an expression is a plain member name (what request members must be). */
export function isMemberName(expression: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(expression);
}

/**
 * Returns a copy of `value` with the value at the dotted `path` replaced, copying only the objects
 * on the way (and creating missing ones), so that the SDK's response object stays as it came.
 */
export function replaceAtPath(value: Record<string, unknown>, path: string, replacement: unknown): Record<string, unknown> {
  const keys = path.split(".");
  const copy = { ...value };
  let target: Record<string, unknown> = copy;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = target[keys[i]!];
    const nextCopy = next !== null && typeof next === "object" ? { ...(next as Record<string, unknown>) } : {};
    target[keys[i]!] = nextCopy;
    target = nextCopy;
  }
  target[keys[keys.length - 1]!] = replacement;
  return copy;
}
