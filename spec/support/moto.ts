/**
 * moto (the Python AWS emulator) for integration specs, on 127.0.0.1 only.
 *
 * - `MOTO_ENDPOINT` set (as `.ci/run` does): that server is used, and left running.
 * - Otherwise, when `python3 -c "import moto.server"` works, one `python3 -m moto.server` is
 *   spawned on a free 127.0.0.1 port for the whole mocha process and killed when mocha is done
 *   (`stopMoto()` from a root `after` hook, and the process `exit` event as a backstop).
 * - moto not importable: `getMoto()` resolves to undefined after printing one line, and the
 *   spec skips itself; under `CI=true` it rejects instead, so CI cannot pass without moto.
 *
 * moto is a pip package (moto[server] 5.2), not an npm one: it is not in package.json.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface Moto {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Wipes every resource of every service (`POST /moto-api/reset`). */
  reset(): Promise<void>;
}

const PYTHON = "python3";
const READY_TIMEOUT_MS = 20_000;

let pending: Promise<Moto | undefined> | undefined;
let child: ChildProcess | undefined;
let backstop = false;

/** The shared moto server, or undefined (spec skips) when moto is not installed outside CI. */
export function getMoto(): Promise<Moto | undefined> {
  pending ??= locate();
  return pending;
}

/**
 * A moto suite's `before` hook: a wiped moto server handed to `prepare`, or the suite skipped when
 * moto is not installed (outside CI). Call it inside the suite's `describe`.
 */
export function beforeMoto(prepare: (moto: Moto) => Promise<void>): void {
  before(async function () {
    this.timeout(60_000);
    const moto = await getMoto();
    if (!moto) return this.skip();
    await moto.reset();
    await prepare(moto);
  });
}

/** Kills the moto this process spawned, if any, at once (it holds nothing to save). Idempotent. */
export function stopMoto(): void {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
}

async function locate(): Promise<Moto | undefined> {
  const given = process.env.MOTO_ENDPOINT;
  if (given) {
    const endpoint = given.replace(/\/+$/, "");
    await waitUntilReady(endpoint, undefined);
    return motoAt(endpoint);
  }
  const probe = spawnSync(PYTHON, ["-c", "import moto.server"], { encoding: "utf8", timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : lastLine(probe.stderr) || `exit status ${String(probe.status)}`;
    const failure = `${PYTHON} -c "import moto.server" failed (${why})`;
    const install = `install moto 5.2 (pip install "moto[server]>=5.2,<5.3") or set MOTO_ENDPOINT`;
    if (process.env.CI === "true") throw new Error(`moto is required under CI=true: ${failure}; ${install}`);
    const message = `moto specs skipped: ${failure}; ${install} to run them`;
    console.log(message);
    return undefined;
  }
  return spawnMoto();
}

function motoAt(endpoint: string): Moto {
  return {
    endpoint,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status} from ${endpoint}/moto-api/reset`);
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function spawnMoto(): Promise<Moto> {
  // The port is free when picked; if another process takes it first, moto exits and we retry.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const started = spawn(PYTHON, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PYTHONUNBUFFERED: "1" },
    });
    child = started;
    if (!backstop) {
      backstop = true;
      // For runs that end without the root `after` hook: a crash, --bail, a SIGTERM. (Ctrl-C in a
      // terminal reaches moto itself: it is in the same process group.)
      process.once("exit", stopMoto);
      process.once("SIGTERM", () => {
        stopMoto();
        process.exit(143);
      });
    }
    // moto logs every request: keep draining both pipes (a full pipe would block it), keep a tail
    // for error messages, and let neither the pipes nor the process keep mocha alive.
    let tail = "";
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-2000);
    };
    started.stdout!.on("data", keep);
    started.stderr!.on("data", keep);
    (started.stdout as unknown as { unref?: () => void }).unref?.();
    (started.stderr as unknown as { unref?: () => void }).unref?.();
    started.unref();
    try {
      await waitUntilReady(endpoint, started, () => tail);
      return motoAt(endpoint);
    } catch (error) {
      lastError = error;
      stopMoto();
    }
  }
  throw lastError;
}

/** Polls `GET /moto-api/` until it answers, for at most READY_TIMEOUT_MS. */
async function waitUntilReady(endpoint: string, process_: ChildProcess | undefined, output: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | undefined;
  process_?.once("exit", (code, signal) => (exited = `exited with ${signal ?? `code ${String(code)}`}`));
  for (;;) {
    if (exited) throw new Error(`moto at ${endpoint} ${exited} before it was ready: ${output().trim() || "(no output)"}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`moto at ${endpoint} did not answer GET /moto-api/ within ${READY_TIMEOUT_MS / 1000} s: ${output().trim() || "(no output)"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function lastLine(text: string | undefined): string {
  return (text ?? "").trim().split("\n").pop() ?? "";
}

