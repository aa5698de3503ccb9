// The review console's inbox, its in-page mock (send and observe) and its state diagram,
// in headless Chromium: the console is built with `vite build`, served on 127.0.0.1 and
// driven with playwright-core. Expected values come from the package run here in Node
// (canonicalStatus, allowedActions, autoSelectResubmission, validate), never copied.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildConsole, linkPackage } from "../../scripts/start.mjs";
import { root } from "../../scripts/toolchain.mjs";
import { launch, serve } from "./chromium.mjs";

linkPackage();
const kp = await import("kyc-preflight");

const OUT = join(root, "test-output");
const VENDORS = ["didit", "verifa", "legaltalent", "anycheck"];
const samples = (vendor) => JSON.parse(readFileSync(join(root, "www", "samples", `${vendor}.json`), "utf8")).samples;
const sample = (vendor, id) => samples(vendor).find((s) => s.id === id).state;
const ID_FIELD = { didit: "session_id", verifa: "id", legaltalent: "session_id", anycheck: "id" };
const SECRET = "sk-SENTINEL-mock-77c1";

describe("review console: inbox, in-page mock, state diagram (Chromium)", () => {
  let dist, web, browser;
  const errors = [];
  const foreign = [];

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    dist = mkdtempSync(join(tmpdir(), "kp-console-mock-"));
    await buildConsole(dist);
    web = await serve({ routes: { "/": dist } });
    browser = await launch({ viewport: { width: 1366, height: 900 } });
    browser.context.setDefaultTimeout(5000);
  });

  after(async () => {
    await browser?.close();
    web?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  async function open(vendor = "didit") {
    const page = await browser.context.newPage();
    page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (req) => {
      const url = req.url();
      if (!url.startsWith("data:") && new URL(url).origin !== web.origin) foreign.push(url);
    });
    await page.goto(`${web.origin}/?vendor=${vendor}`);
    await page.waitForSelector("body[data-ready]");
    return page;
  }

  const stateOnScreen = async (page) => JSON.parse(await page.inputValue("#state-json"));
  const inboxRows = (page) =>
    page.$$eval("#inbox-table tbody tr", (trs) => trs.map((tr) => ({ vendor: tr.dataset.vendor, id: tr.dataset.id, canonical: tr.dataset.canonical, status: tr.querySelector(".vendor-status").textContent, badge: tr.querySelector(".badge").textContent })));

  it("inbox: every vendor's sessions with their canonical status, filtered by status and vendor, each opening in the review view", async () => {
    const page = await open();
    const expected = VENDORS.flatMap((vendor) =>
      samples(vendor).map(({ state }) => ({ vendor, id: state[ID_FIELD[vendor]], status: state.status, canonical: kp.canonicalStatus(vendor, state.status, state) })),
    );
    const rows = await inboxRows(page);
    assert.equal(rows.length, expected.length);
    const key = (r) => `${r.vendor}|${r.id}`;
    assert.deepEqual(rows.map(key).sort(), expected.map(key).sort());
    for (const row of rows) {
      const want = expected.find((e) => key(e) === key(row));
      assert.equal(row.canonical, want.canonical, key(row));
      assert.equal(row.status, want.status, key(row));
      assert.equal(row.badge, want.canonical.replace("_", " "));
    }
    // What needs a reviewer comes first.
    assert.equal(rows[0].canonical, "manual_review");
    const counts = {};
    for (const e of expected) (counts[e.canonical] ??= []).push(e);
    assert.equal(await page.textContent('button.chip[data-status="manual_review"] .count'), String(counts.manual_review.length));
    assert.ok(Object.keys(counts).length >= 5, Object.keys(counts).join());

    // Filter by status, then by vendor on top of it.
    await page.click('button.chip[data-status="manual_review"]');
    assert.equal(await page.getAttribute('button.chip[data-status="manual_review"]', "aria-pressed"), "true");
    const review = await inboxRows(page);
    assert.deepEqual(review.map(key).sort(), counts.manual_review.map(key).sort());
    assert.deepEqual([...new Set(review.map((r) => r.vendor))].sort(), [...new Set(counts.manual_review.map((r) => r.vendor))].sort());
    assert.ok(new Set(review.map((r) => r.vendor)).size >= 3, "manual review across vendors");
    await page.locator("#inbox").screenshot({ path: join(OUT, "console-inbox.png") });

    await page.selectOption("#inbox-vendor", "legaltalent");
    const lt = await inboxRows(page);
    assert.deepEqual(lt.map(key), counts.manual_review.filter((r) => r.vendor === "legaltalent").map(key));
    await page.click('button.chip[data-status=""]');
    assert.equal((await inboxRows(page)).length, samples("legaltalent").length);

    // A row opens its session in the review view: vendor, state and the row marked.
    const target = samples("legaltalent").find((s) => s.state.status === "awaiting_client_correction").state;
    await page.click(`#inbox-table tr[data-id="${target.session_id}"] button`);
    assert.equal(await page.inputValue("#vendor"), "legaltalent");
    assert.deepEqual(await stateOnScreen(page), target);
    assert.equal(await page.textContent("#vendor-status"), target.status);
    assert.equal(await page.getAttribute(`#inbox-table tr[data-id="${target.session_id}"]`, "aria-current"), "true");
    assert.equal(await page.evaluate(() => document.activeElement.id), "state-h");
    await page.close();
  });

  it("send and observe: approve a Didit step, resubmit, and the mock's state comes back (reset steps, new diagram position, inbox)", async () => {
    const page = await open("didit");
    await page.selectOption("#sample", "in-review-declined");
    const start = sample("didit", "in-review-declined");
    const id = start.session_id;

    // 1. Approve the liveness step (feature update-status) and send it.
    await page.click('button[data-operation="didit.update_feature_status"][data-node-id="feature_liveness_1"][data-target="Approved"]');
    await page.fill('[data-field-path=\'["headers","x-api-key"]\'] input', SECRET);
    assert.equal(await page.getAttribute("#verdict", "class"), "verdict ok");
    await page.click("#send-mock");
    await page.waitForSelector("#mock-status");
    assert.equal(await page.textContent("#mock-status"), "HTTP 200");
    assert.deepEqual(JSON.parse(await page.textContent("#mock-response")), { session_id: id, node_id: "feature_liveness_1", feature_type: "KYC", new_status: "Approved" });
    const afterStep = await stateOnScreen(page);
    assert.equal(afterStep.liveness_checks[0].status, "Approved");
    assert.equal(afterStep.status, "In Review");
    assert.deepEqual(await page.$$eval("#mock-changes li", (lis) => lis.map((li) => li.dataset.path)), ["liveness_checks[feature_liveness_1].status", "reviews"]);
    assert.equal(await page.textContent('table.steps tr[data-node-id="feature_liveness_1"] td'), "Approved");
    assert.equal(await page.textContent("#mock-webhooks code"), "data.updated");

    // 2. Resubmit: the mock picks the steps from the state it now holds.
    await page.click('button[data-operation="didit.update_session_status"][data-target="Resubmitted"]');
    await page.fill('[data-field-path=\'["headers","x-api-key"]\'] input', SECRET);
    const auto = kp.autoSelectResubmission(afterStep).nodes.map((n) => n.node_id);
    assert.deepEqual(auto, ["feature_ocr_1", "feature_poa_1"], "the approved step is no longer selected");
    await page.click("#send-mock");
    await page.waitForFunction(() => document.querySelector("#mock-status")?.closest(".exchange")?.dataset.outcome === "applied" && document.querySelectorAll("#mock-log .exchange").length === 2);
    assert.deepEqual(JSON.parse(await page.textContent("#mock-response")), { session_id: id });
    const resubmitted = await stateOnScreen(page);
    assert.equal(resubmitted.status, "Resubmitted");
    assert.deepEqual(
      [resubmitted.id_verifications[0].status, resubmitted.poa_verifications[0].status, resubmitted.liveness_checks[0].status],
      ["Not Finished", "Resub Requested", "Approved"],
    );
    const changed = await page.$$eval("#mock-changes li", (lis) => lis.map((li) => li.textContent));
    assert.ok(changed.includes("status: In Review → Resubmitted"), changed.join("\n"));
    assert.ok(changed.includes("id_verifications[feature_ocr_1].status: Declined → Not Finished"), changed.join("\n"));
    // The new position: summary, diagram and the moves allowed from it.
    assert.equal(await page.textContent("#vendor-status"), "Resubmitted");
    assert.equal(await page.textContent("#canonical-status"), "remediation");
    assert.equal(await page.getAttribute("svg .node.current", "data-status"), "Resubmitted");
    const nowTargets = await page.$$eval("svg .edge.now", (els) => els.map((e) => e.dataset.to).sort());
    const allowed = kp.allowedActions("didit", { decision: resubmitted }).filter((a) => !a.node_id && a.target).map((a) => a.target).sort();
    assert.deepEqual(nowTargets, allowed);
    assert.deepEqual(allowed, ["Approved", "Declined"]);
    assert.equal(await page.getAttribute(`#inbox-table tr[data-id="${id}"]`, "data-canonical"), "remediation");
    assert.equal(await page.textContent("#mock-webhooks code"), "status.updated");
    await page.screenshot({ path: join(OUT, "console-send-and-observe.png"), fullPage: true });

    // 3. A refused request sent anyway: the mock answers the predicted response, exactly, and changes nothing.
    await page.click('button[data-operation="didit.update_session_status"][data-target="Approved"]');
    await page.fill("#body-json", '{"new_status": "approved"}');
    await page.waitForSelector("#verdict.refused");
    const predicted = kp.validate("didit.update_session_status", { path: { sessionId: id }, body: { new_status: "approved" } }, { context: { decision: resubmitted } }).response;
    assert.equal(await page.textContent("#send-mock"), "Send anyway: the mock answers as the vendor would");
    await page.click("#send-mock");
    await page.waitForFunction(() => document.querySelector("#mock-status")?.closest(".exchange")?.dataset.outcome === "refused");
    assert.equal(await page.textContent("#mock-status"), `HTTP ${predicted.status}`);
    assert.deepEqual(JSON.parse(await page.textContent("#mock-response")), predicted.body);
    assert.deepEqual(await stateOnScreen(page), resubmitted);
    assert.equal(await page.textContent("#mock-changes"), "Nothing changed in the session.");

    // The key typed into the password field shows nowhere else on the page.
    const text = await page.evaluate(() => [document.documentElement.outerHTML, document.body.innerText, ...[...document.querySelectorAll("input, textarea")].filter((el) => el.type !== "password").map((el) => el.value)].join("\n"));
    assert.ok(!text.includes(SECRET), "the key is shown");
    assert.ok(!readFileSync(join(OUT, "console-send-and-observe.png"), "latin1").includes(SECRET));

    // Reopening the sample shows the mock's state; resetting the mocks brings the sample back.
    await page.selectOption("#sample", "approved");
    await page.selectOption("#sample", "in-review-declined");
    assert.deepEqual(await stateOnScreen(page), resubmitted);
    await page.click("#inbox-reset");
    assert.deepEqual(await stateOnScreen(page), start);
    assert.equal(await page.getAttribute(`#inbox-table tr[data-id="${id}"]`, "data-canonical"), "manual_review");
    await page.close();
  });

  it("Legal Talent and Verifa through the mock: corrections reset steps; metadata merges", async () => {
    const page = await open("legaltalent");
    await page.selectOption("#sample", "approved");
    const state = sample("legaltalent", "approved");
    await page.click('button[data-operation="legaltalent.request_corrections"]');
    const item = '[data-field-path=\'["body","corrections",0]\']';
    await page.waitForSelector(item);
    if ((await page.getAttribute("#verdict", "class")) !== "verdict ok") {
      const body = { corrections: [{ step_id: state.steps_data[0].step_id, message: "Please upload a clearer document" }] };
      await page.fill("#body-json", JSON.stringify(body));
      await page.waitForSelector("#verdict.ok");
    }
    await page.click("#send-mock");
    await page.waitForSelector("#mock-status");
    assert.equal(await page.textContent("#mock-status"), "HTTP 200");
    const after = await stateOnScreen(page);
    assert.equal(after.status, "awaiting_client_correction");
    assert.equal(after.final_decision, null);
    assert.ok(after.steps_data.some((s) => s.status === "needs_correction"));
    assert.equal(await page.getAttribute("svg .node.current", "data-status"), "awaiting_client_correction");

    await page.selectOption("#vendor", "verifa");
    assert.equal(await page.$$eval("#mock-log .exchange", (els) => els.length), 0, "the log is the vendor's");
    await page.selectOption("#sample", "completed-live");
    const live = sample("verifa", "completed-live");
    await page.click('button[data-operation="verifa.update_session"]');
    await page.fill("#body-json", JSON.stringify({ metadata: { risk_tier: null, reviewer: "ana" } }));
    await page.waitForSelector("#verdict.ok");
    await page.click("#send-mock");
    await page.waitForSelector("#mock-status");
    assert.deepEqual((await stateOnScreen(page)).metadata, kp.mergeVerifaMetadata(live.metadata, { risk_tier: null, reviewer: "ana" }));
    await page.close();
  });

  it("state diagram: Didit's ten statuses without a crossing edge; every vendor's crossings counted from the drawn paths", async () => {
    const page = await open("didit");
    for (const vendor of VENDORS) {
      await page.selectOption("#vendor", vendor);
      const drawn = await page.evaluate(() => {
        const svg = document.querySelector("svg.diagram");
        const boxes = [...svg.querySelectorAll(".node rect")].map((r) => ({ x: +r.getAttribute("x"), y: +r.getAttribute("y"), w: +r.getAttribute("width"), h: +r.getAttribute("height") }));
        const paths = [...svg.querySelectorAll("path.edge")].map((p) => {
          const length = p.getTotalLength();
          const points = [];
          for (let at = 0; at < length; at += 1) {
            const pt = p.getPointAtLength(at);
            points.push([pt.x, pt.y]);
          }
          const end = p.getPointAtLength(length);
          points.push([end.x, end.y]);
          return { from: p.dataset.from, to: p.dataset.to, points };
        });
        // Proper crossings only: where two paths share a run (a lane, a corner) they are one
        // line, and a junction (an end on a line) is not a crossing either.
        const orient = (a, b, c) => {
          const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
          return Math.abs(v) < 1e-3 ? 0 : Math.sign(v);
        };
        const cross = (p1, p2, q1, q2) => {
          const o = [orient(p1, p2, q1), orient(p1, p2, q2), orient(q1, q2, p1), orient(q1, q2, p2)];
          return o.every((x) => x !== 0) && o[0] !== o[1] && o[2] !== o[3];
        };
        const toSegment = (pt, a, b) => {
          const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
          const t = Math.max(0, Math.min(1, ((pt[0] - a[0]) * dx + (pt[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
          return Math.hypot(pt[0] - a[0] - t * dx, pt[1] - a[1] - t * dy);
        };
        const near = (pt, line) => line.some((q, k) => k > 0 && toSegment(pt, line[k - 1], q) < 0.2);
        let crossings = 0;
        for (let i = 0; i < paths.length; i++) {
          for (let j = i + 1; j < paths.length; j++) {
            const a = paths[i].points;
            const b = paths[j].points;
            const found = [];
            for (let m = 1; m < a.length; m++) {
              for (let n = 1; n < b.length; n++) {
                if (!cross(a[m - 1], a[m], b[n - 1], b[n])) continue;
                // 3 px before and after on `a` still on `b`: a shared run, sampled apart.
                if (near(a[Math.max(0, m - 4)], b) && near(a[Math.min(a.length - 1, m + 3)], b)) continue;
                if (!found.some(([x, y]) => Math.hypot(x - a[m][0], y - a[m][1]) < 2)) found.push(a[m]);
              }
            }
            crossings += found.length;
          }
        }
        const overlapping = boxes.some((a, i) => boxes.some((b, j) => j > i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h));
        return { statuses: [...svg.querySelectorAll(".node")].map((n) => n.dataset.status), edges: paths.map((p) => `${p.from}→${p.to}`), crossings, declared: Number(svg.dataset.crossings), overlapping };
      });
      const index = JSON.parse(readFileSync(join(root, "www", "samples", "index.json"), "utf8")).vendors.find((v) => v.id === vendor);
      assert.deepEqual(drawn.statuses, index.statuses, vendor);
      assert.equal(drawn.overlapping, false, `${vendor}: boxes overlap`);
      const context = index.context;
      const moves = index.statuses.flatMap((from) => kp.allowedActions(vendor, { [context]: { status: from } }).filter((a) => !a.node_id && index.statuses.includes(a.target)).map((a) => `${from}→${a.target}`));
      assert.deepEqual(drawn.edges.sort(), moves.sort(), `${vendor}: one arrow per manual move`);
      assert.equal(drawn.crossings, drawn.declared, `${vendor}: the layout's own count matches the drawing`);
      if (vendor === "didit") {
        assert.equal(drawn.statuses.length, 10);
        assert.equal(drawn.edges.length, 15);
        assert.equal(drawn.crossings, 0, "Didit reads without a crossing");
      }
      if (vendor === "anycheck" || vendor === "verifa") assert.equal(drawn.crossings, 0, vendor);
      // Legal Talent's decision statuses all reach each other, both ways (a complete graph of
      // four or more): no drawing is free of crossings; its count is the layout's, checked above.
    }
    await page.selectOption("#vendor", "didit");
    await page.locator("#diagram").screenshot({ path: join(OUT, "console-didit-diagram.png") });
    await page.close();
  });

  it("logged no console error and asked no other origin", () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  });
});
