// The bad-input catalogue of reliability.md through the built package, once per entry
// (KP_ENTRY=import|require|web). Case numbers are the catalogue's. The soak, the leak,
// the forced trap and the "never crosses into wasm" checks need the wasm glue in reach
// (tests/js/instrumented.mjs, the same api.js), so they run once, under KP_ENTRY=import:
// the measurements on pkg/'s own wasm, the forced trap on the test-only build
// target/pkg-trap (every function and entry: tests/js/trap.test.mjs).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import vm from "node:vm";
import { PreflightError, entry, validate, validateBatch } from "./entry.mjs";
import { instrumented } from "./instrumented.mjs";
import {
  OPS,
  SENTINEL,
  UUID,
  fires,
  findings,
  issuesAt,
  nested,
  op,
  pathOf,
  rule,
  rulesOf,
  setAt,
  shown,
  stringFields,
  withField,
} from "./ops.mjs";

const once = entry === "import" ? {} : { skip: "entry-independent: runs under KP_ENTRY=import" };
const BIG = { maxBodyBytes: 16 << 20 };
const didit = op("didit.update_session_status");
const feature = op("didit.update_feature_status");
const verifa = op("verifa.update_session");
const ltStatus = op("legaltalent.update_session_status");
const corrections = op("legaltalent.request_corrections");
const anycheck = op("anycheck.update_verification");

const clean = (report) => {
  assert.equal(report.ok, true, JSON.stringify(report.issues));
  assert.deepEqual(report.issues, []);
};
/** The catalogue's closing check: a valid request right after still validates, clean. */
const stillValid = (o) => clean(validate(o.id, o.request()));
const withBody = (o, body) => ({ ...o.request(), body });
const jsonForm = (value) => JSON.parse(JSON.stringify(value));

describe(`reliability catalogue via ${entry}`, () => {
  it("the table's valid requests are clean, with and without context", () => {
    for (const o of OPS) {
      clean(validate(o.id, o.request()));
      assert.equal(validate(o.id, o.request(), { context: o.context() }).ok, true, o.id);
    }
  });

  // ------------------------------------------------------------ 1–7: whole input

  it("1: body undefined is no body, like a missing key; null is a body_type error; misuse throws", () => {
    for (const o of OPS) {
      const { body, ...noBody } = o.request();
      const missing = validate(o.id, noBody);
      assert.deepEqual(validate(o.id, { ...noBody, body: undefined }), missing);
      const nul = validate(o.id, { ...noBody, body: null });
      assert.ok(fires(nul, rule(o, "body_type")), JSON.stringify(nul.issues));
      // An error where a document or the framework says so; Legal Talent's and
      // AnyCheck's body_type are warnings, inferred (issue 14).
      const error = nul.issues.find((i) => i.rule === rule(o, "body_type")).severity === "error";
      assert.equal(nul.ok, !error);
      assert.equal(error, !/^(legaltalent|anycheck)\./.test(o.id), o.id);
      // Extra arguments are ignored.
      assert.deepEqual(validate(o.id, o.request(), undefined, "extra", 5), validate(o.id, o.request()));
      stillValid(o);
    }
    // Didit: no body means new_status is missing, exactly as for `{}`.
    const none = validate(didit.id, { path: { sessionId: UUID } });
    assert.deepEqual(none.response, { status: 400, body: { new_status: ["This field is required."] } });
    // With no arguments at all there is no operation: misuse.
    assert.throws(() => validate(), (e) => e instanceof PreflightError && e.code === "unknown_operation");
    assert.throws(() => validate("bogus.op", {}), (e) => e instanceof PreflightError && e.code === "unknown_operation");
    // No request at all: judged as a request without path, headers or body.
    for (const request of [undefined, null, 5, "x"]) {
      const report = validate(didit.id, request);
      assert.deepEqual(rulesOf(report).sort(), [rule(didit, "new_status_required"), rule(didit, "session_id_format")]);
    }
  });

  it("2: primitive bodies: a string is JSON text, numbers and booleans are body_type, BigInt/Symbol/function cannot be sent", () => {
    for (const o of OPS) {
      assert.deepEqual(rulesOf(validate(o.id, withBody(o, "x"))), ["json_syntax"]);
      for (const body of [5, 5.5, -0, true, false, '"x"', "5"]) {
        const report = validate(o.id, withBody(o, body));
        assert.deepEqual(rulesOf(report), [rule(o, "body_type")], `${o.id} ${String(body)}`);
      }
      for (const body of [5n, Symbol("s"), () => 1, function named() {}]) {
        const report = validate(o.id, withBody(o, body));
        assert.deepEqual(rulesOf(report), ["not_serializable"]);
        assert.deepEqual(report.issues[0].path, ["body"]);
      }
      stillValid(o);
    }
  });

  it("3: arrays, Map, Set, Date, RegExp, Error and String objects are judged as the JSON they send", () => {
    const bodies = [[], [1], new Map([["new_status", "Approved"]]), new Set(["a"]), new Date(0), /re/g, new Error("e"), new String("x"), new Number(5), new Boolean(true)];
    for (const o of OPS) {
      for (const body of bodies) {
        const asText = validate(o.id, withBody(o, JSON.stringify(body)));
        assert.deepEqual(validate(o.id, withBody(o, body)), asText, `${o.id} ${Object.prototype.toString.call(body)}`);
      }
      assert.ok(fires(validate(o.id, withBody(o, [])), rule(o, "body_type")));
      assert.ok(fires(validate(o.id, withBody(o, new Date(0))), rule(o, "body_type")));
      stillValid(o);
    }
    // A Map with the right entries still sends `{}`: Didit then misses new_status.
    assert.ok(fires(validate(didit.id, withBody(didit, new Map([["new_status", "Approved"]]))), rule(didit, "new_status_required")));
  });

  it("4: a valid body in Object.create(null) is accepted", () => {
    for (const o of OPS) clean(validate(o.id, withBody(o, Object.assign(Object.create(null), o.request().body))));
  });

  it("5: a body (and bytes) made in another realm give the same result as local ones", () => {
    for (const o of OPS) {
      const foreign = vm.runInNewContext(`(${JSON.stringify(o.request())})`);
      assert.notEqual(Object.getPrototypeOf(foreign.body), Object.prototype);
      assert.deepEqual(validate(o.id, foreign), validate(o.id, o.request()));
      const text = JSON.stringify(o.request().body);
      const copy = vm.runInNewContext("(list) => Uint8Array.from(list)");
      const bytes = copy([...new TextEncoder().encode(text)]);
      assert.ok(!(bytes instanceof Uint8Array), "a foreign Uint8Array");
      assert.deepEqual(validate(o.id, withBody(o, bytes)), validate(o.id, withBody(o, new TextEncoder().encode(text))));
      clean(validate(o.id, withBody(o, bytes)));
    }
  });

  it("6: a deep-frozen body is accepted and not mutated", () => {
    const freeze = (v) => {
      if (v !== null && typeof v === "object") Object.values(v).forEach(freeze);
      return Object.freeze(v);
    };
    for (const o of OPS) {
      const request = freeze(o.request());
      const before = JSON.stringify(request);
      clean(validate(o.id, request, { context: freeze(o.context()) }));
      assert.equal(JSON.stringify(request), before);
      assert.ok(Object.isFrozen(request.body));
    }
    // Didit normalizes aliases in its prepared body, never in the caller's.
    const frozen = freeze(withField(didit, "/nodes_to_resubmit/0/feature", "ID_VERIFICATION"));
    const report = validate(didit.id, frozen);
    assert.equal(report.request.body.nodes_to_resubmit[0].feature, "OCR");
    assert.equal(frozen.body.nodes_to_resubmit[0].feature, "ID_VERIFICATION");
  });

  it("7: a string body is JSON text: parsed and sent as is; bad text is json_syntax with a position", () => {
    for (const o of OPS) {
      const text = ` ${JSON.stringify(o.request().body, null, 2)}\n`;
      const report = validate(o.id, withBody(o, text));
      clean(report);
      assert.equal(report.request.bodyText, text, `${o.id}: the caller's own text is sent`);
      const bad = validate(o.id, withBody(o, '{"a": 1,\n  "b": }'));
      assert.deepEqual(rulesOf(bad), ["json_syntax"]);
      assert.match(bad.issues[0].message, /line 2 column 8/);
      stillValid(o);
    }
  });

  // ------------------------------------------------------------ 8–15: fields, keys, prototypes

  it("8: a required field missing, undefined and null", () => {
    for (const o of [didit, feature]) {
      const { new_status, ...rest } = o.request().body;
      const missing = validate(o.id, withBody(o, rest));
      assert.deepEqual(validate(o.id, withBody(o, { ...rest, new_status: undefined })), missing);
      assert.deepEqual(missing.response, { status: 400, body: { new_status: ["This field is required."] } });
      const nul = validate(o.id, withBody(o, { ...rest, new_status: null }));
      assert.deepEqual(nul.response, { status: 400, body: { new_status: ["This field may not be null."] } });
      assert.deepEqual(rulesOf(nul), [rule(o, "new_status_required")]);
    }
    for (const [o, field, name] of [[ltStatus, "status", "status_required"], [corrections, "corrections", "corrections_required"]]) {
      for (const value of [undefined, null]) {
        const report = validate(o.id, withField(o, `/${field}`, value));
        assert.deepEqual(issuesAt(report, ["body", field]).map((i) => i.rule), [rule(o, name)]);
      }
      stillValid(o);
    }
  });

  it("9, 13: unknown keys and own keys named like Object.prototype members follow each unknown_field rule", () => {
    const severity = { "verifa.update_session": "error", "legaltalent.request_corrections": null };
    for (const o of OPS) {
      const keys = ["constructor", "toString", "hasOwnProperty", "prototype", "valueOf", "bogus"];
      const body = { ...o.request().body, constructor: 1, toString: "x", hasOwnProperty: null, prototype: [], valueOf: {}, bogus: true };
      const report = validate(o.id, withBody(o, body));
      const want = o.id in severity ? severity[o.id] : "warning";
      for (const key of keys) {
        const at = issuesAt(report, ["body", key]);
        assert.deepEqual(at.map((i) => [i.rule, i.severity]), want ? [[rule(o, "unknown_field"), want]] : [], `${o.id} ${key}`);
      }
      assert.equal(report.ok, want !== "error");
      stillValid(o);
    }
  });

  it("10: an own __proto__ key from JSON.parse is an unknown key, and Object.prototype stays clean", () => {
    const body = JSON.parse('{"__proto__": {"new_status": "Approved"}, "new_status": "Declined"}');
    assert.ok(Object.hasOwn(body, "__proto__"));
    const report = validate(didit.id, withBody(didit, body));
    assert.deepEqual(issuesAt(report, ["body", "__proto__"]).map((i) => i.rule), [rule(didit, "unknown_field")]);
    assert.equal(report.ok, true);
    assert.equal(report.request.bodyText, '{"__proto__":{"new_status":"Approved"},"new_status":"Declined"}');
    assert.equal({}.new_status, undefined);
    assert.deepEqual(Object.keys(Object.prototype), []);
    const v = validate(verifa.id, withBody(verifa, JSON.parse('{"__proto__": {}, "metadata": {"__proto__": 1}}')));
    assert.deepEqual(findings(v), [`${rule(verifa, "unknown_field")}@["body","__proto__"]:error`]);
    stillValid(didit);
  });

  it("11: a field only on the prototype is missing", () => {
    const report = validate(didit.id, withBody(didit, { __proto__: { new_status: "Approved" } }));
    assert.deepEqual(rulesOf(report), [rule(didit, "new_status_required")]);
    const lt = validate(ltStatus.id, withBody(ltStatus, Object.create({ status: "approved" })));
    assert.deepEqual(rulesOf(lt), [rule(ltStatus, "status_required")]);
  });

  it("12: a polluted Object.prototype is not read as present", () => {
    try {
      Object.prototype.comment = "x";
      Object.prototype.new_status = "Approved";
      Object.prototype.sessionId = UUID;
      Object.prototype.context = { decision: { status: "Approved" } };
      Object.prototype.body = { new_status: "Approved" };
      Object.prototype.maxIssues = 0;
      const report = validate(didit.id, { path: {}, body: {} });
      assert.deepEqual(rulesOf(report).sort(), [rule(didit, "new_status_required"), rule(didit, "session_id_format")]);
      assert.deepEqual(validate(didit.id, { path: { sessionId: UUID } }).response.body, { new_status: ["This field is required."] });
      const ok = validate(didit.id, { path: { sessionId: UUID }, body: { new_status: "Approved" } }, {});
      assert.equal(ok.request.bodyText, '{"new_status":"Approved"}');
      assert.deepEqual(ok.issues, []);
    } finally {
      delete Object.prototype.comment;
      delete Object.prototype.new_status;
      delete Object.prototype.sessionId;
      delete Object.prototype.context;
      delete Object.prototype.body;
      delete Object.prototype.maxIssues;
    }
    stillValid(didit);
  });

  it("14: class instances with getters, and toJSON, are validated as their JSON form, each getter read once", () => {
    let reads = 0;
    class Review {
      #secret = "s";
      constructor() {
        this.new_status = "Approved";
      }
      get comment() {
        return "on the prototype: not sent";
      }
    }
    const instance = new Review();
    const report = validate(didit.id, withBody(didit, instance));
    assert.equal(report.request.bodyText, '{"new_status":"Approved"}');
    const own = { get new_status() { reads += 1; return "Declined"; } };
    assert.equal(validate(didit.id, withBody(didit, own)).request.bodyText, '{"new_status":"Declined"}');
    assert.equal(reads, 1, "a getter is read once");
    const withToJson = { new_status: "Bogus", toJSON: () => ({ new_status: "Resubmitted", nodes_to_resubmit: [{ node_id: "n", feature: "OCR" }] }) };
    assert.deepEqual(validate(didit.id, withBody(didit, withToJson)), validate(didit.id, withBody(didit, jsonForm(withToJson))));
    clean(validate(didit.id, withBody(didit, withToJson)));
  });

  it("15: Symbol keys and non-enumerable properties are ignored", () => {
    const body = { new_status: "Approved", [Symbol("comment")]: 5 };
    Object.defineProperty(body, "comment", { value: 5, enumerable: false });
    const report = validate(didit.id, withBody(didit, body));
    clean(report);
    assert.equal(report.request.bodyText, '{"new_status":"Approved"}');
  });

  // ------------------------------------------------------------ 16–18: getters, proxies, re-entrancy

  it("16: a throwing getter and a revoked Proxy are not_serializable, with no trap, 1,000 times", () => {
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const throwing = { get new_status() { throw new Error("boom"); } };
    const inField = { new_status: "Approved", get comment() { throw new RangeError("boom"); } };
    for (const body of [throwing, revocable.proxy, inField, { new_status: "Approved", comment: revocable.proxy }]) {
      let first;
      for (let i = 0; i < 1000; i++) {
        const report = validate(didit.id, withBody(didit, body));
        first ??= report;
        assert.deepEqual(report, first);
      }
      assert.deepEqual(rulesOf(first), ["not_serializable"]);
      stillValid(didit);
    }
    // The request object itself, and its path and headers, may be just as hostile.
    assert.deepEqual(rulesOf(validate(didit.id, revocable.proxy)).sort(), ["not_serializable", "request_shape", "request_shape", rule(didit, "session_id_format")].sort());
    const hostile = { get body() { throw new Error("x"); }, get path() { throw new Error("y"); }, headers: revocable.proxy };
    assert.ok(fires(validate(didit.id, hostile), "request_shape"));
  });

  it("16: 1,000 not_serializable requests leave the wasm memory as it was", once, async () => {
    const kit = await instrumented("leak");
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const warm = () => kit.api.validate(didit.id, withBody(didit, revocable.proxy));
    for (let i = 0; i < 100; i++) warm();
    const before = kit.memoryBytes();
    for (let i = 0; i < 1000; i++) warm();
    assert.equal(kit.memoryBytes(), before);
  });

  it("17: a getter that calls validate re-entrantly: both results are correct", () => {
    let inner;
    const body = {
      get new_status() {
        inner = validate(ltStatus.id, ltStatus.request());
        return "Approved";
      },
    };
    const outer = validate(didit.id, withBody(didit, body));
    clean(outer);
    assert.equal(outer.request.bodyText, '{"new_status":"Approved"}');
    clean(inner);
    assert.equal(inner.operation, ltStatus.id);
  });

  it("18: a cycle in metadata is not_serializable", () => {
    const metadata = { a: 1 };
    metadata.self = metadata;
    const report = validate(verifa.id, withField(verifa, "/metadata", metadata));
    assert.deepEqual(rulesOf(report), ["not_serializable"]);
    assert.deepEqual(report.issues[0].path, ["body"]);
    stillValid(verifa);
  });

  // ------------------------------------------------------------ 19–21: size and depth

  it("19: nesting 63/64/65, 128/129, 10,000 and 100,000 deep in every field is a depth issue past 64", () => {
    for (const o of OPS) {
      for (const field of Object.keys(o.request().body)) {
        for (const [depth, arrays] of [[63, true], [64, false], [65, true], [128, false], [129, true], [10_000, false], [100_000, true]]) {
          // The body object is depth 1: the field holds depth - 1 containers.
          const report = validate(o.id, withField(o, `/${field}`, nested(depth - 1, arrays)));
          const deep = report.issues.filter((i) => i.rule === "too_deep");
          assert.equal(deep.length, depth > 64 ? 1 : 0, `${o.id} ${field} ${depth}`);
          if (depth > 64) {
            assert.equal(report.ok, false);
            assert.equal(report.response.status, o === verifa ? 422 : 400);
            if (depth < 128) assert.deepEqual(deep[0].path.slice(0, 2), ["body", field]);
            assert.match(deep[0].message, /64 \(maxDepth\)|limit \(maxDepth\)/);
          }
        }
      }
      stillValid(o);
    }
    // The same nesting given as JSON text.
    const text = `{"metadata":{"k":${"[".repeat(100_000)}${"]".repeat(100_000)}}}`;
    assert.deepEqual(rulesOf(validate(verifa.id, withBody(verifa, text))), ["too_deep"]);
  });

  it("20: 100,000 metadata keys, a 1 MB key and a million items: bounded, truncated, no trap", () => {
    const metadata = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    assert.equal(validate(verifa.id, withField(verifa, "/metadata", metadata), BIG).ok, true);
    const unknown = validate(verifa.id, withBody(verifa, metadata), BIG);
    assert.deepEqual([unknown.ok, unknown.issues.length, unknown.truncated], [false, 100, true]);
    assert.equal(validate(verifa.id, withField(verifa, "/metadata", { ["k".repeat(1_000_000)]: 1 })).ok, true);
    const million = validate(corrections.id, withField(corrections, "", { corrections: new Array(1_000_000).fill(0) }), BIG);
    assert.deepEqual([million.issues.length, million.truncated, million.response.status], [100, true, 400]);
    for (const o of OPS) stillValid(o);
  });

  it("20: a million nodes_to_resubmit give a bounded report", once, () => {
    const report = validate(didit.id, withField(didit, "/nodes_to_resubmit", new Array(1_000_000).fill(0)), BIG);
    assert.deepEqual([report.issues.length, report.truncated], [100, true]);
    // The predicted per-item list stops where the report stops.
    assert.ok(JSON.stringify(report.response).length < 100_000);
    stillValid(didit);
  });

  it("21: a 10 MB body and a 100M-character string are refused before crossing into wasm", once, async () => {
    const kit = await instrumented("size");
    const tooLarge = (report) => assert.deepEqual(rulesOf(report), ["too_large"]);
    const bodies = [
      { comment: "x".repeat(10_000_000), new_status: "Approved" },
      "[".repeat(10_000_000),
      new Uint8Array(10_000_000),
      "x".repeat(100_000_000),
      { new_status: "Approved", comment: "x".repeat(100_000_000) },
    ];
    // The exact UTF-8 size, as native Rust measures the same text (all ASCII here).
    const sizes = [10_000_038, 10_000_000, 10_000_000, 100_000_000, 100_000_038];
    for (const [i, body] of bodies.entries()) {
      kit.calls.length = 0;
      const report = kit.api.validate(didit.id, withBody(didit, body));
      tooLarge(report);
      assert.equal(report.response.status, 413);
      assert.equal(report.issues[0].message, `the body's JSON text is ${sizes[i]} UTF-8 bytes, over the limit of 1048576 bytes (maxBodyBytes)`);
      assert.deepEqual(kit.calls.map((c) => [c.fn, c.bodyLength, c.bodyKind]), [["validate", 0, "too_large"]]);
    }
    // The same through the entry under test; a multi-byte text counts its UTF-8 bytes
    // (é 2, € 3, 😀 4, a lone surrogate 6 as it is escaped to cross).
    tooLarge(validate(didit.id, withBody(didit, "x".repeat(100_000_000))));
    const mixed = validate(didit.id, withBody(didit, "é€😀\ud800".repeat(10)), { maxBodyBytes: 20 });
    assert.equal(mixed.issues[0].message, "the body's JSON text is 150 UTF-8 bytes, over the limit of 20 bytes (maxBodyBytes)");
    stillValid(didit);
  });

  // ------------------------------------------------------------ 22–23: numbers

  it("22: NaN and ±Infinity are sent as null (with a warning), -0 as 0, 2**53+1 as 2**53, BigInt cannot be sent", () => {
    // Faithful to the wire: the validator judges what JSON.stringify will send. Every
    // field where null is wrong says so at that field; where null means something
    // (Verifa metadata: delete the key) that meaning is what gets validated. And the
    // caller learns, at the field, that its NaN or Infinity became that null.
    for (const o of OPS) {
      for (const pointer of [...o.strings, ...o.free]) {
        const asNull = validate(o.id, withField(o, pointer, null));
        const path = ["body", ...pointer.split("/").slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s))];
        const warning = `non_finite_number@${JSON.stringify(path)}:warning`;
        assert.ok(!findings(asNull).includes(warning));
        for (const value of [NaN, Infinity, -Infinity]) {
          const report = validate(o.id, withField(o, pointer, value));
          assert.ok(findings(report).includes(warning), `${o.id} ${pointer} ${value}: ${findings(report)}`);
          const others = findings(report).filter((f) => f !== warning);
          assert.deepEqual(others, findings(asNull), `${o.id} ${pointer} ${value}`);
          assert.equal(report.ok, asNull.ok);
          const issue = report.issues.find((i) => i.rule === "non_finite_number");
          assert.equal(issue.source, "inferred");
          assert.equal(issue.message, "a non-finite number (NaN or ±Infinity) is sent as null");
        }
        assert.deepEqual(findings(validate(o.id, withField(o, pointer, -0))), findings(validate(o.id, withField(o, pointer, 0))));
        assert.deepEqual(findings(validate(o.id, withField(o, pointer, 1e21))), findings(validate(o.id, withField(o, pointer, 7))));
        assert.deepEqual(findings(validate(o.id, withField(o, pointer, 2 ** 53 + 1))), findings(validate(o.id, withField(o, pointer, 7))));
        const big = validate(o.id, withField(o, pointer, 5n));
        assert.deepEqual(findings(big), ['not_serializable@["body"]:error']);
      }
      stillValid(o);
    }
    const report = validate(verifa.id, withField(verifa, "/metadata", { a: NaN, b: -0, c: 1e21, d: 2 ** 53 + 1 }));
    assert.equal(report.request.bodyText, '{"external_ref":"r","metadata":{"a":null,"b":0,"c":1e+21,"d":9007199254740992}}');
    assert.deepEqual(findings(report), ['non_finite_number@["body","metadata","a"]:warning']);
    // Found in data properties of objects and arrays, never where JSON.stringify does not
    // look (a key it skips, a real null, a NaN inside a string). What only a getter or a
    // toJSON returns is not read a second time to find out.
    const deep = validate(verifa.id, withField(verifa, "/metadata", {
      list: [1, Infinity, { x: [NaN] }],
      viaToJSON: { toJSON: () => ({ y: -Infinity }) },
      skipped: undefined,
      fn: () => NaN,
      real: null,
      text: "NaN",
    }));
    assert.deepEqual(
      deep.issues.filter((i) => i.rule === "non_finite_number").map((i) => i.path),
      [
        ["body", "metadata", "list", 1],
        ["body", "metadata", "list", 2, "x", 0],
      ],
    );
    let reads = 0;
    const getter = validate(verifa.id, withField(verifa, "/metadata", { get k() { reads += 1; return NaN; }, n: null }));
    assert.equal(reads, 1, "a getter is read once, by JSON.stringify");
    assert.equal(getter.request.bodyText, '{"external_ref":"r","metadata":{"k":null,"n":null}}');
    const once = { get new_status() { if ((reads += 1) > 2) throw new Error("read twice"); return "Approved"; }, comment: null };
    assert.doesNotThrow(() => validate(didit.id, withBody(didit, once)));
    // A body that is NaN itself is sent as null: the body_type error, and the warning at the body.
    assert.deepEqual(findings(validate(verifa.id, { ...verifa.request(), body: NaN })).sort(), [
      'non_finite_number@["body"]:warning',
      'verifa.update_session.body_type@["body"]:error',
    ]);
    // Batches carry the same finding.
    const [batched] = validateBatch(verifa.id, [withField(verifa, "/metadata", { a: NaN })]);
    assert.deepEqual(findings(batched), ['non_finite_number@["body","metadata","a"]:warning']);
  });

  it("23: numeric strings where a boolean or an enum is expected", () => {
    for (const value of ["1", "true", "yes"]) {
      const issue = validate(didit.id, withField(didit, "/send_email", value)).issues.find((i) => i.rule === rule(didit, "send_email_type"));
      assert.equal(issue.severity, "warning", "the server coerces it");
    }
    // DRF's BooleanField reads "true" too (a warning); "2" it refuses.
    const coerced = validate(feature.id, withField(feature, "/defer_until_flow_finishes", "true"));
    assert.equal(coerced.issues.find((i) => i.rule === rule(feature, "defer_type")).severity, "warning");
    assert.deepEqual(validate(feature.id, withField(feature, "/defer_until_flow_finishes", "2")).response, {
      status: 400,
      body: { defer_until_flow_finishes: ["Must be a valid boolean."] },
    });
    const enums = [[didit, "/new_status", "new_status_choice", "Approved"], [ltStatus, "/status", "status_choice", "approved"], [anycheck, "/verification_status", "verification_status_choice", "COMPLETED"]];
    for (const [o, pointer, choice, good] of enums) {
      for (const value of ["1", "true", ` ${good}`]) {
        const issue = validate(o.id, withField(o, pointer, value)).issues.find((i) => i.rule === rule(o, choice));
        assert.ok(issue, `${o.id} ${value}`);
        if (value.trim() === good) assert.equal(issue.hint, `did you mean "${good}"?`);
      }
      stillValid(o);
    }
  });

  // ------------------------------------------------------------ 24–29: strings and Unicode

  it("24: a non-string in each string field is reported at that field", () => {
    for (const o of OPS) {
      for (const pointer of o.strings) {
        for (const value of [5, true, [], {}, null]) {
          const report = validate(o.id, withField(o, pointer, value));
          // Didit's strings are DRF CharFields, which take a number as its text: a comment
          // and a node id pass; an email_language is then an unknown code (a warning).
          const asText = o.id.startsWith("didit.") && typeof value === "number";
          const taken = asText && ["/comment", "/nodes_to_resubmit/0/node_id"].includes(pointer);
          assert.equal(issuesAt(report, pathOf(pointer)).length > 0, !taken, `${o.id} ${pointer} ${JSON.stringify(value)}`);
          if (asText && pointer === "/email_language") assert.equal(report.ok, true);
        }
      }
      stillValid(o);
    }
  });

  it("25: empty, blank and invisible enum values are errors at the field", () => {
    for (const [o, pointer] of [[didit, "/new_status"], [didit, "/nodes_to_resubmit/0/feature"], [ltStatus, "/status"], [anycheck, "/verification_status"]]) {
      for (const value of ["", " ", "\u00a0", "\u200b", "\u200bx"]) {
        const report = validate(o.id, withField(o, pointer, value));
        assert.ok(issuesAt(report, pathOf(pointer)).some((i) => i.severity === "error"), `${o.id} ${pointer} ${JSON.stringify(value)}`);
      }
      stillValid(o);
    }
  });

  it("26: lone surrogates in every string field (path and headers too) are invalid_unicode, never a silent U+FFFD", () => {
    for (const o of OPS) {
      for (const { at, path } of stringFields(o)) {
        for (const value of ["\uD800", "\uDC00", "\uDC00\uD800", "a\uD83Db"]) {
          const report = validate(o.id, setAt(o.request(), at, value));
          const bad = report.issues.filter((i) => i.rule === "invalid_unicode");
          assert.deepEqual(bad.map((i) => i.path), [path], `${o.id} ${at}`);
          assert.equal(report.ok, false);
          assert.ok(!/[\uFFFD\uFFFF]/.test(shown(report)));
        }
        // A proper pair is a character like any other.
        assert.ok(!fires(validate(o.id, setAt(o.request(), at, "\uD83D\uDE00")), "invalid_unicode"));
      }
      stillValid(o);
    }
    // In a string body (JSON text) the raw lone surrogate is found the same way.
    const report = validate(didit.id, withBody(didit, '{"new_status":"Approved","comment":"a\uD800"}'));
    assert.deepEqual(report.issues.map((i) => [i.rule, i.path]), [["invalid_unicode", ["body", "comment"]]]);
    // In the context it spoils only that string: no throw, no issue.
    assert.equal(validate(didit.id, didit.request(), { context: { decision: { status: "In Review", x: "\uDC00" } } }).ok, true);
  });

  it("27: control characters, U+2028/U+2029 and bidi overrides are data: accepted, never echoed", () => {
    const texts = ["a\u0000b\u001fc\u007f", "\u001b[31mred", "x\u2028y\u2029z", "\u202eevil\u202c\u2066\u2069"];
    for (const [o, pointer] of [[didit, "/comment"], [feature, "/comment"], [ltStatus, "/reason"], [corrections, "/corrections/0/message"], [verifa, "/metadata/k"]]) {
      for (const text of texts) {
        // Didit's comment is DRF's CharField, whose validator refuses NUL characters.
        if (o.id.startsWith("didit.") && text.includes("\u0000")) {
          const report = validate(o.id, withField(o, pointer, text));
          assert.deepEqual(report.response, { status: 400, body: { comment: ["Null characters are not allowed."] } });
          assert.ok(!shown(report).includes(text));
          continue;
        }
        clean(validate(o.id, withField(o, pointer, text)));
        const failing = { ...withField(o, pointer, text), headers: {} };
        const report = validate(o.id, failing);
        assert.equal(report.ok, false);
        assert.ok(!shown(report).includes(text));
      }
    }
  });

  it("28: lengths count Unicode scalar values, not UTF-16 units, and name the unit", () => {
    for (const unit of ["a", "\u00e9", "e\u0301", "😀", "👨\u200d👩\u200d👧", "🇫🇷"]) {
      const scalars = [...unit].length;
      for (const [n, over] of [[255, false], [256, true]]) {
        const value = unit.repeat(Math.floor(n / scalars)) + "a".repeat(n % scalars);
        const report = validate(verifa.id, withField(verifa, "/external_ref", value));
        assert.equal(fires(report, rule(verifa, "external_ref_length")), over, `${JSON.stringify(unit)} × ${n}`);
        if (over) assert.match(report.issues[0].message, /characters \(Unicode scalar values\).*255/);
      }
    }
  });

  it("29: Verifa metadata values are measured as compact JSON in UTF-8 bytes", () => {
    const over = (value) => fires(validate(verifa.id, withField(verifa, "/metadata/k", value)), rule(verifa, "metadata_value_size"));
    for (const last of ["é", "€", "😀"]) {
      const bytes = new TextEncoder().encode(last).length;
      for (const total of [16_383, 16_384, 16_385]) assert.equal(over("a".repeat(total - 2 - bytes) + last), total > 16_384, `${last} ${total}`);
    }
    assert.equal(over('"'.repeat(8_191)), false);
    assert.equal(over("\\".repeat(8_192)), true);
  });

  // ------------------------------------------------------------ 30–33: email

  const emailOk = (address) => !fires(validate(didit.id, withField(didit, "/email_address", address)), rule(didit, "email_format"));
  const a = (n) => "a".repeat(n);

  it("30–32: email addresses that pass, fail, and are pinned by policy", () => {
    // Issue 14 overrides the catalogue where Didit's server disagrees: DRF's EmailField
    // trims, and Django's EmailValidator has no local-part limit and allows 320
    // characters (tests/reliability.rs c30–c32; the DRF oracle checks it all).
    const pass = ["user@example.com", "user+tag@sub.example.co.uk", "o'brien@example.ie", "USER@EXAMPLE.COM", `${a(64)}@example.com`, `user@${a(63)}.com`, `${a(64)}@${a(63)}.${a(63)}.${a(58)}.co`, `${a(65)}@example.com`, `${a(64)}@${a(63)}.${a(63)}.${a(59)}.co`, "a@b.co\n", " a@b.co "];
    for (const address of pass) assert.ok(emailOk(address), address);
    const fail = ["", "@", "a@", "@b.co", "a@@b.co", "a b@c.co", "a@-b.co", "a@b-.co", "a@b_c.co", `user@${a(64)}.com`, `${a(65)}@${a(63)}.${a(63)}.${a(63)}.${a(63)}`, "a＠b.co"];
    for (const address of fail) assert.ok(!emailOk(address), JSON.stringify(address));
    // Policy (Django's EmailValidator, which Didit runs): see tests/reliability.rs c32.
    const policy = { "user@localhost": true, ".a@x.co": false, "a..b@x.co": false, "a@1.2.3.4": false, "usér@x.co": false, "a@exämple.co": true, "a@xn--exmple-cua.co": true };
    for (const [address, passes] of Object.entries(policy)) assert.equal(emailOk(address), passes, address);
  });

  it("33: email ReDoS probes are refused (their 10 ms budget is timed by npm run bench)", () => {
    for (const address of [`${a(50_000)}@`, `a@${"a-".repeat(30_000)}!`, `a@${"a.".repeat(30_000)}-`]) {
      const report = validate(didit.id, withField(didit, "/email_address", address));
      assert.ok(fires(report, rule(didit, "email_format")), address.slice(0, 12));
    }
  });

  // ------------------------------------------------------------ 34–39: robustness

  it("34: same input, same report bytes; A then B equals B alone", () => {
    const inputs = OPS.flatMap((o) => [
      [o.id, o.request(), undefined],
      [o.id, withBody(o, [1]), { context: o.context(), maxIssues: 1 }],
      // A body-less call (Legal Talent's workflow) has no string field: its path id then.
      [o.id, setAt(o.request(), o.strings.length ? `/body${o.strings[0]}` : `/path/${Object.keys(o.request().path)[0]}`, "\uD800"), undefined],
      [o.id, withBody(o, "{"), { context: [1] }],
    ]);
    const alone = inputs.map((args) => JSON.stringify(validate(...args)));
    inputs.forEach((a, i) => {
      assert.equal(JSON.stringify(validate(...a)), alone[i]);
      inputs.forEach((b, j) => {
        validate(...a);
        assert.equal(JSON.stringify(validate(...b)), alone[j]);
      });
    });
  });

  it("35: 10,000 invalid items give maxIssues issues and truncated (timed by npm run bench)", () => {
    const cases = [
      [didit, withField(didit, "/nodes_to_resubmit", Array.from({ length: 10_000 }, () => ({ node_id: "n", feature: "X" })))],
      [corrections, withField(corrections, "/corrections", Array.from({ length: 10_000 }, () => ({ step_id: 5 })))],
      [anycheck, withBody(anycheck, Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`u${i}`, 0]).concat([["output", 5]])))],
    ];
    for (const [o, request] of cases) {
      for (const [options, limit] of [[undefined, 100], [{ maxIssues: 1 }, 1], [{ maxIssues: 100_000 }, null]]) {
        const report = validate(o.id, request, options);
        assert.equal(report.ok, false);
        assert.ok(report.issues.some((i) => i.severity === "error"), "ok is false, so an error is kept");
        if (limit) assert.deepEqual([report.issues.length, report.truncated], [limit, true], o.id);
        else assert.equal(report.truncated, false);
      }
    }
  });

  it("36: soak: 100,000 invalid requests, then a valid one; the wasm memory stays at its high-water mark", once, async () => {
    const kit = await instrumented("soak");
    const invalid = [
      withField(didit, "/new_status", "Bogus"),
      withBody(didit, "{"),
      withField(didit, "/nodes_to_resubmit", [0, { node_id: "", feature: "KYB" }]),
      withField(didit, "/comment", "\uD800"),
    ];
    for (let i = 0; i < 2_000; i++) kit.api.validate(didit.id, invalid[i % invalid.length]);
    const highWater = kit.memoryBytes();
    // Its time is a budget of npm run bench (bench/probes.mjs), not an assert here.
    for (let i = 0; i < 100_000; i++) {
      const report = kit.api.validate(didit.id, invalid[i % invalid.length]);
      if (report.ok) assert.fail(`request ${i} passed`);
    }
    clean(kit.api.validate(didit.id, didit.request()));
    assert.equal(kit.memoryBytes(), highWater, "the wasm memory grew during the soak");
    assert.equal(kit.resets(), 0);
  });

  it("37: a forced trap gives an internal_error report, resets the instance, and the next call succeeds", once, async () => {
    const kit = await instrumented("trap", "trap");
    assert.ok(kit.hasTrapExport, "target/pkg-trap exports __testTrap");
    for (let round = 1; round <= 20; round++) {
      kit.trapNextCall();
      const report = kit.api.validate(didit.id, didit.request());
      assert.deepEqual(report, {
        ok: false,
        operation: didit.id,
        issues: [{ rule: "internal_error", severity: "error", path: [], message: "the validator failed on this input; it was reset and the request was not judged", source: "inferred" }],
        truncated: false,
        response: null,
        request: null,
        effects: [],
      });
      assert.equal(kit.resets(), round);
      clean(kit.api.validate(didit.id, didit.request()));
      assert.deepEqual(rulesOf(kit.api.validate(didit.id, withField(didit, "/new_status", "Bogus"))), [rule(didit, "new_status_choice")]);
    }
  });

  it("38: the PII sentinel in every string field never reaches a message, hint or path", () => {
    const everywhere = (v) =>
      typeof v === "string" ? SENTINEL + v : Array.isArray(v) ? v.map(everywhere) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, everywhere(x)])) : v;
    for (const o of OPS) {
      for (const { at } of stringFields(o)) {
        for (const value of [SENTINEL, `${SENTINEL} Approved`, `x@${SENTINEL}.co`]) {
          for (const options of [undefined, { context: o.context() }]) {
            const report = validate(o.id, setAt(o.request(), at, value), options);
            assert.ok(!shown(report).includes(SENTINEL), `${o.id} ${at}: ${shown(report)}`);
          }
        }
      }
      const report = validate(o.id, everywhere(o.request()), { context: everywhere(o.context()) });
      assert.equal(report.ok, false);
      assert.ok(!shown(report).includes(SENTINEL), shown(report));
      stillValid(o);
    }
    // Where Didit itself echoes the value, it is in the predicted body only.
    const echo = validate(didit.id, withField(didit, "/new_status", SENTINEL));
    assert.deepEqual(echo.response.body, { new_status: [`"${SENTINEL}" is not a valid choice.`] });
  });

  it("39: context garbage gives context_invalid warnings, never a throw", () => {
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const cycle = {};
    cycle.self = cycle;
    const map = new Map([["decision", {}]]);
    const hostile = [
      [],
      5,
      "ctx",
      true,
      5n,
      Symbol("s"),
      () => 1,
      cycle,
      revocable.proxy,
      { get decision() { throw new Error("x"); } },
      nested(10_000, false),
      nested(200, true),
      map,
    ];
    for (const o of OPS) {
      const key = Object.keys(o.context())[0];
      // The vendor's shape with one wrong type: only that part is skipped.
      const inner = o.context()[key];
      const shaped = [{ [key]: [] }, { [key]: 7 }, { [key]: cycle }, { [key]: { ...inner, status: 5 } }, { [key]: { ...inner, status: ["x"] } }];
      [...hostile, ...shaped].forEach((context, n) => {
        const report = validate(o.id, o.request(), { context });
        assert.equal(report.ok, true, `${o.id}: context #${n}: ${JSON.stringify(report.issues)}`);
        assert.ok(report.issues.every((i) => i.severity === "warning"), JSON.stringify(report.issues));
        // Map sends `{}`, an empty context; everything else is reported.
        if (context !== map) assert.ok(fires(report, "context_invalid"), `${o.id}: context #${n}`);
      });
      stillValid(o);
    }
  });

  // ------------------------------------------------------------ limits (options)

  it("limits: maxDepth, maxBodyBytes and maxIssues at their bounds; misuse is invalid_options", () => {
    const depth = (limit, d) => fires(validate(verifa.id, withField(verifa, "/metadata", nested(d - 1, true)), { maxDepth: limit }), "too_deep");
    assert.deepEqual([depth(1, 1), depth(1, 2), depth(126, 126), depth(126, 127), depth(64, 64), depth(64, 65)], [false, true, false, true, false, true]);
    const padded = (total) => JSON.stringify({ external_ref: "a".repeat(total - '{"external_ref":""}'.length) });
    const large = (limit, n) => fires(validate(verifa.id, withBody(verifa, padded(n)), limit && { maxBodyBytes: limit }), "too_large");
    assert.deepEqual([large(undefined, 1 << 20), large(undefined, (1 << 20) + 1), large(100, 100), large(100, 101), large(16 << 20, 16 << 20)], [false, true, false, true, false]);
    // Bytes, not UTF-16 units: 50 × "é" is 100 bytes but 50 units.
    assert.ok(fires(validate(verifa.id, withBody(verifa, JSON.stringify({ external_ref: "é".repeat(50) })), { maxBodyBytes: 110 }), "too_large"));
    const many = withBody(anycheck, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`u${i}`, 0])));
    const kept = (options) => validate(anycheck.id, many, options);
    assert.deepEqual([kept().issues.length, kept().truncated], [100, true]);
    assert.deepEqual([kept({ maxIssues: 1 }).issues.length, kept({ maxIssues: 1 }).truncated], [1, true]);
    assert.deepEqual([kept({ maxIssues: 100_000 }).issues.length, kept({ maxIssues: 100_000 }).truncated], [301, false]);
    const misuse = {
      maxDepth: [0, 127, 1.5, -1, NaN, Infinity, "64", null, {}],
      maxBodyBytes: [0, 1, (16 << 20) + 1, 2.5, NaN, -Infinity, "100", null],
      maxIssues: [0, 100_001, 0.5, NaN, Infinity, "5", null, []],
    };
    for (const [name, values] of Object.entries(misuse)) {
      for (const value of values) {
        assert.throws(
          () => validate(verifa.id, verifa.request(), { [name]: value }),
          (e) => e instanceof PreflightError && e.code === "invalid_options" && e.message.includes(name),
          `${name}: ${String(value)}`,
        );
      }
    }
    for (const options of [5, "x", true]) assert.throws(() => validate(verifa.id, verifa.request(), options), (e) => e.code === "invalid_options");
    assert.throws(() => validate(verifa.id, verifa.request(), { get maxIssues() { throw new Error("x"); } }), (e) => e.code === "invalid_options");
    stillValid(verifa);
  });
});
