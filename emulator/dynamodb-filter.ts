/**
 * The part of DynamoDB's FilterExpression language the server evaluates, enough to make a Scan's
 * Count differ from its ScannedCount: comparisons (`=`, `<>`, `<`, `<=`, `>`, `>=`) between a
 * top-level attribute (a name or a `#placeholder`) and a `:value`, `begins_with(a, :v)`,
 * `attribute_exists(a)` and `attribute_not_exists(a)`, joined by `AND`. Anything else is refused
 * with a ValidationException that says so, never silently ignored.
 */
import { compareScalars, sameValue, typeOf, type AttributeValue, type Item } from "./dynamodb-values.js";

export type Predicate = (item: Item) => boolean;

/** An expression DynamoDB (or this subset of it) refuses; the message says why. */
export class InvalidExpression extends Error {}

type Operand = { readonly attribute: string } | { readonly value: AttributeValue };

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const COMPARISON = /^(\S+?)\s*(<>|<=|>=|=|<|>)\s*(\S+)$/;
const FUNCTION = /^(begins_with|attribute_exists|attribute_not_exists)\s*\(\s*([^,\s)]+)\s*(?:,\s*([^,\s)]+)\s*)?\)$/;
const SCALAR: ReadonlySet<string> = new Set(["S", "N", "B"]);

export function compileFilter(
  expression: string,
  names: Readonly<Record<string, string>> = {},
  values: Readonly<Record<string, AttributeValue>> = {},
): Predicate {
  const operand = (token: string): Operand => {
    if (token.startsWith(":")) {
      const value = values[token];
      if (value === undefined) throw new InvalidExpression(`Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: ${token}`);
      return { value };
    }
    if (token.startsWith("#")) {
      const name = names[token];
      if (name === undefined) throw new InvalidExpression(`Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: ${token}`);
      return { attribute: name };
    }
    if (!NAME.test(token)) throw new InvalidExpression(`Invalid FilterExpression: the loopback server serves top-level attribute names only, not ${JSON.stringify(token)}`);
    return { attribute: token };
  };
  const attributeOf = (token: string): string => {
    const resolved = operand(token);
    if (!("attribute" in resolved)) throw new InvalidExpression(`Invalid FilterExpression: ${token} is a value where an attribute path is expected`);
    return resolved.attribute;
  };
  const read = (item: Item, resolved: Operand) => ("value" in resolved ? resolved.value : item[resolved.attribute]);

  if (expression.trim() === "") throw new InvalidExpression("Invalid FilterExpression: The expression can not be empty;");
  const clauses = expression.trim().split(/\s+AND\s+/i).map((clause): Predicate => {
    const call = FUNCTION.exec(clause);
    if (call) {
      const [, fn, path, argument] = call as unknown as [string, string, string, string | undefined];
      const attribute = attributeOf(path);
      if (fn === "attribute_exists" || fn === "attribute_not_exists") {
        if (argument !== undefined) throw new InvalidExpression(`Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: ${fn}, number of operands: 2`);
        return fn === "attribute_exists" ? (item) => item[attribute] !== undefined : (item) => item[attribute] === undefined;
      }
      if (argument === undefined) throw new InvalidExpression("Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1");
      const prefix = operand(argument);
      return (item) => {
        const value = item[attribute];
        const start = read(item, prefix);
        if (!value || !start || typeOf(value) !== typeOf(start)) return false;
        if (typeOf(value) === "S") return (value.S as string).startsWith(start.S as string);
        if (typeOf(value) === "B") {
          const bytes = value.B as Uint8Array;
          const head = start.B as Uint8Array;
          return head.length <= bytes.length && head.every((byte, i) => byte === bytes[i]);
        }
        return false;
      };
    }
    const comparison = COMPARISON.exec(clause);
    if (!comparison) throw new InvalidExpression(`Invalid FilterExpression: the loopback server does not evaluate ${JSON.stringify(clause)}`);
    const [, leftToken, op, rightToken] = comparison as unknown as [string, string, string, string];
    const left = operand(leftToken);
    const right = operand(rightToken);
    return (item) => {
      const a = read(item, left);
      const b = read(item, right);
      if (op === "<>") return !a || !b || !sameValue(a, b);
      if (!a || !b) return false;
      if (op === "=") return sameValue(a, b);
      if (typeOf(a) !== typeOf(b) || !SCALAR.has(typeOf(a))) return false;
      const order = compareScalars(a, b);
      return op === "<" ? order < 0 : op === "<=" ? order <= 0 : op === ">" ? order > 0 : order >= 0;
    };
  });
  return (item) => clauses.every((clause) => clause(item));
}
