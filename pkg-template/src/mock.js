// `kyc-preflight/mock`: a stateful mock of one vendor, built from the package's own rules.
// It holds the vendor's state JSON (what its GET returns), answers the vendor's write
// operations and those GETs as `Request` → `Response`, judges each write with the stored
// state as its context, and applies an accepted call's effects to that state. Pure JS
// around the API it is handed (entry-mock*.js bind it to the package's own entries), so
// it runs wherever `Request` and `Response` exist: Node 18+, browsers, Service Workers,
// Cloudflare Workers.
//
// What the vendor's documentation gives is used as given; where the seed documents are
// silent the choice is ours, said where it is made ("Chosen:" below), and the same in every
// answer, so a test can rely on it.
import { PROVIDERS, STATE_ROUTES, matchRoute, providerRoutes } from "./routes.js";
import { headersObject, predictedResponse } from "./fetch-guard.js";

const REVIEWER = "kyc-preflight mock";
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The vendor's answer to an id it does not hold (the route exists, the session does not).
 * Verifa's and Legal Talent's are the bodies the core itself predicts for a missing
 * session (tests/js/mock.test.mjs holds them equal). Chosen: Didit's is Django REST
 * Framework's own `Http404` body (its API is DRF; the seed gives none); AnyCheck's is its
 * documented error shape with a `NOT_FOUND` code.
 */
const NOT_FOUND = {
  didit: { status: 404, body: { detail: "Not found." } },
  verifa: { status: 404, body: { error: "not_found", detail: "Session not found.", status_code: 404 } },
  legaltalent: {
    status: 404,
    body: { status: "error", error: { type: "NotFoundError", message: "Session not found.", code: "SESSION_NOT_FOUND" } },
  },
  anycheck: { status: 404, body: { error_code: "NOT_FOUND", message: "Verification not found", errors: [] } },
};

/** The credential a request carries, as each vendor reads it (rules.md, `auth_missing`). */
const CREDENTIAL = {
  didit: (h) => nonEmpty(h.get("x-api-key")) ?? bearer(h), // the API key, or `Authorization: Bearer …`
  verifa: (h) => nonEmpty(h.get("x-api-key")),
  legaltalent: (h) => bearer(h),
  anycheck: (h) => bearer(h), // the dashboard JWT
};

/** Didit steps whose vocabulary has `Resub Requested` (vendors.md); the others go back to `Not Finished`. */
const DIDIT_RESUB_REQUESTED = new Set([
  "nfc_verifications",
  "liveness_checks",
  "face_matches",
  "poa_verifications",
  "aml_screenings",
  "ip_analyses",
  "database_validations",
]);

export function createMockFactory(api) {
  const { PreflightError } = api;

  return function createMockVendor(provider, options) {
    if (!PROVIDERS.includes(provider)) {
      throw new PreflightError("unknown_provider", `unknown provider; expected one of: ${PROVIDERS.join(", ")}`);
    }
    const opts = readOptions(options, PreflightError);
    const { idField } = STATE_ROUTES[provider];
    // The registry's name for the state in `options.context` (`decision`, `session`, …).
    const contextKey = (typeof api.vendors === "function" ? api.vendors().find((v) => v.provider === provider)?.contextKey : undefined) ?? STATE_ROUTES[provider].context;
    const ops = api.operations();
    const routes = providerRoutes(ops, provider);
    const writeOps = routes.filter((r) => r.kind === "write").map((r) => r.operation);
    // Without `apiKeys` the mock asks for no credential: the core's auth rule is turned off.
    const authRules = new Set(api.rules().map((r) => r.id).filter((id) => writeOps.some((op) => id === `${op}.auth_missing`)));
    const severityFor = (operation) => {
      const rule = `${operation}.auth_missing`;
      return opts.apiKeys === null && authRules.has(rule) ? { [rule]: "off" } : undefined;
    };
    const store = new Map();
    const idempotency = new Map();
    const events = [];
    let seq = 0;

    function put(session) {
      if (session === null || typeof session !== "object" || Array.isArray(session) || typeof session[idField] !== "string" || session[idField] === "") {
        throw new PreflightError("invalid_argument", `a ${provider} session must be an object with a string "${idField}"`);
      }
      store.set(session[idField], clone(session));
    }
    for (const session of opts.sessions) put(session);

    function record(event) {
      events.push(event);
      if (opts.onEvent) opts.onEvent(event);
    }

    function answer(status, body, extraHeaders) {
      const response = body === undefined ? predictedResponse({ status, body: null }) : predictedResponse({ status, body });
      for (const [name, value] of Object.entries(extraHeaders ?? {})) response.headers.set(name, value);
      return response;
    }

    /** What the vendor answers this write (or GET) without a valid credential. */
    function unauthorized(route, params, text) {
      const operation = route.operation ?? writeOps.find((op) => ops.find((o) => o.id === op).pathParams.every((p) => p in params));
      const report = api.validate(operation, { path: params, headers: {}, body: text === "" ? undefined : text });
      return report.response ?? { status: 401, body: null };
    }

    /** A missing id: the core's own 404 when the id cannot even be routed, else the vendor's not-found. */
    function notFound(route, params) {
      const operation = route.operation ?? writeOps[0];
      const report = api.validate(operation, { path: params, body: "{}" }, { severity: severityFor(operation) });
      return !report.ok && report.response?.status === 404 ? report.response : NOT_FOUND[provider];
    }

    async function handle(request) {
      const at = ++seq;
      const url = new URL(request.url);
      const method = request.method.toUpperCase();
      const headers = headersObject(request.headers);
      // Under a base path (`/api` for `https://kyc.example.com/api/kyc/sessions/…`), routes start after it.
      const prefixed = opts.basePath === "" || url.pathname.startsWith(`${opts.basePath}/`);
      const found = prefixed ? matchRoute(routes, method, url.pathname.slice(opts.basePath.length)) : null;
      const route = found?.route;
      const params = found?.params ?? {};
      const id = route ? params[route.idParam] : null;
      // Credentials never reach the events in clear: redactRequest hides each secret header.
      record({ type: "request", seq: at, method, path: url.pathname, operation: route?.operation ?? null, headers: api.redactRequest({ headers }).headers });
      const verdict = (status, outcome, extra = {}) =>
        record({ type: "verdict", seq: at, operation: route?.operation ?? null, id, status, outcome, issues: [], effects: [], ...extra });
      const cors = opts.cors ? corsHeaders(request) : undefined;

      if (method === "OPTIONS" && opts.cors) {
        verdict(204, "preflight");
        return new Response(null, { status: 204, headers: cors });
      }
      if (!route) {
        if (found?.allowed) {
          verdict(405, "method_not_allowed");
          return answer(405, undefined, { ...cors, Allow: found.allowed.join(", ") });
        }
        verdict(404, "no_route");
        return answer(404, undefined, cors);
      }
      const text = route.kind === "write" ? await request.text() : "";

      if (opts.apiKeys !== null) {
        const credential = CREDENTIAL[provider](request.headers);
        if (credential === null || !opts.apiKeys.has(credential)) {
          const { status, body } = unauthorized(route, params, text);
          verdict(status, "unauthorized");
          return answer(status, body, cors);
        }
      }

      const idempotencyKey = provider === "verifa" && route.kind === "write" ? nonEmpty(request.headers.get("idempotency-key")) : null;
      const fingerprint = `${method} ${url.pathname}\n${text}`;
      if (idempotencyKey !== null) {
        const kept = idempotency.get(idempotencyKey);
        if (kept && opts.now().getTime() - kept.at < DAY_MS) {
          if (kept.fingerprint !== fingerprint) {
            // vendors.md: reuse with other parameters is a 422 `idempotency_mismatch`; the text is ours.
            const body = { error: "idempotency_mismatch", detail: "This Idempotency-Key was already used with other parameters.", status_code: 422 };
            verdict(422, "idempotency_mismatch");
            return answer(422, body, cors);
          }
          verdict(kept.status, "replayed");
          return answer(kept.status, kept.body, { ...cors, "Idempotent-Replayed": "true" });
        }
      }
      const remember = (status, body) => {
        if (idempotencyKey !== null) idempotency.set(idempotencyKey, { fingerprint, status, body, at: opts.now().getTime() });
      };

      const state = id === null ? undefined : store.get(id);
      if (state === undefined) {
        const { status, body } = notFound(route, params);
        verdict(status, "not_found");
        return answer(status, body, cors);
      }
      if (route.kind === "read") {
        verdict(200, "read");
        return answer(200, clone(state), cors);
      }

      const operation = route.operation;
      const report = api.validate(
        operation,
        { path: params, headers, body: text === "" ? undefined : text },
        { context: { [contextKey]: state }, severity: severityFor(operation) },
      );
      if (!report.ok) {
        // The vendor's answer, exactly. No prediction happens only when the validator itself
        // failed (`internal_error`): a server error, as the vendor's own failure would be.
        const { status, body } = report.response ?? { status: 500, body: null };
        verdict(status, "refused", { issues: report.issues });
        remember(status, body);
        return answer(status, body, cors);
      }
      const next = clone(state);
      const webhooks = apply(provider, operation, next, report, params, opts.now(), api.mergeVerifaMetadata);
      store.set(id, next);
      const { status, body } = success(provider, operation, next, report.request.body, params);
      verdict(status, "applied", { issues: report.issues, effects: report.effects });
      for (const webhook of webhooks) record({ type: "webhook", seq: at, provider, id, ...webhook });
      remember(status, body);
      return answer(status, body, cors);
    }

    return {
      provider,
      handle,
      fetch: (input, init) => handle(new Request(input, init)),
      state: (id) => (store.has(id) ? clone(store.get(id)) : undefined),
      list: () => [...store.values()].map(clone),
      put,
      events,
    };
  };
}

function readOptions(options, PreflightError) {
  const bad = (message) => new PreflightError("invalid_argument", message);
  const out = { sessions: [], apiKeys: null, onEvent: undefined, cors: false, now: () => new Date(), basePath: "" };
  if (options === undefined || options === null) return out;
  if (typeof options !== "object") throw bad("createMockVendor options must be an object");
  const { sessions, apiKeys, onEvent, cors, now, basePath } = options;
  if (basePath !== undefined) {
    if (typeof basePath !== "string" || (basePath !== "" && !/^\/[^?#]*[^/?#]$/.test(basePath))) throw bad('options.basePath must be a path such as "/api" (no trailing slash)');
    out.basePath = basePath;
  }
  if (sessions !== undefined) {
    if (!Array.isArray(sessions)) throw bad("options.sessions must be an array of the vendor's state JSON");
    out.sessions = sessions;
  }
  if (apiKeys !== undefined) {
    if (!Array.isArray(apiKeys) || !apiKeys.every((k) => typeof k === "string" && k !== "")) throw bad("options.apiKeys must be an array of non-empty strings");
    out.apiKeys = new Set(apiKeys);
  }
  if (onEvent !== undefined && typeof onEvent !== "function") throw bad("options.onEvent must be a function");
  if (now !== undefined && typeof now !== "function") throw bad("options.now must be a function returning a Date");
  out.onEvent = onEvent;
  out.cors = Boolean(cors);
  if (now) out.now = now;
  return out;
}

/**
 * The vendor's success answer. Didit's two bodies are documented. Chosen (the seed gives
 * none): Verifa, Legal Talent and AnyCheck answer 200 with the session (verification) as
 * their GET then returns it.
 */
function success(provider, operation, state, body, params) {
  if (operation === "didit.update_session_status") return { status: 200, body: { session_id: state.session_id } };
  if (operation === "didit.update_feature_status") {
    return {
      status: 200,
      body: { session_id: state.session_id, node_id: params.nodeId, feature_type: state.session_kind === "business" ? "KYB" : "KYC", new_status: body.new_status },
    };
  }
  return { status: 200, body: clone(state) };
}

/** Applies an accepted call's effects to `state` (a copy); returns the webhooks it fires. */
function apply(provider, operation, state, report, params, now, mergeMetadata) {
  const body = isObject(report.request.body) ? report.request.body : {};
  const iso = now.toISOString();
  const webhooks = [];
  for (const effect of report.effects) {
    switch (effect.kind) {
      case "status":
        state.status = effect.to;
        break;
      case "steps_reset":
        for (const node of effect.nodes) {
          const step = diditStep(state, node.node_id);
          if (step) step.item.status = DIDIT_RESUB_REQUESTED.has(step.key) ? "Resub Requested" : "Not Finished";
        }
        break;
      case "feature_status": {
        const step = diditStep(state, effect.node_id);
        if (step) step.item.status = effect.to;
        break;
      }
      case "review_entry":
        if (!Array.isArray(state.reviews)) state.reviews = [];
        state.reviews.push({ user: REVIEWER, new_status: body.new_status, comment: typeof body.comment === "string" ? body.comment : body.comment == null ? null : String(body.comment), created_at: iso });
        break;
      case "webhook":
        // The members of Didit's webhook body that the decision supplies.
        webhooks.push({
          event: effect.event,
          payload: {
            session_id: state.session_id,
            status: state.status,
            webhook_type: effect.event,
            ...(operation === "didit.update_feature_status" ? { node_id: params.nodeId } : {}),
            ...(state.vendor_data !== undefined ? { vendor_data: state.vendor_data } : {}),
            ...(state.workflow_id !== undefined ? { workflow_id: state.workflow_id } : {}),
            created_at: Math.floor(now.getTime() / 1000),
          },
        });
        break;
      case "metadata_merged":
        state.metadata = effect.result;
        break;
      case "external_ref":
        state.external_ref = effect.to;
        break;
      case "compliance_status":
        state.compliance_status = effect.to;
        break;
      case "step_status":
        for (const step of Array.isArray(state.steps_data) ? state.steps_data : []) if (isObject(step) && step.step_id === effect.step_id) step.status = effect.to;
        break;
      case "final_decision_cleared":
        state.final_decision = null;
        break;
      case "output_replaced":
        state.output = body.output;
        break;
      default:
        // aml_monitoring_*, email, link_stays_valid, and any effect whose new value the
        // report does not carry (Legal Talent's processing results, a new link): nothing in
        // the state is changed for them; they are in the verdict's `effects`.
        break;
    }
  }
  // Didit's webhook reports the status after the change: fill it in now that all are applied.
  for (const webhook of webhooks) webhook.payload.status = state.status;
  if (provider === "verifa" && isObject(body.metadata) && !report.effects.some((e) => e.kind === "metadata_merged")) {
    // The core reports the merge only when the context had metadata: from none, merge into {}.
    state.metadata = mergeMetadata({}, body.metadata);
  }
  if (operation === "legaltalent.request_corrections" && Array.isArray(body.corrections)) {
    // Chosen: the requested corrections are kept on the session, as sent, with the time.
    if (!Array.isArray(state.corrections)) state.corrections = [];
    for (const correction of body.corrections) state.corrections.push({ ...correction, requested_at: iso });
  }
  // Chosen, as for `output`: a sent `configuration` replaces the stored one.
  if (provider === "anycheck" && isObject(body.configuration)) state.configuration = body.configuration;
  if (Object.hasOwn(state, "updated_at")) state.updated_at = iso;
  return webhooks;
}

/** The Didit step with this node id (`default`: the one without, or the only one), and its array. */
function diditStep(decision, nodeId) {
  const steps = [];
  for (const [key, value] of Object.entries(decision)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) if (isObject(item) && typeof item.status === "string") steps.push({ key, item });
  }
  const exact = steps.find((s) => s.item.node_id === nodeId);
  if (exact || nodeId !== "default") return exact;
  return steps.find((s) => s.item.node_id === undefined) ?? (steps.length === 1 ? steps[0] : undefined);
}

function corsHeaders(request) {
  return {
    "Access-Control-Allow-Origin": request.headers.get("origin") ?? "*",
    "Access-Control-Allow-Methods": "GET, PATCH, POST, PUT, OPTIONS",
    "Access-Control-Allow-Headers": request.headers.get("access-control-request-headers") ?? "*",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

function bearer(headers) {
  const found = /^Bearer[ \t]+(\S.*)$/i.exec(headers.get("authorization") ?? "");
  return found ? found[1].trim() : null;
}

function nonEmpty(value) {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

function clone(value) {
  return typeof structuredClone === "function" ? structuredClone(value) : JSON.parse(JSON.stringify(value));
}
