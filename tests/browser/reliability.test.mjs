// Every case of the reliability catalogue (reliability.md) that depends on the JS engine,
// in headless Chromium, against the package's default entry (pkg/dist/esm/index.js, loaded
// through an import map; the page also gets tests/js/ops.mjs, the Node suite's table).
//
// One function, `runCases`, holds the case code. It runs unchanged in the page (one
// browser, one page, a few page.evaluate calls) and here in Node against the same entry,
// and returns plain data; the assertions below judge both runtimes' data, and the two must
// agree. The heavy cases (19, 20, 21, 35, 36) run in the page only: the Node suite
// (tests/js/reliability.test.mjs) already runs them in Node.
//
// The wasm instance of the default entry is not reachable through its exports, so a probe
// (`installWasmProbe`, installed before the package is imported, in both runtimes) watches
// `new WebAssembly.Instance`: it gives the live instance's memory size, how many instances
// were made (a reset makes one), and the size of every buffer JS copies into wasm through
// `__wbindgen_malloc`/`__wbindgen_realloc` (the only way data crosses). The package's
// code runs unchanged; the probe only forwards to the real exports.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { root } from "../../scripts/toolchain.mjs";
import { launch, serve } from "./chromium.mjs";
import * as ops from "../js/ops.mjs";

const { OPS, SENTINEL, setAt, stringFields, withField } = ops;

/** Runs in the page (as a classic script, before the module loads) and in Node. */
function installWasmProbe(g) {
  const Instance = g.WebAssembly.Instance;
  const probe = { instances: 0, exports: null, crossed: null };
  g.WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args) {
      const instance = Reflect.construct(target, args, target);
      const real = instance.exports;
      if (typeof real.__wbindgen_malloc !== "function") return instance;
      probe.instances += 1;
      probe.exports = real;
      const exports = { ...real };
      exports.__wbindgen_malloc = (size, align) => {
        probe.crossed?.push(size);
        return real.__wbindgen_malloc(size, align);
      };
      exports.__wbindgen_realloc = (ptr, oldSize, size, align) => {
        probe.crossed?.push(size);
        return real.__wbindgen_realloc(ptr, oldSize, size, align);
      };
      return { exports };
    },
  });
  g.__kpProbe = {
    /** Bytes of the live instance's WebAssembly.Memory. */
    memoryBytes: () => probe.exports.memory.buffer.byteLength,
    /** Instances made so far (1 after import; each reset adds one). */
    instances: () => probe.instances,
    /** Runs `fn`, returning its value and the size of every buffer copied into wasm. */
    crossing(fn) {
      probe.crossed = [];
      try {
        const value = fn();
        return { value, sizes: probe.crossed };
      } finally {
        probe.crossed = null;
      }
    },
  };
}

installWasmProbe(globalThis);
const node = await import(join(root, "pkg", "dist", "esm", "index.js"));

/**
 * The case code, run in both runtimes. Returns, per case name, `{ out, after }` or
 * `{ error }`: `out` is plain data (keys starting with "_" are timings and sizes that
 * may differ between runtimes), `after` whether every table request still validates clean.
 */
function runCases({ names }, kp = globalThis.kp, ops = globalThis.ops, env = globalThis.__kpProbe) {
  const { OPS, SENTINEL, UUID } = ops;
  const fnd = ops.findings;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const clean = (r) => r.ok === true && r.issues.length === 0;
  const withBody = (o, body) => ({ ...o.request(), body });
  const op = ops.op;
  const didit = op("didit.update_session_status");
  const feature = op("didit.update_feature_status");
  const verifa = op("verifa.update_session");
  const ltStatus = op("legaltalent.update_session_status");
  const corrections = op("legaltalent.request_corrections");
  const anycheck = op("anycheck.update_verification");
  const BIG = { maxBodyBytes: 16 << 20 };
  const revoked = () => {
    const r = Proxy.revocable({}, {});
    r.revoke();
    return r.proxy;
  };
  const thrown = (fn) => {
    try {
      fn();
      return null;
    } catch (e) {
      return { name: e?.name, code: e?.code, isError: e instanceof Error };
    }
  };
  const timed = (fn) => {
    const started = performance.now();
    const value = fn();
    return [value, performance.now() - started];
  };
  const freeze = (v) => {
    if (v !== null && typeof v === "object") Object.values(v).forEach(freeze);
    return Object.freeze(v);
  };
  /** Every pointer into the body worth a value: string fields, free-form leaves, top-level keys. */
  const bodyPointers = (o) => [...new Set([...o.strings, ...o.free, ...Object.keys(o.request().body).map((k) => `/${k}`)])];
  const nonFinite = (r) => r.issues.filter((i) => i.rule === "non_finite_number");
  /** A report with a value in place of null: how it differs from the null report. */
  const versusNull = (withValue, withNull) => {
    const { issues: a, ...restA } = withValue;
    const { issues: b, ...restB } = withNull;
    return {
      rest: same(restA, restB),
      others: same(a.filter((i) => i.rule !== "non_finite_number"), b),
      extra: nonFinite(withValue).map(({ rule, severity, source, path, message }) => ({ rule, severity, source, path, message: typeof message })),
    };
  };

  const cases = {
    // ---------------------------------------------------------------- 1–7: whole input
    1: () => ({
      perOp: OPS.map((o) => {
        const { body, ...noBody } = o.request();
        const missing = kp.validate(o.id, noBody);
        const nul = kp.validate(o.id, { ...noBody, body: null });
        return {
          undefinedIsMissing: same(kp.validate(o.id, { ...noBody, body: undefined }), missing),
          nullFindings: fnd(nul),
          nullOk: nul.ok,
          extraArgsIgnored: same(kp.validate(o.id, o.request(), undefined, "extra", 5), kp.validate(o.id, o.request())),
        };
      }),
      diditNoBody: kp.validate(didit.id, { path: { sessionId: UUID } }).response,
      noArgs: thrown(() => kp.validate()),
      bogusOp: thrown(() => kp.validate("bogus.op", {})),
      noRequest: [undefined, null, 5, "x"].map((request) => ops.rulesOf(kp.validate(didit.id, request)).sort()),
    }),

    2: () =>
      OPS.map((o) => ({
        text: ops.rulesOf(kp.validate(o.id, withBody(o, "x"))),
        primitives: [5, 5.5, -0, true, false, '"x"', "5"].map((b) => ops.rulesOf(kp.validate(o.id, withBody(o, b)))),
        unsendable: [5n, Symbol("s"), () => 1, function named() {}].map((b) => fnd(kp.validate(o.id, withBody(o, b)))),
      })),

    3: () => {
      const bodies = () => ({
        Array: [],
        ArrayOf1: [1],
        Map: new Map([["new_status", "Approved"]]),
        Set: new Set(["a"]),
        Date: new Date(0),
        RegExp: /re/g,
        Error: new Error("e"),
        String: new String("x"),
        Number: new Number(5),
        Boolean: new Boolean(true),
      });
      return OPS.map((o) => {
        const empty = fnd(kp.validate(o.id, withBody(o, {})));
        return Object.fromEntries(
          Object.entries(bodies()).map(([name, body]) => {
            const report = kp.validate(o.id, withBody(o, body));
            return [
              name,
              {
                asItsText: same(report, kp.validate(o.id, withBody(o, JSON.stringify(body)))),
                bodyType: report.issues.some((i) => i.rule === `${o.id}.body_type`),
                asEmptyObject: same(fnd(report), empty),
                bodyText: report.request?.bodyText ?? null,
              },
            ];
          }),
        );
      });
    },

    4: () => OPS.map((o) => {
      const report = kp.validate(o.id, withBody(o, Object.assign(Object.create(null), o.request().body)));
      return [clean(report), report.request?.bodyText === JSON.stringify(o.request().body)];
    }),

    6: () => ({
      perOp: OPS.map((o) => {
        const request = freeze(o.request());
        const before = JSON.stringify(request);
        const report = kp.validate(o.id, request, { context: freeze(o.context()) });
        return [clean(report), JSON.stringify(request) === before, Object.isFrozen(request.body)];
      }),
      // Didit normalizes aliases in its prepared body, never in the caller's.
      alias: (() => {
        const frozen = freeze(ops.withField(didit, "/nodes_to_resubmit/0/feature", "ID_VERIFICATION"));
        const report = kp.validate(didit.id, frozen);
        return [report.request.body.nodes_to_resubmit[0].feature, frozen.body.nodes_to_resubmit[0].feature];
      })(),
    }),

    7: () =>
      OPS.map((o) => {
        const pretty = ` ${JSON.stringify(o.request().body, null, 2)}\n`;
        const compact = JSON.stringify(o.request().body);
        const bytes = new TextEncoder().encode(pretty);
        const r1 = kp.validate(o.id, withBody(o, pretty));
        const r2 = kp.validate(o.id, withBody(o, compact));
        const r3 = kp.validate(o.id, withBody(o, bytes));
        const bad = kp.validate(o.id, withBody(o, '{"a": 1,\n  "b": }'));
        return {
          clean: [clean(r1), clean(r2), clean(r3)],
          ownText: [r1.request?.bodyText === pretty, r2.request?.bodyText === compact, r3.request?.bodyText === pretty],
          parsedBody: same(r1.request?.body, o.request().body),
          bad: [ops.rulesOf(bad), bad.issues[0]?.message ?? ""],
        };
      }),

    // ---------------------------------------------------------------- 8–15: fields, keys, prototypes
    8: () => ({
      diditLike: [didit, feature].map((o) => {
        const { new_status, ...rest } = o.request().body;
        const missing = kp.validate(o.id, withBody(o, rest));
        const nul = kp.validate(o.id, withBody(o, { ...rest, new_status: null }));
        return {
          undefinedIsMissing: same(kp.validate(o.id, withBody(o, { ...rest, new_status: undefined })), missing),
          missing: missing.response,
          nul: nul.response,
          nullRules: ops.rulesOf(nul),
        };
      }),
      legalTalent: [[ltStatus, "status"], [corrections, "corrections"]].map(([o, field]) =>
        [undefined, null, "missing"].map((value) => {
          const request = o.request();
          if (value === "missing") delete request.body[field];
          else request.body[field] = value;
          return ops.issuesAt(kp.validate(o.id, request), ["body", field]).map((i) => `${i.rule}:${i.severity}`);
        }),
      ),
    }),

    "9,13": () =>
      OPS.map((o) => {
        const keys = ["constructor", "toString", "hasOwnProperty", "prototype", "valueOf", "bogus"];
        const body = { ...o.request().body, constructor: 1, toString: "x", hasOwnProperty: null, prototype: [], valueOf: {}, bogus: true };
        const report = kp.validate(o.id, withBody(o, body));
        return { ok: report.ok, keys: keys.map((k) => ops.issuesAt(report, ["body", k]).map((i) => `${i.rule}:${i.severity}`)) };
      }),

    10: () => ({
      perOp: OPS.map((o) => {
        const rest = JSON.stringify(o.request().body).slice(1);
        const text = `{"__proto__":{"new_status":"Approved","x":1}${rest === "}" ? "" : ","}${rest}`;
        const body = JSON.parse(text);
        const report = kp.validate(o.id, withBody(o, body));
        return {
          own: Object.hasOwn(body, "__proto__") && Object.getPrototypeOf(body) === Object.prototype,
          at: ops.issuesAt(report, ["body", "__proto__"]).map((i) => `${i.rule}:${i.severity}`),
          others: fnd(report).filter((f) => !f.includes('"__proto__"')),
          bodyText: report.request?.bodyText === text,
        };
      }),
      prototypeClean: ({}).new_status === undefined && ({}).x === undefined && Object.keys(Object.prototype).length === 0,
      nestedVerifa: fnd(kp.validate(verifa.id, withBody(verifa, JSON.parse('{"__proto__": {}, "metadata": {"__proto__": 1}}')))),
    }),

    11: () => [
      ops.rulesOf(kp.validate(didit.id, withBody(didit, { __proto__: { new_status: "Approved" } }))),
      ops.rulesOf(kp.validate(ltStatus.id, withBody(ltStatus, Object.create({ status: "approved" })))),
    ],

    12: () => {
      const out = {};
      try {
        Object.prototype.comment = "x";
        Object.prototype.new_status = "Approved";
        Object.prototype.sessionId = UUID;
        Object.prototype.context = { decision: { status: "Approved" } };
        Object.prototype.body = { new_status: "Approved" };
        Object.prototype.maxIssues = 0;
        out.empty = ops.rulesOf(kp.validate(didit.id, { path: {}, body: {} })).sort();
        out.noBody = kp.validate(didit.id, { path: { sessionId: UUID } }).response;
        const ok = kp.validate(didit.id, { path: { sessionId: UUID }, body: { new_status: "Approved" } }, {});
        out.ok = [ok.request?.bodyText, ok.issues.length];
      } finally {
        for (const key of ["comment", "new_status", "sessionId", "context", "body", "maxIssues"]) delete Object.prototype[key];
      }
      out.clean = Object.keys(Object.prototype).length === 0;
      return out;
    },

    14: () => {
      class Review {
        #secret = "s";
        constructor() {
          this.new_status = "Approved";
        }
        get comment() {
          return "on the prototype: not sent";
        }
      }
      let reads = 0;
      const own = {
        get new_status() {
          reads += 1;
          return "Declined";
        },
      };
      const ownText = kp.validate(didit.id, withBody(didit, own)).request?.bodyText;
      const readsPlain = reads;
      // The same, with a null elsewhere in the body (the JS layer looks again for NaN there).
      reads = 0;
      const withNull = { get new_status() { reads += 1; return "Declined"; }, nodes_to_resubmit: null };
      kp.validate(didit.id, withBody(didit, withNull));
      const readsWithNull = reads;
      const withToJson = { new_status: "Bogus", toJSON: () => ({ new_status: "Resubmitted", nodes_to_resubmit: [{ node_id: "n", feature: "OCR" }] }) };
      return {
        cls: kp.validate(didit.id, withBody(didit, new Review())).request?.bodyText,
        own: ownText,
        reads: [readsPlain, readsWithNull],
        toJson: same(kp.validate(didit.id, withBody(didit, withToJson)), kp.validate(didit.id, withBody(didit, JSON.parse(JSON.stringify(withToJson))))),
        toJsonClean: clean(kp.validate(didit.id, withBody(didit, withToJson))),
      };
    },

    15: () => {
      const body = { new_status: "Approved", [Symbol("comment")]: 5 };
      Object.defineProperty(body, "comment", { value: 5, enumerable: false });
      const report = kp.validate(didit.id, withBody(didit, body));
      return [clean(report), report.request?.bodyText];
    },

    // ---------------------------------------------------------------- 16–18: getters, proxies, re-entrancy
    16: () => {
      const throwing = { get new_status() { throw new Error("boom"); } };
      const inField = { new_status: "Approved", get comment() { throw new RangeError("boom"); } };
      const inProxy = { new_status: "Approved", comment: revoked() };
      const bodies = { throwing, revoked: revoked(), inField, inProxy };
      const perBody = {};
      for (const [name, body] of Object.entries(bodies)) {
        const first = kp.validate(didit.id, withBody(didit, body));
        let allSame = true;
        for (let i = 0; i < 1000; i++) if (!same(kp.validate(didit.id, withBody(didit, body)), first)) allSame = false;
        perBody[name] = { findings: fnd(first), allSame, response: first.response };
      }
      // A getter that throws only when read a second time.
      let n = 0;
      const second = { new_status: "Approved", comment: null, get reason() { if (n++ > 0) throw new Error("second read"); return "r"; } };
      let secondRead;
      try {
        secondRead = fnd(kp.validate(didit.id, withBody(didit, second)));
      } catch (e) {
        secondRead = `threw: ${e?.message}`;
      }
      const hostile = { get body() { throw new Error("x"); }, get path() { throw new Error("y"); }, headers: revoked() };
      // The leak check: 1,000 more of each after a warm-up; the live instance's memory.
      const instancesBefore = env.instances();
      for (const body of Object.values(bodies)) for (let i = 0; i < 100; i++) kp.validate(didit.id, withBody(didit, body));
      const memoryBefore = env.memoryBytes();
      for (const body of Object.values(bodies)) for (let i = 0; i < 1000; i++) kp.validate(didit.id, withBody(didit, body));
      return {
        perBody,
        secondRead,
        request: ops.rulesOf(kp.validate(didit.id, revoked())).sort(),
        hostileRequest: fnd(kp.validate(didit.id, hostile)),
        resets: env.instances() - instancesBefore,
        _memory: [memoryBefore, env.memoryBytes()],
      };
    },

    17: () => {
      let inner;
      let reads = 0;
      const body = {
        get new_status() {
          reads += 1;
          inner = kp.validate(ltStatus.id, ltStatus.request());
          return "Approved";
        },
      };
      const outer = kp.validate(didit.id, withBody(didit, body));
      return { outer: [clean(outer), outer.request?.bodyText], inner: [clean(inner), inner.operation], reads };
    },

    18: () =>
      OPS.map((o) =>
        Object.keys(o.request().body).map((field) => {
          const cycle = { a: 1 };
          cycle.self = cycle;
          return fnd(kp.validate(o.id, ops.withField(o, `/${field}`, cycle)));
        }),
      ),

    // ---------------------------------------------------------------- 19–21: size and depth (page only)
    19: () => {
      const depths = [[63, true], [64, false], [65, true], [128, false], [129, true], [10_000, false]];
      const perField = OPS.flatMap((o) =>
        Object.keys(o.request().body).flatMap((field) =>
          depths.map(([depth, arrays]) => {
            // The body object is depth 1: the field holds depth - 1 containers.
            const report = kp.validate(o.id, ops.withField(o, `/${field}`, ops.nested(depth - 1, arrays)));
            const deep = report.issues.filter((i) => i.rule === "too_deep");
            return {
              id: `${o.id} ${field} ${depth}`,
              depth,
              field,
              verifa: o.id === "verifa.update_session",
              deep: deep.map((i) => ({ path: i.path, message: i.message, severity: i.severity })),
              ok: report.ok,
              status: report.response?.status ?? null,
            };
          }),
        ),
      );
      // Past the engine's own stack (JSON.stringify throws RangeError), objects and arrays,
      // and the same nesting as JSON text.
      const v8Deep = [false, true].map((arrays) => fnd(kp.validate(verifa.id, ops.withField(verifa, "/metadata", ops.nested(100_000, arrays)))));
      const text = fnd(kp.validate(verifa.id, withBody(verifa, `{"metadata":{"k":${"[".repeat(100_000)}${"]".repeat(100_000)}}}`)));
      return { perField, v8Deep, text };
    },

    20: () => {
      const started = performance.now();
      const metadata = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
      const manyKeys = kp.validate(verifa.id, ops.withField(verifa, "/metadata", metadata), BIG);
      const unknown = kp.validate(verifa.id, withBody(verifa, metadata), BIG);
      const longKey = kp.validate(verifa.id, ops.withField(verifa, "/metadata", { ["k".repeat(1_000_000)]: 1 }));
      const million = kp.validate(corrections.id, { ...corrections.request(), body: { corrections: new Array(1_000_000).fill(0) } }, BIG);
      const nodes = kp.validate(didit.id, ops.withField(didit, "/nodes_to_resubmit", new Array(1_000_000).fill(0)), BIG);
      return {
        manyKeys: manyKeys.ok,
        unknown: [unknown.ok, unknown.issues.length, unknown.truncated],
        longKey: longKey.ok,
        million: [million.issues.length, million.truncated, million.response?.status],
        nodes: [nodes.issues.length, nodes.truncated, JSON.stringify(nodes.response).length < 100_000],
        _ms: performance.now() - started,
      };
    },

    21: () => {
      const refuse = (body, utf8) => {
        const request = withBody(didit, body);
        const [{ value: report, sizes }, ms] = timed(() => env.crossing(() => kp.validate(didit.id, request)));
        return {
          rules: ops.rulesOf(report),
          status: report.response?.status,
          message: report.issues[0]?.message ?? "",
          utf8,
          _largestCrossing: Math.max(0, ...sizes),
          _ms: ms,
        };
      };
      const out = {
        objectTenMB: refuse({ comment: "x".repeat(10_000_000), new_status: "Approved" }, 10_000_038),
        stringTenMB: refuse("[".repeat(10_000_000), 10_000_000),
        bytesTenMB: refuse(new Uint8Array(10_000_000), 10_000_000),
        string100M: refuse("x".repeat(100_000_000), 100_000_000),
        object100M: refuse({ new_status: "Approved", comment: "x".repeat(100_000_000) }, 100_000_038),
        // Sized in UTF-8 (2, 4 and, escaped as \uXXXX, 6 bytes a UTF-16 unit), not in units.
        accents: refuse("é".repeat(6_000_000), 12_000_000),
        emoji: refuse("😀".repeat(3_000_000), 12_000_000),
        loneSurrogates: refuse("\uD800".repeat(2_000_000), 12_000_000),
      };
      // The control: a body under the limit is seen crossing, whole.
      const under = `{"new_status":"Approved","comment":"${"x".repeat(900_000)}"}`;
      out._control = Math.max(0, ...env.crossing(() => kp.validate(didit.id, withBody(didit, under))).sizes);
      out._controlLength = under.length;
      return out;
    },

    // ---------------------------------------------------------------- 22–23: numbers
    22: () => ({
      perField: OPS.flatMap((o) =>
        bodyPointers(o).map((pointer) => {
          const asNull = kp.validate(o.id, ops.withField(o, pointer, null));
          const v = (value) => kp.validate(o.id, ops.withField(o, pointer, value));
          const seven = fnd(v(7));
          return {
            id: `${o.id} ${pointer}`,
            path: ops.pathOf(pointer),
            nonFinite: [NaN, Infinity, -Infinity].map((value) => versusNull(v(value), asNull)),
            negZero: same(v(-0), v(0)),
            big: [same(fnd(v(1e21)), seven), v(1e21).request?.bodyText?.includes("1e+21") ?? null],
            unsafe: [same(fnd(v(2 ** 53 + 1)), seven), v(2 ** 53 + 1).request?.bodyText?.includes("9007199254740992") ?? null],
            bigint: fnd(v(5n)),
          };
        }),
      ),
      several: (() => {
        const metadata = { a: NaN, b: [Infinity, 1, -Infinity], c: { d: NaN }, e: null };
        const withNull = { a: null, b: [null, 1, null], c: { d: null }, e: null };
        const report = kp.validate(verifa.id, ops.withField(verifa, "/metadata", metadata));
        return { ...versusNull(report, kp.validate(verifa.id, ops.withField(verifa, "/metadata", withNull))), bodyText: report.request?.bodyText ?? null };
      })(),
      viaToJson: versusNull(
        kp.validate(didit.id, withBody(didit, { toJSON: () => ({ new_status: "Approved", comment: NaN }) })),
        kp.validate(didit.id, withBody(didit, { new_status: "Approved", comment: null })),
      ),
      arrayBody: versusNull(kp.validate(didit.id, withBody(didit, [NaN])), kp.validate(didit.id, withBody(didit, [null]))),
      bareBody: versusNull(kp.validate(didit.id, withBody(didit, NaN)), kp.validate(didit.id, withBody(didit, null))),
      inContext: nonFinite(kp.validate(verifa.id, verifa.request(), { context: { session: { status: "completed", metadata: { k: NaN } } } })).length,
      textBody: fnd(kp.validate(verifa.id, withBody(verifa, '{"external_ref":"r","metadata":{"k":NaN}}'))),
      metadataText: kp.validate(verifa.id, ops.withField(verifa, "/metadata", { a: NaN, b: -0, c: 1e21, d: 2 ** 53 + 1 })).request?.bodyText,
    }),

    23: () => ({
      sendEmail: ["1", "true", "yes"].map((value) =>
        kp.validate(didit.id, ops.withField(didit, "/send_email", value)).issues.filter((i) => i.rule === `${didit.id}.send_email_type`).map((i) => i.severity),
      ),
      defer: kp.validate(feature.id, ops.withField(feature, "/defer_until_flow_finishes", "true")).issues.map((i) => `${i.rule}:${i.severity}`),
      deferRefused: kp.validate(feature.id, ops.withField(feature, "/defer_until_flow_finishes", "2")).response,
      enums: [[didit, "/new_status", "new_status_choice", "Approved"], [ltStatus, "/status", "status_choice", "approved"], [anycheck, "/verification_status", "verification_status_choice", "COMPLETED"]].map(
        ([o, pointer, choice, good]) =>
          ["1", "true", ` ${good}`].map((value) => {
            const issue = kp.validate(o.id, ops.withField(o, pointer, value)).issues.find((i) => i.rule === `${o.id}.${choice}`);
            return issue ? [issue.severity, issue.hint ?? null] : null;
          }),
      ),
    }),

    // ---------------------------------------------------------------- 24–29: strings and Unicode
    24: () =>
      OPS.flatMap((o) =>
        stringFieldsOf(o).map(({ at, path }) => ({
          id: `${o.id} ${at}`,
          op: o.id,
          at,
          byValue: Object.fromEntries(
            [["5", 5], ["true", true], ["[]", []], ["{}", {}], ["null", null]].map(([name, value]) => [
              name,
              ops.issuesAt(kp.validate(o.id, ops.setAt(o.request(), at, value)), path).map((i) => `${i.rule}:${i.severity}`).sort(),
            ]),
          ),
        })),
      ),

    25: () =>
      [[didit, "/new_status"], [didit, "/nodes_to_resubmit/0/feature"], [ltStatus, "/status"], [anycheck, "/verification_status"]].map(([o, pointer]) =>
        ["", " ", "\u00a0", "\u200b", "\u200bx"].map((value) =>
          ops.issuesAt(kp.validate(o.id, ops.withField(o, pointer, value)), ops.pathOf(pointer)).some((i) => i.severity === "error"),
        ),
      ),

    26: () => ({
      perField: OPS.flatMap((o) =>
        ops.stringFields(o).map(({ at, path }) => ({
          id: `${o.id} ${at}`,
          path,
          lone: ["\uD800", "\uDC00", "\uDC00\uD800", "a\uD83Db"].map((value) => {
            const report = kp.validate(o.id, ops.setAt(o.request(), at, value));
            return {
              paths: report.issues.filter((i) => i.rule === "invalid_unicode").map((i) => i.path),
              ok: report.ok,
              replacement: /[\uFFFD\uFFFF]/.test(ops.shown(report)),
            };
          }),
          pair: ops.fires(kp.validate(o.id, ops.setAt(o.request(), at, "\uD83D\uDE00")), "invalid_unicode"),
        })),
      ),
      textBody: kp.validate(didit.id, withBody(didit, '{"new_status":"Approved","comment":"a\uD800"}')).issues.map((i) => [i.rule, i.path]),
      context: kp.validate(didit.id, didit.request(), { context: { decision: { status: "In Review", x: "\uDC00" } } }).ok,
    }),

    27: () =>
      [[didit, "/comment"], [feature, "/comment"], [ltStatus, "/reason"], [corrections, "/corrections/0/message"], [verifa, "/metadata/k"]].map(([o, pointer]) =>
        ["a\u0000b\u001fc\u007f", "\u001b[31mred", "x\u2028y\u2029z", "\u202eevil\u202c\u2066\u2069"].map((text) => {
          const accepted = clean(kp.validate(o.id, ops.withField(o, pointer, text)));
          const failing = kp.validate(o.id, { ...ops.withField(o, pointer, text), headers: {} });
          return [accepted, failing.ok, ops.shown(failing).includes(text)];
        }),
      ),

    28: () =>
      ["a", "\u00e9", "e\u0301", "😀", "👨\u200d👩\u200d👧", "🇫🇷", "中"].map((unit) => {
        const scalars = [...unit].length;
        return [254, 255, 256].map((n) => {
          const value = unit.repeat(Math.floor(n / scalars)) + "a".repeat(n % scalars);
          const report = kp.validate(verifa.id, ops.withField(verifa, "/external_ref", value));
          const issue = report.issues.find((i) => i.rule === `${verifa.id}.external_ref_length`);
          return issue ? issue.message : null;
        });
      }),

    29: () => {
      const over = (value) => ops.fires(kp.validate(verifa.id, ops.withField(verifa, "/metadata/k", value)), `${verifa.id}.metadata_value_size`);
      return {
        straddle: ["é", "€", "😀"].map((last) => {
          const bytes = new TextEncoder().encode(last).length;
          return [16_383, 16_384, 16_385].map((total) => over("a".repeat(total - 2 - bytes) + last));
        }),
        escaped: [over('"'.repeat(8_191)), over('"'.repeat(8_192)), over("\\".repeat(8_191)), over("\\".repeat(8_192))],
      };
    },

    // ---------------------------------------------------------------- 30–33: email
    "30-32": () => {
      const emailOk = (address) => !ops.fires(kp.validate(didit.id, ops.withField(didit, "/email_address", address)), `${didit.id}.email_format`);
      const a = (n) => "a".repeat(n);
      // Issue 14: DRF's EmailField trims; Django's EmailValidator has no local-part limit,
      // allows 320 characters and takes internationalized domains (tests/reliability.rs c30–c32).
      const pass = ["user@example.com", "user+tag@sub.example.co.uk", "o'brien@example.ie", "USER@EXAMPLE.COM", `${a(64)}@example.com`, `user@${a(63)}.com`, `${a(64)}@${a(63)}.${a(63)}.${a(58)}.co`, `${a(65)}@example.com`, `${a(64)}@${a(63)}.${a(63)}.${a(59)}.co`, "a@b.co\n", " a@b.co "];
      const fail = ["", "@", "a@", "@b.co", "a@@b.co", "a b@c.co", "a@-b.co", "a@b-.co", "a@b_c.co", `user@${a(64)}.com`, `${a(65)}@${a(63)}.${a(63)}.${a(63)}.${a(63)}`, "a＠b.co"];
      const policy = ["user@localhost", ".a@x.co", "a..b@x.co", "a@1.2.3.4", "usér@x.co", "a@exämple.co", "a@xn--exmple-cua.co"];
      return { pass: pass.map(emailOk), fail: fail.map(emailOk), policy: policy.map(emailOk) };
    },

    33: () => {
      const a = (n) => "a".repeat(n);
      const probes = [`${a(50_000)}@`, `a@${"a-".repeat(30_000)}!`, `a@${"a.".repeat(30_000)}-`];
      const fired = [];
      const best = probes.map((address) => {
        const request = ops.withField(didit, "/email_address", address);
        kp.validate(didit.id, request); // warm-up
        let ms = Infinity;
        for (let i = 0; i < 3; i++) {
          const [report, took] = timed(() => kp.validate(didit.id, request));
          ms = Math.min(ms, took);
          fired.push(ops.fires(report, `${didit.id}.email_format`));
        }
        return ms;
      });
      return { fired, _best: best };
    },

    // ---------------------------------------------------------------- 34–39: robustness
    34: () => {
      const inputs = OPS.flatMap((o) => [
        [o.id, o.request(), undefined],
        [o.id, withBody(o, [1]), { context: o.context(), maxIssues: 1 }],
        // A body-less call (Legal Talent's workflow) has no string field: its path id then.
        [o.id, ops.setAt(o.request(), o.strings.length ? `/body${o.strings[0]}` : `/path/${Object.keys(o.request().path)[0]}`, "\uD800"), undefined],
        [o.id, withBody(o, "{"), { context: [1] }],
        [o.id, o.strings.length ? ops.withField(o, o.strings.at(-1), NaN) : { ...o.request(), body: { extra: NaN } }, undefined],
      ]);
      const alone = inputs.map((args) => JSON.stringify(kp.validate(...args)));
      let twice = 0;
      let pairs = 0;
      inputs.forEach((a, i) => {
        if (JSON.stringify(kp.validate(...a)) === alone[i]) twice += 1;
        inputs.forEach((b, j) => {
          kp.validate(...a);
          if (JSON.stringify(kp.validate(...b)) === alone[j]) pairs += 1;
        });
      });
      return { inputs: inputs.length, twice, pairs };
    },

    35: () => {
      const cases = [
        [didit, ops.withField(didit, "/nodes_to_resubmit", Array.from({ length: 10_000 }, () => ({ node_id: "n", feature: "X" })))],
        [corrections, ops.withField(corrections, "/corrections", Array.from({ length: 10_000 }, () => ({ step_id: 5 })))],
        [anycheck, withBody(anycheck, Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`u${i}`, 0]).concat([["output", 5]])))],
      ];
      const started = performance.now();
      const out = cases.map(([o, request]) =>
        [undefined, { maxIssues: 1 }, { maxIssues: 100_000 }].map((options) => {
          const report = kp.validate(o.id, request, options);
          return [report.ok, report.issues.length, report.truncated, report.issues.some((i) => i.severity === "error")];
        }),
      );
      return { out, _ms: performance.now() - started };
    },

    36: () => {
      const invalid = [
        ops.withField(didit, "/new_status", "Bogus"),
        withBody(didit, "{"),
        ops.withField(didit, "/nodes_to_resubmit", [0, { node_id: "", feature: "KYB" }]),
        ops.withField(didit, "/comment", "\uD800"),
        ops.withField(verifa, "/metadata", { k: revoked() }),
      ];
      const opOf = [didit, didit, didit, didit, verifa];
      const instances = env.instances();
      for (let i = 0; i < 2_000; i++) kp.validate(opOf[i % 5].id, invalid[i % 5]);
      const highWater = env.memoryBytes();
      const started = performance.now();
      let passed = 0;
      for (let i = 0; i < 100_000; i++) if (kp.validate(opOf[i % 5].id, invalid[i % 5]).ok) passed += 1;
      const ms = performance.now() - started;
      return {
        passed,
        validAfter: clean(kp.validate(didit.id, didit.request())),
        grew: env.memoryBytes() > highWater,
        resets: env.instances() - instances,
        _memory: [highWater, env.memoryBytes()],
        _ms: ms,
      };
    },

    38: () => {
      const everywhere = (v) =>
        typeof v === "string" ? SENTINEL + v : Array.isArray(v) ? v.map(everywhere) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, everywhere(x)])) : v;
      const leaks = (report) => ops.shown(report).toLowerCase().includes(SENTINEL.toLowerCase());
      const perField = OPS.flatMap((o) =>
        ops.stringFields(o).map(({ at }) => ({
          id: `${o.id} ${at}`,
          leaked: [SENTINEL, `${SENTINEL} Approved`, `x@${SENTINEL}.co`, `${SENTINEL}\uD800`, SENTINEL.repeat(2_000)].flatMap((value) =>
            [undefined, { context: o.context() }].map((options) => leaks(kp.validate(o.id, ops.setAt(o.request(), at, value), options))),
          ),
        })),
      );
      const all = OPS.map((o) => {
        const report = kp.validate(o.id, everywhere(o.request()), { context: everywhere(o.context()) });
        return [report.ok, leaks(report)];
      });
      return { perField, all, echo: kp.validate(didit.id, ops.withField(didit, "/new_status", SENTINEL)).response?.body };
    },

    39: () => {
      const cycle = {};
      cycle.self = cycle;
      const map = new Map([["decision", {}]]);
      const hostile = () => [[], 5, "ctx", true, 5n, Symbol("s"), () => 1, cycle, revoked(), { get decision() { throw new Error("x"); } }, ops.nested(10_000, false), ops.nested(200, true)];
      return OPS.map((o) => {
        const key = Object.keys(o.context())[0];
        const inner = o.context()[key];
        const shaped = [{ [key]: [] }, { [key]: 7 }, { [key]: cycle }, { [key]: { ...inner, status: 5 } }, { [key]: { ...inner, status: ["x"] } }];
        const judged = [...hostile(), ...shaped].map((context) => {
          const report = kp.validate(o.id, o.request(), { context });
          return [report.ok, report.issues.every((i) => i.severity === "warning"), ops.fires(report, "context_invalid")];
        });
        // A Map sends `{}` and NaN sends `null`: an empty context and no context.
        const quiet = [map, NaN].map((context) => {
          const report = kp.validate(o.id, o.request(), { context });
          return [report.ok, ops.fires(report, "context_invalid"), same(report, kp.validate(o.id, o.request(), { context: JSON.parse(JSON.stringify(context)) }))];
        });
        return { judged, quiet };
      });
    },
  };

  /** String fields of the table (body strings, path and headers), without free-form values. */
  function stringFieldsOf(o) {
    return ops.stringFields(o).filter(({ at }) => !o.free.some((p) => at === `/body${p}`));
  }

  return Object.fromEntries(
    names.map((name) => {
      try {
        const out = cases[name]();
        const after = OPS.every((o) => clean(kp.validate(o.id, o.request())));
        return [name, { out, after }];
      } catch (error) {
        return [name, { error: String(error?.stack ?? error) }];
      }
    }),
  );
}

// Which cases run where. Every name is a key of `runCases`' table.
const BOTH = ["1", "2", "3", "4", "6", "7", "8", "9,13", "10", "11", "12", "14", "15", "16", "17", "18", "22", "23", "24", "25", "26", "27", "28", "29", "30-32", "33", "34", "38", "39"];
// The soak first: its memory check means most before the big cases fill the heap.
const PAGE_ONLY = ["36", "19", "20", "21", "35"];

const ROUTES = {
  "/pkg/": join(root, "pkg"),
  "/pkg-trap/": join(root, "target", "pkg-trap"),
  "/tests/": join(root, "tests", "js"),
  "/fixtures/": join(root, "tests", "fixtures"),
};
const TRAP_BUILD = existsSync(join(root, "target", "pkg-trap", "kyc_preflight.wasm"));

const PAGE = `<!doctype html>
<meta charset="utf-8">
<script>(${installWasmProbe})(window);</script>
<script type="importmap">{ "imports": { "kyc-preflight": "/pkg/dist/esm/index.js" } }</script>
<script type="module">
  import * as kp from "kyc-preflight";
  import * as ops from "/tests/ops.mjs";
  Object.assign(window, { kp, ops });
  document.body.dataset.ready = "1";
</script>
<body></body>`;

/** Drops the runtime-specific ("_") keys, to compare the two runtimes' data. */
function portable(value) {
  if (Array.isArray(value)) return value.map(portable);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("_")).map(([k, v]) => [k, portable(v)]));
}

const didit = ops.op("didit.update_session_status");
const feature = ops.op("didit.update_feature_status");
const verifa = ops.op("verifa.update_session");
const NOT_SERIALIZABLE = ['not_serializable@["body"]:error'];
/** Severity of each operation's unknown_field rule (rules.md); null: none. */
const UNKNOWN_FIELD = {
  "didit.update_session_status": "warning",
  "didit.update_feature_status": "warning",
  "verifa.update_session": "error",
  "legaltalent.update_session_status": "warning",
  "legaltalent.request_corrections": null,
  "legaltalent.process_session": "warning",
  "legaltalent.extend_session": "warning",
  "legaltalent.generate_link": "warning",
  "legaltalent.run_validations": "warning",
  "anycheck.update_verification": "warning",
};
/** Rule of a path parameter that is missing (rules.md: missing is an error for each). */
const PATH_RULE = { sessionId: "session_id_format", session_id: "session_id_format", nodeId: "node_id_format", id: "id_format" };

/**
 * Case 24's expected issues at a string field holding 5, true, [], {} or null, from
 * rules.md. `[rule, severity]` for every value, then per-value exceptions.
 */
const NON_STRING = {
  "didit.update_session_status": {
    "/body/new_status": ["new_status_choice:error", { null: ["new_status_required:error"] }],
    // comment_type: "a boolean, object or array (numbers are turned into text and accepted)".
    "/body/comment": ["comment_type:error", { 5: [] }],
    "/body/email_address": ["email_format:error", { null: ["email_format:error", "email_required:error"] }],
    // DRF CharFields: a number is its text (an unknown code; a node id like any other).
    "/body/email_language": ["email_language_type:error", { 5: ["email_language_known:warning"] }],
    "/body/nodes_to_resubmit/0/node_id": ["node_id_required:error", { 5: [] }],
    "/body/nodes_to_resubmit/0/feature": ["node_feature_choice:error", { null: ["node_feature_required:error"] }],
  },
  "didit.update_feature_status": {
    "/body/new_status": ["new_status_choice:error", { null: ["new_status_required:error"] }],
    "/body/comment": ["comment_type:error", { 5: [] }],
  },
  // external_ref_type: "not a string (null: W, clearing is undocumented)".
  "verifa.update_session": { "/body/external_ref": ["external_ref_type:error", { null: ["external_ref_type:warning"] }] },
  "legaltalent.update_session_status": {
    // Issue 14: the update body is unpublished, so these are warnings (inferred).
    "/body/status": ["status_choice:error", { null: ["status_required:warning"] }],
    "/body/reason": ["reason_type:warning", {}],
  },
  "legaltalent.request_corrections": {
    "/body/corrections/0/step_id": ["step_id_required:error", {}],
    "/body/corrections/0/field_ids/0": ["field_ids_type:error", {}],
    "/body/corrections/0/document_types/0": ["document_types_type:error", {}],
    "/body/corrections/0/message": ["message_required:warning", {}],
  },
  "anycheck.update_verification": { "/body/verification_status": ["verification_status_choice:error", {}] },
};

function expectedNonString(opId, at, value) {
  const qualify = (list) => list.map((r) => `${opId}.${r}`).sort();
  const [root, name] = at.split("/").slice(1);
  if (root === "path") return [`${opId}.${PATH_RULE[name]}:error`, "request_shape:error"].sort();
  if (root === "headers") return ["request_shape:error"];
  const [all, exceptions] = NON_STRING[opId][at];
  return qualify(exceptions[value] ?? [all]);
}

describe("reliability catalogue in Chromium (default entry) and Node, same case code", () => {
  let web, browser, context, page;
  const pageErrors = [];
  const results = { chromium: {}, node: {} };
  const timings = {};

  before(async () => {
    assert.ok(existsSync(join(root, "pkg", "kyc_preflight.wasm")), "pkg is missing: run node scripts/build.mjs");
    let started = performance.now();
    web = await serve({ pages: { "/": PAGE }, routes: ROUTES });
    browser = await launch();
    context = browser.context;
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${web.origin}/`);
    await page.waitForSelector("body[data-ready]", { state: "attached" });
    timings.launch = performance.now() - started;
    started = performance.now();
    Object.assign(results.chromium, await page.evaluate(runCases, { names: BOTH }));
    timings.pageLight = performance.now() - started;
    started = performance.now();
    Object.assign(results.chromium, await page.evaluate(runCases, { names: PAGE_ONLY }));
    timings.pageHeavy = performance.now() - started;
    started = performance.now();
    Object.assign(results.node, runCases({ names: BOTH }, node, ops, globalThis.__kpProbe));
    timings.node = performance.now() - started;
  });

  after(async () => {
    await browser?.close();
    web?.close();
    if (process.env.KP_TIMINGS) {
      console.log("timings (ms)", JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))));
      for (const [name, { out }] of Object.entries(results.chromium)) {
        const measured = out && typeof out === "object" ? Object.entries(out).flatMap(([k, v]) => (k.startsWith("_") ? [[k, v]] : v && typeof v === "object" && !Array.isArray(v) ? Object.entries(v).filter(([j]) => j.startsWith("_")).map(([j, w]) => [`${k}.${j}`, w]) : [])) : [];
        if (measured.length > 0) console.log(`chromium case ${name}:`, JSON.stringify(Object.fromEntries(measured)));
      }
    }
    assert.deepEqual(pageErrors, []);
  });

  /**
   * The case's data from each runtime it ran in, checked for a run without error and a
   * clean valid request after it; the two runtimes' portable data must be equal.
   */
  function outputs(name) {
    const runs = [];
    for (const where of ["chromium", "node"]) {
      const result = results[where][name];
      if (result === undefined) continue;
      assert.equal(result.error, undefined, `${where}: case ${name} threw: ${result.error}`);
      assert.equal(result.after, true, `${where}: a valid request right after case ${name} did not validate clean`);
      runs.push([where, result.out]);
    }
    assert.ok(runs.some(([where]) => where === "chromium"), `case ${name} did not run in Chromium`);
    if (runs.length === 2) assert.deepEqual(portable(runs[0][1]), portable(runs[1][1]), `case ${name}: Chromium and Node disagree`);
    return runs;
  }

  it("same input, same report: Chromium and Node agree on whole reports of JSON-expressible cases", async () => {
    const cases = OPS.flatMap((o) => [
      [o.id, o.request(), { context: o.context() }],
      [o.id, { ...o.request(), body: null }],
      [o.id, { ...o.request(), body: "x" }],
      [o.id, { ...o.request(), body: [1, 2] }],
      [o.id, { ...o.request(), body: `{"a":${"[".repeat(70)}${"]".repeat(70)}}` }],
      [o.id, o.request(), { context: [1] }],
      [o.id, { ...o.request(), body: '{"a": 1,\n  "b": }' }],
      ...stringFields(o).flatMap(({ at }) => [
        [o.id, setAt(o.request(), at, "\uD800")],
        [o.id, setAt(o.request(), at, SENTINEL)],
        [o.id, setAt(o.request(), at, 5), { maxIssues: 1 }],
        [o.id, setAt(o.request(), at, null)],
      ]),
      ...[...o.strings, ...o.free].map((pointer) => [o.id, withField(o, pointer, NaN)]),
    ]);
    const inPage = await page.evaluate((list) => list.map((args) => kp.validate(...args)), cases);
    assert.equal(inPage.length, cases.length);
    cases.forEach((args, i) => assert.deepEqual(inPage[i], node.validate(...args), `${args[0]} case ${i}`));
  });

  it("1: body undefined is no body; null is body_type; extra arguments ignored; no arguments is misuse", () => {
    for (const [where, r] of outputs("1")) {
      r.perOp.forEach((x, i) => {
        const o = OPS[i];
        assert.equal(x.undefinedIsMissing, true, `${where} ${o.id}`);
        // An error where a document or the framework says so; Legal Talent's and AnyCheck's
        // body_type are warnings, inferred (issue 14).
        const severity = /^(didit|verifa)\./.test(o.id) ? "error" : "warning";
        assert.ok(x.nullFindings.includes(`${o.id}.body_type@["body"]:${severity}`), `${where} ${o.id}: ${x.nullFindings}`);
        assert.equal(x.nullOk, severity === "warning");
        assert.equal(x.extraArgsIgnored, true);
      });
      assert.deepEqual(r.diditNoBody, { status: 400, body: { new_status: ["This field is required."] } });
      for (const error of [r.noArgs, r.bogusOp]) assert.deepEqual(error, { name: "PreflightError", code: "unknown_operation", isError: true }, where);
      for (const rules of r.noRequest) assert.deepEqual(rules, [`${didit.id}.new_status_required`, `${didit.id}.session_id_format`], where);
    }
  });

  it("2: a string body is JSON text; numbers and booleans are body_type; BigInt, Symbol and functions cannot be sent", () => {
    for (const [where, r] of outputs("2")) {
      r.forEach((x, i) => {
        const o = OPS[i];
        assert.deepEqual(x.text, ["json_syntax"], `${where} ${o.id}`);
        for (const rules of x.primitives) assert.deepEqual(rules, [`${o.id}.body_type`], `${where} ${o.id}`);
        for (const findings of x.unsendable) assert.deepEqual(findings, NOT_SERIALIZABLE, `${where} ${o.id}`);
      });
    }
  });

  it("3: arrays, Map, Set, Date, RegExp, Error and boxed primitives are judged as the JSON they send", () => {
    for (const [where, r] of outputs("3")) {
      r.forEach((byBody, i) => {
        const o = OPS[i];
        for (const [name, x] of Object.entries(byBody)) {
          assert.equal(x.asItsText, true, `${where} ${o.id} ${name}: not the same as its JSON text`);
          if (["Array", "ArrayOf1", "Date", "String", "Number", "Boolean"].includes(name)) {
            assert.equal(x.bodyType, true, `${where} ${o.id} ${name}: body_type expected`);
          } else {
            // Map, Set, RegExp and Error send `{}`.
            assert.equal(x.asEmptyObject, true, `${where} ${o.id} ${name}: judged unlike {}`);
            assert.ok(x.bodyText === null || x.bodyText === "{}", `${where} ${o.id} ${name}: ${x.bodyText}`);
          }
        }
      });
    }
  });

  it("4: a valid body in Object.create(null) is accepted, sent as its JSON", () => {
    for (const [where, r] of outputs("4")) assert.deepEqual(r, OPS.map(() => [true, true]), where);
  });

  it("5: a body made in another realm (an iframe) gives the same result as a local one", async () => {
    const same = await page.evaluate(async () => {
      const frame = document.createElement("iframe");
      document.body.append(frame);
      const realm = frame.contentWindow;
      const out = ops.OPS.map((o) => {
        const foreign = realm.JSON.parse(JSON.stringify(o.request()));
        const bytes = new realm.Uint8Array(new TextEncoder().encode(JSON.stringify(o.request().body)));
        const local = JSON.stringify(kp.validate(o.id, o.request()));
        return [
          !(foreign.body instanceof Object) && JSON.stringify(kp.validate(o.id, foreign)) === local,
          !(bytes instanceof Uint8Array) && kp.validate(o.id, { ...o.request(), body: bytes }).ok,
          JSON.stringify(kp.validate(o.id, { ...o.request(), body: realm.JSON.parse("[1]") })) === JSON.stringify(kp.validate(o.id, { ...o.request(), body: [1] })),
        ];
      });
      frame.remove();
      return out;
    });
    assert.deepEqual(same, OPS.map(() => [true, true, true]));
  });

  it("6: a deep-frozen body (and context) is accepted and not mutated", () => {
    for (const [where, r] of outputs("6")) {
      assert.deepEqual(r.perOp, OPS.map(() => [true, true, true]), where);
      assert.deepEqual(r.alias, ["OCR", "ID_VERIFICATION"], where);
    }
  });

  it("7: a string body is JSON text, sent as the caller's own text (every operation, Didit too); bad text is json_syntax with a position", () => {
    for (const [where, r] of outputs("7")) {
      r.forEach((x, i) => {
        const o = OPS[i];
        assert.deepEqual(x.clean, [true, true, true], `${where} ${o.id}`);
        assert.deepEqual(x.ownText, [true, true, true], `${where} ${o.id}: bodyText is not the caller's text (pretty, compact, bytes)`);
        assert.equal(x.parsedBody, true, `${where} ${o.id}`);
        assert.deepEqual(x.bad[0], ["json_syntax"], `${where} ${o.id}`);
        assert.match(x.bad[1], /line 2 column 8/, `${where} ${o.id}`);
      });
    }
  });

  it("8: a required field missing, undefined and null", () => {
    for (const [where, r] of outputs("8")) {
      r.diditLike.forEach((x, i) => {
        const o = [didit, feature][i];
        assert.equal(x.undefinedIsMissing, true, where);
        assert.deepEqual(x.missing, { status: 400, body: { new_status: ["This field is required."] } }, where);
        assert.deepEqual(x.nul, { status: 400, body: { new_status: ["This field may not be null."] } }, where);
        assert.deepEqual(x.nullRules, [`${o.id}.new_status_required`], where);
      });
      // status_required is a warning, inferred (issue 14: the update body is unpublished).
      assert.deepEqual(r.legalTalent, [
        [0, 1, 2].map(() => ["legaltalent.update_session_status.status_required:warning"]),
        [0, 1, 2].map(() => ["legaltalent.request_corrections.corrections_required:error"]),
      ], where);
    }
  });

  it("9, 13: unknown keys, and own keys named like Object.prototype members, follow each operation's unknown_field rule", () => {
    for (const [where, r] of outputs("9,13")) {
      r.forEach((x, i) => {
        const o = OPS[i];
        const want = UNKNOWN_FIELD[o.id];
        for (const at of x.keys) assert.deepEqual(at, want ? [`${o.id}.unknown_field:${want}`] : [], `${where} ${o.id}`);
        assert.equal(x.ok, want !== "error", `${where} ${o.id}`);
      });
    }
  });

  it("10: an own __proto__ key from JSON.parse is an unknown key, sent as is, and Object.prototype stays clean", () => {
    for (const [where, r] of outputs("10")) {
      r.perOp.forEach((x, i) => {
        const o = OPS[i];
        const want = UNKNOWN_FIELD[o.id];
        assert.equal(x.own, true, where);
        assert.deepEqual(x.at, want ? [`${o.id}.unknown_field:${want}`] : [], `${where} ${o.id}`);
        // Nothing else fires: the key did not reach the real fields (new_status stays valid).
        assert.deepEqual(x.others, [], `${where} ${o.id}`);
        if (want !== "error") assert.equal(x.bodyText, true, `${where} ${o.id}: bodyText`);
      });
      assert.equal(r.prototypeClean, true, where);
      assert.deepEqual(r.nestedVerifa, [`${verifa.id}.unknown_field@["body","__proto__"]:error`], where);
    }
  });

  it("11: a field only on the prototype is missing", () => {
    for (const [where, r] of outputs("11")) {
      assert.deepEqual(r, [[`${didit.id}.new_status_required`], ["legaltalent.update_session_status.status_required"]], where);
    }
  });

  it("12: a polluted Object.prototype is not read as present, and is cleaned up", () => {
    for (const [where, r] of outputs("12")) {
      assert.deepEqual(r.empty, [`${didit.id}.new_status_required`, `${didit.id}.session_id_format`], where);
      assert.deepEqual(r.noBody?.body, { new_status: ["This field is required."] }, where);
      assert.deepEqual(r.ok, ['{"new_status":"Approved"}', 0], where);
      assert.equal(r.clean, true, where);
    }
  });

  it("14: class instances and toJSON are validated as their JSON form; each getter is read once", () => {
    for (const [where, r] of outputs("14")) {
      assert.equal(r.cls, '{"new_status":"Approved"}', where);
      assert.equal(r.own, '{"new_status":"Declined"}', where);
      assert.equal(r.toJson, true, where);
      assert.equal(r.toJsonClean, true, where);
      assert.deepEqual(r.reads, [1, 1], `${where}: getter reads (plain body, body with a null)`);
    }
  });

  it("15: Symbol keys and non-enumerable properties are ignored", () => {
    for (const [where, r] of outputs("15")) assert.deepEqual(r, [true, '{"new_status":"Approved"}'], where);
  });

  it("16: throwing getters and revoked proxies are not_serializable, 1,000 times alike, no reset, wasm memory flat", () => {
    for (const [where, r] of outputs("16")) {
      for (const [name, x] of Object.entries(r.perBody)) {
        assert.deepEqual(x.findings, NOT_SERIALIZABLE, `${where} ${name}`);
        assert.equal(x.allSame, true, `${where} ${name}`);
        assert.equal(x.response?.status, 400, `${where} ${name}`);
      }
      assert.deepEqual(r.request, ["not_serializable", "request_shape", "request_shape", `${didit.id}.session_id_format`].sort(), where);
      assert.deepEqual(r.hostileRequest, [...NOT_SERIALIZABLE, 'request_shape@["headers"]:error', 'request_shape@["path"]:error', `${didit.id}.session_id_format@["path","sessionId"]:error`], where);
      assert.equal(r.resets, 0, where);
      const [before, afterRepeats] = r._memory;
      assert.ok(before > 0, where);
      assert.equal(afterRepeats, before, `${where}: the wasm memory grew over 4 × 1,000 not_serializable requests`);
      // Totality: a getter read twice by the JS layer must still not make validate throw.
      assert.deepEqual(r.secondRead, [`${didit.id}.unknown_field@["body","reason"]:warning`, `${didit.id}.comment_type@["body","comment"]:error`].sort(), `${where}: ${r.secondRead}`);
    }
  });

  it("17: a getter that calls validate re-entrantly: both results are correct", () => {
    for (const [where, r] of outputs("17")) {
      assert.deepEqual(r, { outer: [true, '{"new_status":"Approved"}'], inner: [true, "legaltalent.update_session_status"], reads: 1 }, where);
    }
  });

  it("18: a cycle in any body field is not_serializable", () => {
    for (const [where, r] of outputs("18")) {
      r.forEach((fields, i) => {
        assert.equal(fields.length, Object.keys(OPS[i].request().body).length);
        for (const findings of fields) assert.deepEqual(findings, NOT_SERIALIZABLE, `${where} ${OPS[i].id}`);
      });
    }
  });

  it("19: nesting 63/64/65/128/129/10,000 in every body field, and 100,000 (past V8's stack): a depth issue past 64", () => {
    for (const [where, r] of outputs("19")) {
      assert.ok(r.perField.length >= 6 * 6, `${where}: ${r.perField.length} runs`);
      for (const x of r.perField) {
        if (x.depth <= 64) {
          assert.deepEqual(x.deep, [], `${where} ${x.id}`);
          continue;
        }
        assert.equal(x.deep.length, 1, `${where} ${x.id}`);
        assert.equal(x.deep[0].severity, "error", `${where} ${x.id}`);
        assert.equal(x.ok, false, `${where} ${x.id}`);
        assert.equal(x.status, x.verifa ? 422 : 400, `${where} ${x.id}`);
        assert.deepEqual(x.deep[0].path.slice(0, x.depth < 128 ? 2 : 1), x.depth < 128 ? ["body", x.field] : ["body"], `${where} ${x.id}`);
        assert.match(x.deep[0].message, /64 \(maxDepth\)|limit \(maxDepth\)/, `${where} ${x.id}`);
      }
      for (const findings of [...r.v8Deep, r.text]) {
        assert.equal(findings.length, 1, `${where}: ${findings}`);
        assert.match(findings[0], /^too_deep@\["body"/, where);
      }
    }
  });

  it("20: 100,000 metadata keys, a 1 MB key, a million items: bounded, truncated, no trap", () => {
    for (const [where, r] of outputs("20")) {
      assert.equal(r.manyKeys, true, where);
      assert.deepEqual(r.unknown, [false, 100, true], where);
      assert.equal(r.longKey, true, where);
      assert.deepEqual(r.million, [100, true, 400], where);
      assert.deepEqual(r.nodes, [100, true, true], where);
      assert.ok(r._ms < 15_000, `${where}: ${r._ms} ms`);
    }
  });

  it("21: a 10 MB body and a 100M-character string are refused before crossing into wasm: too_large, 413, quickly", () => {
    for (const [where, r] of outputs("21")) {
      // The probe sees a body that does cross: the whole text, in one buffer.
      assert.ok(r._control >= r._controlLength, `${where}: the control body crossed in ${r._control} bytes`);
      for (const name of ["objectTenMB", "stringTenMB", "bytesTenMB", "string100M", "object100M", "accents", "emoji", "loneSurrogates"]) {
        const x = r[name];
        assert.deepEqual(x.rules, ["too_large"], `${where} ${name}`);
        assert.equal(x.status, 413, `${where} ${name}`);
        // The size named is the body's UTF-8 length, or a lower bound of it ("at least").
        const [, atLeast, bytes] = x.message.match(/^the body's JSON text is (at least )?(\d+) UTF-8 bytes, over the limit of 1048576 bytes \(maxBodyBytes\)$/) ?? [];
        assert.ok(bytes, `${where} ${name}: ${x.message}`);
        if (atLeast) assert.ok(Number(bytes) > 1_048_576 && Number(bytes) <= x.utf8, `${where} ${name}: ${x.message}`);
        else assert.equal(Number(bytes), x.utf8, `${where} ${name}: ${x.message}`);
        // Only the operation id, the envelope and the options cross: a few hundred bytes.
        assert.ok(x._largestCrossing < 4096, `${where} ${name}: ${x._largestCrossing} bytes crossed into wasm`);
        // Bytes are measured at once, a string in one pass, an object in one JSON.stringify.
        const budget = name.startsWith("bytes") ? 100 : name.startsWith("object") ? 5_000 : 2_000;
        assert.ok(x._ms < budget, `${where} ${name}: ${x._ms.toFixed(1)} ms`);
      }
    }
  });

  it("22: NaN and ±Infinity in every field: the null report plus one non_finite_number warning at the value; -0, 1e21, 2**53+1 as sent; BigInt not_serializable", () => {
    const warning = (path) => ({ rule: "non_finite_number", severity: "warning", source: "inferred", path, message: "string" });
    for (const [where, r] of outputs("22")) {
      assert.ok(r.perField.length >= 14, `${where}: ${r.perField.length} fields`);
      for (const x of r.perField) {
        x.nonFinite.forEach((v, k) => {
          const label = `${where} ${x.id} ${["NaN", "Infinity", "-Infinity"][k]}`;
          assert.equal(v.rest, true, `${label}: ok, response, request or effects differ from the null body's`);
          assert.equal(v.others, true, `${label}: other issues differ from the null body's`);
          assert.deepEqual(v.extra, [warning(x.path)], label);
        });
        assert.equal(x.negZero, true, `${where} ${x.id} -0`);
        assert.equal(x.big[0], true, `${where} ${x.id} 1e21`);
        assert.equal(x.unsafe[0], true, `${where} ${x.id} 2**53+1`);
        for (const text of [x.big[1], x.unsafe[1]]) assert.ok(text === null || text === true, `${where} ${x.id}: bodyText`);
        assert.deepEqual(x.bigint, NOT_SERIALIZABLE, `${where} ${x.id} 5n`);
      }
      const several = ['["body","metadata","a"]', '["body","metadata","b",0]', '["body","metadata","b",2]', '["body","metadata","c","d"]'];
      assert.equal(r.several.rest, true, where);
      assert.equal(r.several.others, true, where);
      assert.deepEqual(r.several.extra.map((i) => JSON.stringify(i.path)).sort(), several, where);
      for (const issue of r.several.extra) assert.deepEqual(issue, warning(issue.path), where);
      assert.equal(r.several.bodyText, '{"external_ref":"r","metadata":{"a":null,"b":[null,1,null],"c":{"d":null},"e":null}}', where);
      // What only toJSON (or a getter) returns is not read twice to look for NaN: no warning.
      assert.deepEqual([r.viaToJson.rest, r.viaToJson.others, r.viaToJson.extra], [true, true, []], `${where} toJSON`);
      assert.deepEqual([r.arrayBody.rest, r.arrayBody.others, r.arrayBody.extra], [true, true, [warning(["body", 0])]], `${where} [NaN]`);
      // A bare NaN body is sent as `null` too: flagged at the body itself.
      assert.deepEqual([r.bareBody.rest, r.bareBody.others, r.bareBody.extra], [true, true, [warning(["body"])]], `${where} NaN body`);
      assert.equal(r.inContext, 0, `${where}: a NaN in the context is not in the body`);
      assert.deepEqual(r.textBody, ['json_syntax@["body"]:error'], `${where}: NaN in JSON text`);
      assert.equal(r.metadataText, '{"external_ref":"r","metadata":{"a":null,"b":0,"c":1e+21,"d":9007199254740992}}', where);
    }
  });

  it("23: numeric strings where a boolean or an enum is expected", () => {
    for (const [where, r] of outputs("23")) {
      assert.deepEqual(r.sendEmail, [["warning"], ["warning"], ["warning"]], where);
      // DRF's BooleanField reads "true" (a warning); "2" it refuses.
      assert.deepEqual(r.defer, [`${feature.id}.defer_type:warning`], where);
      assert.deepEqual(r.deferRefused, { status: 400, body: { defer_until_flow_finishes: ["Must be a valid boolean."] } }, where);
      const goods = ["Approved", "approved", "COMPLETED"];
      r.enums.forEach((values, i) => {
        assert.deepEqual(values, [["error", null], ["error", null], ["error", `did you mean "${goods[i]}"?`]], where);
      });
    }
  });

  it("24: a number, boolean, array, object or null in every string field (body, path, headers): the documented rule at that field", () => {
    for (const [where, r] of outputs("24")) {
      // 32, and the path id and Authorization header of Legal Talent's four body-less calls.
      assert.equal(r.length, 40, `${where}: ${r.length} string fields`);
      for (const x of r) {
        for (const [value, found] of Object.entries(x.byValue)) {
          assert.deepEqual(found, expectedNonString(x.op, x.at, value), `${where} ${x.id} = ${value}`);
        }
      }
    }
  });

  it("25: empty, blank and invisible enum values are errors at the field", () => {
    for (const [where, r] of outputs("25")) assert.deepEqual(r, [0, 1, 2, 3].map(() => [true, true, true, true, true]), where);
  });

  it("26: lone surrogates in every string field (path and headers too) are invalid_unicode at that field, never a silent U+FFFD", () => {
    for (const [where, r] of outputs("26")) {
      // 35, and the path id and Authorization header of Legal Talent's four body-less calls.
      assert.equal(r.perField.length, 43, where);
      for (const x of r.perField) {
        for (const v of x.lone) assert.deepEqual(v, { paths: [x.path], ok: false, replacement: false }, `${where} ${x.id}`);
        assert.equal(x.pair, false, `${where} ${x.id}: a proper pair`);
      }
      assert.deepEqual(r.textBody, [["invalid_unicode", ["body", "comment"]]], where);
      assert.equal(r.context, true, where);
    }
  });

  it("27: control characters, U+2028/U+2029 and bidi overrides are data: accepted, never echoed", () => {
    // Didit's comments are DRF CharFields, whose validator refuses NUL characters (text 0).
    const expected = [0, 1, 2, 3, 4].map((o) => [0, 1, 2, 3].map((t) => [!(o < 2 && t === 0), false, false]));
    for (const [where, r] of outputs("27")) assert.deepEqual(r, expected, where);
  });

  it("28: lengths count Unicode scalar values (not UTF-16 units) at 254/255/256, and name the unit", () => {
    for (const [where, r] of outputs("28")) {
      for (const [at254, at255, at256] of r) {
        assert.deepEqual([at254, at255], [null, null], where);
        assert.match(at256 ?? "", /characters \(Unicode scalar values\).*255/, where);
      }
    }
  });

  it("29: Verifa metadata values are measured as compact JSON in UTF-8 bytes", () => {
    for (const [where, r] of outputs("29")) {
      assert.deepEqual(r.straddle, [0, 1, 2].map(() => [false, false, true]), where);
      // 8,191 × `"` is 16,382 escaped bytes plus 2 quotes: at the limit; 8,192 is over.
      assert.deepEqual(r.escaped, [false, true, false, true], where);
    }
  });

  it("30–32: email addresses that pass, fail, and are pinned by policy", () => {
    for (const [where, r] of outputs("30-32")) {
      assert.ok(r.pass.every(Boolean), `${where} pass: ${r.pass}`);
      assert.ok(r.fail.every((ok) => !ok), `${where} fail: ${r.fail}`);
      // Policy (Django's EmailValidator, which Didit runs): see tests/reliability.rs c32.
      assert.deepEqual(r.policy, [true, false, false, false, false, true, true], where);
    }
  });

  it("33: email ReDoS probes finish under 10 ms each (best of 3)", () => {
    for (const [where, r] of outputs("33")) {
      assert.ok(r.fired.length === 9 && r.fired.every(Boolean), where);
      r._best.forEach((ms, i) => assert.ok(ms < 10, `${where} probe ${i}: ${ms.toFixed(2)} ms`));
    }
  });

  it("34: same input, same report bytes; A then B equals B alone", () => {
    for (const [where, r] of outputs("34")) {
      assert.equal(r.inputs, OPS.length * 5, where);
      assert.deepEqual([r.twice, r.pairs], [r.inputs, r.inputs * r.inputs], where);
    }
  });

  it("35: 10,000 invalid items give maxIssues issues and truncated, quickly", () => {
    for (const [where, r] of outputs("35")) {
      for (const perOptions of r.out) {
        assert.deepEqual(perOptions.map(([ok, , , error]) => [ok, error]), [[false, true], [false, true], [false, true]], where);
        assert.deepEqual(perOptions[0].slice(1, 3), [100, true], where);
        assert.deepEqual(perOptions[1].slice(1, 3), [1, true], where);
        assert.equal(perOptions[2][2], false, where);
        assert.ok(perOptions[2][1] > 100, where);
      }
      assert.ok(r._ms < 15_000, `${where}: ${r._ms} ms`);
    }
  });

  it("36: soak: 100,000 invalid requests, then a valid one; no reset, wasm memory at its high-water mark", () => {
    for (const [where, r] of outputs("36")) {
      assert.equal(r.passed, 0, where);
      assert.equal(r.validAfter, true, where);
      assert.equal(r.resets, 0, where);
      assert.equal(r.grew, false, `${where}: memory ${r._memory}`);
      assert.ok(r._ms < 20_000, `${where}: ${r._ms} ms`);
    }
  });

  it("37: a forced trap in the page (test-only build target/pkg-trap): internal_error, reset, and the next call succeeds", { skip: TRAP_BUILD ? false : "target/pkg-trap is not built (node scripts/build.mjs trap)" }, async () => {
    const r = await page.evaluate(async () => {
      const glue = await import("/pkg-trap/dist/wasm/kyc_preflight.js");
      const { createApi } = await import("/pkg-trap/dist/api.js");
      await glue.default({ module_or_path: "/pkg-trap/kyc_preflight.wasm" });
      let trap = false;
      let resets = 0;
      const api = createApi({
        ...glue,
        validate(...args) {
          if (trap) {
            trap = false;
            glue.__testTrap();
          }
          return glue.validate(...args);
        },
        __wbg_reset_state() {
          resets += 1;
          glue.__wbg_reset_state();
        },
      });
      const o = ops.op("didit.update_session_status");
      const rounds = [];
      for (let i = 0; i < 5; i++) {
        trap = true;
        const failed = api.validate(o.id, o.request());
        rounds.push([failed.issues.map((x) => x.rule), resets, api.validate(o.id, o.request()).ok]);
      }
      return rounds;
    });
    assert.deepEqual(r, [1, 2, 3, 4, 5].map((n) => [["internal_error"], n, true]));
  });

  it("38: the PII sentinel in every string field (body, free-form, path, headers) never reaches a message, hint or path", () => {
    for (const [where, r] of outputs("38")) {
      // 35, and the path id and Authorization header of Legal Talent's four body-less calls.
      assert.equal(r.perField.length, 43, where);
      for (const x of r.perField) assert.ok(x.leaked.every((leak) => !leak), `${where} ${x.id}: ${x.leaked}`);
      assert.deepEqual(r.all, OPS.map(() => [false, false]), where);
      // Where Didit itself echoes the value, it is in the predicted body only.
      assert.deepEqual(r.echo, { new_status: [`"${SENTINEL}" is not a valid choice.`] }, where);
    }
  });

  it("39: context garbage gives context_invalid warnings, never a throw", () => {
    for (const [where, r] of outputs("39")) {
      r.forEach((x, i) => {
        x.judged.forEach((verdict, n) => assert.deepEqual(verdict, [true, true, true], `${where} ${OPS[i].id}: context #${n}`));
        // A Map sends `{}` and NaN `null`: judged as that JSON, nothing to warn about.
        assert.deepEqual(x.quiet, [[true, false, true], [true, false, true]], `${where} ${OPS[i].id}: Map, NaN`);
      });
    }
  });
});
