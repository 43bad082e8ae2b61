/**
 * Creating the SDK client for a service: the client package is loaded only now, so `--help` and
 * usage errors need no SDK, and a service whose package is not installed says how to install it.
 */
import { CliError, EXIT } from "./errors.js";
import type { Service } from "./services.js";

export interface ClientOptions {
  readonly endpointUrl?: string | undefined;
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
}

/** What the CLI needs of an SDK v3 client. */
export interface SdkClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
  destroy?(): void;
  middlewareStack?: { add(middleware: unknown, options: unknown): void };
  config?: Record<string, unknown>;
}

type ClientClass = new (config: Record<string, unknown>) => SdkClient;

async function loadModule(service: Service): Promise<Record<string, unknown>> {
  try {
    const { commands } = service.table;
    // A table holding command classes (not a loader) has no client class: the package has it.
    return (await (typeof commands === "function" ? commands() : import(service.packageName))) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(
      `${service.name}: cannot load ${service.packageName} (${(error as Error)?.message ?? String(error)}); install it: npm install ${service.packageName}`,
      EXIT.failed,
    );
  }
}

/** The client configuration the options ask for, before `extra` (which wins). */
export function clientConfig(service: Service, options: ClientOptions, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (options.region !== undefined) config.region = options.region;
  if (options.endpointUrl !== undefined) {
    Object.assign(config, { endpoint: options.endpointUrl }, service.endpointConfig);
    // A local endpoint seldom cares about the region, but the SDK refuses to sign without one.
    if (config.region === undefined && !env.AWS_REGION) config.region = "us-east-1";
  }
  return config;
}

/**
 * The bare client class a client package exports: the `…Client` class with a `send()`, named after
 * the service where there are several.
 */
function clientClassOf(module: Record<string, unknown>, serviceId: string): string | undefined {
  const candidates = Object.keys(module).filter(
    (name) => /^[A-Z]\w*Client$/.test(name) && typeof (module[name] as { prototype?: { send?: unknown } })?.prototype?.send === "function",
  );
  const named = `${serviceId.replace(/[^A-Za-z0-9]/g, "")}Client`;
  return candidates.find((name) => name.toLowerCase() === named.toLowerCase()) ?? candidates[0];
}

/**
 * A new client of the service's bare client class. `--profile` sets `AWS_PROFILE`, which the
 * SDK's default credential and region chains read, before the client exists.
 */
export async function createClient(service: Service, options: ClientOptions, extra: Record<string, unknown> = {}): Promise<SdkClient> {
  if (options.profile !== undefined) process.env.AWS_PROFILE = options.profile;
  const module = await loadModule(service);
  const className = service.clientClass ?? clientClassOf(module, service.table.service);
  const Client = className === undefined ? undefined : module[className];
  if (typeof Client !== "function") {
    throw new CliError(`${service.name}: ${service.packageName} has no ${service.clientClass ?? "client class"} export`, EXIT.failed);
  }
  return new (Client as ClientClass)({ ...clientConfig(service, options), ...extra });
}
