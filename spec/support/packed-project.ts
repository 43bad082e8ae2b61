/**
 * The package as users get it: built, `npm pack`ed, and installed into an empty project beside
 * the packages a consumer would have (at the versions installed here, so npm's cache serves them).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(".");

export const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** The version of a package installed in this repository. */
export const installed = (pkg: string) => JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")).version as string;

/** A new temporary project with the packed tarball and `packages` (names, at their installed versions) installed. */
export function packedProject(prefix: string, packages: readonly string[]): string {
  const project = mkdtempSync(join(tmpdir(), prefix));
  npm(["run", "build"], root);
  const tarball = npm(["pack", "--silent", "--pack-destination", project], root).trim().split("\n").pop()!;
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }));
  npm(
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", join(project, tarball), ...packages.map((pkg) => `${pkg}@${installed(pkg)}`)],
    project,
  );
  return project;
}
