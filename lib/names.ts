/**
 * Operation names in the three spellings users bring: the API's PascalCase (`ListObjectsV2`),
 * the JavaScript SDK's camelCase (`listObjectsV2`) and boto3's snake_case (`list_objects_v2`).
 */

/** `ListObjectsV2` → `listObjectsV2`. */
export function camelCase(operation: string): string {
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}

/**
 * `ListObjectsV2` → `list_objects_v2`, as boto3's `xform_name` spells it: a break before a
 * capital that follows a lower-case letter or digit, or that starts a capitalized word.
 * The type `SnakeCase` in `types.ts` spells names the same way.
 */
export function snakeCase(operation: string): string {
  return operation.replace(/(?<=[a-z0-9])(?=[A-Z])|(?<=.)(?=[A-Z][a-z])/g, "_").toLowerCase();
}

export function nameIndex(operations: Iterable<string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const operation of operations) {
    index.set(operation, operation);
    index.set(camelCase(operation), operation);
    index.set(snakeCase(operation), operation);
  }
  return index;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The operations nearest to a name that was not found, in camelCase, nearest first: by edit
 * distance between lower-cased names with separators removed, so `list_object` finds
 * `listObjects`.
 */
export function nearestNames(name: string, operations: readonly string[], count = 3): string[] {
  const plain = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, "");
  const wanted = plain(name);
  return operations
    .map((operation) => {
      const candidate = plain(operation);
      const distance = candidate.startsWith(wanted) || wanted.startsWith(candidate) ? Math.abs(candidate.length - wanted.length) / 2 : editDistance(wanted, candidate);
      return { operation, distance };
    })
    .filter(({ distance }) => distance <= Math.max(3, wanted.length / 3))
    .sort((a, b) => a.distance - b.distance || a.operation.localeCompare(b.operation))
    .slice(0, count)
    .map(({ operation }) => camelCase(operation));
}
