#!/usr/bin/env node
/**
 * The `aws-paginate` command. Ctrl-C stops the run between or during requests and prints the
 * token to go on from; a second Ctrl-C ends the process at once.
 */
import { main } from "./main.js";

// The SDK's notice that its 2027 releases need Node.js 22 would be noise on every run's stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const controller = new AbortController();
process.once("SIGINT", () => controller.abort(new Error("interrupted (SIGINT)")));
process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
