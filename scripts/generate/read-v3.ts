/**
 * Facts from one v3 client package: its service id, its operations, the paginators it generates
 * (`createPaginator(Client, Command, inputToken, outputToken, pageSizeKey)`), and the members of
 * each operation's request and response types, read from its shipped `.d.ts` files.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Member {
  readonly name: string;
  /** The TypeScript type as written, without `| undefined`. */
  readonly type: string;
  readonly list: boolean;
}

export interface V3Paginator {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly limitKey: string | undefined;
}

export interface V3Client {
  readonly packageName: string;
  readonly version: string;
  /** `config.serviceId`, e.g. "DynamoDB", "Service Catalog". */
  readonly serviceId: string;
  /** The host name's first label in the endpoint rules (`logs`, `cognito-idp`), if found. */
  readonly endpointPrefix: string | undefined;
  readonly operations: ReadonlySet<string>;
  readonly paginators: ReadonlyMap<string, V3Paginator>;
  /** The members of a shape, following `extends`; undefined for an unknown shape. */
  members(shape: string): Member[] | undefined;
  /** The request and response shape names of an operation. */
  shapesOf(operation: string): { input: string | undefined; output: string | undefined };
}

const MEMBER = /^ {4}(\w+)\??: (.+?);$/;

function parseShapes(source: string): Map<string, { extends: string[]; members: Member[] }> {
  const shapes = new Map<string, { extends: string[]; members: Member[] }>();
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const head = /^export interface (\w+)(?: extends ([\w, ]+))? \{(\s*\})?$/.exec(lines[i]!);
    if (!head) continue;
    const members: Member[] = [];
    if (!head[3]) {
      for (i++; i < lines.length && lines[i] !== "}"; i++) {
        const member = MEMBER.exec(lines[i]!);
        if (!member) continue;
        const type = member[2]!.replace(/ \| undefined$/, "");
        members.push({ name: member[1]!, type, list: /\[\]$/.test(type) || /^(readonly )?Array<|^\(.*\)\[\]$/.test(type) });
      }
    }
    shapes.set(head[1]!, { extends: head[2] ? head[2].split(",").map((name) => name.trim()) : [], members });
  }
  return shapes;
}

export function readV3(dir: string): V3Client {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string };
  const types = join(dir, "dist-types");
  const cjs = join(dir, "dist-cjs");
  const configSource = [join(cjs, "runtimeConfig.shared.js"), join(cjs, "index.js")]
    .filter(existsSync)
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
  const serviceId = /serviceId: (?:config\?\.serviceId \?\? |config\.serviceId \?\? )?"([^"]+)"/.exec(configSource)?.[1];
  if (!serviceId) throw new Error(`${pkg.name}: no serviceId found in dist-cjs`);

  const endpointDir = join(dir, "dist-es", "endpoint");
  const hosts = new Map<string, number>();
  if (existsSync(endpointDir)) {
    for (const file of readdirSync(endpointDir)) {
      for (const host of readFileSync(join(endpointDir, file), "utf8").matchAll(/https:\/\/([a-z0-9-]+?)(?:-fips)?\.[{a-z]/g)) {
        hosts.set(host[1]!, (hosts.get(host[1]!) ?? 0) + 1);
      }
    }
  }
  const endpointPrefix = [...hosts].sort((a, b) => b[1] - a[1])[0]?.[0];

  const commandsDir = join(types, "commands");
  const operations = new Set(
    readdirSync(commandsDir)
      .filter((file) => file.endsWith("Command.d.ts"))
      .map((file) => file.slice(0, -"Command.d.ts".length)),
  );

  const paginators = new Map<string, V3Paginator>();
  const paginationDir = join(dir, "dist-es", "pagination");
  const paginationSource = existsSync(paginationDir)
    ? readdirSync(paginationDir)
        .filter((file) => file.endsWith("Paginator.js"))
        .map((file) => readFileSync(join(paginationDir, file), "utf8"))
        .join("\n")
    : "";
  for (const call of paginationSource.matchAll(/createPaginator\(\w+, (\w+)Command, "([^"]*)", "([^"]*)"(?:, "([^"]*)")?\)/g)) {
    paginators.set(call[1]!, { inputToken: call[2]!, outputToken: call[3]!, limitKey: call[4] || undefined });
  }

  const modelsDir = join(types, "models");
  const shapes = parseShapes(
    readdirSync(modelsDir)
      .filter((file) => file.endsWith(".d.ts"))
      .map((file) => readFileSync(join(modelsDir, file), "utf8"))
      .join("\n"),
  );
  const members = (shape: string, seen = new Set<string>()): Member[] | undefined => {
    const found = shapes.get(shape);
    if (!found || seen.has(shape)) return found ? [] : undefined;
    seen.add(shape);
    return [...found.extends.flatMap((parent) => members(parent, seen) ?? []), ...found.members];
  };
  const shapesOf = (operation: string) => {
    const file = join(commandsDir, `${operation}Command.d.ts`);
    if (!existsSync(file)) return { input: undefined, output: undefined };
    const source = readFileSync(file, "utf8");
    return {
      input: new RegExp(`interface ${operation}CommandInput extends (\\w+)`).exec(source)?.[1],
      output: new RegExp(`interface ${operation}CommandOutput extends (\\w+)`).exec(source)?.[1],
    };
  };
  return { packageName: pkg.name, version: pkg.version, serviceId, endpointPrefix, operations, paginators, members: (shape) => members(shape), shapesOf };
}
