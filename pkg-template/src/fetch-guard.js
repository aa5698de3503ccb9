// `preflightFetch(fetchImpl, options)`: a `fetch` that validates each request to a known
// vendor operation before it leaves. A call is recognised by its method and path on the
// vendors' documented hosts (routes.js) or on `options.baseUrls`; everything else goes to
// `fetchImpl` untouched. Pure JS around the package's `validate` and `operations`.
import { PROVIDERS, VENDOR_HOSTS, hostMatches, matchRoute, providerRoutes } from "./routes.js";

const MODES = ["block", "report"];

export function createPreflightFetch(api) {
  const { PreflightError } = api;
  let writeRoutes;
  /** The write operations (`operations()`), compiled once, on first use. */
  const routes = () => (writeRoutes ??= PROVIDERS.flatMap((p) => providerRoutes(api.operations(), p).filter((r) => r.kind === "write")));

  return function preflightFetch(fetchImpl, options) {
    const send = fetchImpl === undefined ? globalThis.fetch : fetchImpl;
    if (typeof send !== "function") throw new PreflightError("invalid_argument", "preflightFetch needs a fetch function (or a global fetch)");
    const opts = readOptions(options, PreflightError);

    return async function fetchWithPreflight(input, init) {
      const target = locate(input, init, opts, routes());
      if (target === null) return send(input, init);
      const request = new Request(input, init);
      const text = await request.clone().text();
      const seen = {
        url: request.url,
        method: request.method,
        path: target.params,
        // The caller's own headers: not the `text/plain` a Request adds for a string body.
        headers: headersObject(new Headers(init?.headers !== undefined ? init.headers : target.requestLike ? input.headers : undefined)),
        body: text,
      };
      const context = opts.context ? await opts.context(target.operation, seen) : undefined;
      const validateOptions = context === undefined ? opts.validateOptions : { ...opts.validateOptions, context };
      const report = api.validate(target.operation, { path: seen.path, headers: seen.headers, body: text === "" ? undefined : text }, validateOptions);
      if (opts.onReport) opts.onReport(report, seen);
      if (report.ok) {
        // The prepared request: the text that was judged, aliases resolved and repeats
        // dropped; Content-Type and the caller's headers, once each.
        const headers = new Headers();
        for (const [name, value] of Object.entries(report.request.headers)) headers.set(name, value);
        return send(new Request(request, { headers, body: report.request.bodyText === "" ? null : report.request.bodyText }));
      }
      // No predicted answer only when the validator itself failed (`internal_error`): the
      // request was not judged, so it is not refused; onReport has seen the report.
      if (opts.mode === "report" || report.response === null) return send(request);
      return predictedResponse(report.response);
    };
  };
}

/** The vendor's predicted answer as a `Response`: its status and exact JSON body. */
export function predictedResponse({ status, body }) {
  if (body === null) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** Header names as `Headers` gives them (lower case); the core matches them case-insensitively. */
export function headersObject(headers) {
  const out = {};
  headers.forEach((value, name) => (out[name] = value));
  return out;
}

function readOptions(options, PreflightError) {
  const bad = (message) => new PreflightError("invalid_options", message);
  if (options === undefined || options === null) return { mode: "block", bases: [], validateOptions: undefined };
  if (typeof options !== "object") throw bad("preflightFetch options must be an object");
  const { mode = "block", baseUrls, context, onReport, validateOptions } = options;
  if (!MODES.includes(mode)) throw bad('options.mode must be "block" or "report"');
  for (const [name, fn] of [["context", context], ["onReport", onReport]]) {
    if (fn !== undefined && typeof fn !== "function") throw bad(`options.${name} must be a function`);
  }
  if (validateOptions !== undefined && (validateOptions === null || typeof validateOptions !== "object")) {
    throw bad("options.validateOptions must be an object");
  }
  const bases = [];
  if (baseUrls !== undefined) {
    if (baseUrls === null || typeof baseUrls !== "object") throw bad("options.baseUrls must map providers to base URLs");
    for (const [provider, value] of Object.entries(baseUrls)) {
      if (!PROVIDERS.includes(provider)) throw bad(`options.baseUrls: unknown provider "${provider}"`);
      for (const base of [value].flat()) {
        let url;
        try {
          url = new URL(String(base));
        } catch {
          throw bad(`options.baseUrls.${provider}: not an absolute URL`);
        }
        bases.push({ provider, origin: url.origin, prefix: url.pathname.replace(/\/+$/, "") });
      }
    }
  }
  return { mode, bases, context, onReport, validateOptions };
}

/** The operation and path parameters of a call to a vendor, or null for anything else. */
function locate(input, init, opts, routes) {
  const requestLike = input !== null && typeof input === "object" && typeof input.url === "string" && typeof input.method === "string";
  const method = String(init?.method ?? (requestLike ? input.method : "GET")).toUpperCase();
  if (!routes.some((r) => r.method === method)) return null;
  let url;
  try {
    url = new URL(requestLike ? input.url : String(input), globalThis.location?.href);
  } catch {
    return null; // fetch itself will refuse it
  }
  const candidates = [];
  for (const base of opts.bases) {
    if (url.origin !== base.origin) continue;
    if (url.pathname === base.prefix || url.pathname.startsWith(`${base.prefix}/`)) candidates.push([base.provider, url.pathname.slice(base.prefix.length)]);
  }
  for (const provider of PROVIDERS) if (hostMatches(VENDOR_HOSTS[provider], url.hostname)) candidates.push([provider, url.pathname]);
  for (const [provider, pathname] of candidates) {
    const found = matchRoute(routes.filter((r) => r.provider === provider), method, pathname);
    if (found?.route) return { operation: found.route.operation, params: found.params, requestLike };
  }
  return null;
}
