#!/usr/bin/env node
/**
 * The `aws-paginate` command. Ctrl-C (or SIGTERM, as a job runner stops a job, or SIGHUP, as a
 * closed terminal does) stops the run between or during requests and prints the token to go on
 * from; a second one ends the process at once. The handlers are set before the SDK loads (about
 * 0.3 s), so that a signal then is an interruption too, not a silent end.
 */
import { Interruption } from "./errors.js";

// The SDK's notice that its 2027 releases need Node.js 22 would be noise on every run's stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => controller.abort(new Interruption(signal)));
const { main } = await import("./main.js");
process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
