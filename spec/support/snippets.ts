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

/**
 * Writes every snippet of `files` into a scratch folder (removed after) as a module and
 * type-checks them together; throws with tsc's output if any fails. Returns how many there were.
 */
export function compileSnippets(files: readonly string[], scratch: string): number {
  const folder = join(root, scratch);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  let count = 0;
  try {
    for (const file of files) {
      snippets(readFileSync(file, "utf8")).forEach((block, i) => {
        writeFileSync(join(folder, `${basename(file, ".md")}-${String(i + 1).padStart(2, "0")}.ts`), `${block}\nexport {};\n`);
        count++;
      });
    }
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
  return count;
}
