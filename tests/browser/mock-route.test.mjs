// A page whose calls to Didit are answered by `kyc-preflight/mock` through Playwright's
// `page.route`, as a headless-browser harness would set it up: the mock runs in this Node
// process, the page is a plain dashboard on 127.0.0.1 calling https://verification.didit.me
// with the browser's own fetch (cross-origin, so CORS preflights go to the mock too). The
// page also wraps fetch with preflightFetch: a refused request is answered in the page and
// never reaches the route.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { root } from "../../scripts/toolchain.mjs";
import { launch, serve } from "./chromium.mjs";

const { createMockVendor } = await import("kyc-preflight/mock");
const decisions = JSON.parse(readFileSync(join(root, "www", "samples", "didit.json"), "utf8")).samples.map((s) => s.state);
const ID = "3f0c2a47-9d1e-4b8a-a7c2-5e61d0b4f9a3"; // In Review: ID declined, liveness in review, address unfinished
const KEY = "page-route-key-5d1e";

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>dashboard</title>
<script type="importmap">{ "imports": { "kyc-preflight": "/pkg/dist/esm/index.js" } }</script>
<script type="module">
  import { canonicalStatus, preflightFetch } from "kyc-preflight";
  const base = "https://verification.didit.me/v3/session/${ID}";
  const headers = { "x-api-key": "${KEY}", "Content-Type": "application/json" };
  const json = async (response) => [response.status, await response.json()];
  try {
    const before = await (await fetch(base + "/decision/", { headers })).json();
    const step = await json(await fetch(base + "/features/feature_liveness_1/update-status/", { method: "PATCH", headers, body: JSON.stringify({ new_status: "Approved" }) }));
    const resubmit = await json(await fetch(base + "/update-status/", { method: "PATCH", headers, body: JSON.stringify({ new_status: "Resubmitted" }) }));
    const again = await json(await fetch(base + "/update-status/", { method: "PATCH", headers, body: JSON.stringify({ new_status: "Resubmitted" }) }));
    const noKey = await json(await fetch(base + "/decision/"));
    const after = await (await fetch(base + "/decision/", { headers })).json();
    const guarded = preflightFetch(fetch);
    const blocked = await json(await guarded(base + "/update-status/", { method: "PATCH", headers, body: JSON.stringify({ new_status: "approved" }) }));
    window.__kp = {
      before: before.status,
      step,
      resubmit,
      again,
      noKey,
      after: { status: after.status, canonical: canonicalStatus("didit", after.status), steps: [after.id_verifications[0].status, after.poa_verifications[0].status, after.liveness_checks[0].status] },
      blocked,
    };
  } catch (error) {
    window.__kpError = String(error && error.stack || error);
  }
</script>`;

describe("page.route answered by the mock (Chromium)", () => {
  let web, browser;
  const routed = [];
  const mock = createMockVendor("didit", { sessions: decisions, apiKeys: [KEY], cors: true });

  before(async () => {
    web = await serve({ pages: { "/dashboard.html": PAGE }, routes: { "/pkg/": join(root, "pkg") } });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    web?.close();
  });

  it("gets the vendor's answers and state changes from the mock; a refused request stays in the page", async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route("https://verification.didit.me/**", async (route) => {
      const req = route.request();
      routed.push(`${req.method()} ${new URL(req.url()).pathname}`);
      const body = req.postDataBuffer();
      const response = await mock.handle(new Request(req.url(), { method: req.method(), headers: req.headers(), body: body && body.length ? body : undefined }));
      const headers = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      await route.fulfill({ status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) });
    });
    await page.goto(`${web.origin}/dashboard.html`);
    await page.waitForFunction(() => "__kp" in window || "__kpError" in window, null, { timeout: 20_000 });
    const { result, error } = await page.evaluate(() => ({ result: window.__kp, error: window.__kpError }));
    assert.equal(error, undefined, `${error}\n${errors.join("\n")}`);

    assert.equal(result.before, "In Review");
    assert.deepEqual(result.step, [200, { session_id: ID, node_id: "feature_liveness_1", feature_type: "KYC", new_status: "Approved" }]);
    assert.deepEqual(result.resubmit, [200, { session_id: ID }]);
    assert.deepEqual(result.again, [400, ["The new status is the same as the current status."]]);
    assert.deepEqual(result.noKey, [403, { detail: "Authentication credentials were not provided or are invalid." }]);
    assert.deepEqual(result.after, { status: "Resubmitted", canonical: "remediation", steps: ["Not Finished", "Resub Requested", "Approved"] });
    assert.deepEqual(result.blocked, [400, { new_status: ['"approved" is not a valid choice.'] }]);

    // The mock saw every call but the refused one, and holds the new state.
    const calls = routed.filter((r) => !r.startsWith("OPTIONS"));
    assert.deepEqual(calls, [
      `GET /v3/session/${ID}/decision/`,
      `PATCH /v3/session/${ID}/features/feature_liveness_1/update-status/`,
      `PATCH /v3/session/${ID}/update-status/`,
      `PATCH /v3/session/${ID}/update-status/`,
      `GET /v3/session/${ID}/decision/`,
      `GET /v3/session/${ID}/decision/`,
    ]);
    assert.equal(mock.state(ID).status, "Resubmitted");
    assert.deepEqual(mock.events.filter((e) => e.type === "webhook").map((e) => e.event), ["data.updated", "status.updated"]);
    assert.ok(!JSON.stringify(mock.events).includes(KEY), "the mock's events hold the key redacted");
    assert.deepEqual(errors, []);
    await page.close();
  });
});
