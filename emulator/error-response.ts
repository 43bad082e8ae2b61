/**
 * The XML error document Route 53 (REST-XML) and IAM (awsQuery) answer with:
 * `<ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error>
 * <RequestId>…</RequestId></ErrorResponse>`. The SDK names its exception after `Code`.
 */
import type { Reply } from "./types.js";
import { document, el } from "./xml.js";

let counter = 0;
/** A request id in the UUID form Route 53 and IAM answer with. */
export function xmlRequestId(): string {
  const hex = (++counter).toString(16).padStart(12, "0");
  return `10000000-0000-4000-8000-${hex}`;
}

/** 200 with an XML document in `namespace`, as `text/xml`. */
export function xmlDocumentReply(namespace: string, root: string, children: readonly string[], requestId = xmlRequestId()): Reply {
  return { status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body: document(root, children, namespace) };
}

/** An `<ErrorResponse>`; `Type` is Sender for 4xx answers and Receiver for 5xx. */
export function errorResponse(namespace: string, status: number, code: string, message: string): Reply {
  const id = xmlRequestId();
  const error = `<Error>${el("Type", status >= 500 ? "Receiver" : "Sender")}${el("Code", code)}${el("Message", message)}</Error>`;
  return { status, headers: { "content-type": "text/xml", "x-amzn-requestid": id }, body: document("ErrorResponse", [error, el("RequestId", id)], namespace) };
}
