/**
 * Runs a command as a child process, asynchronously (the loopback server answering it lives in
 * this process, so a synchronous spawn would deadlock), with AWS settings for a local endpoint.
 */
import { spawn } from "node:child_process";

export interface ChildResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions {
  /** Written to stdin, which is then closed; stdin is empty when absent. */
  readonly stdin?: string;
  readonly env?: Record<string, string | undefined>;
  /** Called with the child once it is spawned and with every stdout chunk (to signal it, or stop reading). */
  readonly onStdout?: (chunk: string, child: ReturnType<typeof spawn>) => void;
}

/** Dummy credentials and one attempt per request, and nothing from the developer's own AWS setup. */
export function localAwsEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name];
  return {
    ...env,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_MAX_ATTEMPTS: "1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

export function runChild(command: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env: options.env ?? localAwsEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(chunk, child);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.stdin ?? "");
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** `aws-paginate` from source: `node --import tsx cli/aws-paginate.ts …`. */
export function runCli(args: readonly string[], options: ChildOptions = {}): Promise<ChildResult> {
  return runChild(process.execPath, ["--import", "tsx", "cli/aws-paginate.ts", ...args], options);
}

/** The NDJSON lines of an output, parsed. */
export function ndjson(text: string): any[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}
