/**
 * The ```ts blocks of the doc comments in lib/, each compiled as a module of its own that imports
 * from spec/support/example-prelude.ts the names it uses and does not declare.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { typeCheckModules, type ScratchModule } from "./snippets.js";

const root = resolve(".");
const PRELUDE = "spec/support/example-prelude.ts";

/** One ```ts block of a doc comment: where it is (`lib/table.ts:98`) and its code. */
export interface DocExample {
  where: string;
  code: string;
}

export function docExamples(folder = "lib"): DocExample[] {
  const examples: DocExample[] = [];
  for (const file of readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".ts")).sort()) {
    const path = join(folder, file);
    const text = readFileSync(path, "utf8");
    for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
      const lines = comment[0].split("\n").map((line) => line.replace(/^\s*\*? ?/, ""));
      const firstLine = text.slice(0, comment.index).split("\n").length;
      for (let i = 0; i < lines.length; i++) {
        if (lines[i]!.trimEnd() !== "```ts") continue;
        const end = lines.indexOf("```", i + 1);
        if (end < 0) throw new Error(`${path}:${firstLine + i}: a \`\`\`ts block that is never closed`);
        examples.push({ where: `${path}:${firstLine + i}`, code: lines.slice(i + 1, end).join("\n") });
        i = end;
      }
    }
  }
  return examples;
}

/** The names a module declares at its top level (imports included), which the prelude must not shadow. */
function declaredNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      if (namedBindings && ts.isNamedImports(namedBindings)) for (const element of namedBindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

function identifiers(node: ts.Node, into = new Set<string>()): Set<string> {
  if (ts.isIdentifier(node)) into.add(node.text);
  ts.forEachChild(node, (child) => void identifiers(child, into));
  return into;
}

/** Every name the prelude exports, as the compiler resolves them (so `export *` follows lib/index.ts). */
function preludeNames(): Set<string> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram([join(root, PRELUDE)], { ...config!.options, noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(join(root, PRELUDE))!)!;
  return new Set(checker.getExportsOfModule(module).map((symbol) => symbol.name));
}

/**
 * Type-checks every example of lib/'s doc comments; throws with tsc's output (file names carry
 * the example's place in lib/) if any fails. Returns how many there were.
 */
export function compileDocExamples(scratch: string): number {
  const available = preludeNames();
  const modules: ScratchModule[] = docExamples().map(({ where, code }) => {
    const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true);
    const declared = declaredNames(source);
    const wanted = [...identifiers(source)].filter((name) => available.has(name) && !declared.has(name)).sort();
    const imports = wanted.length > 0 ? `import { ${wanted.join(", ")} } from "../${PRELUDE.replace(/\.ts$/, ".js")}";` : "";
    return { name: `${where.replace(/[/:.]/g, "_")}.ts`, text: `${imports} // ${where}\n${code}\nexport {};\n` };
  });
  typeCheckModules(modules, scratch);
  return modules.length;
}
