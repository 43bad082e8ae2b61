/**
 * Downloads client packages with `npm pack` (the registry the machine reaches) into a folder
 * and unpacks each, a few at a time. What could not be fetched is reported with npm's reason.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Fetched {
  readonly name: string;
  readonly version: string;
  /** The unpacked package folder. */
  readonly dir: string;
}

export interface FetchFailure {
  readonly name: string;
  readonly reason: string;
}

/** `@aws-sdk/client-x` → `aws-sdk-client-x-`, how npm pack starts the tarball's name. */
function tarballPrefix(name: string): string {
  return `${name.replace(/^@/, "").replace("/", "-")}-`;
}

function nameOf(spec: string): string {
  const at = spec.lastIndexOf("@");
  return at > 0 ? spec.slice(0, at) : spec;
}

async function unpack(name: string, tarball: string, into: string): Promise<Fetched> {
  const version = tarball.slice(tarballPrefix(name).length, -".tgz".length);
  const dir = join(into, tarball.replace(/\.tgz$/, ""));
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    await run("tar", ["xzf", join(into, tarball), "-C", dir, "--strip-components=1"]);
  }
  return { name, version, dir };
}

/** One `npm pack` for several packages (npm's start-up is most of the cost of one). */
async function fetchBatch(specs: readonly string[], into: string): Promise<Fetched[]> {
  const { stdout } = await run("npm", ["pack", ...specs, "--silent", "--pack-destination", into], { maxBuffer: 1 << 20 });
  const tarballs = stdout.trim().split("\n").filter((line) => line.endsWith(".tgz"));
  if (tarballs.length !== specs.length) throw new Error(`npm pack returned ${tarballs.length} tarballs for ${specs.length} packages`);
  return Promise.all(specs.map((spec, i) => unpack(nameOf(spec), tarballs[i]!, into)));
}

function reasonOf(error: unknown): string {
  const message = String((error as { stderr?: string }).stderr || (error as Error).message);
  return /E404|404 Not Found|could not be found/.test(message) ? "not on the registry" : (message.split("\n").find((line) => /error/i.test(line)) ?? message.slice(0, 200)).trim();
}

/** Fetches every spec (`name` or `name@version`), in batches, `parallel` batches at a time. */
export async function fetchPackages(specs: readonly string[], into: string, parallel = 6, batch = 6): Promise<{ fetched: Fetched[]; failed: FetchFailure[] }> {
  mkdirSync(into, { recursive: true });
  const fetched: Fetched[] = [];
  const failed: FetchFailure[] = [];
  const batches: string[][] = [];
  for (let i = 0; i < specs.length; i += batch) batches.push(specs.slice(i, i + batch));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const group = batches[next++]!;
      try {
        fetched.push(...(await fetchBatch(group, into)));
      } catch {
        // One bad package fails its whole batch: fetch those one at a time to say which.
        for (const spec of group) {
          try {
            fetched.push(...(await fetchBatch([spec], into)));
          } catch (error) {
            failed.push({ name: nameOf(spec), reason: reasonOf(error) });
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  fetched.sort((a, b) => a.name.localeCompare(b.name));
  failed.sort((a, b) => a.name.localeCompare(b.name));
  return { fetched, failed };
}

/** Packages already unpacked in a folder by an earlier run (`--from DIR`), newest version each. */
export function unpackedIn(folder: string): Fetched[] {
  const found = new Map<string, Fetched>();
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const match = /^(aws-sdk-client-[a-z0-9-]+?|aws-sdk)-(\d+\.\d+\.\d+)$/.exec(entry.name);
    if (!match) continue;
    const name = match[1] === "aws-sdk" ? "aws-sdk" : `@aws-sdk/${match[1]!.slice("aws-sdk-".length)}`;
    found.set(name, { name, version: match[2]!, dir: join(folder, entry.name) });
  }
  return [...found.values()];
}
