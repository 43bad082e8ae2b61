/**
 * The seed article's second program: list a bucket a page at a time (two keys a page), waiting for
 * a key press before each next page. The article wrote an async generator around
 * `listObjectsV2` and its `ContinuationToken`; here it is Go style, `next()` and `currentPage()`
 * on a paginator, and a page is requested only after the key press.
 *
 *   npm run example:page-at-a-time          the project's loopback S3 server, a seeded bucket
 *   npx tsx examples/page-at-a-time.ts NAME  your bucket on AWS (credentials from the environment)
 *
 * Any key fetches the next page; q (or Ctrl-C) quits. When stdin is not a terminal, each line read
 * from stdin counts as a key press, and a line "q" or the end of input quits:
 * `printf '\n\nq\n' | npm run example:page-at-a-time`.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { createInterface } from "node:readline";
import { withPaginators } from "aws-paginators";
import { s3ClientFor, startLoopbackServer } from "../emulator/index.js";

/** Resolves true on a key press (or a line, when stdin is not a terminal), false on q or the end of input. */
type WaitForKey = (prompt: string) => Promise<boolean>;

function keyPresses(stdin: NodeJS.ReadStream = process.stdin): { wait: WaitForKey; close(): void } {
  if (stdin.isTTY) {
    stdin.setRawMode(true);
    return {
      wait: (prompt) =>
        new Promise((resolve) => {
          process.stdout.write(prompt);
          stdin.resume();
          stdin.once("data", (data: Buffer) => {
            stdin.pause();
            process.stdout.write("\n");
            const key = data.toString();
            resolve(!(key === "q" || key === "Q" || key === "\u0003" || key === "\u0004"));
          });
        }),
      close: () => {
        stdin.setRawMode(false);
        stdin.pause();
      },
    };
  }
  const reader = createInterface({ input: stdin });
  const lines = reader[Symbol.asyncIterator]();
  return {
    wait: async (prompt) => {
      process.stdout.write(`${prompt}\n`);
      const line = await lines.next();
      return !line.done && line.value.trim().toLowerCase() !== "q";
    },
    close: () => reader.close(),
  };
}

/** Lists `Bucket` a page at a time, asking before each page after the first. */
export async function pageAtATime(client: S3Client, Bucket: string, wait: WaitForKey): Promise<number> {
  const run = withPaginators(client).getPaginator("listObjectsV2").paginate({ Bucket }, { pageSize: 2 });
  let pages = 0;
  while (await run.next()) {
    const keys = (run.currentPage()?.Contents ?? []).map(({ Key }) => Key).join(", ");
    console.log(`page ${++pages}: ${keys}`);
    if (!run.hasMorePages()) break;
    if (!(await wait("Press any key to fetch the next page (q to quit)..."))) {
      // Nothing more was requested; the run could go on later from here.
      console.log(`Stopped. To go on later: { startingToken: "${run.resumeToken}" }`);
      break;
    }
  }
  return pages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const keys = keyPresses();
  const bucket = process.argv[2];
  try {
    if (bucket) {
      await pageAtATime(new S3Client({}), bucket, keys.wait);
    } else {
      const server = await startLoopbackServer();
      try {
        const Bucket = "page-at-a-time";
        server.putObjects(Bucket, ["alpha.txt", "bravo.txt", "charlie.txt", "delta.txt", "echo.txt", "foxtrot.txt", "golf.txt", "hotel.txt", "india.txt"]);
        console.log(`Bucket ${Bucket} on ${server.url} (embedded): 9 keys, 2 a page`);
        await pageAtATime(s3ClientFor(server), Bucket, keys.wait);
      } finally {
        await server.close();
      }
    }
    console.log("Finished");
  } finally {
    keys.close();
  }
}
