/** Starts `server-process.ts` as a child and resolves to its URL and a way to stop it. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface ServerProcess {
  readonly url: string;
  stats(): Promise<{ requests: number; maxInFlight: number; throttled: number }>;
  resetStats(): void;
  stop(): void;
}

export function startServerProcess(keys: number, latencyMs: number, maxInFlight = 0, buckets?: number): Promise<ServerProcess> {
  const script = fileURLToPath(new URL("./server-process.ts", import.meta.url));
  const args = [String(keys), String(latencyMs), String(maxInFlight), ...(buckets === undefined ? [] : [String(buckets)])];
  const child = fork(script, args, { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)));
    child.once("message", (message: { url: string }) => {
      child.removeAllListeners("exit");
      resolve({
        url: message.url,
        stats: () =>
          new Promise((done) => {
            child.once("message", (reply: { stats: { requests: number; maxInFlight: number; throttled: number } }) => done(reply.stats));
            child.send("stats");
          }),
        resetStats: () => child.send("reset-stats"),
        stop: () => child.disconnect(),
      });
    });
  });
}
