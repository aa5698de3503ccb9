// MSW v2 (from npm) in Node: `setupServer` with one `http.all` handler per vendor host
// that hands MSW's `request` to `mock.handle`, and Node's own global `fetch` as the client.
// What a front-end test harness does: the app's real fetch calls, the vendor's answers.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { http } from "msw";
import { setupServer } from "msw/node";
import { api, entry } from "./entry.mjs";

const { createMockVendor } = await import("kyc-preflight/mock");
const samples = (vendor) => JSON.parse(readFileSync(new URL(`../../www/samples/${vendor}.json`, import.meta.url), "utf8")).samples.map((s) => s.state);

const didit = createMockVendor("didit", { sessions: samples("didit"), apiKeys: ["didit-test-key"] });
const legaltalent = createMockVendor("legaltalent", { sessions: samples("legaltalent") });
const server = setupServer(
  http.all("https://verification.didit.me/*", ({ request }) => didit.handle(request)),
  http.all("https://kyc.legaltalent.test/*", ({ request }) => legaltalent.handle(request)),
);
const unhandled = [];

describe(`MSW v2 routes fetch to the mock (${entry})`, () => {
  before(() => server.listen({ onUnhandledRequest: (request) => unhandled.push(request.url) }));
  after(() => server.close());

  const key = { "x-api-key": "didit-test-key" };
  const decisionUrl = (id) => `https://verification.didit.me/v3/session/${id}/decision/`;

  it("approves one step, resubmits the session, and the GET shows both", async () => {
    const id = "3f0c2a47-9d1e-4b8a-a7c2-5e61d0b4f9a3";
    const before = await (await fetch(decisionUrl(id), { headers: key })).json();
    assert.equal(before.status, "In Review");
    const step = await fetch(`https://verification.didit.me/v3/session/${id}/features/feature_liveness_1/update-status/`, {
      method: "PATCH",
      headers: { ...key, "Content-Type": "application/json" },
      body: JSON.stringify({ new_status: "Approved", comment: "Live person confirmed" }),
    });
    assert.equal(step.status, 200);
    assert.equal((await step.json()).new_status, "Approved");
    const resubmit = await fetch(`https://verification.didit.me/v3/session/${id}/update-status/`, {
      method: "PATCH",
      headers: { ...key, "Content-Type": "application/json" },
      body: JSON.stringify({ new_status: "Resubmitted" }),
    });
    assert.deepEqual([resubmit.status, await resubmit.json()], [200, { session_id: id }]);
    const now = await (await fetch(decisionUrl(id), { headers: key })).json();
    assert.equal(now.status, "Resubmitted");
    // The approved step is no longer selected; the declined ID and the unfinished address are reset.
    const expected = api.autoSelectResubmission({ ...before, liveness_checks: [{ ...before.liveness_checks[0], status: "Approved" }] }).nodes.map((n) => n.node_id);
    assert.deepEqual(expected, ["feature_ocr_1", "feature_poa_1"]);
    assert.deepEqual([now.id_verifications[0].status, now.poa_verifications[0].status, now.liveness_checks[0].status], ["Not Finished", "Resub Requested", "Approved"]);
    assert.deepEqual(didit.events.filter((e) => e.type === "webhook").map((e) => e.event), ["data.updated", "status.updated"]);
  });

  it("answers the vendor's errors: a bad status, a repeated one, no key, an unknown session", async () => {
    const id = "5b2e8c14-0a7f-4e93-b6d1-7c3f2a9e8d40"; // Approved
    const patch = (body, headers = key) =>
      fetch(`https://verification.didit.me/v3/session/${id}/update-status/`, { method: "PATCH", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const bad = await patch({ new_status: "approved" });
    assert.deepEqual([bad.status, await bad.json()], [400, { new_status: ['"approved" is not a valid choice.'] }]);
    const same = await patch({ new_status: "Approved" });
    assert.deepEqual([same.status, await same.json()], [400, ["The new status is the same as the current status."]]);
    const noKey = await patch({ new_status: "Declined" }, {});
    assert.deepEqual([noKey.status, await noKey.json()], [403, { detail: "Authentication credentials were not provided or are invalid." }]);
    const unknown = await fetch(decisionUrl("00000000-0000-4000-8000-000000000000"), { headers: key });
    assert.deepEqual([unknown.status, await unknown.json()], [404, { detail: "Not found." }]);
    assert.equal(didit.state(id).status, "Approved");
  });

  it("serves a second vendor on its own host: Legal Talent corrections", async () => {
    const id = "61c7a2e9-0f3b-4a58-9d6e-2b8f4c1a0e35"; // approved
    const res = await fetch(`https://kyc.legaltalent.test/kyc/sessions/${id}/corrections`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ corrections: [{ step_id: "proof_of_address", message: "Upload a document from the last 3 months" }] }),
    });
    assert.equal(res.status, 200);
    const session = await (await fetch(`https://kyc.legaltalent.test/kyc/sessions/${id}`)).json();
    assert.equal(session.status, "awaiting_client_correction");
    assert.equal(session.steps_data.find((s) => s.step_id === "proof_of_address").status, "needs_correction");
    assert.equal(api.canonicalStatus("legaltalent", session.status), "remediation");
  });

  it("left no request unhandled", () => {
    assert.deepEqual(unhandled, []);
  });
});
