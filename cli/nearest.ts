/**
 * The names nearest to a mistyped one (`--max-item` → `--max-items`, `s4` → `s3`), nearest first.
 * The CLI keeps its own: the library's nearest-name helper is not part of its public API.
 */
export function nearestNames(given: string, names: Iterable<string>, count = 1): string[] {
  const plain = (name: string) => name.replace(/^-+/, "").toLowerCase().replace(/[^a-z0-9]/g, "");
  const wanted = plain(given);
  const near: { name: string; distance: number }[] = [];
  for (const name of names) {
    const candidate = plain(name);
    const distance = editDistance(wanted, candidate);
    if (distance <= Math.max(1, Math.floor(candidate.length / 4)) || (wanted.length >= 3 && (candidate.includes(wanted) || wanted.includes(candidate)))) {
      near.push({ name, distance });
    }
  }
  return near.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name)).slice(0, count).map(({ name }) => name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}
