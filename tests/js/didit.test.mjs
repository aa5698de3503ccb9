// Didit through the built package: the same rules as the native suite, seen from JS.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UUID, autoSelectResubmission, entry, validate, validateBatch } from "./entry.mjs";

const SESSION = "didit.update_session_status";
const FEATURE = "didit.update_feature_status";
const path = { sessionId: UUID };
const rulesOf = (report) => report.issues.map((i) => i.rule);

describe(`didit via ${entry}`, () => {
  it("accepts a valid approval and prepares the request", () => {
    const report = validate(SESSION, { path, headers: { "x-api-key": "k" }, body: { new_status: "Approved" } });
    assert.equal(report.ok, true);
    assert.deepEqual(report.issues, []);
    assert.equal(report.request.method, "PATCH");
    assert.equal(report.request.path, `/v3/session/${UUID}/update-status/`);
    assert.equal(report.request.bodyText, '{"new_status":"Approved"}');
    assert.deepEqual(report.request.headers, { "Content-Type": "application/json", "x-api-key": "k" });
    assert.deepEqual(report.effects.slice(0, 2), [{ kind: "webhook", event: "status.updated" }, { kind: "review_entry" }]);
  });

  it("answers 403 before any body error, and lists every issue", () => {
    const report = validate(SESSION, { path, headers: {}, body: { new_status: "approved" } });
    assert.equal(report.ok, false);
    assert.deepEqual(report.response, {
      status: 403,
      body: { detail: "Authentication credentials were not provided or are invalid." },
    });
    assert.deepEqual(rulesOf(report).sort(), [
      "didit.update_session_status.auth_missing",
      "didit.update_session_status.new_status_choice",
    ]);
    const choice = report.issues.find((i) => i.rule.endsWith("new_status_choice"));
    assert.equal(choice.hint, 'did you mean "Approved"?');
    assert.deepEqual(choice.path, ["body", "new_status"]);
  });

  it("echoes the bad value only inside the vendor's body", () => {
    const report = validate(SESSION, { path, body: { new_status: "SENTINEL-1234" } });
    assert.deepEqual(report.response, { status: 400, body: { new_status: ['"SENTINEL-1234" is not a valid choice.'] } });
    assert.ok(!JSON.stringify(report.issues).includes("SENTINEL-1234"));
  });

  it("renders per-item errors as DRF does", () => {
    const report = validate(SESSION, {
      path,
      body: { new_status: "Resubmitted", nodes_to_resubmit: [{ node_id: "a", feature: "OCR" }, { node_id: "b", feature: "Bogus" }] },
    });
    assert.equal(report.response.status, 400);
    assert.deepEqual(report.response.body.nodes_to_resubmit[0], {});
    assert.match(report.response.body.nodes_to_resubmit[1].feature[0], /^"Bogus" is not a valid choice\. Valid choices are: OCR, OCR_BACK/);
  });

  it("auto-selects steps in graph order", () => {
    const decision = {
      status: "In Review",
      features: [{ feature: "LIVENESS", node_id: "n2" }, { feature: "OCR", node_id: "n1" }],
      id_verifications: [{ node_id: "n1", status: "Declined" }],
      liveness_checks: [{ node_id: "n2", status: "In Review" }],
      face_matches: [{ node_id: "n3", status: "Approved" }],
    };
    assert.deepEqual(autoSelectResubmission(decision), {
      nodes: [{ node_id: "n2", feature: "LIVENESS" }, { node_id: "n1", feature: "OCR" }],
      issue: null,
    });
    const report = validate(SESSION, { path, body: { new_status: "Resubmitted" } }, { context: { decision } });
    assert.equal(report.ok, true);
    assert.deepEqual(report.effects.find((e) => e.kind === "steps_reset").nodes.map((n) => n.node_id), ["n2", "n1"]);
  });

  it("takes the body as text and as bytes, faithfully", () => {
    const text = '{ "new_status" : "Declined" }';
    const fromText = validate(SESSION, { path, body: text });
    assert.equal(fromText.request.bodyText, text);
    const fromBytes = validate(SESSION, { path, body: new TextEncoder().encode(text) });
    assert.equal(fromBytes.request.bodyText, text);
    const bad = validate(SESSION, { path, body: "{" });
    assert.deepEqual(rulesOf(bad), ["json_syntax"]);
  });

  it("validates a batch in one call, in order", () => {
    const reports = validateBatch(SESSION, [
      { path, body: { new_status: "Approved" } },
      { path, body: "not json" },
      { path, body: '{"new_status":"Declined"}' },
    ]);
    assert.deepEqual(reports.map((r) => r.ok), [true, false, true]);
  });

  it("checks feature update-status against the decision", () => {
    const decision = { session_type: "HOSTED", id_verifications: [{ node_id: "n1", status: "Declined" }] };
    const ok = validate(FEATURE, { path: { sessionId: UUID, nodeId: "n1" }, body: { new_status: "Approved" } }, { context: { decision } });
    assert.equal(ok.ok, true);
    const missing = validate(FEATURE, { path: { sessionId: UUID, nodeId: "zz" }, body: { new_status: "Approved" } }, { context: { decision } });
    assert.deepEqual(missing.response, { status: 404, body: { detail: "No feature found with node_id 'zz' in this session." } });
  });
});
