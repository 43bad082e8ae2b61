// Builds the `aws-paginate` command into dist/cli (run after scripts/build.mjs, which empties
// dist/). The CLI imports the library as "aws-paginators": with no `paths` mapping here, that
// resolves through the package's own "exports" (self-reference) to dist/esm, the same files an
// installed package has, so the command uses the package's build rather than a copy of lib/.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";

if (!existsSync("dist/esm/index.js")) throw new Error("build the library first: node scripts/build.mjs");
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.cli.json"], { stdio: "inherit" });
chmodSync("dist/cli/aws-paginate.js", 0o755);
console.log("built dist/cli (the aws-paginate command)");
