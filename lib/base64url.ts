/**
 * Base64url (RFC 4648 §5, no padding) of UTF-8 text and of bytes, with the platform's
 * `btoa`/`atob`, `TextEncoder` and `TextDecoder`: no `Buffer`, so it runs wherever the SDK runs.
 */

function bytesToBase64url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Throws a `SyntaxError` on text that is not base64url. */
function base64urlToBytes(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new SyntaxError("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export { bytesToBase64url as encodeBytes, base64urlToBytes as decodeBytes };

export function encodeText(text: string): string {
  return bytesToBase64url(new TextEncoder().encode(text));
}

/** Throws on text that is not base64url of valid UTF-8. */
export function decodeText(text: string): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(base64urlToBytes(text));
}
