/**
 * The loopback S3 server in a process of its own, so the server's work runs on the other core
 * and not in the timed process. Seeds one bucket and reports its address to the parent over IPC.
 *
 * Arguments: keys latencyMs [maxInFlight] [buckets]: one bucket "bench" by default, else
 * buckets "bucket-0"… with `keys` keys each.
 */
import { startLoopbackServer } from "../emulator/index.js";

const [keys = "100000", latency = "0", maxInFlight = "0", buckets] = process.argv.slice(2);
const server = await startLoopbackServer({
  latencyMs: Number(latency),
  ...(Number(maxInFlight) > 0 ? { maxInFlight: Number(maxInFlight) } : {}),
});
const names = Array.from({ length: Number(keys) }, (_, i) => `key-${String(i).padStart(7, "0")}`);
if (buckets === undefined) server.putObjects("bench", names);
else for (let b = 0; b < Number(buckets); b++) server.putObjects(`bucket-${b}`, names);
process.send!({ url: server.url });
process.on("message", (message) => {
  if (message === "stats") process.send!({ stats: { ...server.stats, log: [] } });
  if (message === "reset-stats") server.resetStats();
});
process.on("disconnect", () => void server.close().then(() => process.exit(0)));
