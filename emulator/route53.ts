/**
 * Route 53 over REST-XML: `GET /2013-04-01/hostedzone/{Id}/rrset?name=&type=&identifier=&maxitems=`
 * (ListResourceRecordSets), paged as Route 53 pages it:
 *
 * - A page holds up to `maxitems` record sets (default 300, and no more than 300 whatever is
 *   asked), in the order route53-zones.ts describes, from the first record at or after
 *   (name, type, identifier).
 * - While more follow, `IsTruncated` is true and `NextRecordName`/`NextRecordType` name the first
 *   record of the next page, with `NextRecordIdentifier` only when that record has a
 *   SetIdentifier. The last page has IsTruncated false and no Next* members.
 * - `type` without `name`, or `identifier` without both, is 400 InvalidInput, as is a type
 *   Route 53 does not know; an unknown zone is 404 NoSuchHostedZone. Errors and throttling
 *   (400 `Throttling`, "Rate exceeded") are Route 53's `<ErrorResponse>` documents.
 */
import { errorResponse, xmlDocumentReply } from "./error-response.js";
import { HostedZones, RECORD_TYPES, sortNameOf, type RecordEntry } from "./route53-zones.js";
import type { Page, Reply, Route, Tokens } from "./types.js";
import { el, optEl } from "./xml.js";

export const ROUTE53_NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";
const API_PREFIX = "/2013-04-01/";
const RRSET_PATH = /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/;
export const ROUTE53_DEFAULT_MAX_ITEMS = 300;

const error = (status: number, code: string, message: string): Reply => errorResponse(ROUTE53_NAMESPACE, status, code, message);
const invalidInput = (message: string): Reply => error(400, "InvalidInput", message);

/** Whether an unsigned request's path is Route 53's (signed ones are told apart by their scope). */
export function isRoute53Path(rawUrl: string): boolean {
  return rawUrl.startsWith(API_PREFIX);
}

export function route53Route(zones: HostedZones, method: string, rawUrl: string): Route {
  const q = rawUrl.indexOf("?");
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1));
  const match = RRSET_PATH.exec(path);
  const operation = match && method === "GET" ? "ListResourceRecordSets" : "Unknown";
  const route = (handle: () => Reply | Page): Route => ({
    operation,
    params: Object.fromEntries(query),
    throttle: () => error(400, "Throttling", "Rate exceeded"),
    internalError: (message: string) => error(500, "InternalFailure", message),
    handle,
  });
  if (!match || method !== "GET") return route(() => error(400, "InvalidAction", `The loopback server does not serve ${method} ${path}`));
  let zoneId: string;
  try {
    zoneId = decodeURIComponent(match[1] as string);
  } catch {
    return route(() => invalidInput("The hosted zone id is not valid URI text"));
  }
  return route(() => listResourceRecordSets(zones, zoneId, query));
}

function recordXml(entry: RecordEntry): string {
  const { seed } = entry;
  const records = seed.ResourceRecords
    ? `<ResourceRecords>${seed.ResourceRecords.map((r) => `<ResourceRecord>${el("Value", r.Value)}</ResourceRecord>`).join("")}</ResourceRecords>`
    : "";
  const alias = seed.AliasTarget
    ? `<AliasTarget>${el("HostedZoneId", seed.AliasTarget.HostedZoneId)}${el("DNSName", seed.AliasTarget.DNSName)}${el("EvaluateTargetHealth", seed.AliasTarget.EvaluateTargetHealth)}</AliasTarget>`
    : "";
  return (
    `<ResourceRecordSet>${el("Name", entry.name)}${el("Type", entry.type)}${optEl("SetIdentifier", entry.setIdentifier)}` +
    `${optEl("Weight", seed.Weight)}${optEl("Region", seed.Region)}${optEl("Failover", seed.Failover)}${optEl("MultiValueAnswer", seed.MultiValueAnswer)}` +
    `${optEl("TTL", seed.TTL)}${records}${alias}</ResourceRecordSet>`
  );
}

function listResourceRecordSets(zones: HostedZones, zoneId: string, query: URLSearchParams): Reply | Page {
  const records = zones.get(zoneId);
  if (!records) return error(404, "NoSuchHostedZone", `No hosted zone found with ID: ${zoneId}`);
  const name = query.get("name");
  const type = query.get("type");
  const identifier = query.get("identifier");
  const rawMax = query.get("maxitems");
  if (type !== null && !RECORD_TYPES.has(type)) {
    return invalidInput(`1 validation error detected: Value '${type}' at 'startRecordType' failed to satisfy constraint: Member must satisfy enum value set: [${[...RECORD_TYPES].join(", ")}]`);
  }
  if (type !== null && name === null) return invalidInput("The input is not valid: a StartRecordType needs a StartRecordName");
  if (identifier !== null && (name === null || type === null)) return invalidInput("The input is not valid: a StartRecordIdentifier needs a StartRecordName and a StartRecordType");
  if (rawMax !== null && (!/^\d{1,10}$/.test(rawMax) || Number(rawMax) < 1)) return invalidInput(`Invalid value for maxitems: ${rawMax}`);
  const maxItems = rawMax === null ? ROUTE53_DEFAULT_MAX_ITEMS : Math.min(Number(rawMax), ROUTE53_DEFAULT_MAX_ITEMS);

  const start = name === null ? 0 : HostedZones.startOf(records, { sortName: sortNameOf(name), type: type ?? "", setIdentifier: identifier ?? "" });
  const end = Math.min(records.length, start + maxItems);
  const page = records.slice(start, end);
  const following = records[end];
  const sent: Record<string, string> = {};
  if (name !== null) sent.NextRecordName = name;
  if (type !== null) sent.NextRecordType = type;
  if (identifier !== null) sent.NextRecordIdentifier = identifier;
  let next: Tokens | undefined;
  if (following) {
    next = { NextRecordName: following.name, NextRecordType: following.type };
    if (following.setIdentifier !== undefined) next = { ...next, NextRecordIdentifier: following.setIdentifier };
  }

  return {
    identity: `ListResourceRecordSets ${zoneId}`,
    tokenNames: ["NextRecordName", "NextRecordType", "NextRecordIdentifier"],
    sent: name === null ? undefined : sent,
    hasFlag: true,
    truncated: following !== undefined,
    next,
    render: (truncated: boolean, tokens: Tokens | undefined) =>
      xmlDocumentReply(ROUTE53_NAMESPACE, "ListResourceRecordSetsResponse", [
        `<ResourceRecordSets>${page.map(recordXml).join("")}</ResourceRecordSets>`,
        el("IsTruncated", truncated),
        optEl("NextRecordName", tokens?.NextRecordName),
        optEl("NextRecordType", tokens?.NextRecordType),
        optEl("NextRecordIdentifier", tokens?.NextRecordIdentifier),
        el("MaxItems", maxItems),
      ]),
  };
}
