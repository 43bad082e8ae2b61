/**
 * CORS for a browser page on another origin: the preflight answer, and the headers every answer
 * carries. Any origin is allowed; the SDK's own request headers are allowed (a preflight asking for
 * others gets those too, since the emulator checks no signature); ETag and x-amz-* are exposed so
 * the SDK in a page can read them.
 */
import type { Reply } from "./types.js";

/** What the SDK in a browser sends beyond the CORS-safelisted headers. */
const SDK_HEADERS = ["amz-sdk-invocation-id", "amz-sdk-request", "authorization", "content-type", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token", "x-amz-user-agent"];
const EXPOSED = ["etag", "x-amz-request-id", "x-amz-id-2", "x-amz-bucket-region", "x-amz-version-id", "x-amz-delete-marker", "x-amzn-requestid"];

export function corsHeaders(): Record<string, string> {
  return { "access-control-allow-origin": "*", "access-control-expose-headers": EXPOSED.join(", ") };
}

/** 204 with what the browser asked for allowed: the SDK's headers and any in `requested`. */
export function preflight(requested: string | undefined): Reply {
  const asked = (requested ?? "").split(",").map((name) => name.trim().toLowerCase()).filter(Boolean);
  const allowed = [...new Set([...SDK_HEADERS, ...asked])];
  return {
    status: 204,
    headers: {
      ...corsHeaders(),
      "access-control-allow-methods": "GET, PUT, POST, DELETE, HEAD",
      "access-control-allow-headers": allowed.join(", "),
      "access-control-max-age": "600",
      "content-length": "0",
    },
    body: "",
  };
}
