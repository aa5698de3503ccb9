// Where each vendor's calls live, for the two parts of the package that take real HTTP
// requests: `preflightFetch` (main entry) and the mock vendor (`kyc-preflight/mock`).
// The write operations come from `operations()` (the core's own table); this module adds
// the GET each operation's context comes from, and the hosts the seed documents name.
// Pure JS, no wasm: it is handed the API it reads from.

/**
 * The vendor's own state JSON, as its GET returns it (api.md, "Context"): the route, the
 * name the context gives it (`{ decision }`, `{ session }`, `{ verification }`) and the
 * member holding its id. The path parameter is named as in the vendor's write operations.
 */
export const STATE_ROUTES = {
  didit: { pathTemplate: "/v3/session/{sessionId}/decision/", context: "decision", idField: "session_id" },
  verifa: { pathTemplate: "/api/v1/sessions/{session_id}", context: "session", idField: "id" },
  legaltalent: { pathTemplate: "/kyc/sessions/{session_id}", context: "session", idField: "session_id" },
  anycheck: { pathTemplate: "/verifications/{id}", context: "verification", idField: "id" },
};

export const PROVIDERS = Object.keys(STATE_ROUTES);

/**
 * The API hosts the seed documents give: Didit's `verification.didit.me`, and Verifa's
 * domain `withverifa.com` (a leading dot: any subdomain of it too). Legal Talent and
 * AnyCheck document no host: their calls are recognised on `baseUrls` only.
 */
export const VENDOR_HOSTS = {
  didit: ["verification.didit.me"],
  verifa: ["withverifa.com", ".withverifa.com"],
  legaltalent: [],
  anycheck: [],
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One path segment as the vendor's router reads it; a malformed escape stays as sent. */
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A path template (`/kyc/sessions/{session_id}`) as a matcher: pathname → params or null. */
export function compileTemplate(template) {
  const names = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name === undefined) return escape(part);
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  const pattern = new RegExp(`^${source}$`);
  return {
    names,
    match(pathname) {
      const found = pattern.exec(pathname);
      if (!found) return null;
      const params = {};
      names.forEach((name, i) => (params[name] = decodeSegment(found[i + 1])));
      return params;
    },
  };
}

/**
 * One provider's routes: its write operations (`kind: "write"`, from `operations()`) and
 * the GET of its state (`kind: "read"`). Each names the path parameter holding the id.
 */
export function providerRoutes(operationList, provider) {
  const routes = operationList
    .filter((op) => op.provider === provider)
    .map((op) => ({ kind: "write", provider, method: op.method, operation: op.id, pathTemplate: op.pathTemplate, ...compileTemplate(op.pathTemplate) }));
  const read = STATE_ROUTES[provider];
  if (read) routes.push({ kind: "read", provider, method: "GET", operation: null, pathTemplate: read.pathTemplate, ...compileTemplate(read.pathTemplate) });
  for (const route of routes) route.idParam = route.names[0];
  return routes;
}

/**
 * The route a request reaches: `{ route, params }`; `{ allowed }` (the methods of the
 * path) when the path exists but not for this method; `null` when no route has the path.
 */
export function matchRoute(routes, method, pathname) {
  const allowed = [];
  for (const route of routes) {
    const params = route.match(pathname);
    if (params === null) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : null;
}

/** Whether `hostname` is one of `hosts` (an entry with a leading dot: any subdomain). */
export function hostMatches(hosts, hostname) {
  const host = hostname.toLowerCase();
  return hosts.some((h) => (h.startsWith(".") ? host.endsWith(h) : host === h));
}
