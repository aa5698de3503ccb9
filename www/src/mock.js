// The in-page mock vendors: one per vendor (kyc-preflight/mock), seeded with its samples,
// so a reviewer can send the prepared request and watch the vendor's state come back:
// the mock judges it against the state it holds, answers as the vendor would, applies the
// effects, and the GET that follows is the state the console then shows. Nothing leaves
// the page: the requests are `Request` objects handed to `mock.handle`.
import { redactRequest } from "kyc-preflight";
import { createMockVendor } from "kyc-preflight/mock";
import { OPERATIONS } from "./model.js";
import { VENDORS } from "./vendors.js";

let mocks;

/** Fresh mocks holding every sample (the console's "reset"). */
export function resetMocks() {
  mocks = new Map(VENDORS.map((vendor) => [vendor.id, createMockVendor(vendor.id, { sessions: vendor.samples.map((s) => s.state) })]));
}
resetMocks();

export const mockOf = (vendor) => mocks.get(vendor.id);

/** Every session every mock holds now, with its vendor. */
export const allSessions = () => VENDORS.flatMap((vendor) => mockOf(vendor).list().map((state) => ({ vendor, state })));

/** The URL the in-page requests name: the vendor's documented host, or a placeholder one. */
export const baseUrlOf = (vendor) => vendor.http.baseUrl ?? `https://${vendor.id}.mock.invalid`;

const fill = (template, params) => template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name] ?? ""));

/**
 * Sends one request to the vendor's mock, then GETs the session's state. The mock first
 * takes the state on screen (`put`), so what is judged is what the reviewer sees.
 * `input` is the request as prepared in the form; `report` is its preflight report.
 */
export async function exchange(vendor, operation, input, report, shownState) {
  const mock = mockOf(vendor);
  const op = OPERATIONS.get(operation);
  const id = shownState && typeof shownState === "object" ? shownState[vendor.idField] : undefined;
  if (typeof id === "string" && id !== "") mock.put(shownState);
  // Sent anyway when refused: as a client sends JSON, with `Content-Type: application/json`
  // unless the form names another (the prepared request of an ok report always has it).
  const typed = Object.keys(input.headers ?? {}).some((name) => name.toLowerCase() === "content-type");
  const prepared = report.ok
    ? report.request
    : {
        method: op.method,
        path: fill(op.pathTemplate, input.path ?? {}),
        headers: typed ? input.headers : { "Content-Type": "application/json", ...input.headers },
        bodyText: input.body === undefined ? "" : typeof input.body === "string" ? input.body : JSON.stringify(input.body),
      };
  const from = mock.events.length;
  const base = baseUrlOf(vendor);
  const response = await mock.handle(new Request(base + prepared.path, { method: prepared.method, headers: prepared.headers, body: prepared.bodyText === "" ? undefined : prepared.bodyText }));
  const text = await response.text();
  const sessionId = input.path?.[op.pathParams[0]] ?? id ?? "";
  const statePath = fill(vendor.http.statePath, { id: sessionId });
  const read = await mock.handle(new Request(base + statePath, { headers: input.headers ?? {} }));
  const after = read.status === 200 ? await read.json() : undefined;
  const events = mock.events.slice(from);
  return {
    request: { method: prepared.method, path: prepared.path, headers: redactRequest({ headers: prepared.headers }).headers, bodyText: prepared.bodyText },
    response: { status: response.status, body: parseOrText(text) },
    read: { path: statePath, status: read.status },
    before: shownState,
    after,
    verdict: events.find((e) => e.type === "verdict"),
    webhooks: events.filter((e) => e.type === "webhook"),
  };
}

function parseOrText(text) {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * What changed between two states, as `{ path, from, to }`: leaf values, array items
 * matched by their `node_id` or `step_id` (Didit steps, Legal Talent steps), other arrays
 * by length.
 */
export function stateChanges(before, after) {
  const out = [];
  walk(before, after, "", out);
  return out;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const keyOf = (item) => (isObject(item) ? (typeof item.node_id === "string" ? item.node_id : typeof item.step_id === "string" ? item.step_id : null) : null);

function walk(a, b, path, out) {
  if (Array.isArray(a) && Array.isArray(b)) {
    if ([...a, ...b].every((item) => keyOf(item) !== null)) {
      const keys = [...new Set([...a, ...b].map(keyOf))];
      for (const key of keys) walk(a.find((i) => keyOf(i) === key), b.find((i) => keyOf(i) === key), `${path}[${key}]`, out);
    } else if (a.length !== b.length) {
      out.push({ path, from: `${a.length} item${a.length === 1 ? "" : "s"}`, to: `${b.length} item${b.length === 1 ? "" : "s"}` });
    } else {
      a.forEach((item, i) => walk(item, b[i], `${path}[${i}]`, out));
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) walk(a[key], b[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: path || "(state)", from: a, to: b });
}
