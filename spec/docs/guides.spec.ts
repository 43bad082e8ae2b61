/**
 * Every TypeScript snippet in the guides under docs/ compiles against the library's source, so
 * the guides cannot drift from the code (as spec/docs/readme.spec.ts does for the README).
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(".");
const docs = join(root, "docs");
const folder = join(root, ".doc-snippets");

function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe("the guides in docs/", function () {
  this.timeout(120_000);

  it("have TypeScript snippets that all compile", () => {
    const guides = readdirSync(docs).filter((name) => name.endsWith(".md"));
    expect(guides).to.include.members(["README.md", "migrating-from-boto3.md", "migrating-from-go.md", "throttling-and-fan-out.md", "tables.md"]);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    let count = 0;
    for (const guide of guides) {
      snippets(readFileSync(join(docs, guide), "utf8")).forEach((block, i) => {
        // Snippets import the package by name; here that name is the source.
        const source = block.replaceAll('from "aws-paginators"', 'from "../lib/index.js"');
        writeFileSync(join(folder, `${guide.replace(/\.md$/, "")}-${String(i + 1).padStart(2, "0")}.ts`), `${source}\nexport {};\n`);
        count++;
      });
    }
    expect(count).to.be.greaterThan(10);
    writeFileSync(
      join(folder, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { noEmit: true, rootDir: "..", noUnusedLocals: false }, include: ["./*.ts"] }),
    );
    try {
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", folder], { encoding: "utf8" });
    } catch (error) {
      throw new Error(`guide snippets do not compile:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
