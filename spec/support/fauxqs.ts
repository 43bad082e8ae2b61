/**
 * fauxqs (an in-memory SNS/SQS/S3 emulator on npm) run inside the spec process.
 *
 * fauxqs's own `startFauxqs()` and CLI listen on every interface (0.0.0.0), so this builds its
 * Fastify app with `buildApp()` and listens on 127.0.0.1 only, on a port the OS picks.
 *
 * Use it for S3 ListObjects (v1 and v2) only: it ignores bucket versioning and answers
 * `?versions` and `?uploads` listings in a way that never ends.
 */
import { buildApp } from "fauxqs";

export interface Fauxqs {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startFauxqs(): Promise<Fauxqs> {
  const app = buildApp({ logger: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const { hostname, port } = new URL(address);
  if (hostname !== "127.0.0.1") {
    await app.close();
    throw new Error(`fauxqs listened on ${address}, not on 127.0.0.1`);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
    },
  };
}
