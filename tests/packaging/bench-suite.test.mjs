// The benchmark's request suite stays meaningful: every case is judged as it is labelled
// by the built package (object, text and bytes bodies, and in a batch) and by each
// hand-written comparison schema (zod, valibot, Ajv), so `npm run bench` never compares
// a pass with a fail. Correctness only: nothing here is timed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validate, validateBatch, operations } from "kyc-preflight";
import { readFileSync } from "node:fs";
import { cases, operationIds } from "../../bench/suite.mjs";
import { suiteJson } from "../../bench/suite-json.mjs";
import * as zod from "../../bench/schemas/zod.mjs";
import * as valibot from "../../bench/schemas/valibot.mjs";
import * as ajv from "../../bench/schemas/ajv.mjs";

describe("benchmark suite", () => {
  it("covers every operation with a valid and an invalid request", () => {
    assert.deepEqual(operationIds, operations().map((o) => o.id));
    for (const op of operationIds) {
      assert.ok(cases.some((c) => c.op === op && c.valid), `${op}: no valid case`);
      assert.ok(cases.some((c) => c.op === op && !c.valid), `${op}: no invalid case`);
    }
  });

  it("is judged as labelled by kyc-preflight, whatever the body's form", () => {
    for (const c of cases) {
      const text = JSON.stringify(c.request.body);
      const report = validate(c.op, c.request);
      assert.equal(report.ok, c.valid, `${c.id}: ${JSON.stringify(report.issues.map((i) => i.rule))}`);
      assert.equal(validate(c.op, { ...c.request, body: text }).ok, c.valid, `${c.id} (text)`);
      assert.equal(validate(c.op, { ...c.request, body: new TextEncoder().encode(text) }).ok, c.valid, `${c.id} (bytes)`);
      assert.deepEqual(validateBatch(c.op, [c.request, c.request]).map((r) => r.ok), [c.valid, c.valid], `${c.id} (batch)`);
    }
  });

  for (const [name, lib] of [["zod", zod], ["valibot", valibot], ["ajv", ajv]]) {
    it(`is judged as labelled by the ${name} schemas`, () => {
      const schemas = lib.buildSchemas();
      assert.deepEqual(Object.keys(schemas).sort(), [...operationIds].sort());
      for (const c of cases) assert.equal(lib.check(schemas[c.op], c.request), c.valid, `${name}: ${c.id}`);
    });
  }

  it("has invalid cases that trip the cross-field rules the schemas express", () => {
    const rulesOf = (id) => {
      const c = cases.find((x) => x.id === id);
      return validate(c.op, c.request).issues.map((i) => i.rule);
    };
    // Nothing else is wrong in them, so the libraries' refinements are what rejects them.
    assert.deepEqual(rulesOf("didit.session/invalid-cross-field").sort(), [
      "didit.update_session_status.email_required",
      "didit.update_session_status.node_feature_kyb_parent",
    ]);
    assert.deepEqual(rulesOf("verifa/invalid-size"), ["verifa.update_session.metadata_value_size"]);
  });

  it("is what the native cargo bench reads (bench/suite.json; `node bench/suite-json.mjs` rewrites it)", () => {
    assert.equal(readFileSync(new URL("../../bench/suite.json", import.meta.url), "utf8"), suiteJson());
  });
});
