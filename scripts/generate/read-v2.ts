/**
 * Facts from the final AWS SDK for JavaScript v2 (`aws-sdk@2.1693.0`): its `apis/*.paginators.json`
 * files, in boto3's format, and `apis/metadata.json`, which names each service. The only npm
 * source for `more_results`, multi-token operations, expression tokens and result-key order.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A paginator as boto3's format writes it. */
export interface BotoRule {
  readonly input_token?: string | string[];
  readonly output_token?: string | string[];
  readonly more_results?: string;
  readonly limit_key?: string;
  readonly result_key?: string | string[];
  readonly non_aggregate_keys?: string[];
}

export interface V2Service {
  /** The v2 identifier (`dynamodb`), its class name (`DynamoDB`) and the API file read. */
  readonly id: string;
  readonly name: string;
  readonly file: string;
  /** From the API file's metadata: the same `serviceId` the v3 client has, and the endpoint prefix. */
  readonly serviceId: string | undefined;
  readonly endpointPrefix: string | undefined;
  readonly paginators: Readonly<Record<string, BotoRule>>;
}

/** A boto3 field that may be one string or a list, as a list (empty when absent). */
export function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Lower-case letters and digits only: how names from different sources are matched. */
export function plainName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function readV2(dir: string): { version: string; services: V2Service[] } {
  const apis = join(dir, "apis");
  const metadata = JSON.parse(readFileSync(join(apis, "metadata.json"), "utf8")) as Record<string, { name: string; prefix?: string }>;
  const files = readdirSync(apis).filter((file) => file.endsWith(".paginators.json"));
  const services: V2Service[] = [];
  for (const [id, { name, prefix }] of Object.entries(metadata)) {
    const stem = prefix ?? id;
    // The newest API version of the service: file names end in its date.
    const file = files.filter((candidate) => new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d{4}-\\d{2}-\\d{2}\\.paginators\\.json$`).test(candidate)).sort().pop();
    if (!file) continue;
    const paginators = (JSON.parse(readFileSync(join(apis, file), "utf8")) as { pagination?: Record<string, BotoRule> }).pagination ?? {};
    let api: { serviceId?: string; endpointPrefix?: string } = {};
    try {
      api = (JSON.parse(readFileSync(join(apis, file.replace(".paginators.json", ".min.json")), "utf8")) as { metadata?: typeof api }).metadata ?? {};
    } catch {
      // No API model beside the paginators: match by name only.
    }
    services.push({ id, name, file, serviceId: api.serviceId, endpointPrefix: api.endpointPrefix, paginators });
  }
  return { version: (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version, services };
}
