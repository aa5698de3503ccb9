// `kyc-preflight/mock` through `mock.handle(Request)`, as MSW, page.route or a server
// would call it: every operation's success (and the state change its GET then shows),
// the vendor's documented errors (the golden corpus replayed through the mock: each
// refused request must get the native core's predicted response, exactly, and leave the
// state alone), unknown ids, credentials, Verifa's idempotency, and the events.
// Loaded through the entry KP_ENTRY picks (require → the CommonJS mock).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { api, entry } from "./entry.mjs";
import { parseCorpus } from "./golden-replay.mjs";

const { createMockVendor } = entry === "require" ? createRequire(import.meta.url)("kyc-preflight/mock") : await import("kyc-preflight/mock");
const { autoSelectResubmission, canonicalStatus, mergeVerifaMetadata, operations, validate } = api;

const samples = (vendor) => JSON.parse(readFileSync(new URL(`../../www/samples/${vendor}.json`, import.meta.url), "utf8")).samples;
const sample = (vendor, id) => samples(vendor).find((s) => s.id === id).state;
const corpus = parseCorpus(readFileSync(new URL("../golden/reports.jsonl", import.meta.url), "utf8"));

const HOST = { didit: "https://verification.didit.me", verifa: "https://api.withverifa.com", legaltalent: "https://kyc.example.test", anycheck: "https://anycheck.example.test" };
const CONTEXT = { didit: ["decision", "session_id"], verifa: ["session", "id"], legaltalent: ["session", "session_id"], anycheck: ["verification", "id"] };
const KEYS = { didit: { "x-api-key": "didit-key-1" }, verifa: { "X-API-Key": "vk_live_key1" }, legaltalent: { Authorization: "Bearer lt-token-1" }, anycheck: { Authorization: "Bearer jwt-1" } };
const SECRETS = { didit: "didit-key-1", verifa: "vk_live_key1", legaltalent: "lt-token-1", anycheck: "jwt-1" };

/** A JSON client's headers: `Content-Type: application/json` unless the caller names one. */
const json = (headers = {}) => (Object.keys(headers).some((n) => n.toLowerCase() === "content-type") ? headers : { "Content-Type": "application/json", ...headers });

/** One request through the mock, as a JSON client sends it: status, headers and the body (JSON, or text). */
async function call(mock, method, path, { headers = {}, body } = {}) {
  const init = { method, headers: body === undefined ? headers : json(headers) };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await mock.handle(new Request(`${HOST[mock.provider]}${path}`, init));
  assert.ok(response instanceof Response, "handle resolves with a Response");
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

const opPath = (op, params) => operations().find((o) => o.id === op).pathTemplate.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name]));
const getPath = { didit: (id) => `/v3/session/${id}/decision/`, verifa: (id) => `/api/v1/sessions/${id}`, legaltalent: (id) => `/kyc/sessions/${id}`, anycheck: (id) => `/verifications/${id}` };
const read = async (mock, id, headers) => call(mock, "GET", getPath[mock.provider](id), { headers });

describe(`mock vendor (${entry})`, () => {
  it("answers each seeded session's GET with the seed, exactly, for every vendor", async () => {
    for (const vendor of Object.keys(HOST)) {
      const states = samples(vendor).map((s) => s.state);
      const mock = createMockVendor(vendor, { sessions: states });
      assert.equal(mock.list().length, states.length);
      for (const state of states) {
        const id = state[CONTEXT[vendor][1]];
        const got = await read(mock, id);
        assert.equal(got.status, 200, `${vendor} ${id}`);
        assert.deepEqual(got.body, state);
        assert.match(got.headers.get("content-type"), /^application\/json/);
      }
    }
  });

  it("keeps its own copies: the seed and what state() returns cannot change it", async () => {
    const seed = structuredClone(sample("didit", "approved"));
    const mock = createMockVendor("didit", { sessions: [seed] });
    seed.status = "Declined";
    mock.state(seed.session_id).status = "Declined";
    assert.equal(mock.state(seed.session_id).status, "Approved");
    assert.equal((await read(mock, seed.session_id)).body.status, "Approved");
  });

  describe("Didit", () => {
    const base = () => sample("didit", "in-review-declined");

    it("resubmits: 200 {session_id}, the auto-selected steps reset, the status and a review in the GET, a status.updated webhook", async () => {
      const state = base();
      const id = state.session_id;
      const mock = createMockVendor("didit", { sessions: [state], now: () => new Date("2026-01-02T03:04:05Z") });
      const res = await call(mock, "PATCH", `/v3/session/${id}/update-status/`, { body: { new_status: "Resubmitted", comment: "Document expired" } });
      assert.deepEqual(res, { status: 200, body: { session_id: id }, headers: res.headers });
      const after = (await read(mock, id)).body;
      assert.equal(after.status, "Resubmitted");
      const reset = autoSelectResubmission(state).nodes.map((n) => n.node_id);
      assert.deepEqual(reset, ["feature_ocr_1", "feature_poa_1", "feature_liveness_1"]);
      assert.equal(after.id_verifications[0].status, "Not Finished"); // its vocabulary has no Resub Requested
      assert.equal(after.poa_verifications[0].status, "Resub Requested");
      assert.equal(after.liveness_checks[0].status, "Resub Requested");
      assert.equal(after.face_matches[0].status, "Approved", "a step not selected stays");
      assert.deepEqual(after.reviews, [{ user: "kyc-preflight mock", new_status: "Resubmitted", comment: "Document expired", created_at: "2026-01-02T03:04:05.000Z" }]);
      assert.equal(canonicalStatus("didit", after.status), "remediation");
      const webhooks = mock.events.filter((e) => e.type === "webhook");
      assert.deepEqual(webhooks.map((w) => [w.event, w.id, w.payload.status, w.payload.webhook_type]), [["status.updated", id, "Resubmitted", "status.updated"]]);
      // Resubmitting again: the same status is a 400 now, with Didit's bare array.
      const again = await call(mock, "PATCH", `/v3/session/${id}/update-status/`, { body: { new_status: "Resubmitted" } });
      assert.deepEqual([again.status, again.body], [400, ["The new status is the same as the current status."]]);
      assert.equal((await read(mock, id)).body.status, "Resubmitted");
    });

    it("sets one step: 200 with the documented body, the step in the GET, the session status unchanged, data.updated", async () => {
      const state = base();
      const id = state.session_id;
      const mock = createMockVendor("didit", { sessions: [state] });
      const res = await call(mock, "PATCH", `/v3/session/${id}/features/feature_liveness_1/update-status/`, { body: { new_status: "Approved" } });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { session_id: id, node_id: "feature_liveness_1", feature_type: "KYC", new_status: "Approved" });
      const after = (await read(mock, id)).body;
      assert.equal(after.liveness_checks[0].status, "Approved");
      assert.equal(after.status, "In Review");
      assert.deepEqual(mock.events.filter((e) => e.type === "webhook").map((w) => [w.event, w.payload.node_id]), [["data.updated", "feature_liveness_1"]]);
      // The same target again is refused with Didit's string (not list) body; an unknown node is its 404.
      const same = await call(mock, "PATCH", `/v3/session/${id}/features/feature_liveness_1/update-status/`, { body: { new_status: "Approved" } });
      assert.deepEqual([same.status, same.body], [400, { new_status: "The new status is the same as the current status." }]);
      const missing = await call(mock, "PATCH", `/v3/session/${id}/features/feature_nope/update-status/`, { body: { new_status: "Approved" } });
      assert.deepEqual([missing.status, missing.body], [404, { detail: "No feature found with node_id 'feature_nope' in this session." }]);
    });

    it("refuses an API session's step change and a repeated status, and changes nothing", async () => {
      const state = sample("didit", "declined-api");
      const mock = createMockVendor("didit", { sessions: [state] });
      const node = state.features[0].node_id ?? "default";
      const res = await call(mock, "PATCH", `/v3/session/${state.session_id}/features/${node}/update-status/`, { body: { new_status: "Approved" } });
      assert.deepEqual([res.status, res.body], [400, { detail: "Cannot change feature status for API sessions." }]);
      assert.deepEqual(mock.state(state.session_id), state);
      assert.equal(mock.events.filter((e) => e.type === "webhook").length, 0);
    });

    it("answers an unknown session with DRF's 404 and an id its router refuses with a bodiless 404", async () => {
      const mock = createMockVendor("didit", { sessions: [base()] });
      const unknown = "00000000-0000-4000-8000-000000000000";
      assert.deepEqual((await read(mock, unknown)).body, { detail: "Not found." });
      const write = await call(mock, "PATCH", `/v3/session/${unknown}/update-status/`, { body: { new_status: "Approved" } });
      assert.deepEqual([write.status, write.body], [404, { detail: "Not found." }]);
      const malformed = await call(mock, "PATCH", "/v3/session/not-a-uuid/update-status/", { body: { new_status: "Approved" } });
      assert.deepEqual([malformed.status, malformed.body], [404, null]);
      assert.deepEqual(mock.events.filter((e) => e.type === "verdict").map((e) => e.outcome), ["not_found", "not_found", "not_found"]);
    });

    it("answers other paths with 404 and other methods with 405", async () => {
      const state = base();
      const mock = createMockVendor("didit", { sessions: [state] });
      const other = await call(mock, "GET", "/v3/sessions/");
      assert.equal(other.status, 404);
      const method = await call(mock, "DELETE", `/v3/session/${state.session_id}/update-status/`);
      assert.equal(method.status, 405);
      assert.equal(method.headers.get("allow"), "PATCH");
    });
  });

  describe("Verifa", () => {
    it("merges metadata one level deep (null deletes), sets external_ref, and answers with the session", async () => {
      const state = sample("verifa", "completed-live");
      const mock = createMockVendor("verifa", { sessions: [state] });
      const patch = { metadata: { risk_tier: "high", onboarding_channel: null, reviewer: "ana" }, external_ref: "crm-2" };
      const res = await call(mock, "PATCH", `/api/v1/sessions/${state.id}`, { headers: { "X-API-Key": "vk_live_abc" }, body: patch });
      assert.equal(res.status, 200);
      const expected = mergeVerifaMetadata(state.metadata, patch.metadata);
      assert.deepEqual(expected, { crm_account: "10442", risk_tier: "high", reviewer: "ana" });
      assert.deepEqual(res.body.metadata, expected);
      assert.equal(res.body.external_ref, "crm-2");
      assert.deepEqual((await read(mock, state.id)).body, res.body);
    });

    it("merges into a session that had no metadata", async () => {
      const { metadata, ...state } = sample("verifa", "completed-live");
      assert.ok(metadata);
      const mock = createMockVendor("verifa", { sessions: [state] });
      const res = await call(mock, "PATCH", `/api/v1/sessions/${state.id}`, { body: { metadata: { a: 1, b: null } } });
      assert.deepEqual([res.status, res.body.metadata], [200, { a: 1 }]);
    });

    it("refuses a redacted session, a sandbox key on a live session (404), and an unknown field", async () => {
      const redacted = sample("verifa", "failed-redacted");
      const live = sample("verifa", "completed-live");
      const mock = createMockVendor("verifa", { sessions: [redacted, live] });
      const r1 = await call(mock, "PATCH", `/api/v1/sessions/${redacted.id}`, { body: { external_ref: "x" } });
      assert.deepEqual([r1.status, r1.body], [422, { error: "session_redacted", detail: "Sessions that have been redacted cannot be updated.", status_code: 422 }]);
      const r2 = await call(mock, "PATCH", `/api/v1/sessions/${live.id}`, { headers: { "X-API-Key": "vk_sandbox_abc" }, body: { external_ref: "x" } });
      assert.deepEqual([r2.status, r2.body], [404, { error: "not_found", detail: "Session not found.", status_code: 404 }]);
      const r3 = await call(mock, "PATCH", `/api/v1/sessions/${live.id}`, { body: { status: "completed" } });
      assert.equal(r3.status, 422);
      assert.deepEqual(mock.state(live.id), live);
      assert.deepEqual(mock.state(redacted.id), redacted);
    });

    it("replays an Idempotency-Key with the same request and refuses it with another (422)", async () => {
      const state = sample("verifa", "completed-live");
      const mock = createMockVendor("verifa", { sessions: [state] });
      const headers = { "Idempotency-Key": "idem-1" };
      const first = await call(mock, "PATCH", `/api/v1/sessions/${state.id}`, { headers, body: { external_ref: "a" } });
      await call(mock, "PATCH", `/api/v1/sessions/${state.id}`, { body: { external_ref: "b" } });
      const replay = await call(mock, "PATCH", `/api/v1/sessions/${state.id}`, { headers, body: { external_ref: "a" } });
      assert.deepEqual(replay.body, first.body, "the first answer, replayed");
      assert.equal(replay.headers.get("idempotent-replayed"), "true");
      assert.equal(mock.state(state.id).external_ref, "b", "a replay changes nothing");
      const other = await call(mock, "PATCH", `/api/v1/sessions/${state.id}`, { headers, body: { external_ref: "c" } });
      assert.deepEqual([other.status, other.body.error], [422, "idempotency_mismatch"]);
    });
  });

  describe("Legal Talent", () => {
    it("approves from manual_review: status and compliance status in the GET", async () => {
      const state = sample("legaltalent", "manual-review");
      const mock = createMockVendor("legaltalent", { sessions: [state] });
      const res = await call(mock, "PATCH", `/kyc/sessions/${state.session_id}`, { body: { status: "approved", reason: "Checked" } });
      assert.equal(res.status, 200);
      const after = (await read(mock, state.session_id)).body;
      assert.deepEqual([after.status, after.compliance_status], ["approved", "approved"]);
      assert.deepEqual(res.body, after);
      // A status that is not one of the vendor's (stated: exact, lower case) is its 400, exactly as predicted.
      for (const status of ["Rejected", "on_hold"]) {
        const refused = await call(mock, "PATCH", `/kyc/sessions/${state.session_id}`, { body: { status } });
        const predicted = validate("legaltalent.update_session_status", { path: { session_id: state.session_id }, body: { status } }, { context: { session: after } }).response;
        assert.equal(refused.status, 400, status);
        assert.deepEqual(refused.body, predicted.body);
        assert.equal(refused.body.error.code, "INVALID_STATUS");
      }
      assert.equal(mock.state(state.session_id).status, "approved");
    });

    it("requests corrections: steps need correction, the decision is cleared, the request is recorded", async () => {
      const state = sample("legaltalent", "processed-flagged");
      const mock = createMockVendor("legaltalent", { sessions: [state], now: () => new Date("2026-02-03T00:00:00Z") });
      const corrections = [{ step_id: "identity_document", document_types: ["passport"], message: "The photo is blurred" }];
      const res = await call(mock, "POST", `/kyc/sessions/${state.session_id}/corrections`, { body: { corrections } });
      assert.equal(res.status, 200);
      const after = (await read(mock, state.session_id)).body;
      assert.equal(after.status, "awaiting_client_correction");
      assert.equal(after.final_decision, null);
      assert.equal(after.compliance_status, "remediation");
      assert.deepEqual(after.steps_data.map((s) => s.status), state.steps_data.map((s) => (s.step_id === "identity_document" ? "needs_correction" : s.status)));
      assert.deepEqual(after.corrections, [{ ...corrections[0], requested_at: "2026-02-03T00:00:00.000Z" }]);
      const none = await call(mock, "POST", `/kyc/sessions/${state.session_id}/corrections`, { body: { corrections: [] } });
      assert.deepEqual([none.status, none.body.error.code], [400, "CORRECTIONS_REQUIRED"]);
      assert.deepEqual(mock.state(state.session_id), after, "a refused request changes nothing");
    });

    it("answers an unknown session with SESSION_NOT_FOUND, the body the core predicts for it", async () => {
      const mock = createMockVendor("legaltalent", { sessions: [sample("legaltalent", "active")] });
      const res = await read(mock, "00000000-0000-4000-8000-000000000000");
      const predicted = validate(
        "legaltalent.update_session_status",
        { path: { session_id: "not-a-uuid" }, body: { status: "approved" } },
        { severity: { "legaltalent.update_session_status.session_id_format": "error" } },
      ).response;
      assert.deepEqual([res.status, res.body], [predicted.status, predicted.body]);
      const verifa = createMockVendor("verifa");
      const missing = await read(verifa, "ses_none");
      assert.deepEqual([missing.status, missing.body], [404, validate("verifa.update_session", { path: { session_id: "" }, body: {} }).response.body]);
    });
  });

  describe("AnyCheck", () => {
    it("finishes a review: status and output replaced, updated_at moved; a status it does not take changes nothing", async () => {
      const state = sample("anycheck", "need-review-partial");
      const other = sample("anycheck", "completed-verified");
      const mock = createMockVendor("anycheck", { sessions: [state, other], now: () => new Date("2026-03-04T05:06:07Z") });
      const output = { decision: "manual", note: "reviewed" };
      const res = await call(mock, "PUT", `/verifications/${state.id}`, { body: { verification_status: "COMPLETED", output } });
      assert.equal(res.status, 200);
      const after = (await read(mock, state.id)).body;
      assert.deepEqual([after.status, after.output, after.updated_at], ["COMPLETED", output, "2026-03-04T05:06:07.000Z"]);
      const refused = await call(mock, "PUT", `/verifications/${other.id}`, { body: { verification_status: "completed" } });
      assert.deepEqual([refused.status, refused.body.error_code], [400, "INVALID_VALUE"]);
      assert.deepEqual(mock.state(other.id), other);
      const unknown = await read(mock, "00000000-0000-4000-8000-000000000000");
      assert.deepEqual([unknown.status, unknown.body.error_code], [404, "NOT_FOUND"]);
    });
  });

  describe("credentials", () => {
    for (const vendor of Object.keys(HOST)) {
      it(`${vendor}: a missing or unknown credential gets the vendor's ${vendor === "didit" ? 403 : 401}, a known one passes`, async () => {
        const state = samples(vendor)[0].state;
        const id = state[CONTEXT[vendor][1]];
        const mock = createMockVendor(vendor, { sessions: [state], apiKeys: [SECRETS[vendor]] });
        const op = operations().find((o) => o.provider === vendor && o.pathParams.length === 1);
        const path = opPath(op.id, { [op.pathParams[0]]: id });
        const expected = validate(op.id, { path: { [op.pathParams[0]]: id }, headers: {}, body: {} }).response;
        assert.equal(expected.status, vendor === "didit" ? 403 : 401);
        const wrong = Object.fromEntries(Object.entries(KEYS[vendor]).map(([k, v]) => [k, v.replace(SECRETS[vendor], `${SECRETS[vendor]}x`)]));
        for (const headers of [{}, wrong]) {
          for (const [method, p] of [["GET", getPath[vendor](id)], [op.method, path]]) {
            const res = await call(mock, method, p, { headers, body: method === "GET" ? undefined : {} });
            assert.deepEqual([res.status, res.body], [expected.status, expected.body], `${method} with ${JSON.stringify(Object.keys(headers))}`);
          }
        }
        const ok = await read(mock, id, KEYS[vendor]);
        assert.equal(ok.status, 200);
        assert.deepEqual(mock.state(id), state, "nothing changed");
        // The events hold the credential redacted, never in clear.
        const text = JSON.stringify(mock.events);
        assert.ok(!text.includes(SECRETS[vendor]), "no credential in the events");
        assert.match(text, /••••\(redacted/);
      });
    }
  });

  it("serves under a base path when given one, and only there", async () => {
    const state = sample("legaltalent", "active");
    const mock = createMockVendor("legaltalent", { sessions: [state], basePath: "/api" });
    const under = await mock.handle(new Request(`https://kyc.example.test/api/kyc/sessions/${state.session_id}`));
    assert.deepEqual([under.status, (await under.json()).status], [200, "active"]);
    const root = await mock.handle(new Request(`https://kyc.example.test/kyc/sessions/${state.session_id}`));
    assert.equal(root.status, 404);
    assert.equal(mock.events.at(-1).outcome, "no_route");
  });

  it("refuses misuse with PreflightError", () => {
    // The mock is bound to the default (or CommonJS) entry: under ./web its error class is that entry's.
    const misuse = (code) => (e) => e.name === "PreflightError" && e.code === code && (entry === "web" || e instanceof api.PreflightError);
    assert.throws(() => createMockVendor("acme"), misuse("unknown_provider"));
    assert.throws(() => createMockVendor("didit", { sessions: [{ status: "Approved" }] }), misuse("invalid_argument"));
    assert.throws(() => createMockVendor("didit", { apiKeys: "k" }), (e) => e.code === "invalid_argument");
    assert.throws(() => createMockVendor("didit", { basePath: "/api/" }), (e) => e.code === "invalid_argument");
  });

  it("answers CORS preflights when asked to", async () => {
    const state = sample("didit", "approved");
    const mock = createMockVendor("didit", { sessions: [state], cors: true });
    const pre = await mock.handle(new Request(`https://verification.didit.me/v3/session/${state.session_id}/update-status/`, {
      method: "OPTIONS",
      headers: { Origin: "http://127.0.0.1:5173", "Access-Control-Request-Headers": "content-type,x-api-key" },
    }));
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get("access-control-allow-origin"), "http://127.0.0.1:5173");
    assert.equal(pre.headers.get("access-control-allow-headers"), "content-type,x-api-key");
    const get = await read(mock, state.session_id);
    assert.equal(get.headers.get("access-control-allow-origin"), "*");
    const plain = createMockVendor("didit", { sessions: [state] });
    assert.equal((await read(plain, state.session_id)).headers.get("access-control-allow-origin"), null);
  });

  describe("the golden corpus through the mock", () => {
    /**
     * The corpus's requests judged against a vendor state (options: a context only), sent as
     * HTTP to a mock holding that state. The oracle is the loaded package itself, given what
     * the mock is given (the request's headers as HTTP carries them, the body text, the
     * state): refused, the answer is the report's response, exactly, and the state stays;
     * accepted, a 200 and the state moves as the effects say.
     */
    it("gives every refused request the core's predicted response, exactly, and applies every accepted one", async () => {
      let refused = 0;
      let applied = 0;
      const rulesSeen = new Set();
      const problems = [];
      for (const { op, request, options } of corpus) {
        const info = operations().find((o) => o.id === op);
        const [key, idField] = CONTEXT[info.provider];
        if (Object.keys(options).join() !== "context") continue;
        const state = options.context?.[key];
        if (state === null || typeof state !== "object" || Array.isArray(state)) continue;
        const path = request.path;
        if (path === null || typeof path !== "object" || Array.isArray(path)) continue;
        if (!info.pathParams.every((p) => typeof path[p] === "string" && path[p] !== "" && path[p] !== "." && path[p] !== "..")) continue;
        const names = Object.keys(request.headers ?? {}).map((n) => n.toLowerCase());
        if (new Set(names).size !== names.length) continue; // HTTP merges headers of one name
        const id = path[info.pathParams[0]];
        const seeded = { ...state, [idField]: id };
        let req;
        try {
          const headers = request.bodyText === undefined ? request.headers ?? {} : json(request.headers);
          req = new Request(`${HOST[info.provider]}${opPath(op, path)}`, { method: info.method, headers, body: request.bodyText });
        } catch {
          continue; // a header value HTTP cannot carry
        }
        // With headers, the mock checks credentials (the request's own one is known); without, it asks for none.
        const credential = request.headers ? [req.headers.get("x-api-key"), /^Bearer\s+(\S.*)$/i.exec(req.headers.get("authorization") ?? "")?.[1]?.trim()].find((c) => c) : undefined;
        const mock = createMockVendor(info.provider, { sessions: [seeded], apiKeys: request.headers ? [credential ?? "another-key"] : undefined });
        const report = validate(
          op,
          { path, headers: Object.fromEntries(req.headers), body: request.bodyText },
          { context: { [key]: seeded }, severity: request.headers ? undefined : { [`${op}.auth_missing`]: "off" } },
        );
        if (!report.ok && report.response === null) continue; // internal_error: nothing predicted
        const response = await mock.handle(req);
        const text = await response.text();
        const body = text === "" ? null : JSON.parse(text);
        if (report.ok) {
          applied += 1;
          if (response.status !== 200) problems.push({ op, request, expected: 200, got: [response.status, body] });
          const moved = report.effects.find((e) => e.kind === "status");
          if (moved && mock.state(id).status !== moved.to) problems.push({ op, request, expectedStatus: moved.to, got: mock.state(id).status });
          continue;
        }
        refused += 1;
        for (const issue of report.issues) if (issue.severity === "error") rulesSeen.add(issue.rule);
        if (response.status !== report.response.status || JSON.stringify(body) !== JSON.stringify(report.response.body)) {
          problems.push({ op, request, expected: report.response, got: { status: response.status, body } });
        }
        if (JSON.stringify(mock.state(id)) !== JSON.stringify(seeded)) problems.push({ op, request, changed: true });
      }
      assert.deepEqual(problems.slice(0, 3), [], `${problems.length} requests answered otherwise than the core predicts`);
      assert.ok(refused >= 300, `${refused} refused requests replayed`);
      assert.ok(applied >= 200, `${applied} accepted requests replayed`);
      for (const op of new Set(corpus.map((e) => e.op))) assert.ok([...rulesSeen].some((rule) => rule.startsWith(`${op}.`)), `a refused ${op} replayed`);
      // The vendors' stated refusals that depend on the stored state are among them.
      for (const rule of [
        "didit.update_session_status.same_status",
        "didit.update_session_status.current_status_eligible",
        "didit.update_session_status.auto_select_empty",
        "didit.update_feature_status.node_not_found",
        "didit.update_feature_status.api_session",
        "didit.update_feature_status.same_status",
        "verifa.update_session.redacted",
        "verifa.update_session.environment_mismatch",
      ]) {
        assert.ok(rulesSeen.has(rule), `${rule} replayed through the mock`);
      }
    });
  });
});
