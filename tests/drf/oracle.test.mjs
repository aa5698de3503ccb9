// The DRF oracle: Didit's bodies answered by the real Django REST Framework (pinned in
// tests/drf/requirements.txt, a Django project declared from the seed documents in
// tests/drf/didit_oracle) and by kyc-preflight's built package; status and body must
// agree byte for byte (both bodies written by JSON.stringify, so key order counts).
//
// What it covers: the serializer layer and the parser — media type (415), body type,
// every field's type, coercion, trimming, blank, null, NUL, choices and their echoed
// values, EmailField (Django's EmailValidator), the nested `nodes_to_resubmit` items,
// the object-level `email_address` requirement, and which values the server takes
// (`send_email` as coerced, the node ids and features it will reset).
// What it cannot: the Didit view logic no serializer expresses (authentication, the
// current status, transitions, same status, node lookup, API sessions, KYB parents,
// auto-selection): requests here carry a key and no context, and the KYB parent rule is
// turned off; tests/didit.rs pins those against the vendor's quoted answers.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { ensureDrfVenv } from "../../scripts/drf.mjs";
import { root } from "../../scripts/toolchain.mjs";
import { FEATURE, SESSION, generatedCases, goldenCases } from "./cases.mjs";

const pkg = process.env.KP_ORACLE_PKG ?? join(root, "pkg");
const { validate } = await import(pathToFileURL(join(pkg, "dist", "esm", "index.js")).href);

const UUID = "3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c";
const OPTIONS = { severity: { "didit.update_session_status.node_feature_kyb_parent": "off" } };
const ALIASES = { ID_VERIFICATION: "OCR", POA: "PROOF_OF_ADDRESS", PHONE: "PHONE_VERIFICATION", EMAIL: "EMAIL_VERIFICATION" };

/** Runs every case through the oracle in one Python process. */
function drfAnswers(cases) {
  const python = ensureDrfVenv();
  const input = cases
    .map((c) => JSON.stringify({ op: c.op === SESSION ? "session" : "feature", body: c.bodyText, contentType: c.contentType }))
    .join("\n");
  const res = spawnSync(python, [join(root, "tests", "drf", "run.py")], {
    input: `${input}\n`,
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`the DRF oracle failed (${res.status ?? res.signal}):\n${res.stderr}`);
  const answers = res.stdout.trim().split("\n").map((line) => JSON.parse(line));
  assert.equal(answers.length, cases.length, "one answer per request");
  return answers;
}

/** kyc-preflight's answer, in the oracle's terms. */
function ours(c) {
  const headers = { "x-api-key": "k", "Content-Type": c.contentType };
  const report = validate(c.op, { path: { sessionId: UUID, nodeId: "node-1" }, headers, body: c.bodyText }, OPTIONS);
  if (report.ok) return { status: 200, report };
  if (!report.response) return { status: null, body: null, report };
  return { status: report.response.status, body: JSON.stringify(report.response.body), report };
}

/** What the server keeps of an accepted body, against what the report says will happen. */
function acceptedDifference(c, drf, report) {
  if (c.op !== SESSION) return null;
  const validated = JSON.parse(drf.body).validated;
  const emails = report.effects.some((e) => e.kind === "email");
  if (emails !== (validated.send_email === true)) return `send_email: server ${validated.send_email}, effects ${emails}`;
  if (validated.new_status !== "Resubmitted" || !validated.nodes_to_resubmit) return null;
  const seen = new Set();
  const expected = [];
  for (const { node_id, feature } of validated.nodes_to_resubmit) {
    const canonical = ALIASES[feature] ?? feature;
    const key = JSON.stringify([node_id, canonical]);
    if (!seen.has(key)) expected.push({ node_id, feature: canonical });
    seen.add(key);
  }
  const reset = report.effects.find((e) => e.kind === "steps_reset")?.nodes ?? [];
  const a = JSON.stringify(expected);
  const b = JSON.stringify(reset);
  return a === b ? null : `steps reset: server ${a}, effects ${b}`;
}

function compare(cases, answers) {
  const disagreements = [];
  const tally = {};
  cases.forEach((c, i) => {
    const drf = answers[i];
    const kp = ours(c);
    const kind = c.kind.split(":")[0];
    tally[kind] ??= { bodies: 0, 200: 0, 400: 0, 415: 0 };
    tally[kind].bodies += 1;
    tally[kind][drf.status] = (tally[kind][drf.status] ?? 0) + 1;
    let problem = null;
    if (drf.status !== kp.status) problem = "status";
    else if (drf.status === 200) problem = acceptedDifference(c, drf, kp.report);
    else if (JSON.stringify(JSON.parse(drf.body)) !== kp.body) problem = "body";
    if (problem) {
      disagreements.push({
        problem,
        kind: c.kind,
        op: c.op,
        contentType: c.contentType,
        bodyText: c.bodyText,
        drf: { status: drf.status, body: drf.body },
        ours: { status: kp.status, body: kp.body ?? null, issues: kp.report.issues.map((x) => `${x.severity} ${x.rule}`) },
      });
    }
  });
  return { disagreements, tally };
}

test("kyc-preflight answers every Didit body as Django REST Framework does", () => {
  const generated = generatedCases();
  const golden = goldenCases(root);
  const cases = [...generated, ...golden.cases];
  const started = Date.now();
  const answers = drfAnswers(cases);
  const drfMs = Date.now() - started;
  const { disagreements, tally } = compare(cases, answers);

  const outDir = join(root, "test-output");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "drf-oracle-disagreements.jsonl"), disagreements.map((d) => JSON.stringify(d)).join("\n"));
  const byOp = (op) => cases.filter((c) => c.op === op).length;
  console.log(
    `DRF oracle: ${cases.length} bodies compared (${generated.length} generated, ${golden.cases.length} from the golden corpus; ` +
      `${byOp(SESSION)} session, ${byOp(FEATURE)} feature), DRF answered in ${(drfMs / 1000).toFixed(1)} s; ` +
      `${disagreements.length} disagreements`,
  );
  for (const [kind, t] of Object.entries(tally)) console.log(`  ${kind}: ${JSON.stringify(t)}`);
  console.log(`  golden bodies outside the field layer (not compared): ${JSON.stringify(golden.outside)}`);
  for (const d of disagreements.slice(0, 25)) console.log(JSON.stringify(d));

  assert.ok(generated.length >= 2000, `only ${generated.length} generated bodies`);
  assert.ok(golden.cases.length >= 500, `only ${golden.cases.length} golden Didit bodies`);
  assert.equal(disagreements.length, 0, `${disagreements.length} disagreements with DRF (all in test-output/drf-oracle-disagreements.jsonl)`);
});
