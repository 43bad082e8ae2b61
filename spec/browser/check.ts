/**
 * The browser check (`npm run test:browser`, its own step in .ci/run, outside mocha): the packed
 * tarball's library bundled with esbuild for the browser platform, run in headless Chromium
 * (Debian's /usr/bin/chromium, driven by playwright-core; no browser is ever downloaded) against
 * the emulator's S3 on 127.0.0.1 with `cors: true`, on another origin than the page. page.ts does the checking; this prints one
 * line of results and exits 1 on any failure, or when Chromium is missing.
 */
import { copyFileSync, existsSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { startLoopbackServer } from "../../emulator/index.js";
import { packedProject } from "../support/packed-project.js";

const CHROMIUM = "/usr/bin/chromium";
const BUCKET = "browser-check";
// Keys whose UTF-8 byte order differs from UTF-16 order, and a few that need escaping in a URL.
const KEYS = ["a", "a b", "a+b", "a/b/c", "b", "c%d", "d", "e", "f/g", "z", "é", "ö/x", "😀"];

interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(`browser check: ${CHROMIUM} is missing; install it: apt-get install -y --no-install-recommends chromium`);
    return 1;
  }
  const started = Date.now();
  const project = packedProject("aws-paginators-browser-", ["@aws-sdk/client-s3"]);
  const closers: (() => Promise<unknown>)[] = [async () => rmSync(project, { recursive: true, force: true })];
  try {
    const entry = join(project, "page.ts");
    copyFileSync(fileURLToPath(new URL("page.ts", import.meta.url)), entry);
    const bundled = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      platform: "browser",
      format: "esm",
      write: false,
      absWorkingDir: project,
      logLevel: "silent",
    });
    const script = bundled.outputFiles[0]!.contents;

    const s3 = await startLoopbackServer({ cors: true });
    closers.push(() => s3.close());
    s3.putObjects(BUCKET, KEYS);

    const site = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end('<!doctype html><meta charset="utf-8"><title>aws-paginators browser check</title><script type="module" src="/page.js"></script>');
      }
      if (url.pathname === "/page.js") {
        res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
        return res.end(script);
      }
      if (url.pathname === "/fault" && req.method === "POST") {
        s3.inject({ kind: "slow", operation: "ListObjectsV2", delayMs: Number(url.searchParams.get("delayMs") ?? 1000) });
        res.writeHead(204);
        return res.end();
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((done) => site.listen(0, "127.0.0.1", done));
    closers.push(() => new Promise((done) => (site.closeAllConnections(), site.close(done))));
    const { port } = site.address() as AddressInfo;

    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
    closers.push(() => browser.close());
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // Only loopback addresses. Watched, not intercepted: with interception on, Playwright answers
    // CORS preflights itself, and the check would no longer see the browser's own.
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      if (!/^http:\/\/127\.0\.0\.1[:/]/.test(request.url())) elsewhere.push(request.url());
    });
    await page.goto(`http://127.0.0.1:${port}/?${new URLSearchParams({ s3: s3.url, bucket: BUCKET })}`);
    await page.waitForFunction(() => (window as { __results?: unknown }).__results !== undefined, undefined, { timeout: 120_000 });
    const results = (await page.evaluate(() => (window as { __results?: unknown }).__results)) as { checks?: Check[]; error?: string };
    const version = browser.version();

    const checks: Check[] = results.checks ?? [{ name: "the page program", ok: false, detail: results.error }];
    checks.push({ name: "only 127.0.0.1 contacted", ok: elsewhere.length === 0, detail: elsewhere.join(", ") });
    if (pageErrors.length > 0) checks.push({ name: "no uncaught page errors", ok: false, detail: pageErrors.join("; ") });
    // The page and the S3 endpoint are two origins (two ports): every request went through CORS.
    checks.push({ name: "S3 answered a page on another origin", ok: s3.port !== port && s3.stats.requests > 0, detail: `${s3.stats.requests} requests` });
    const failed = checks.filter((check) => !check.ok);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `browser check: Chromium ${version}, bundle ${script.length.toLocaleString("en-US")} B: ${checks.length - failed.length}/${checks.length} passed in ${seconds} s` +
        (failed.length ? `; FAILED: ${failed.map((check) => `${check.name} (${check.detail ?? "no detail"})`).join("; ")}` : ""),
    );
    return failed.length ? 1 : 0;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`browser check: could not run: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  },
);
