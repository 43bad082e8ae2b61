/**
 * IAM over awsQuery: `POST /` with a form body `Action=ListUsers&Version=2010-05-08&…`, answered
 * with `<ListUsersResponse><ListUsersResult>…</ListUsersResult><ResponseMetadata>…`. ListUsers
 * pages as IAM pages it:
 *
 * - `MaxItems` from 1 to 1000 (default 100; anything else is 400 ValidationError); `PathPrefix`
 *   (default "/") keeps the users whose path starts with it.
 * - While more users follow, `IsTruncated` is true and `Marker` is an opaque token (base64 of
 *   where the next page starts); a marker not minted here is 400 InvalidInput. The last page has
 *   IsTruncated false and no Marker.
 * - Errors and throttling (400 `Throttling`, "Rate exceeded") are IAM's `<ErrorResponse>`
 *   documents; an action other than ListUsers is 400 InvalidAction.
 */
import { errorResponse, xmlDocumentReply, xmlRequestId } from "./error-response.js";
import { upperBound } from "./key-order.js";
import type { IamUser, IamUsers } from "./iam-users.js";
import { mintToken, readToken } from "./tokens.js";
import type { Page, Reply, Route, Tokens } from "./types.js";
import { el, optEl } from "./xml.js";

export const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
const VERSION = "2010-05-08";
export const IAM_DEFAULT_MAX_ITEMS = 100;
const MARKER_KIND = "ListUsers";
const PATH_PREFIX = /^\/[\u0021-\u007e]*$/;

const error = (status: number, code: string, message: string): Reply => errorResponse(IAM_NAMESPACE, status, code, message);
const validation = (message: string): Reply => error(400, "ValidationError", message);

/** Whether an unsigned request looks like awsQuery: a form body with an Action. */
export function isQueryRequest(method: string, contentType: string | undefined, body: string): boolean {
  return method === "POST" && (contentType ?? "").startsWith("application/x-www-form-urlencoded") && new URLSearchParams(body).has("Action");
}

export function iamRoute(users: IamUsers, rawBody: string): Route {
  const form = new URLSearchParams(rawBody);
  const action = form.get("Action");
  const params: Record<string, string> = {};
  for (const [name, value] of form) if (name !== "Action" && name !== "Version") params[name] = value;
  const route = (handle: () => Reply | Page): Route => ({
    operation: action ?? "Unknown",
    params,
    throttle: () => error(400, "Throttling", "Rate exceeded"),
    internalError: (message: string) => error(500, "ServiceFailure", message),
    handle,
  });
  if (action === null) return route(() => error(400, "MissingAction", "Missing Action"));
  if (form.get("Version") !== VERSION) return route(() => error(400, "InvalidParameterValue", `Version must be ${VERSION}, got ${String(form.get("Version"))}`));
  if (action !== "ListUsers") return route(() => error(400, "InvalidAction", `Could not find operation ${action} for version ${VERSION}`));
  return route(() => listUsers(users, form));
}

function userXml(user: IamUser): string {
  return (
    `<member>${el("Path", user.path)}${el("UserName", user.userName)}${el("UserId", user.userId)}${el("Arn", user.arn)}` +
    `${el("CreateDate", user.createDate.toISOString())}${optEl("PasswordLastUsed", user.passwordLastUsed?.toISOString())}</member>`
  );
}

function listUsers(store: IamUsers, form: URLSearchParams): Reply | Page {
  const rawMax = form.get("MaxItems");
  let maxItems = IAM_DEFAULT_MAX_ITEMS;
  if (rawMax !== null) {
    maxItems = /^-?\d{1,10}$/.test(rawMax) ? Number(rawMax) : Number.NaN;
    if (!(maxItems >= 1)) return validation(`1 validation error detected: Value '${rawMax}' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    if (maxItems > 1000) return validation(`1 validation error detected: Value '${rawMax}' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000`);
  }
  const pathPrefix = form.get("PathPrefix") ?? "/";
  if (!PATH_PREFIX.test(pathPrefix)) {
    return validation(`1 validation error detected: Value '${pathPrefix}' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*`);
  }
  const marker = form.get("Marker");
  const users = store.users;
  let start = 0;
  if (marker !== null) {
    const after = readToken(marker, MARKER_KIND, 1)?.[0];
    if (typeof after !== "string") return error(400, "InvalidInput", "Invalid Marker");
    start = upperBound(users, (user) => user.folded, after);
  }
  const page: IamUser[] = [];
  let i = start;
  for (; i < users.length; i++) {
    const user = users[i] as IamUser;
    if (!user.path.startsWith(pathPrefix)) continue;
    if (page.length === maxItems) break;
    page.push(user);
  }
  const truncated = i < users.length;
  const last = page[page.length - 1];

  return {
    identity: `ListUsers ${pathPrefix}`,
    tokenNames: ["Marker"],
    sent: marker === null ? undefined : { Marker: marker },
    hasFlag: true,
    truncated,
    next: truncated && last ? { Marker: mintToken(MARKER_KIND, last.folded) } : undefined,
    render: (isTruncated: boolean, tokens: Tokens | undefined) => {
      const id = xmlRequestId();
      const result = `<ListUsersResult><Users>${page.map(userXml).join("")}</Users>${el("IsTruncated", isTruncated)}${optEl("Marker", tokens?.Marker)}</ListUsersResult>`;
      return xmlDocumentReply(IAM_NAMESPACE, "ListUsersResponse", [result, `<ResponseMetadata>${el("RequestId", id)}</ResponseMetadata>`], id);
    },
  };
}
