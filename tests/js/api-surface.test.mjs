// API promises of api.md and the declarations (pkg-template/src/api.d.ts) that no other
// suite checks at run time, through the entry under test (KP_ENTRY=import|require|web):
// - misuse is a PreflightError with a stable `code`, for each code the declarations list;
// - bad `path` and `headers` values are data: a report, never a throw, with the
//   `request_shape` issue at the part that cannot be read;
// - `validateBatch` gives exactly the reports `validate` gives, one by one (it has its own
//   wire encoding: bodies joined with NUL, bytes decoded in JS).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import {
  PreflightError,
  allowedActions,
  canonicalStatus,
  entry,
  mergeVerifaMetadata,
  operations,
  standardSchema,
  validate,
  validateBatch,
} from "./entry.mjs";
import { OPS, findings, op, rule } from "./ops.mjs";

const didit = op("didit.update_session_status");
const PROVIDERS = ["didit", "verifa", "legaltalent", "anycheck"];
/** The rule a path parameter fires when it is missing (rules.md: an error for each). */
const PARAM_RULE = { sessionId: "session_id_format", session_id: "session_id_format", nodeId: "node_id_format", id: "id_format" };

/** Runs `fn`; it must throw a PreflightError with `code`, and a message matching `message`. */
function misuse(fn, code, message, label, ErrorClass = PreflightError) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `${label}: did not throw`);
  assert.ok(error instanceof ErrorClass, `${label}: ${error?.name} is not a PreflightError: ${error?.message}`);
  assert.ok(error instanceof Error, `${label}: not an Error`);
  assert.equal(error.name, "PreflightError", label);
  assert.equal(error.code, code, `${label}: ${error.message}`);
  assert.equal(typeof error.message, "string");
  assert.match(error.message, message, label);
}

const nested = (depth) => (depth === 0 ? 0 : [nested(depth - 1)]);
const revoked = () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};

describe(`API surface via ${entry}`, () => {
  // ------------------------------------------------------------------ misuse codes
  describe("misuse throws PreflightError with the declared code", () => {
    it("unknown_operation: validate, validateBatch and standardSchema with an id operations() does not list", () => {
      const ids = operations().map((o) => o.id);
      assert.deepEqual(ids, OPS.map((o) => o.id));
      const bogus = ["bogus.op", "", "Didit.update_session_status", " didit.update_session_status", "didit.update_session_status ", "didit", "verifa.update_session.unknown_field"];
      for (const id of bogus) {
        misuse(() => validate(id, didit.request()), "unknown_operation", /operation/, `validate ${JSON.stringify(id)}`);
        misuse(() => validateBatch(id, [didit.request()]), "unknown_operation", /operation/, `validateBatch ${JSON.stringify(id)}`);
        misuse(() => validateBatch(id, []), "unknown_operation", /operation/, `validateBatch [] ${JSON.stringify(id)}`);
        misuse(() => standardSchema(id), "unknown_operation", /operation/, `standardSchema ${JSON.stringify(id)}`);
      }
      for (const id of [undefined, null, 5, {}, ["didit.update_session_status"], Symbol("op")]) {
        misuse(() => validate(id, didit.request()), "unknown_operation", /operation/, `validate ${String(id)}`);
        misuse(() => validateBatch(id, []), "unknown_operation", /operation/, `validateBatch ${String(id)}`);
      }
      // Every listed id is accepted, and judged as itself.
      for (const id of ids) {
        assert.equal(validate(id, {}).operation, id);
        assert.deepEqual(validateBatch(id, [{}]).map((r) => r.operation), [id]);
      }
    });

    it("unknown_provider: allowedActions and canonicalStatus with a provider other than the four", () => {
      // The registry names the providers there are, in operations() order.
      const listed = [...new Set(operations().map((o) => o.provider))].join(", ");
      assert.equal(listed, "didit, verifa, legaltalent, anycheck");
      const names = new RegExp(`^unknown provider; expected one of: ${listed}$`);
      for (const provider of ["bogus", "", "Didit", "VERIFA", " anycheck", "legal_talent", undefined, null, 5]) {
        misuse(() => allowedActions(provider, {}), "unknown_provider", names, `allowedActions ${String(provider)}`);
        misuse(() => canonicalStatus(provider, "approved"), "unknown_provider", names, `canonicalStatus ${String(provider)}`);
      }
      for (const provider of PROVIDERS) {
        assert.ok(Array.isArray(allowedActions(provider, {})), provider);
        assert.equal(canonicalStatus(provider, "no such status"), null, provider);
      }
      assert.equal(canonicalStatus("didit", "Approved"), "approved");
    });

    it("invalid_argument: validateBatch with a non-array, mergeVerifaMetadata with non-objects", () => {
      for (const requests of ["x", {}, null, undefined, 5, new Set([didit.request()]), { length: 1, 0: didit.request() }, new Uint8Array(2)]) {
        misuse(() => validateBatch(didit.id, requests), "invalid_argument", /array/, `validateBatch ${Object.prototype.toString.call(requests)}`);
      }
      const object = { a: "1" };
      for (const bad of [null, undefined, [], ["a"], 5, "x", true]) {
        misuse(() => mergeVerifaMetadata(bad, object), "invalid_argument", /plain objects/, `mergeVerifaMetadata(${JSON.stringify(bad)}, {})`);
        misuse(() => mergeVerifaMetadata(object, bad), "invalid_argument", /plain objects/, `mergeVerifaMetadata({}, ${JSON.stringify(bad)})`);
      }
      // Objects are merged one level deep: patch keys replace, null deletes, others stay.
      assert.deepEqual(mergeVerifaMetadata({ a: "1", b: "2", c: "3" }, { b: null, c: "x", d: "4" }), { a: "1", c: "x", d: "4" });
    });

    it("invalid_options: options that are not an object, or hold a bad limit or severity map, in validate, validateBatch and standardSchema", () => {
      const o = didit;
      const bad = [
        [5, /options/],
        ["x", /options/],
        [true, /options/],
        [{ maxIssues: 0 }, /maxIssues/],
        [{ maxIssues: 100_001 }, /maxIssues/],
        [{ maxIssues: "5" }, /maxIssues/],
        [{ maxDepth: 127 }, /maxDepth/],
        [{ maxDepth: 0.5 }, /maxDepth/],
        [{ maxBodyBytes: (16 << 20) + 1 }, /maxBodyBytes/],
        [{ maxBodyBytes: -1 }, /maxBodyBytes/],
        [{ maxBodyBytes: 1 }, /maxBodyBytes/],
        [{ severity: 5 }, /severity/],
        [{ severity: "off" }, /severity/],
        [{ severity: [] }, /severity/],
        [{ severity: { [rule(o, "unknown_field")]: "fatal" } }, /severity/],
        [{ severity: { [rule(o, "unknown_field")]: null } }, /severity/],
        [{ get maxIssues() { throw new Error("x"); } }, /options/],
        [{ maxIssues: 5n }, /options/],
      ];
      for (const [options, message] of bad) {
        const label = typeof options === "object" ? Object.keys(options).join() : String(options);
        misuse(() => validate(o.id, o.request(), options), "invalid_options", message, `validate ${label}`);
        misuse(() => validateBatch(o.id, [o.request()], options), "invalid_options", message, `validateBatch ${label}`);
        misuse(() => validateBatch(o.id, [], options), "invalid_options", message, `validateBatch [] ${label}`);
        misuse(() => standardSchema(o.id, options), "invalid_options", message, `standardSchema ${label}`);
      }
      // The limits at their bounds are accepted.
      for (const options of [{ maxIssues: 1 }, { maxIssues: 100_000 }, { maxDepth: 1 }, { maxDepth: 126 }, { maxBodyBytes: 2 }, { maxBodyBytes: 16 << 20 }, {}, null, undefined]) {
        assert.equal(validate(o.id, o.request(), options).operation, o.id, JSON.stringify(options));
      }
    });

    it("unknown_rule: a severity override naming a rule rules() does not list", () => {
      for (const id of ["bogus", "didit.update_session_status.bogus", "unknown_field", "didit.update_session_status.UNKNOWN_FIELD", "", "didit.update_session_status.unknown_field "]) {
        const options = { severity: { [id]: "off" } };
        const named = new RegExp(`severity overrides: ${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
        misuse(() => validate(didit.id, didit.request(), options), "unknown_rule", named, `validate ${JSON.stringify(id)}`);
        misuse(() => validateBatch(didit.id, [didit.request()], options), "unknown_rule", named, `validateBatch ${JSON.stringify(id)}`);
        misuse(() => standardSchema(didit.id, options), "unknown_rule", named, `standardSchema ${JSON.stringify(id)}`);
      }
      // A known rule is overridden: off removes it, error raises it, warning lowers it.
      const body = { new_status: "Approved", bogus: 1 };
      const request = { ...didit.request(), body };
      const unknownField = rule(didit, "unknown_field");
      assert.deepEqual(findings(validate(didit.id, request)), [`${unknownField}@["body","bogus"]:warning`]);
      assert.deepEqual(findings(validate(didit.id, request, { severity: { [unknownField]: "off" } })), []);
      const raised = validate(didit.id, request, { severity: { [unknownField]: "error" } });
      assert.deepEqual([raised.ok, findings(raised)], [false, [`${unknownField}@["body","bogus"]:error`]]);
      const required = rule(didit, "new_status_required");
      const lowered = validate(didit.id, { ...didit.request(), body: {} }, { severity: { [required]: "warning" } });
      assert.deepEqual([lowered.ok, findings(lowered)], [true, [`${required}@["body","new_status"]:warning`]]);
      // Kernel rules are rules too.
      assert.equal(validate(didit.id, { ...didit.request(), body: "{" }, { severity: { json_syntax: "warning" } }).issues[0].severity, "warning");
    });

    it("not_initialized: the ./web entry before its init()", async () => {
      const require = createRequire(import.meta.url);
      // A fresh module instance of the ./web entry, whatever the entry under test did.
      const fresh = await import(`${import.meta.resolve("kyc-preflight/web")}?not-initialized`);
      for (const call of [() => fresh.validate(didit.id, didit.request()), () => fresh.validateBatch(didit.id, []), () => fresh.operations(), () => fresh.allowedActions("didit", {})]) {
        misuse(call, "not_initialized", /init\(\)/, "before init", fresh.PreflightError);
      }
      await fresh.default(readFileSync(require.resolve("kyc-preflight/kyc_preflight.wasm")));
      assert.deepEqual(fresh.validate(didit.id, didit.request()), validate(didit.id, didit.request()));
    });
  });

  // ------------------------------------------------------------------ hostile path and headers
  describe("hostile path and headers give a report, never a throw", () => {
    const cycle = () => {
      const c = { a: "1" };
      c.self = c;
      return c;
    };
    /** Values `JSON.stringify` cannot turn into an object of strings, by name. */
    const hostile = {
      bigint: () => 5n,
      cycle,
      symbol: () => Symbol("s"),
      function: () => () => "x",
      revokedProxy: revoked,
      array: () => ["3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c"],
      number: () => 5,
      string: () => "x",
      boolean: () => true,
      bigintInside: () => ({ k: 5n }),
      cycleInside: () => ({ k: cycle() }),
      throwingInside: () => ({ get k() { throw new Error("x"); } }),
      revokedInside: () => ({ k: revoked() }),
    };
    /** The request with `part` replaced by a throwing getter, or by `value`. */
    const withPart = (o, part, make) => {
      const request = o.request();
      if (make === "getter") Object.defineProperty(request, part, { enumerable: true, get() { throw new Error("boom"); } });
      else request[part] = make();
      return request;
    };
    const paramRules = (o) => operations().find((x) => x.id === o.id).pathParams.map((p) => `${rule(o, PARAM_RULE[p])}@${JSON.stringify(["path", p])}:error`);
    const sorted = (list) => [...list].sort();

    it("path: request_shape at [\"path\"], and each path parameter missing", () => {
      for (const o of OPS) {
        for (const [name, make] of [...Object.entries(hostile), ["throwingGetter", "getter"]]) {
          const request = withPart(o, "path", make);
          let report;
          assert.doesNotThrow(() => (report = validate(o.id, request)), `${o.id} path ${name}`);
          assert.equal(report.ok, false, `${o.id} path ${name}`);
          assert.equal(report.operation, o.id);
          assert.equal(report.request, null);
          assert.deepEqual(sorted(findings(report)), sorted(['request_shape@["path"]:error', ...paramRules(o)]), `${o.id} path ${name}`);
          assert.equal(validate(o.id, o.request()).ok, true, "a valid request right after");
        }
      }
    });

    it("headers: request_shape at [\"headers\"] and nothing else (header rules need readable headers)", () => {
      for (const o of OPS) {
        for (const [name, make] of [...Object.entries(hostile), ["throwingGetter", "getter"]]) {
          const report = validate(o.id, withPart(o, "headers", make));
          assert.deepEqual(findings(report), ['request_shape@["headers"]:error'], `${o.id} headers ${name}`);
          assert.equal(report.ok, false);
          assert.equal(validate(o.id, o.request()).ok, true, "a valid request right after");
        }
      }
    });

    it("a non-string value inside path or headers: request_shape at that entry; the other entries are still read", () => {
      for (const o of OPS) {
        for (const part of ["path", "headers"]) {
          for (const value of [5, true, null, [], {}, ["a"], { k: "v" }]) {
            // An extra entry: the table's own entries stay valid, so nothing else fires.
            const extra = o.request();
            extra[part]["X-Extra"] = value;
            assert.deepEqual(findings(validate(o.id, extra)), [`request_shape@${JSON.stringify([part, "X-Extra"])}:error`], `${o.id} ${part} extra ${JSON.stringify(value)}`);
            // The first entry replaced: reported there, and read as missing.
            const [first] = Object.keys(o.request()[part]);
            const replaced = o.request();
            replaced[part][first] = value;
            const missing = o.request();
            delete missing[part][first];
            const report = validate(o.id, replaced);
            assert.deepEqual(
              findings(report).filter((f) => !f.startsWith("request_shape@")),
              findings(validate(o.id, missing)),
              `${o.id} ${part}.${first} = ${JSON.stringify(value)}: not judged as missing`,
            );
            assert.deepEqual(report.issues.filter((i) => i.rule === "request_shape").map((i) => i.path), [[part, first]]);
          }
        }
      }
    });

    it("a Map as path or headers is judged as the JSON it sends ({}), like a plain empty object", () => {
      for (const o of OPS) {
        for (const part of ["path", "headers"]) {
          const asMap = validate(o.id, { ...o.request(), [part]: new Map(Object.entries(o.request()[part])) });
          const asEmpty = validate(o.id, { ...o.request(), [part]: {} });
          assert.deepEqual(asMap, asEmpty, `${o.id} ${part}`);
          assert.ok(!asMap.issues.some((i) => i.rule === "request_shape"), `${o.id} ${part}`);
          // Nothing was read from the Map: the parts it held are missing.
          assert.equal(asMap.ok, false, `${o.id} ${part}`);
        }
      }
    });

    it("the whole request hostile: a report with request_shape for both parts and the body not_serializable", () => {
      for (const o of OPS) {
        const everything = { get path() { throw new Error("p"); }, get headers() { throw new Error("h"); }, get body() { throw new Error("b"); } };
        const report = validate(o.id, everything);
        assert.deepEqual(
          sorted(findings(report)),
          sorted(['not_serializable@["body"]:error', 'request_shape@["headers"]:error', 'request_shape@["path"]:error', ...paramRules(o)]),
          o.id,
        );
        assert.deepEqual(findings(validate(o.id, revoked())), findings(report), `${o.id}: a revoked Proxy as the request`);
      }
    });
  });

  // ------------------------------------------------------------------ validateBatch == validate
  describe("validateBatch(op, requests) deep-equals requests.map(r => validate(op, r))", () => {
    const enc = (text) => new TextEncoder().encode(text);
    /** A mix for one operation: valid and invalid, object, text and byte bodies, NUL, absent. */
    function mix(o) {
      const valid = o.request();
      const text = JSON.stringify(valid.body);
      const [first] = o.strings;
      const bad = o.request();
      // A body-less call (Legal Talent's workflow) has no field: an unknown one then.
      bad.body[first ? first.slice(1).split("/")[0] : "extra"] = 5;
      return [
        valid,
        bad,
        { ...valid, body: text },
        { ...valid, body: ` ${JSON.stringify(valid.body, null, 2)}\n` },
        { ...valid, body: enc(text) },
        { ...valid, body: enc(JSON.stringify(bad.body)) },
        { ...valid, body: "{" },
        { ...valid, body: "[1,2]" },
        { ...valid, body: null },
        { ...valid, body: [] },
        { ...valid, body: 5 },
        { ...valid, body: 5n },
        { ...valid, body: revoked() },
        { ...valid, body: undefined },
        { path: valid.path },
        { path: valid.path, headers: {} },
        {},
        null,
        "x",
        // NUL: raw in JSON text (never valid JSON), escaped in a JS string, raw in bytes.
        { ...valid, body: `${text}\0` },
        { ...valid, body: `\0${text}` },
        { ...valid, body: "\0" },
        { ...valid, body: text.replace(/"$|}$/, "\0}") },
        { ...valid, body: '{"a":"x\0y"}' },
        { ...valid, body: { ...valid.body, extra: "a\0b", "k\0": "\0" } },
        { ...valid, body: enc(`${text}\0`) },
        { ...valid, body: new Uint8Array([0x7b, 0x00, 0x7d]) },
        // Unicode edges: a lone surrogate (escaped), a BOM in a string, a non-BMP character.
        { ...valid, body: text.replace(/}$/, ',"x":"\uD800"}') },
        { ...valid, body: `\uFEFF${text}` },
        { ...valid, body: { ...valid.body, extra: "😀é" } },
        { ...valid, body: { ...valid.body, extra: NaN } },
        // A body deeper than maxDepth, as text and as an object.
        { ...valid, body: `{"a":${"[".repeat(70)}${"]".repeat(70)}}` },
        { ...valid, body: { a: nested(70) } },
        // Hostile path and headers.
        { ...valid, path: 5n },
        { ...valid, headers: revoked() },
        { ...valid, path: { ...valid.path, extra: 5 } },
        valid,
      ];
    }
    /** Bodies over the default 1 MiB: a string, an object and bytes (kept out of the big loops). */
    const large = (o) => [
      { ...o.request(), body: "x".repeat((1 << 20) + 1) },
      { ...o.request(), body: { ...o.request().body, extra: "x".repeat(1 << 20) } },
      { ...o.request(), body: new Uint8Array((1 << 20) + 1) },
      { ...o.request(), body: `"${"é".repeat(600_000)}"` },
      o.request(),
    ];
    const optionSets = (o) => [
      undefined,
      {},
      { maxIssues: 1 },
      { context: o.context() },
      { context: [1] },
      { severity: { [rule(o, "body_type")]: "warning", json_syntax: "off" } },
      { maxBodyBytes: 64 },
      { maxDepth: 2 },
    ];
    const perRequest = (o, requests, options) => requests.map((r) => validate(o.id, r, options));

    it("for every operation, a mix of valid and invalid requests with object, text and byte bodies, NUL characters and absent bodies, under several options", () => {
      for (const o of OPS) {
        const requests = mix(o);
        for (const options of optionSets(o)) {
          const batch = validateBatch(o.id, requests, options);
          assert.equal(batch.length, requests.length);
          const one = perRequest(o, requests, options);
          batch.forEach((report, i) => assert.deepEqual(report, one[i], `${o.id} request #${i} options ${JSON.stringify(options)}`));
        }
      }
    });

    it("bodies over maxBodyBytes (string, object, bytes, non-ASCII text) in a batch", () => {
      for (const o of OPS) {
        const requests = large(o);
        for (const options of [undefined, { maxIssues: 1 }]) {
          assert.deepEqual(validateBatch(o.id, requests, options), perRequest(o, requests, options), `${o.id} ${JSON.stringify(options)}`);
        }
      }
    });

    it("each request alone in a batch, and the batch reversed, give the same reports", () => {
      for (const o of OPS) {
        const requests = mix(o);
        const one = perRequest(o, requests);
        requests.forEach((r, i) => assert.deepEqual(validateBatch(o.id, [r]), [one[i]], `${o.id} #${i} alone`));
        assert.deepEqual(validateBatch(o.id, [...requests].reverse()), [...one].reverse(), `${o.id} reversed`);
      }
    });

    it("an empty array gives an empty array, under any options", () => {
      for (const o of OPS) {
        for (const options of optionSets(o)) assert.deepEqual(validateBatch(o.id, [], options), []);
      }
    });

    it("an empty body (\"\" or empty bytes) is judged as itself and does not shift the bodies after it", () => {
      for (const o of OPS) {
        const valid = o.request();
        const requests = [
          { ...valid, body: "" },
          valid,
          { ...valid, body: new Uint8Array(0) },
          { ...valid, body: "{" },
          { ...valid, body: "" },
          { ...valid, body: JSON.stringify(valid.body) },
        ];
        const batch = validateBatch(o.id, requests);
        const one = perRequest(o, requests);
        batch.forEach((report, i) => assert.deepEqual(report, one[i], `${o.id} request #${i}`));
      }
    });

    it("bytes with a UTF-8 BOM, or not UTF-8 at all, are judged in a batch as validate judges them", () => {
      for (const o of OPS) {
        const text = JSON.stringify(o.request().body);
        const requests = [
          { ...o.request(), body: new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]) },
          { ...o.request(), body: new Uint8Array([0xff]) },
          { ...o.request(), body: new Uint8Array([...enc(text.slice(0, -1)), 0xc3, 0x7d]) },
          o.request(),
        ];
        const batch = validateBatch(o.id, requests);
        const one = perRequest(o, requests);
        batch.forEach((report, i) => assert.deepEqual(report, one[i], `${o.id} request #${i}`));
      }
    });

    it("requests of other shapes interleaved at scale: 600 requests in one batch", () => {
      for (const o of OPS) {
        const base = mix(o);
        const requests = Array.from({ length: 600 }, (_, i) => base[(i * 7) % base.length]);
        const options = { maxIssues: 3, context: o.context() };
        assert.deepEqual(validateBatch(o.id, requests, options), perRequest(o, requests, options), o.id);
      }
    });
  });
});
