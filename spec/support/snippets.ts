/**
 * Compiles the ```ts snippets of Markdown files against the library's source, for the specs that
 * keep the README and the guides true to the code. Snippets import the package by name, which
 * tsconfig.json's paths map to lib/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

const root = resolve(".");

export function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** A module to type-check: its file name in the scratch folder, and its text. */
export interface ScratchModule {
  name: string;
  text: string;
}

/**
 * Writes `modules` into a scratch folder at the repository's root (removed after) and type-checks
 * them together with tsconfig.json's settings; throws with tsc's output if any fails.
 */
export function typeCheckModules(modules: readonly ScratchModule[], scratch: string): void {
  const folder = join(root, scratch);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  try {
    for (const { name, text } of modules) writeFileSync(join(folder, name), text);
    writeFileSync(
      join(folder, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { noEmit: true, rootDir: "..", noUnusedLocals: false }, include: ["./*.ts"] }),
    );
    try {
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", folder], { encoding: "utf8" });
    } catch (error) {
      throw new Error(`snippets do not compile:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Type-checks every snippet of `files`, each as a module of its own; throws with tsc's output if
 * any fails. Returns how many there were.
 */
export function compileSnippets(files: readonly string[], scratch: string): number {
  const modules = files.flatMap((file) =>
    snippets(readFileSync(file, "utf8")).map((block, i) => ({
      name: `${basename(file, ".md")}-${String(i + 1).padStart(2, "0")}.ts`,
      text: `${block}\nexport {};\n`,
    })),
  );
  typeCheckModules(modules, scratch);
  return modules.length;
}
