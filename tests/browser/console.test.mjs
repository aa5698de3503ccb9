// The review console (www/) in headless Chromium: built with `vite build`, served as
// static files on 127.0.0.1, driven with playwright-core through three review flows.
// Expected reports come from the same package run here in Node, so the page is checked
// against the package (not against copied results): issues at the right fields, fixed
// by typing, and the prepared request the package computes.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium } from "playwright-core";
import { buildConsole, linkPackage } from "../../scripts/start.mjs";
import { CHROMIUM, chromiumArgs, root } from "../../scripts/toolchain.mjs";

linkPackage();
const kp = await import("kyc-preflight");

const OUT = join(root, "test-output");
const samples = (file) => JSON.parse(readFileSync(join(root, "www", "samples", file), "utf8")).samples;
const sample = (file, id) => samples(file).find((s) => s.id === id).state;
const slot = (path) => `[data-field-path='${JSON.stringify(path)}']`;
const issueAt = (path, rule) => `${slot(path)} > ul.field-issues > li[data-rule="${rule}"]`;

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml" };

function serveStatic(dir) {
  const served = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (file !== dir && !file.startsWith(dir + sep)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    const status = existsSync(file) ? 200 : 404;
    served.push({ path: url.pathname, status });
    if (status === 404) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, served, origin: `http://127.0.0.1:${server.address().port}` })));
}

describe("review console in Chromium", () => {
  let dist, userData, web, context;
  const consoleErrors = [];
  const foreign = [];

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    dist = mkdtempSync(join(tmpdir(), "kp-console-"));
    userData = mkdtempSync(join(tmpdir(), "kp-chromium-"));
    await buildConsole(dist);
    web = await serveStatic(dist);
    // Playwright takes the profile directory as its own argument, not as a flag.
    const args = chromiumArgs(userData).filter((arg) => !arg.startsWith("--user-data-dir="));
    context = await chromium.launchPersistentContext(userData, {
      executablePath: CHROMIUM,
      args,
      headless: true,
      viewport: { width: 1366, height: 900 },
    });
    context.setDefaultTimeout(5000);
  });

  after(async () => {
    await context?.close();
    web?.server.close();
    for (const dir of [dist, userData]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(vendor, sampleId, initScript) {
    const page = await context.newPage();
    if (initScript) await page.addInitScript(initScript);
    page.on("console", (msg) => msg.type() === "error" && consoleErrors.push(msg.text()));
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    page.on("request", (req) => {
      const url = req.url();
      if (!url.startsWith("data:") && new URL(url).origin !== web.origin) foreign.push(url);
    });
    await page.goto(`${web.origin}/`);
    await page.waitForSelector("body[data-ready]");
    await page.selectOption("#vendor", vendor);
    await page.selectOption("#sample", sampleId);
    return page;
  }

  /** The package's own report for what the page shows, computed here in Node. */
  const oracle = (op, request, state, key) => kp.validate(op, request, { context: { [key]: state } });

  it("Didit: resubmission preview, explicit steps, an issue at its field, fixed", async () => {
    const state = sample("didit.json", "in-review-declined");
    const page = await open("didit", "in-review-declined");
    assert.equal(await page.textContent("#vendor-status"), state.status);
    assert.equal(await page.textContent("#canonical-status"), kp.canonicalStatus("didit", state.status, state).replace("_", " "));

    // The diagram marks the current status and exactly the moves the package allows now.
    assert.equal(await page.getAttribute("svg .node.current", "data-status"), state.status);
    const nowTargets = await page.$$eval("svg .edge.now", (els) => els.map((e) => e.dataset.to).sort());
    const allowed = kp.allowedActions("didit", { decision: state }).filter((a) => !a.node_id && a.target).map((a) => a.target).sort();
    assert.deepEqual(nowTargets, allowed);
    assert.ok(allowed.length > 0);

    await page.click('button[data-operation="didit.update_session_status"][data-target="Resubmitted"]');
    // Auto-selection preview in the package's (graph) order.
    const auto = kp.autoSelectResubmission(state);
    assert.deepEqual(await page.$$eval("#auto-preview li", (els) => els.map((e) => e.dataset.nodeId)), auto.nodes.map((n) => n.node_id));
    assert.equal(await page.getAttribute("#verdict", "class"), "verdict ok");
    assert.match(await page.textContent("#effects"), new RegExp(`Resets ${auto.nodes.length} steps`));

    // Edit the list: it becomes an explicit nodes_to_resubmit, prefilled with the selection.
    await page.click("#resubmit-explicit");
    const featureInput = `${slot(["body", "nodes_to_resubmit", 1, "feature"])} input`;
    assert.equal(await page.inputValue(featureInput), auto.nodes[1].feature);
    await page.fill(featureInput, "KYB");
    const kyb = issueAt(["body", "nodes_to_resubmit", 1, "feature"], "didit.update_session_status.node_feature_kyb_parent");
    await page.waitForSelector(kyb);
    assert.equal(await page.getAttribute(kyb, "data-severity"), "error");
    assert.equal(await page.getAttribute(kyb, "data-source"), "stated");
    const headers = { "x-api-key": "your-didit-api-key" };
    const path = { sessionId: state.session_id };
    const badNodes = auto.nodes.map((n, i) => (i === 1 ? { ...n, feature: "KYB" } : n));
    const bad = oracle("didit.update_session_status", { path, headers, body: { new_status: "Resubmitted", nodes_to_resubmit: badNodes } }, state, "decision");
    assert.equal(bad.ok, false);
    assert.equal(await page.textContent("#predicted-status"), `HTTP ${bad.response.status}`);
    assert.deepEqual(JSON.parse(await page.textContent("#predicted-body")), bad.response.body);

    // A warning (inferred) lands on the step it names (the package's path), apart from the error.
    const nodeInput = `${slot(["body", "nodes_to_resubmit", 0, "node_id"])} input`;
    await page.fill(nodeInput, "feature_missing_1");
    const missing = oracle("didit.update_session_status", { path, headers, body: { new_status: "Resubmitted", nodes_to_resubmit: [{ ...auto.nodes[0], node_id: "feature_missing_1" }] } }, state, "decision");
    const unknownIssue = missing.issues.find((i) => i.rule === "didit.update_session_status.node_unknown");
    assert.deepEqual(unknownIssue.path.slice(0, 3), ["body", "nodes_to_resubmit", 0]);
    const unknown = issueAt(unknownIssue.path, unknownIssue.rule);
    await page.waitForSelector(unknown);
    assert.equal(await page.getAttribute(unknown, "data-severity"), "warning");
    assert.equal(await page.getAttribute(unknown, "data-source"), "inferred");

    // Invalid JSON typed into the body editor is reported on the editor, then undone.
    const goodText = await page.inputValue("#body-json");
    await page.fill("#body-json", '{"new_status": "Resubmitted",');
    await page.waitForSelector(issueAt(["body"], "json_syntax"));
    await page.fill("#body-json", goodText);
    await page.waitForSelector(issueAt(["body"], "json_syntax"), { state: "detached" });

    // Fix both: the issues clear, and the page prepares the request the package prepares.
    await page.fill(nodeInput, auto.nodes[0].node_id);
    await page.fill(featureInput, "POA");
    await page.waitForSelector(kyb, { state: "detached" });
    assert.equal(await page.$(unknown), null);
    await page.fill(`${slot(["headers", "x-api-key"])} input`, "sk-SECRET-123");
    assert.equal(await page.getAttribute("#verdict", "class"), "verdict ok");
    const fixedNodes = auto.nodes.map((n, i) => (i === 1 ? { ...n, feature: "POA" } : n));
    const good = oracle("didit.update_session_status", { path, headers: { "x-api-key": "sk-SECRET-123" }, body: { new_status: "Resubmitted", nodes_to_resubmit: fixedNodes } }, state, "decision");
    assert.equal(good.ok, true);
    assert.ok(good.request.bodyText.includes('"PROOF_OF_ADDRESS"'), "the alias is normalized in the prepared body");
    const curl = await page.textContent("#code-curl");
    assert.ok(curl.includes(`curl -X PATCH "https://verification.didit.me${good.request.path}"`), curl);
    assert.ok(curl.includes(`--data-raw '${good.request.bodyText}'`), curl);
    assert.ok(curl.includes('-H "x-api-key: $DIDIT_API_KEY"'), curl);
    const fetchCode = await page.textContent("#code-fetch");
    assert.ok(fetchCode.includes(`body: ${JSON.stringify(good.request.bodyText)}`), fetchCode);
    assert.ok(!curl.includes("SECRET") && !fetchCode.includes("SECRET"), "secrets stay placeholders");
    await page.screenshot({ path: join(OUT, "console-didit-resubmission.png"), fullPage: true });

    // A state from which nothing may be updated: every session action is disabled, with the reason.
    await page.selectOption("#sample", "in-progress");
    const reasons = await page.$$eval('#actions > ul.actions > li.blocked', (els) => els.map((li) => ({
      disabled: li.querySelector("button").disabled,
      reason: li.querySelector(".reason").textContent,
    })));
    assert.ok(reasons.length >= 3);
    for (const r of reasons) {
      assert.equal(r.disabled, true);
      assert.match(r.reason, /^not allowed from In Progress: .*didit\.update_session_status\.current_status_eligible$/);
    }
    await page.close();
  });

  it("Verifa: metadata edit, a value over the limit at its key, fixed; the merge preview", async () => {
    const state = sample("verifa.json", "completed-live");
    const page = await open("verifa", "completed-live");
    assert.equal(await page.textContent("#canonical-status"), kp.canonicalStatus("verifa", state.status, state).replace("_", " "));
    assert.equal(await page.$$eval("svg .edge", (els) => els.length), 0, "Verifa has no manual status move");

    await page.getByRole("button", { name: "Edit metadata" }).click();
    await page.getByRole("button", { name: "Add a key" }).click();
    await page.fill('.meta-row[data-row="0"] input[aria-label="Key 1"]', "review_note");
    const valueInput = '.meta-row[data-row="0"] input[aria-label="Value of key 1"]';
    await page.fill(valueInput, "x".repeat(16_400));
    const size = issueAt(["body", "metadata", "review_note"], "verifa.update_session.metadata_value_size");
    await page.waitForSelector(size);
    assert.equal(await page.getAttribute(size, "data-severity"), "error");
    assert.match(await page.textContent(size), /16384 UTF-8 bytes/);
    const headers = { "X-API-Key": "vk_live_xxxxxxxx" };
    const path = { session_id: state.id };
    const bad = oracle("verifa.update_session", { path, headers, body: { metadata: { review_note: "x".repeat(16_400) } } }, state, "session");
    assert.equal(await page.textContent("#predicted-status"), `HTTP ${bad.response.status}`);
    assert.deepEqual(JSON.parse(await page.textContent("#predicted-body")), bad.response.body);

    // A sandbox key for a production session: the issue sits on that header.
    const keyInput = `${slot(["headers", "X-API-Key"])} input`;
    await page.fill(keyInput, "vk_sandbox_abc");
    const env = issueAt(["headers", "X-API-Key"], "verifa.update_session.environment_mismatch");
    await page.waitForSelector(env);

    await page.fill(keyInput, "vk_live_abc");
    await page.fill(valueInput, "Checked against the registry");
    await page.waitForSelector(size, { state: "detached" });
    assert.equal(await page.$(env), null);
    assert.equal(await page.getAttribute("#verdict", "class"), "verdict ok");
    const patch = { review_note: "Checked against the registry" };
    assert.deepEqual(JSON.parse(await page.textContent("#metadata-merged")), kp.mergeVerifaMetadata(state.metadata, patch));
    const good = oracle("verifa.update_session", { path, headers: { "X-API-Key": "vk_live_abc" }, body: { metadata: patch } }, state, "session");
    assert.equal(good.ok, true);
    const curl = await page.textContent("#code-curl");
    assert.ok(curl.includes(`--data-raw '${good.request.bodyText}'`), curl);
    assert.ok(curl.includes('-H "X-API-Key: $VERIFA_API_KEY"') && !curl.includes("vk_live_abc"), curl);
    assert.ok(curl.includes(`"$VERIFA_BASE_URL"'${good.request.path}'`), curl);
    await page.screenshot({ path: join(OUT, "console-verifa-metadata.png"), fullPage: true });
    await page.close();
  });

  it("Legal Talent: correction request, issues per item field, fixed", async () => {
    const state = sample("legaltalent.json", "completed");
    const page = await open("legaltalent", "completed");
    assert.equal(await page.textContent("#canonical-status"), kp.canonicalStatus("legaltalent", state.status, state).replace("_", " "));
    const reactivate = page.locator("#actions li.blocked", { hasText: "Reactivate" });
    assert.equal(await reactivate.locator("button").isDisabled(), true);
    assert.match(await reactivate.locator(".reason").textContent(), /^not allowed from completed/);

    await page.getByRole("button", { name: "Request corrections" }).click();
    const base = ["body", "corrections", 0];
    await page.waitForSelector(issueAt([...base, "step_id"], "legaltalent.request_corrections.step_id_required"));
    const message = issueAt([...base, "message"], "legaltalent.request_corrections.message_required");
    assert.equal(await page.getAttribute(message, "data-source"), "inferred");

    const stepInput = `${slot([...base, "step_id"])} input`;
    await page.fill(stepInput, "bank_statement");
    await page.waitForSelector(issueAt([...base, "step_id"], "legaltalent.request_corrections.step_unknown"));
    await page.fill(stepInput, "proof_of_address");
    await page.waitForSelector(issueAt([...base, "step_id"], "legaltalent.request_corrections.step_unknown"), { state: "detached" });
    await page.fill(`${slot([...base, "document_types"])} input`, "utility_bill, bank_statement");
    await page.fill(`${slot([...base, "message"])} textarea`, "The utility bill is older than three months; please upload a recent one.");
    await page.waitForSelector(message, { state: "detached" });
    assert.equal(await page.getAttribute("#verdict", "class"), "verdict ok");

    const correction = { step_id: "proof_of_address", message: "The utility bill is older than three months; please upload a recent one.", document_types: ["utility_bill", "bank_statement"] };
    const good = oracle("legaltalent.request_corrections", { path: { session_id: state.session_id }, headers: { Authorization: "Bearer your-legaltalent-token" }, body: { corrections: [correction] } }, state, "session");
    assert.equal(good.ok, true);
    const curl = await page.textContent("#code-curl");
    assert.ok(curl.includes(`curl -X POST "$LEGALTALENT_BASE_URL"'${good.request.path}'`), curl);
    assert.ok(curl.includes('-H "Authorization: Bearer $LEGALTALENT_TOKEN"'), curl);
    assert.deepEqual(JSON.parse(curl.match(/--data-raw '(.*)'$/s)[1]), good.request.body);
    const effects = await page.$$eval("#effects li", (els) => els.map((e) => e.dataset.kind));
    assert.deepEqual(effects, good.effects.map((e) => e.kind));
    await page.screenshot({ path: join(OUT, "console-legaltalent-corrections.png"), fullPage: true });
    await page.close();
  });

  it("credentials never leak: the key typed in shows only in its password field, not in the text, the report JSON or what is copied", async () => {
    // 33 characters, so the marker shows its last four ("…cdef"); no six in a row may show.
    const SENTINEL = "sk_live_SENTINEL_0123456789abcdef";
    const CORE = "SENTINEL_0123456789abcdef";
    const leak = (text) => {
      for (let i = 0; i + 6 <= CORE.length; i++) if (text.includes(CORE.slice(i, i + 6))) return CORE.slice(i, i + 6);
      return null;
    };
    const action = (op, target, node = "") => `#actions button[data-operation="${op}"][data-target="${target}"][data-node-id="${node}"]`;
    const flows = [
      { vendor: "didit", sample: "in-review-declined", button: action("didit.update_session_status", "Approved"), header: "x-api-key", key: SENTINEL, env: "$DIDIT_API_KEY", ok: true },
      { vendor: "didit", sample: "in-review-declined", button: action("didit.update_feature_status", "Approved", "feature_ocr_1"), header: "x-api-key", key: SENTINEL, env: "$DIDIT_API_KEY", ok: true },
      { vendor: "verifa", sample: "completed-live", button: action("verifa.update_session", ""), header: "X-API-Key", key: `vk_live_${CORE}`, env: "$VERIFA_API_KEY", ok: true },
      { vendor: "legaltalent", sample: "manual-review", button: action("legaltalent.update_session_status", "approved"), header: "Authorization", key: `Bearer ${SENTINEL}`, env: "Bearer $LEGALTALENT_TOKEN", ok: true },
      { vendor: "legaltalent", sample: "manual-review", button: action("legaltalent.request_corrections", "awaiting_client_correction"), header: "Authorization", key: `Bearer ${SENTINEL}`, ok: false },
      // The rest of Legal Talent's workflow (issue 17): body-less POSTs.
      { vendor: "legaltalent", sample: "completed", button: action("legaltalent.process_session", "processed"), header: "Authorization", key: `Bearer ${SENTINEL}`, env: "Bearer $LEGALTALENT_TOKEN", ok: true },
      { vendor: "legaltalent", sample: "manual-review", button: action("legaltalent.run_validations", ""), header: "Authorization", key: `Bearer ${SENTINEL}`, env: "Bearer $LEGALTALENT_TOKEN", ok: true },
      { vendor: "legaltalent", sample: "expired", button: action("legaltalent.extend_session", ""), header: "Authorization", key: `Bearer ${SENTINEL}`, env: "Bearer $LEGALTALENT_TOKEN", ok: true },
      { vendor: "legaltalent", sample: "active", button: action("legaltalent.generate_link", ""), header: "Authorization", key: `Bearer ${SENTINEL}`, env: "Bearer $LEGALTALENT_TOKEN", ok: true },
      { vendor: "anycheck", sample: "need-review-partial", button: action("anycheck.update_verification", "COMPLETED"), header: "Authorization", key: `Bearer ${SENTINEL}`, env: "Bearer $ANYCHECK_JWT", ok: true },
    ];
    // What the page hands the clipboard, recorded instead of written.
    const recordClipboard = () => {
      window.__copied = [];
      Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: async (text) => void window.__copied.push(text) } });
    };
    const ops = new Set();
    for (const flow of flows) {
      const label = `${flow.vendor} ${flow.button}`;
      const page = await open(flow.vendor, flow.sample, recordClipboard);
      await page.click(flow.button);
      const keyInput = `${slot(["headers", flow.header])} input`;
      assert.equal(await page.getAttribute(keyInput, "type"), "password", label);
      await page.fill(keyInput, flow.key);
      assert.equal(await page.getAttribute("#verdict", "class"), flow.ok ? "verdict ok" : "verdict refused", label);
      assert.equal(await page.inputValue(keyInput), flow.key, "the key is on the page (else this proves nothing)");

      // The report as JSON: redacted, and otherwise the package's report.
      await page.click("details.report-json > summary");
      const shown = JSON.parse(await page.textContent("#report-json"));
      assert.equal(shown.ok, flow.ok, label);
      ops.add(shown.operation);
      if (flow.ok) {
        assert.match(shown.request.headers[flow.header], /^(Bearer )?••••\(redacted, …cdef\)$/, label);
        assert.deepEqual(kp.redact(shown), shown);
        const copyButtons = ["Copy fetch", "Copy curl", "Copy report"];
        for (const name of copyButtons) await page.getByRole("button", { name }).click();
        const copied = await page.evaluate(() => window.__copied);
        assert.equal(copied.length, copyButtons.length, label);
        assert.ok(copied[1].includes(`-H "${flow.header}: ${flow.env}"`), copied[1]);
        assert.deepEqual(JSON.parse(copied[2]), shown);
        for (const text of copied) assert.equal(leak(text), null, `${label}: copied\n${text}`);
      } else {
        assert.equal(shown.request, null);
      }
      // Every text, attribute and field value of the page, but the password field's value.
      const pageText = await page.evaluate(() => {
        const values = [...document.querySelectorAll("input, textarea, select")].filter((el) => el.type !== "password").map((el) => el.value);
        return [document.documentElement.outerHTML, document.body.innerText, ...values].join("\n");
      });
      assert.equal(leak(pageText), null, `${label}: the page shows the key`);
      if (flow.vendor === "anycheck") await page.screenshot({ path: join(OUT, "console-credentials-redacted.png"), fullPage: true });
      await page.close();
    }
    assert.deepEqual([...ops].sort(), kp.operations().map((o) => o.id).sort(), "every operation was tried");
    // Nothing the suites write to test-output/ holds the key (screenshots included, as bytes).
    for (const name of readdirSync(OUT)) {
      const full = join(OUT, name);
      if (statSync(full).isFile()) assert.equal(leak(readFileSync(full, "latin1")), null, `test-output/${name}`);
    }
  });

  it("logged no console error, asked no other origin, and every file it asked for exists", () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreign, []);
    assert.deepEqual(web.served.filter((r) => r.status !== 200), []);
    assert.ok(web.served.some((r) => r.path.endsWith(".js")), "the page loaded its script from the static server");
  });
});
