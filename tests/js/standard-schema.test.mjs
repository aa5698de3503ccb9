// standardSchema(operation, options?): a Standard Schema v1 for one operation's body,
// checked against the spec's contract and through a real consumer (@tanstack/form-core).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FieldApi, FormApi } from "@tanstack/form-core";
import { PreflightError, UUID, entry, standardSchema, validate } from "./entry.mjs";

const SESSION = "didit.update_session_status";
const std = (operation, options) => standardSchema(operation, options)["~standard"];

describe(`standardSchema via ${entry}`, () => {
  it("has the Standard Schema v1 shape", () => {
    const schema = standardSchema(SESSION);
    const props = schema["~standard"];
    assert.equal(props.version, 1);
    assert.equal(props.vendor, "kyc-preflight");
    assert.equal(typeof props.validate, "function");
    // `types` is type-level only: absent at run time, as the spec allows.
    assert.equal(props.types, undefined);
  });

  it("validates synchronously: a valid body gives its value and no issues", () => {
    const result = std(SESSION).validate({ new_status: "Approved" });
    assert.ok(!(result instanceof Promise));
    assert.deepEqual(result, { value: { new_status: "Approved" } });
    assert.equal(result.issues, undefined);
  });

  it("reports errors with paths relative to the body, nested indices as numbers", () => {
    const body = { new_status: "Resubmitted", nodes_to_resubmit: [{ node_id: "a", feature: "OCR" }, { node_id: "b", feature: "Bogus" }] };
    const result = std(SESSION).validate(body);
    const full = validate(SESSION, { path: { sessionId: UUID }, body });
    const bodyErrors = full.issues.filter((i) => i.severity === "error" && i.path[0] === "body");
    assert.ok(bodyErrors.length > 0);
    assert.deepEqual(
      result.issues,
      bodyErrors.map((i) => ({ message: i.message, path: i.path.slice(1) })),
    );
    assert.ok(result.issues.some((i) => JSON.stringify(i.path) === '["nodes_to_resubmit",1,"feature"]'), JSON.stringify(result.issues));
    assert.equal(result.value, undefined);
  });

  it("judges only the body: route rules (no path was given) never fail it", () => {
    const report = validate(SESSION, { body: { new_status: "Approved" } });
    assert.ok(report.issues.some((i) => i.path[0] === "path"), "the route rule fires in validate()");
    assert.deepEqual(std(SESSION).validate({ new_status: "Approved" }), { value: { new_status: "Approved" } });
  });

  it("gives the body root an empty path", () => {
    const result = std(SESSION).validate(42);
    assert.equal(result.issues.length, 1);
    assert.deepEqual(result.issues[0].path, []);
    assert.equal(typeof result.issues[0].message, "string");
  });

  it("passes on warnings, fails on errors", () => {
    const report = validate("verifa.update_session", { body: {} });
    assert.ok(report.issues.some((i) => i.severity === "warning" && i.path[0] === "body"), "an empty patch warns");
    assert.deepEqual(std("verifa.update_session").validate({}), { value: {} });
  });

  it("keeps an issue outside the body, without a path", () => {
    const options = { context: 42, severity: { context_invalid: "error" } };
    const report = validate(SESSION, { path: { sessionId: UUID }, body: { new_status: "Approved" } }, options);
    const contextIssue = report.issues.find((i) => i.rule === "context_invalid");
    assert.deepEqual(contextIssue.path, ["context"]);
    assert.deepEqual(std(SESSION, options).validate({ new_status: "Approved" }), { issues: [{ message: contextIssue.message }] });
  });

  it("judges a string as a JSON string value, not as JSON text", () => {
    const text = '{"new_status":"Approved"}';
    assert.equal(validate(SESSION, { path: { sessionId: UUID }, body: text }).ok, true, "validate() reads strings as JSON text");
    const result = std(SESSION).validate(text);
    assert.equal(result.issues.length, 1);
    assert.deepEqual(result.issues[0].path, []);
  });

  it("applies the options: severity overrides, context, maxDepth", () => {
    assert.equal(std(SESSION).validate({ new_status: "approved" }).issues.length, 1);
    const off = std(SESSION, { severity: { "didit.update_session_status.new_status_choice": "off" } });
    assert.deepEqual(off.validate({ new_status: "approved" }), { value: { new_status: "approved" } });
    const same = std(SESSION, { context: { decision: { status: "Approved" } } }).validate({ new_status: "Approved" });
    assert.deepEqual(same.issues.map((i) => i.path), [["new_status"]]);
    const shallow = std(SESSION, { maxDepth: 2 }).validate({ new_status: [[["x"]]] });
    assert.ok(shallow.issues.length >= 1);
  });

  it("reads its options once: later mutation does not change it", () => {
    const options = { severity: { "didit.update_session_status.new_status_choice": "off" } };
    const schema = std(SESSION, options);
    options.severity["didit.update_session_status.new_status_choice"] = "error";
    options.maxIssues = "not a number";
    assert.deepEqual(schema.validate({ new_status: "approved" }), { value: { new_status: "approved" } });
  });

  it("throws PreflightError for misuse when created, never when validating", () => {
    for (const [operation, options, code] of [
      ["didit.no_such_operation", undefined, "unknown_operation"],
      [42, undefined, "unknown_operation"],
      [SESSION, { severity: { "no.such.rule": "off" } }, "unknown_rule"],
      [SESSION, { maxIssues: "ten" }, "invalid_options"],
    ]) {
      assert.throws(
        () => standardSchema(operation, options),
        (error) => error instanceof PreflightError && error.code === code,
        `${String(operation)} ${JSON.stringify(options)}`,
      );
    }
  });

  it("never throws on hostile values", () => {
    const cyclic = {};
    cyclic.self = cyclic;
    const throwing = new Proxy({}, { get: () => { throw new Error("boom"); }, ownKeys: () => { throw new Error("boom"); } });
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const deep = JSON.parse(`${"[".repeat(200)}${"]".repeat(200)}`);
    const schema = std(SESSION);
    for (const value of [undefined, null, 0, -0, NaN, true, "", "\ud800", 1n, Symbol("s"), () => 1, cyclic, throwing, revocable.proxy, deep, [], new Uint8Array([0xff]), new Date(0), { toJSON() { throw new Error("boom"); } }]) {
      let result;
      assert.doesNotThrow(() => (result = schema.validate(value)), String(typeof value));
      assert.ok(result && typeof result === "object" && !(result instanceof Promise));
      assert.ok(Array.isArray(result.issues) ? result.issues.length > 0 : "value" in result, `${typeof value}: ${JSON.stringify(result)}`);
      for (const issue of result.issues ?? []) {
        assert.equal(typeof issue.message, "string");
        if ("path" in issue) assert.ok(Array.isArray(issue.path) && issue.path.every((k) => typeof k === "string" || typeof k === "number"));
      }
    }
  });

  it("never echoes a field's value in an issue", () => {
    const result = std(SESSION).validate({ new_status: "SENTINEL-4242", comment: 7 });
    assert.ok(result.issues.length > 0);
    assert.ok(!JSON.stringify(result.issues).includes("SENTINEL-4242"));
  });
});

describe(`standardSchema in @tanstack/form-core via ${entry}`, () => {
  it("blocks the submit with field errors, then submits once the body is valid", async () => {
    const schema = standardSchema(SESSION);
    const submitted = [];
    const form = new FormApi({
      defaultValues: { new_status: "approved", nodes_to_resubmit: [{ node_id: "a", feature: "Bogus" }] },
      validators: { onSubmit: schema },
      onSubmit: ({ value }) => {
        submitted.push(structuredClone(value));
      },
    });
    form.mount();
    const status = new FieldApi({ form, name: "new_status" });
    const feature = new FieldApi({ form, name: "nodes_to_resubmit[0].feature" });
    status.mount();
    feature.mount();

    await form.handleSubmit();
    assert.deepEqual(submitted, []);
    assert.equal(form.state.isValid, false);
    assert.equal(status.state.meta.errors.length, 1);
    assert.match(status.state.meta.errors[0].message, /new_status/);
    assert.deepEqual(status.state.meta.errors[0].path, ["new_status"]);
    // TanStack turns the array path into its own field name, index included.
    assert.equal(feature.state.meta.errors.length, 1);
    assert.deepEqual(feature.state.meta.errors[0].path, ["nodes_to_resubmit", 0, "feature"]);

    status.setValue("Resubmitted");
    feature.setValue("OCR");
    await form.handleSubmit();
    assert.deepEqual(status.state.meta.errors, []);
    assert.deepEqual(feature.state.meta.errors, []);
    assert.equal(form.state.isValid, true);
    assert.deepEqual(submitted, [{ new_status: "Resubmitted", nodes_to_resubmit: [{ node_id: "a", feature: "OCR" }] }]);
  });
});
