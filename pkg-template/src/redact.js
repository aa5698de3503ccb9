// Credentials never leak: the one definition of a secret header, and the copies of
// reports and requests that are safe to log, save and show. Used by the package's
// `redact`, `redactRequest` and `isSecretHeader` (every entry), by its CLI (text and
// --json output), and through the package by the review console (www/). Pure JS: it
// needs no wasm, so it works in kyc-preflight/web before `init()` too.

// ── Vendor credential headers ────────────────────────────────────────────────────────
// The headers each vendor's documentation names as its credential (docs/rules.md, the
// `auth_missing` and `api_key_*` rules). The one vendor table of this module: a later
// refactor moves it into the Rust vendor registry (src/), to come from operations().
// Matching is case-insensitive, and every vendor's names count for every report: a
// credential pasted under another vendor's header name is hidden all the same.
const VENDOR_CREDENTIAL_HEADERS = {
  didit: ["x-api-key", "Authorization"], // the API key; `Authorization: Bearer …` is also accepted
  verifa: ["X-API-Key"], // vk_live_… / vk_sandbox_…
  legaltalent: ["Authorization"], // Bearer token
  anycheck: ["Authorization", "X-API-Key"], // the dashboard JWT (Bearer); its API key is refused here, still a secret
};

// ── Any vendor: credentials by convention ────────────────────────────────────────────
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie"];
/** `x-api-key`, `x-apikey`, `api_key`, `x-auth-token`, `client-secret`, … */
const CREDENTIAL_SUFFIX = /(?:api[-_]?key|token|secret)$/;

const SECRET_NAMES = new Set([...CREDENTIAL_HEADERS, ...Object.values(VENDOR_CREDENTIAL_HEADERS).flat().map((n) => n.toLowerCase())]);

/** Whether a header of this name carries a credential (case-insensitive). */
export function isSecretHeader(name) {
  if (typeof name !== "string") return false;
  const lower = name.trim().toLowerCase();
  return SECRET_NAMES.has(lower) || CREDENTIAL_SUFFIX.test(lower);
}

// ── The marker ───────────────────────────────────────────────────────────────────────
// `••••(redacted)`, or `••••(redacted, …cdef)` with the credential's last four characters
// when it is at least 16 characters long (enough to tell two keys apart, never enough to
// use one: 12 or more characters stay hidden). An auth scheme stays visible:
// `Bearer ••••(redacted, …cdef)`. Basic credentials get no hint (their last characters
// are the password's). The bullets are not Latin-1, so a redacted request handed to
// fetch() fails loudly instead of sending a wrong key.
const MARKER = "••••(redacted)";
const HINT_MIN_LENGTH = 16;
const HINT_LENGTH = 4;
const SCHEME = /^(Bearer|Basic|Token|Digest)[ \t]+/i;
const ALREADY = /^••••\(redacted(?:, …[^)]{1,4})?\)$/;

/** The marker for one secret header value. Empty credentials have nothing to hide and stay. */
function hide(value) {
  if (typeof value !== "string") return MARKER;
  const scheme = SCHEME.exec(value);
  const prefix = scheme ? `${scheme[1]} ` : "";
  const credential = scheme ? value.slice(scheme[0].length) : value;
  if (credential.trim() === "" || ALREADY.test(credential)) return value;
  const chars = Array.from(credential);
  const hint = chars.length >= HINT_MIN_LENGTH && !/^basic$/i.test(scheme?.[1] ?? "") ? `, …${chars.slice(-HINT_LENGTH).join("")}` : "";
  return `${prefix}${MARKER.slice(0, -1)}${hint})`;
}

// ── Copies ───────────────────────────────────────────────────────────────────────────

const isPlainObject = (value) => {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Sets an own data property, even one named `__proto__` (JSON.parse makes those). */
function put(target, key, value) {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A copy of the headers with every secret value hidden; anything but an object is copied as is. */
function hideHeaders(headers, seen) {
  if (!isPlainObject(headers)) return copy(headers, seen);
  const out = {};
  for (const name of Object.keys(headers)) put(out, name, isSecretHeader(name) ? hide(headers[name]) : copy(headers[name], seen));
  return out;
}

/** `{ path, headers, body }` or a prepared request, copied, its secret headers hidden. */
function hideRequest(request, seen) {
  if (!isPlainObject(request)) return copy(request, seen);
  const out = {};
  seen.set(request, out);
  for (const key of Object.keys(request)) put(out, key, key === "headers" ? hideHeaders(request.headers, seen) : copy(request[key], seen));
  return out;
}

const isReport = (value) =>
  isPlainObject(value) && typeof value.ok === "boolean" && typeof value.operation === "string" && Array.isArray(value.issues) && "request" in value;

/**
 * A deep copy of plain objects and arrays (cycles and shared parts kept as such), in
 * which every report found has its request's secret headers hidden. Typed arrays and
 * Dates are copied too; other objects (class instances, Maps) are kept as they are.
 */
function copy(value, seen) {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out = [];
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out.push(copy(value[i], seen));
    return out;
  }
  if (ArrayBuffer.isView(value) && typeof value.slice === "function") return value.slice();
  if (value instanceof Date) return new Date(value.getTime());
  if (!isPlainObject(value)) return value;
  const report = isReport(value);
  const out = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) put(out, key, report && key === "request" ? hideRequest(value.request, seen) : copy(value[key], seen));
  return out;
}

/**
 * A copy of a report (or of an array of reports, or of any value holding reports) safe
 * to log: every secret header of each report's `request` is replaced by a marker.
 * Never mutates its argument; values without a report come back as equal copies.
 */
export function redact(value) {
  return copy(value, new Map());
}

/** A copy of a request (`{ path, headers, body }`, or a report's `request`) with its secret headers hidden. */
export function redactRequest(request) {
  return hideRequest(request, new Map());
}
