/**
 * Every TypeScript snippet in the README compiles against the library's source, so the README
 * cannot drift from the code.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(".");
const folder = join(root, ".readme-snippets");

function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe("the README", function () {
  this.timeout(120_000);

  it("has TypeScript snippets that all compile", () => {
    const blocks = snippets(readFileSync(join(root, "README.md"), "utf8"));
    expect(blocks.length).to.be.greaterThan(3);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    blocks.forEach((block, i) => {
      // Snippets import the package by name; here that name is the source.
      const source = block.replaceAll('from "aws-paginators"', 'from "../lib/index.js"');
      writeFileSync(join(folder, `snippet-${String(i + 1).padStart(2, "0")}.ts`), `${source}\nexport {};\n`);
    });
    writeFileSync(
      join(folder, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { noEmit: true, rootDir: "..", noUnusedLocals: false }, include: ["./*.ts"] }),
    );
    try {
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", folder], { encoding: "utf8" });
    } catch (error) {
      throw new Error(`README snippets do not compile:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
