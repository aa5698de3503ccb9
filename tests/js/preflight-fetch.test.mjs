// `preflightFetch(fetchImpl, options)` from the entry KP_ENTRY picks, around a recording
// fetchImpl: a refused request never reaches it (the answer is the vendor's predicted
// response), an accepted one reaches it once as the prepared request, everything else
// passes through with the very arguments given.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { api, entry } from "./entry.mjs";

const { preflightFetch, validate } = api;
const { createMockVendor } = await import("kyc-preflight/mock");
const sample = (vendor, id) => JSON.parse(readFileSync(new URL(`../../www/samples/${vendor}.json`, import.meta.url), "utf8")).samples.find((s) => s.id === id).state;

const UUID = "3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c";
const DIDIT = "https://verification.didit.me";

/** A fetchImpl that records each call and answers 299 (a status the guard never makes up). */
function recorder() {
  const calls = [];
  const fetchImpl = async (input, init) => {
    calls.push({ input, init });
    return new Response('{"from":"fetchImpl"}', { status: 299, headers: { "Content-Type": "application/json" } });
  };
  return { calls, fetchImpl };
}

/** Refused requests, one or more per operation, with the status the vendor answers. */
const REFUSED = [
  ["didit.update_session_status", `${DIDIT}/v3/session/${UUID}/update-status/`, "PATCH", { "x-api-key": "k" }, { new_status: "approved" }, 400],
  ["didit.update_session_status", `${DIDIT}/v3/session/${UUID}/update-status/`, "PATCH", {}, { new_status: "Approved" }, 403],
  ["didit.update_feature_status", `${DIDIT}/v3/session/${UUID}/features/n1/update-status/`, "PATCH", { "x-api-key": "k" }, { new_status: "Resubmitted" }, 400],
  ["verifa.update_session", "https://api.withverifa.com/api/v1/sessions/ses_1", "PATCH", { "X-API-Key": "vk_live_1" }, { status: "completed" }, 422],
  ["legaltalent.update_session_status", "https://kyc.example.com/api/kyc/sessions/" + UUID, "PATCH", { Authorization: "Bearer t" }, { status: "Approved" }, 400],
  ["legaltalent.request_corrections", "https://kyc.example.com/api/kyc/sessions/" + UUID + "/corrections", "POST", { Authorization: "Bearer t" }, { corrections: [] }, 400],
  ["anycheck.update_verification", `https://anycheck.example.com/verifications/${UUID}`, "PUT", { Authorization: "Bearer j" }, { verification_status: "completed" }, 400],
];
const BASE_URLS = { legaltalent: "https://kyc.example.com/api", anycheck: ["https://anycheck.example.com"] };

const pathOf = (op, url) => {
  const template = api.operations().find((o) => o.id === op).pathTemplate;
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const pattern = new RegExp(`${template.replace(/\{\w+\}/g, "([^/]+)")}$`);
  const found = pattern.exec(new URL(url).pathname);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])]));
};

describe(`preflightFetch (${entry})`, () => {
  it("answers every refused request with the predicted response and never calls fetchImpl", async () => {
    const { calls, fetchImpl } = recorder();
    const guarded = preflightFetch(fetchImpl, { baseUrls: BASE_URLS });
    for (const [op, url, method, headers, body, status] of REFUSED) {
      const response = await guarded(url, { method, headers, body: JSON.stringify(body) });
      const expected = validate(op, { path: pathOf(op, url), headers: Object.fromEntries(new Headers(headers)), body: JSON.stringify(body) }).response;
      assert.equal(response.status, status, op);
      assert.equal(expected.status, status, op);
      const text = await response.text();
      assert.deepEqual(text === "" ? null : JSON.parse(text), expected.body, op);
    }
    assert.equal(calls.length, 0, "no refused request reached fetchImpl");
  });

  it("sends an accepted request once, as the prepared request (aliases resolved, repeats dropped)", async () => {
    const { calls, fetchImpl } = recorder();
    const reports = [];
    const guarded = preflightFetch(fetchImpl, { onReport: (report) => reports.push(report) });
    const url = `${DIDIT}/v3/session/${UUID}/update-status/`;
    const body = { new_status: "Resubmitted", nodes_to_resubmit: [{ node_id: "n1", feature: "ID_VERIFICATION" }, { node_id: "n1", feature: "OCR" }] };
    const response = await guarded(url, { method: "PATCH", headers: { "x-api-key": "secret-key" }, body: JSON.stringify(body) });
    assert.equal(response.status, 299, "fetchImpl's own response comes back");
    assert.equal(calls.length, 1);
    const [{ input, init }] = calls;
    assert.ok(input instanceof Request, "one Request");
    assert.equal(init, undefined);
    assert.equal(input.method, "PATCH");
    assert.equal(input.url, url);
    assert.equal(input.headers.get("x-api-key"), "secret-key");
    assert.equal(input.headers.get("content-type"), "application/json");
    const sent = await input.text();
    assert.equal(sent, reports[0].request.bodyText);
    assert.deepEqual(JSON.parse(sent).nodes_to_resubmit, [{ node_id: "n1", feature: "OCR" }]);
    assert.equal(reports.length, 1);
    assert.equal(reports[0].ok, true);
  });

  it("passes everything else through with the very arguments given", async () => {
    const { calls, fetchImpl } = recorder();
    const guarded = preflightFetch(fetchImpl);
    const init = { method: "GET", headers: { "x-api-key": "k" } };
    const request = new Request("https://example.com/api/v1/sessions/ses_1", { method: "PATCH", body: "{}" });
    const cases = [
      [`${DIDIT}/v3/session/${UUID}/decision/`, init], // a GET
      [`${DIDIT}/v3/session/${UUID}/unknown/`, { method: "PATCH", body: "{}" }], // no such operation
      ["https://example.com/api/v1/sessions/ses_1", { method: "PATCH", body: "{ not json" }], // another host
      [`https://kyc.example.com/api/kyc/sessions/${UUID}`, { method: "PATCH", body: "{}" }], // Legal Talent without baseUrls
      [request, undefined],
    ];
    for (const [input, options] of cases) await guarded(input, options);
    assert.equal(calls.length, cases.length);
    cases.forEach(([input, options], i) => {
      assert.equal(calls[i].input, input, `case ${i}: same input`);
      assert.equal(calls[i].init, options, `case ${i}: same init`);
    });
  });

  it('mode "report" forwards a refused request as it was, after onReport', async () => {
    const { calls, fetchImpl } = recorder();
    const seen = [];
    const guarded = preflightFetch(fetchImpl, { mode: "report", onReport: (report, request) => seen.push([report.ok, report.issues.map((i) => i.rule), request.path]) });
    const response = await guarded(`${DIDIT}/v3/session/${UUID}/update-status/`, { method: "PATCH", headers: { "x-api-key": "k" }, body: '{"new_status":"approved"}' });
    assert.equal(response.status, 299);
    assert.equal(calls.length, 1);
    assert.equal(await calls[0].input.text(), '{"new_status":"approved"}', "the body as it was");
    assert.deepEqual(seen, [[false, ["didit.update_session_status.new_status_choice"], { sessionId: UUID }]]);
  });

  it("judges against the state options.context gives (async), per operation", async () => {
    const { calls, fetchImpl } = recorder();
    const asked = [];
    const decision = sample("didit", "approved");
    const guarded = preflightFetch(fetchImpl, {
      context: async (operation, request) => {
        asked.push([operation, request.path.sessionId, request.method]);
        return { decision };
      },
    });
    const url = `${DIDIT}/v3/session/${decision.session_id}/update-status/`;
    const same = await guarded(url, { method: "PATCH", headers: { "x-api-key": "k" }, body: '{"new_status":"Approved"}' });
    assert.deepEqual([same.status, await same.json()], [400, ["The new status is the same as the current status."]]);
    assert.deepEqual(asked, [["didit.update_session_status", decision.session_id, "PATCH"]]);
    assert.equal(calls.length, 0);
    await guarded(url, { method: "PATCH", headers: { "x-api-key": "k" }, body: '{"new_status":"Declined"}' });
    assert.equal(calls.length, 1);
  });

  it("in front of the mock: a refused request never reaches it, an accepted one changes its state", async () => {
    const decision = sample("didit", "in-review-declined");
    const mock = createMockVendor("didit", { sessions: [decision] });
    const guarded = preflightFetch(mock.fetch, { context: async (_op, request) => ({ decision: await (await mock.fetch(`${DIDIT}/v3/session/${request.path.sessionId}/decision/`)).json() }) });
    const url = `${DIDIT}/v3/session/${decision.session_id}/update-status/`;
    const bad = await guarded(url, { method: "PATCH", headers: { "x-api-key": "k" }, body: '{"new_status":"Resubmitted","nodes_to_resubmit":[{"node_id":"feature_ocr_1","feature":"KYB"}]}' });
    assert.equal(bad.status, 400);
    assert.deepEqual(mock.events.filter((e) => e.type === "request").map((e) => e.method), ["GET"], "only the context GET reached the mock");
    const good = await guarded(url, { method: "PATCH", headers: { "x-api-key": "k" }, body: '{"new_status":"Declined"}' });
    assert.deepEqual(await good.json(), { session_id: decision.session_id });
    assert.equal(mock.state(decision.session_id).status, "Declined");
  });

  it("refuses misuse with PreflightError", () => {
    const misuse = (e) => e.name === "PreflightError" && ["invalid_options", "invalid_argument"].includes(e.code);
    assert.throws(() => preflightFetch(42), misuse);
    assert.throws(() => preflightFetch(fetch, { mode: "warn" }), misuse);
    assert.throws(() => preflightFetch(fetch, { baseUrls: { acme: "https://x.test" } }), misuse);
    assert.throws(() => preflightFetch(fetch, { baseUrls: { anycheck: "not a url" } }), misuse);
    assert.equal(typeof preflightFetch(), "function", "the global fetch by default");
  });
});
