/**
 * Dev-only: how the generated tables agree with boto3's, read from
 * ../shared/anchors/botocore/all-paginators.json (never copied into the project). Counts
 * coverage of boto3's operations and agreement on tokens, limit key and first result key, and
 * lists every difference.
 */
import { existsSync, readFileSync } from "node:fs";
import type { ServiceModule } from "./data-file.js";
import { asList as list, plainName, type BotoRule } from "./read-v2.js";

export interface Agreement {
  readonly summary: string[];
  readonly details: string[];
}

const pct = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(2)}%`;

export function compareWithBoto3(file: string, modules: readonly ServiceModule[]): Agreement {
  if (!existsSync(file)) throw new Error(`${file} is not there`);
  const boto3 = JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, BotoRule>>;
  const byName = new Map<string, ServiceModule>();
  // boto3 names no other name of the service matches.
  const known: Record<string, string> = { "lex-models": "lex-model-building-service", "lexv2-models": "lex-models-v2", discovery: "application-discovery-service" };
  for (const [boto, ours] of Object.entries(known)) {
    const module = modules.find((candidate) => candidate.name === ours);
    if (module) byName.set(plainName(boto), module);
  }
  // The module's own name first, so that an alias shared by two services does not win.
  for (const module of modules) for (const alias of module.aliases.slice(1)) if (!byName.has(plainName(alias))) byName.set(plainName(alias), module);
  for (const module of modules) byName.set(plainName(module.name), module);
  let total = 0;
  let covered = 0;
  let tokens = 0;
  let limits = 0;
  let results = 0;
  const missingServices: string[] = [];
  const missingOperations: string[] = [];
  const differences: string[] = [];
  for (const [service, operations] of Object.entries(boto3)) {
    const module = byName.get(plainName(service));
    const count = Object.keys(operations).length;
    total += count;
    if (!module) {
      missingServices.push(`${service} (${count})`);
      continue;
    }
    const rules = module.rules;
    for (const [operation, theirs] of Object.entries(operations)) {
      const ours = rules.get(operation);
      if (!ours) {
        missingOperations.push(
          `${service} ${operation}: ${module.operations.has(operation) ? "in the client, but no source pages it" : `not in ${module.packageName}@${module.version}, the newest this registry serves`}`,
        );
        continue;
      }
      covered++;
      const sameTokens = JSON.stringify(ours.inputToken) === JSON.stringify(list(theirs.input_token)) && JSON.stringify(ours.outputToken) === JSON.stringify(list(theirs.output_token));
      const sameLimit = ours.limitKey === theirs.limit_key;
      const sameResult = ours.resultKey[0] === list(theirs.result_key)[0];
      if (sameTokens) tokens++;
      if (sameLimit) limits++;
      if (sameResult) results++;
      if (!sameTokens) differences.push(`- ${module.name} ${operation}: tokens ${ours.inputToken.join(",")} → ${ours.outputToken.join(",")}; boto3 ${list(theirs.input_token).join(",")} → ${list(theirs.output_token).join(",")} (taken from the sources in order of precedence)`);
      if (!sameLimit) {
        const why =
          theirs.limit_key === undefined && module.limitSources.get(operation) === "the request type"
            ? "the request has this page-size member and boto3 names none; pageSize goes there instead of being refused"
            : `taken from ${module.limitSources.get(operation)}`;
        differences.push(`- ${module.name} ${operation}: limit key ${ours.limitKey ?? "none"}; boto3 ${theirs.limit_key ?? "none"} (${why})`);
      }
      if (!sameResult) differences.push(`- ${module.name} ${operation}: first result key ${ours.resultKey[0]}; boto3 ${list(theirs.result_key)[0] ?? "none"} (taken from the sources in order of precedence)`);
    }
  }
  const ours = modules.reduce((sum, module) => sum + module.rules.size, 0);
  return {
    summary: [
      `- boto3's paginated operations available: ${covered} of ${total} (${pct(covered, total)})`,
      `- Operations boto3 does not paginate: ${ours - covered}`,
      `- Agreement with boto3 on the ${covered} shared operations: tokens ${pct(tokens, covered)}, limit key ${pct(limits, covered)}, first result key ${pct(results, covered)}`,
    ],
    details: [
      "## Differences from boto3",
      "",
      ...(differences.length ? differences : ["None."]),
      "",
      "## boto3 services with no table here",
      "",
      ...(missingServices.length ? missingServices.map((entry) => `- ${entry}`) : ["None."]),
      "",
      "## boto3 operations with no rule here",
      "",
      ...(missingOperations.length ? missingOperations.map((entry) => `- ${entry}`) : ["None."]),
    ],
  };
}
