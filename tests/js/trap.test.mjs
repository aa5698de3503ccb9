// "Never a dead instance" (reliability.md, catalogue 37) for every exported function that
// crosses into wasm, through the bundled entry users import (KP_ENTRY=import|require|web,
// as in tests/js/entry.mjs), on the test-only build target/pkg-trap. There, any input
// holding TRAP_SENTINEL traps inside wasm and poisons the instance: every later call
// traps too until the instance is replaced (src/wasm.rs, `trap`). So each case shows:
// the trapped call returns its documented fallback, and the very next normal call returns
// the same answer as the release package pkg/ (an instance that was not replaced would
// trap again and return the fallback instead).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import * as clean from "./entry.mjs";
import { BUILDS, CROSSING, TRAP_SENTINEL as S, instrumented } from "./instrumented.mjs";
import { op } from "./ops.mjs";

const { entry } = clean;
const once = entry === "import" ? {} : { skip: "entry-independent: runs under KP_ENTRY=import" };
const TRAP_PKG = BUILDS.trap.url;

/** The trap build through the file its package.json maps the entry to, as for a user. */
async function loadTrapBuild() {
  const { exports } = JSON.parse(readFileSync(new URL("package.json", TRAP_PKG), "utf8"));
  const file = (target) => new URL(target, TRAP_PKG);
  if (entry === "require") return createRequire(import.meta.url)(fileURLToPath(file(exports["."].require.default)));
  if (entry === "web") {
    const web = await import(file(exports["./web"].import.default));
    await web.default(readFileSync(file(exports["./kyc_preflight.wasm"].default)));
    return web;
  }
  return import(file(exports["."].import.default));
}

const trapped = await loadTrapBuild();

const didit = op("didit.update_session_status");
const verifa = op("verifa.update_session");
const FAILED = "the validator failed on this input; it was reset and the request was not judged";
const internalIssue = { rule: "internal_error", severity: "error", path: [], message: FAILED, source: "inferred" };
const internalReport = (operation) => ({ ok: false, operation, issues: [internalIssue], truncated: false, response: null, request: null, effects: [] });

const withBody = (o, body) => ({ ...o.request(), body });
const diditBody = (changes) => ({ ...didit.request().body, ...changes });
const json = (value) => JSON.stringify(value);
const bytes = (value) => new TextEncoder().encode(JSON.stringify(value));
const decision = (nodeId) => ({
  status: "In Review",
  features: [{ feature: "LIVENESS", node_id: "n2" }, { feature: "OCR", node_id: nodeId }],
  id_verifications: [{ node_id: nodeId, status: "Declined" }],
  liveness_checks: [{ node_id: "n2", status: "In Review" }],
});
/** Own `__proto__` and integer-like keys, a null that deletes, values JSON turns to null or drops. */
const metadata = (value) => [
  JSON.parse(`{"keep":1,"drop":2,"__proto__":{"x":1},"5":"n","s":${json(value)}}`),
  { drop: null, add: value, n: { deep: NaN }, keep: Infinity, u: undefined, 1: [1, { a: null }] },
];

/** One schema per API, made once (making it crosses too) and kept across traps, as an app would. */
const schemas = new WeakMap();
const schemaOf = (api) => {
  if (!schemas.has(api)) schemas.set(api, api.standardSchema(didit.id)["~standard"]);
  return schemas.get(api);
};

/**
 * A call that a poisoned instance could not answer right. mergeVerifaMetadata's normal
 * calls cannot tell by themselves: after a trap they would get the same merge from JS.
 */
const probe = (api) => api.validate(didit.id, withBody(didit, diditBody({ new_status: "Bogus" })));

/**
 * Per exported function that crosses into wasm: a call with the sentinel in its input, the
 * glue function it crosses through, what it must return on the trap build, and normal
 * calls to make right after it.
 */
const CASES = [
  {
    name: "validate, object body",
    glue: "validate",
    trap: (api) => api.validate(didit.id, withBody(didit, diditBody({ comment: S }))),
    fallback: internalReport(didit.id),
    normal: (api) => [api.validate(didit.id, didit.request()), api.validate(didit.id, withBody(didit, diditBody({ new_status: "Bogus" })))],
  },
  {
    name: "validate, string body",
    glue: "validate",
    trap: (api) => api.validate(didit.id, withBody(didit, json(diditBody({ comment: S })))),
    fallback: internalReport(didit.id),
    normal: (api) => [api.validate(didit.id, withBody(didit, json(diditBody({})))), api.validate(didit.id, withBody(didit, "{"))],
  },
  {
    name: "validate, Uint8Array body (validateBytes)",
    glue: "validateBytes",
    trap: (api) => api.validate(didit.id, withBody(didit, bytes(diditBody({ comment: S })))),
    fallback: internalReport(didit.id),
    normal: (api) => [api.validate(didit.id, withBody(didit, bytes(diditBody({})))), api.validate(didit.id, withBody(didit, bytes(diditBody({ new_status: "Bogus" }))))],
  },
  {
    name: "validateBatch",
    glue: "validateBatch",
    trap: (api) => api.validateBatch(didit.id, [didit.request(), withBody(didit, diditBody({ comment: S })), withBody(didit, bytes(diditBody({})))]),
    fallback: [internalReport(didit.id), internalReport(didit.id), internalReport(didit.id)],
    normal: (api) => [api.validateBatch(didit.id, [didit.request(), withBody(didit, diditBody({ new_status: "Bogus" })), withBody(didit, bytes(diditBody({})))])],
  },
  {
    name: "autoSelectResubmission",
    glue: "autoSelectResubmission",
    trap: (api) => api.autoSelectResubmission(decision(S)),
    fallback: { nodes: [], issue: internalIssue },
    normal: (api) => [api.autoSelectResubmission(decision("n1")), api.autoSelectResubmission({ status: "Approved" })],
  },
  {
    name: "allowedActions",
    glue: "allowedActions",
    trap: (api) => api.allowedActions("didit", { decision: { status: "In Review", session_id: S } }),
    fallback: [],
    normal: (api) => [api.allowedActions("didit", { decision: { status: "In Review" } }), api.allowedActions("verifa", verifa.context())],
  },
  {
    name: "canonicalStatus",
    glue: "canonicalStatus",
    trap: (api) => api.canonicalStatus("anycheck", "COMPLETED", S),
    fallback: null,
    normal: (api) => [api.canonicalStatus("anycheck", "COMPLETED", "NOT_VERIFIED"), api.canonicalStatus("didit", "In Review")],
  },
  {
    name: "mergeVerifaMetadata",
    glue: "mergeVerifaMetadata",
    trap: (api) => api.mergeVerifaMetadata(...metadata(S)),
    // No stand-in value is safe for metadata: api.js merges in JS instead, and must agree.
    fallback: clean.mergeVerifaMetadata(...metadata(S)),
    normal: (api) => [api.mergeVerifaMetadata(...metadata("v")), api.mergeVerifaMetadata({ a: 1 }, { a: null, b: 2 })],
  },
  {
    name: 'standardSchema(op)["~standard"].validate',
    glue: "validate",
    trap: (api) => schemaOf(api).validate(diditBody({ comment: S })),
    fallback: { issues: [{ message: FAILED }] },
    normal: (api) => [schemaOf(api).validate(diditBody({})), schemaOf(api).validate(diditBody({ new_status: "Bogus" })), schemaOf(api).validate(json(diditBody({})))],
  },
];

describe(`trap recovery via ${entry} (target/pkg-trap)`, () => {
  it("the release answers the cases compare with are real answers, not fallbacks", () => {
    for (const c of CASES) {
      const answers = c.normal(clean);
      assert.ok(answers.length > 0);
      for (const a of answers) assert.notDeepEqual(a, c.fallback, c.name);
    }
    // What the comparisons lean on: these answers are not empty.
    assert.deepEqual(clean.canonicalStatus("anycheck", "COMPLETED", "NOT_VERIFIED"), "rejected");
    assert.ok(clean.allowedActions("didit", { decision: { status: "In Review" } }).length > 0);
    assert.ok(clean.autoSelectResubmission(decision("n1")).nodes.length > 0);
  });

  for (const c of CASES) {
    it(`${c.name}: a trap gives the fallback, and the next call the release's answer`, () => {
      assert.deepEqual(c.trap(trapped), c.fallback);
      assert.deepEqual(c.normal(trapped), c.normal(clean));
      assert.deepEqual(probe(trapped), probe(clean));
    });

    it(`${c.name}: two traps in a row both recover`, () => {
      assert.deepEqual(c.trap(trapped), c.fallback);
      assert.deepEqual(c.trap(trapped), c.fallback);
      assert.deepEqual(c.normal(trapped), c.normal(clean));
      assert.deepEqual(probe(trapped), probe(clean));
    });
  }

  it("a trap in each function in turn, then every function answers as the release does", () => {
    for (const c of CASES) assert.deepEqual(c.trap(trapped), c.fallback, c.name);
    for (const c of CASES) assert.deepEqual(c.normal(trapped), c.normal(clean), c.name);
    assert.deepEqual(trapped.operations(), clean.operations());
    assert.deepEqual(trapped.rules(), clean.rules());
  });

  it("the release package does not trap on the sentinel", () => {
    // (mergeVerifaMetadata's fallback is the release's own answer: the kit below counts resets.)
    for (const c of CASES.filter((x) => x.name !== "mergeVerifaMetadata")) assert.notDeepEqual(c.trap(clean), c.fallback, c.name);
    assert.equal(clean.canonicalStatus("anycheck", "COMPLETED", S), "completed");
    const report = clean.validate(didit.id, withBody(didit, diditBody({ comment: S })));
    assert.deepEqual([report.ok, report.request.body.comment], [true, S]);
  });

  it("the premise: a trapped instance that is not replaced traps on every later call", once, async () => {
    const glue = await import(new URL("dist/wasm/kyc_preflight.js?premise", TRAP_PKG));
    glue.initSync({ module: readFileSync(new URL("kyc_preflight.wasm", TRAP_PKG)) });
    // The raw glue answers a JS value (serde-wasm-bindgen), not JSON text.
    const normal = () => glue.canonicalStatus("didit", "In Review", "null");
    assert.equal(normal(), "manual_review");
    assert.throws(() => glue.canonicalStatus("didit", S, "null"), WebAssembly.RuntimeError);
    for (const call of [normal, () => glue.operations(), () => glue.validate(didit.id, "{}\nabsent\n\n\n\n\n")]) {
      assert.throws(call, WebAssembly.RuntimeError);
    }
    glue.__wbg_reset_state();
    assert.equal(normal(), "manual_review");
    // CROSSING, which the cases below must cover, is every glue function that takes input.
    const noInput = ["default", "initSync", "__wbg_reset_state", "__testTrap", "operations", "rules", "vendors"];
    assert.deepEqual(Object.keys(glue).filter((name) => !noInput.includes(name)).sort(), [...CROSSING].sort());
  });

  it("every crossing function traps on the trap build and resets the instance once per trap", once, async () => {
    const kit = await instrumented("trap-every", "trap");
    for (const [i, c] of CASES.entries()) {
      kit.calls.length = 0;
      assert.deepEqual(c.trap(kit.api), c.fallback, c.name);
      // (The first schemaOf(kit.api) also crosses, to make the schema.)
      assert.deepEqual([...new Set(kit.calls.map((call) => call.fn))], [c.glue], `${c.name} crossed into wasm`);
      assert.equal(kit.resets(), i + 1, `${c.name} reset the instance`);
      assert.deepEqual(c.normal(kit.api), c.normal(clean), c.name);
      assert.equal(kit.resets(), i + 1, `${c.name}: no trap after the reset`);
    }
    assert.deepEqual([...new Set(CASES.map((c) => c.glue))].sort(), [...CROSSING].sort(), "every crossing function trapped");
    // A trap fired from outside any input (the sentinel on the operation or provider
    // argument, instrumented's trapNextCall) recovers the same way, in each glue function.
    const viaGlue = {
      validate: (api) => api.validate(didit.id, didit.request()),
      validateBytes: (api) => api.validate(didit.id, withBody(didit, bytes(diditBody({})))),
      validateBatch: (api) => api.validateBatch(didit.id, [didit.request(), withBody(didit, "{")]),
      autoSelectResubmission: (api) => api.autoSelectResubmission(decision("n1")),
      allowedActions: (api) => api.allowedActions("didit", { decision: { status: "In Review" } }),
      canonicalStatus: (api) => api.canonicalStatus("didit", "In Review"),
      mergeVerifaMetadata: (api) => api.mergeVerifaMetadata({ a: 1 }, { a: null, b: 2 }),
    };
    assert.deepEqual(Object.keys(viaGlue).sort(), [...CROSSING].sort());
    for (const [fn, call] of Object.entries(viaGlue)) {
      const before = kit.resets();
      kit.calls.length = 0;
      kit.trapNextCall();
      call(kit.api);
      assert.deepEqual([kit.calls.map((c) => c.fn), kit.resets()], [[fn], before + 1], fn);
      assert.deepEqual(call(kit.api), call(clean), fn);
    }
  });

  it("the release package's wasm holds no trap: no sentinel, no __testTrap, no reset on the sentinel", once, async () => {
    const kit = await instrumented("release-sentinel", "release");
    for (const c of CASES) c.trap(kit.api);
    assert.equal(kit.resets(), 0);
    assert.throws(() => kit.trapNextCall(), /needs instrumented/);
    assert.equal(kit.hasTrapExport, false);
    const has = (dir) => readFileSync(new URL("kyc_preflight.wasm", dir)).includes(Buffer.from(S));
    assert.deepEqual([has(BUILDS.release.url), has(TRAP_PKG)], [false, true]);
  });
});
