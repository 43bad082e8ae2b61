/**
 * How S3 answers over HTTP: the response headers every answer carries, XML bodies, and error
 * documents (`<Error><Code>…`), which the SDK turns into exceptions named by their Code.
 */
import type { Reply } from "./types.js";
import { document, el, PROLOGUE } from "./xml.js";

let requestCounter = 0;

function s3Headers(extra?: Record<string, string>): Record<string, string> {
  const id = (++requestCounter).toString(16).toUpperCase().padStart(16, "0");
  return {
    "x-amz-request-id": id,
    "x-amz-id-2": `loopback/${id}`,
    server: "AmazonS3",
    ...extra,
  };
}

/** 200 with an XML document. */
export function xmlReply(root: string, children: readonly string[]): Reply {
  return { status: 200, headers: s3Headers({ "content-type": "application/xml" }), body: document(root, children) };
}

/** An answer with no body (HEAD). */
export function emptyReply(status: number, headers?: Record<string, string>): Reply {
  return { status, headers: s3Headers(headers), body: "" };
}

/** An S3 error document. `extra` adds elements such as BucketName or ArgumentName. */
export function s3Error(status: number, code: string, message: string, extra: Record<string, string> = {}): Reply {
  const headers = s3Headers({ "content-type": "application/xml" });
  const children = [el("Code", code), el("Message", message)];
  for (const [name, value] of Object.entries(extra)) children.push(el(name, value));
  children.push(el("RequestId", headers["x-amz-request-id"] as string), el("HostId", headers["x-amz-id-2"] as string));
  return { status, headers, body: `${PROLOGUE}<Error>${children.join("")}</Error>`, error: { code, message } };
}

export const slowDown = (): Reply => s3Error(503, "SlowDown", "Please reduce your request rate.");
export const noSuchBucket = (bucket: string): Reply => s3Error(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket });
export const noSuchUpload = (uploadId: string): Reply =>
  s3Error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", { UploadId: uploadId });
export const notImplemented = (what: string): Reply =>
  s3Error(501, "NotImplemented", `A header or query you provided implies functionality that is not implemented: ${what}`);
export const invalidArgument = (message: string, name?: string, value?: string): Reply =>
  s3Error(400, "InvalidArgument", message, { ...(name === undefined ? {} : { ArgumentName: name }), ...(value === undefined ? {} : { ArgumentValue: value }) });

/** The Owner (or Initiator) element every listing that names one uses. */
export const OWNER_ID = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";
const OWNER_NAME = "loopback";
export function ownerXml(element = "Owner"): string {
  return `<${element}>${el("ID", OWNER_ID)}${el("DisplayName", OWNER_NAME)}</${element}>`;
}
/** The Owner as the SDK parses it: a fresh object each time, as each parsed response has its own. */
export function ownerOutput(): { ID: string; DisplayName: string } {
  return { ID: OWNER_ID, DisplayName: OWNER_NAME };
}
