/**
 * The library runs wherever the SDK runs (browsers, React Native, Deno, Bun, Lambda), so lib/
 * uses no Node-only API. Node-only code (specs, benches, the CLI) lives outside lib/.
 */
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : [],
  );
}

describe("the library's platform", () => {
  it("uses no Node-only API in lib/", () => {
    const offenders: string[] = [];
    for (const file of sources("lib")) {
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const [pattern, what] of [
        [/\bBuffer\b/, "Buffer"],
        [/from\s+["']node:|require\(["']node:|import\(["']node:/, "a node: import"],
        [/\bprocess\./, "process"],
        [/\b__dirname\b|\b__filename\b/, "__dirname"],
        [/from\s+["'](fs|path|os|http|https|stream|util|crypto|events)["']/, "a Node built-in module"],
      ] as const) {
        if (pattern.test(code)) offenders.push(`${file}: ${what}`);
      }
    }
    expect(offenders).to.deep.equal([]);
  });
});
