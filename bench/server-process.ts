/**
 * The loopback S3 server in a process of its own, so the server's work runs on the other core
 * and not in the timed process. Seeds one bucket and reports its address to the parent over IPC.
 *
 * Arguments: keys latencyMs [maxInFlight]
 */
import { startLoopbackServer } from "../spec/support/loopback/index.js";

const [keys = "100000", latency = "0", maxInFlight] = process.argv.slice(2);
const server = await startLoopbackServer({
  latencyMs: Number(latency),
  ...(maxInFlight === undefined ? {} : { maxInFlight: Number(maxInFlight) }),
});
server.putObjects(
  "bench",
  Array.from({ length: Number(keys) }, (_, i) => `key-${String(i).padStart(7, "0")}`),
);
process.send!({ url: server.url });
process.on("message", (message) => {
  if (message === "stats") process.send!({ stats: { ...server.stats, log: [] } });
  if (message === "reset-stats") server.resetStats();
});
process.on("disconnect", () => void server.close().then(() => process.exit(0)));
