// Compiled with lib/ under the platform guard's settings, this file must FAIL: it uses Node-only
// globals. If it ever compiles, something (a `/// <reference types="node" />` in a dependency's
// declarations, a `types` entry) has put Node's types in scope, and the guard no longer bites.
export const encoded: string = Buffer.from("canary").toString("base64");
export const home: string | undefined = process.env.HOME;
