#!/usr/bin/env node
/**
 * The `aws-paginate` command. Ctrl-C (or SIGTERM, as a job runner stops a job) stops the run
 * between or during requests and prints the token to go on from; a second one ends the process at once.
 */
import { Interruption } from "./errors.js";
import { main } from "./main.js";

// The SDK's notice that its 2027 releases need Node.js 22 would be noise on every run's stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort(new Interruption(signal)));
process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
