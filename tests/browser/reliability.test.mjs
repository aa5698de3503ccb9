// The JS-specific cases of the reliability catalogue (reliability.md) in headless
// Chromium: the built package (pkg/, through an import map) and the test-only build
// target/pkg-trap are served from 127.0.0.1, and each case runs in the page. Reports
// the page computes for the cases JSON can express are compared with the same package
// run here in Node: same input, same report, in both engines' hosts.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium } from "playwright-core";
import { CHROMIUM, chromiumArgs, root } from "../../scripts/toolchain.mjs";
import { OPS, SENTINEL, nested, setAt, stringFields, withField } from "../js/ops.mjs";

const node = await import(join(root, "pkg", "dist", "esm", "index.js"));

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const ROUTES = { "/pkg/": join(root, "pkg"), "/pkg-trap/": join(root, "target", "pkg-trap"), "/tests/": join(root, "tests", "js") };

const PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "kyc-preflight": "/pkg/dist/esm/index.js" } }</script>
<script type="module">
  import * as kp from "kyc-preflight";
  import * as ops from "/tests/ops.mjs";
  Object.assign(window, { kp, ops });
  document.body.dataset.ready = "1";
</script>
<body></body>`;

function serve() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/") return res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE);
    const prefix = Object.keys(ROUTES).find((p) => url.pathname.startsWith(p));
    if (!prefix) return res.writeHead(404).end();
    const dir = ROUTES[prefix];
    const file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

describe("reliability catalogue in Chromium", () => {
  let web, userData, context, page;
  const pageErrors = [];

  before(async () => {
    for (const dir of ["pkg", join("target", "pkg-trap")]) {
      assert.ok(existsSync(join(root, dir, "kyc_preflight.wasm")), `${dir} is missing: run node scripts/build.mjs (and \`trap\`)`);
    }
    web = await serve();
    userData = mkdtempSync(join(tmpdir(), "kp-chromium-"));
    // Playwright takes the profile directory as its own argument, not as a flag.
    const args = chromiumArgs(userData).filter((arg) => !arg.startsWith("--user-data-dir="));
    context = await chromium.launchPersistentContext(userData, { executablePath: CHROMIUM, args, headless: true });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${web.origin}/`);
    await page.waitForSelector("body[data-ready]", { state: "attached" });
  });

  after(async () => {
    await context?.close();
    web?.server.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
    assert.deepEqual(pageErrors, []);
  });

  it("same input, same report: Chromium and Node agree on the JSON-expressible cases", async () => {
    const cases = OPS.flatMap((o) => [
      [o.id, o.request(), { context: o.context() }],
      [o.id, { ...o.request(), body: null }],
      [o.id, { ...o.request(), body: "x" }],
      [o.id, { ...o.request(), body: [1, 2] }],
      [o.id, { ...o.request(), body: `{"a":${"[".repeat(70)}${"]".repeat(70)}}` }],
      [o.id, withField(o, o.strings[0], SENTINEL)],
      [o.id, withField(o, o.strings[0], 5), { maxIssues: 1 }],
      [o.id, o.request(), { context: [1] }],
      ...stringFields(o).map(({ at }) => [o.id, setAt(o.request(), at, "\uD800")]),
    ]);
    const inPage = await page.evaluate((list) => list.map((args) => kp.validate(...args)), cases);
    assert.equal(inPage.length, cases.length);
    cases.forEach((args, i) => assert.deepEqual(inPage[i], node.validate(...args), `${args[0]} case ${i}`));
  });

  it("4, 6, 11, 12, 15: null prototypes, frozen bodies, prototype fields and pollution, hidden keys", async () => {
    const results = await page.evaluate(() => {
      const o = ops.op("didit.update_session_status");
      const freeze = (v) => {
        if (v !== null && typeof v === "object") Object.values(v).forEach(freeze);
        return Object.freeze(v);
      };
      const out = {};
      out.nullProto = ops.OPS.map((x) => kp.validate(x.id, { ...x.request(), body: Object.assign(Object.create(null), x.request().body) }).issues);
      const frozen = freeze(o.request());
      out.frozen = kp.validate(o.id, frozen).ok && JSON.stringify(frozen) === JSON.stringify(o.request());
      out.protoOnly = ops.rulesOf(kp.validate(o.id, { ...o.request(), body: { __proto__: { new_status: "Approved" } } }));
      try {
        Object.prototype.new_status = "Approved";
        Object.prototype.body = { new_status: "Approved" };
        out.polluted = ops.rulesOf(kp.validate(o.id, { path: o.request().path, body: {} }));
        out.pollutedBody = ops.rulesOf(kp.validate(o.id, { path: o.request().path }));
      } finally {
        delete Object.prototype.new_status;
        delete Object.prototype.body;
      }
      const hidden = { new_status: "Approved", [Symbol("s")]: 1 };
      Object.defineProperty(hidden, "comment", { value: 5, enumerable: false });
      out.hidden = kp.validate(o.id, { path: o.request().path, body: hidden }).request.bodyText;
      out.after = kp.validate(o.id, o.request()).ok;
      return out;
    });
    assert.deepEqual(results.nullProto, OPS.map(() => []));
    assert.equal(results.frozen, true);
    assert.deepEqual(results.protoOnly, ["didit.update_session_status.new_status_required"]);
    assert.deepEqual(results.polluted, ["didit.update_session_status.new_status_required"]);
    assert.deepEqual(results.pollutedBody, ["didit.update_session_status.new_status_required"]);
    assert.equal(results.hidden, '{"new_status":"Approved"}');
    assert.equal(results.after, true);
  });

  it("5: a body made in another realm (an iframe) gives the same result as a local one", async () => {
    const same = await page.evaluate(async () => {
      const frame = document.createElement("iframe");
      document.body.append(frame);
      const realm = frame.contentWindow;
      return ops.OPS.map((o) => {
        const foreign = realm.JSON.parse(JSON.stringify(o.request()));
        const bytes = new realm.Uint8Array(new TextEncoder().encode(JSON.stringify(o.request().body)));
        const local = JSON.stringify(kp.validate(o.id, o.request()));
        return [
          !(foreign.body instanceof Object) && JSON.stringify(kp.validate(o.id, foreign)) === local,
          !(bytes instanceof Uint8Array) && kp.validate(o.id, { ...o.request(), body: bytes }).ok,
        ];
      });
    });
    assert.deepEqual(same, OPS.map(() => [true, true]));
  });

  it("14, 17: getters and toJSON are read once, as JSON; a re-entrant validate in a getter", async () => {
    const r = await page.evaluate(() => {
      const o = ops.op("didit.update_session_status");
      const lt = ops.op("legaltalent.update_session_status");
      let reads = 0;
      let inner;
      class Review {
        constructor() {
          this.new_status = "Approved";
        }
        get comment() {
          return "not sent";
        }
      }
      const body = {
        get new_status() {
          reads += 1;
          inner = kp.validate(lt.id, lt.request());
          return "Declined";
        },
      };
      const outer = kp.validate(o.id, { path: o.request().path, body });
      return {
        cls: kp.validate(o.id, { path: o.request().path, body: new Review() }).request.bodyText,
        toJson: kp.validate(o.id, { path: o.request().path, body: { toJSON: () => ({ new_status: "Approved" }) } }).request.bodyText,
        outer: [outer.ok, outer.request.bodyText],
        inner: [inner.ok, inner.operation],
        reads,
      };
    });
    assert.deepEqual(r, {
      cls: '{"new_status":"Approved"}',
      toJson: '{"new_status":"Approved"}',
      outer: [true, '{"new_status":"Declined"}'],
      inner: [true, "legaltalent.update_session_status"],
      reads: 1,
    });
  });

  it("16, 18, 19, 22: throwing getters, revoked proxies, cycles, V8-deep nesting, NaN and BigInt", async () => {
    const r = await page.evaluate(({ deep }) => {
      const o = ops.op("verifa.update_session");
      const at = (body) => ops.findings(kp.validate(o.id, { ...o.request(), body }));
      const revocable = Proxy.revocable({}, {});
      revocable.revoke();
      const cycle = { a: 1 };
      cycle.self = cycle;
      const throwing = [];
      for (let i = 0; i < 1000; i++) throwing.push(at({ get metadata() { throw new Error("x"); } })[0]);
      return {
        throwing: [...new Set(throwing)],
        revoked: at(revocable.proxy),
        cycle: at({ metadata: cycle }),
        deep: deep.map((d) => at({ metadata: ops.nested(d - 1, false) })),
        nan: [NaN, Infinity, -Infinity].map((v) => ops.findings(kp.validate(o.id, ops.withField(o, "/external_ref", v)))),
        nul: ops.findings(kp.validate(o.id, ops.withField(o, "/external_ref", null))),
        nanText: kp.validate(o.id, ops.withField(o, "/metadata/k", NaN)).request.bodyText,
        bigint: at({ metadata: { k: 5n } }),
        after: kp.validate(o.id, o.request()).ok,
      };
    }, { deep: [64, 65, 129, 10_000, 100_000] });
    const cannot = ['not_serializable@["body"]:error'];
    assert.deepEqual([r.throwing, r.revoked, r.cycle, r.bigint], [cannot, cannot, cannot, cannot]);
    assert.deepEqual(r.deep[0], []);
    for (const findings of r.deep.slice(1)) {
      assert.equal(findings.length, 1);
      assert.match(findings[0], /^too_deep@\["body"/);
    }
    assert.match(r.deep[1][0], /^too_deep@\["body","metadata"/);
    for (const findings of r.nan) assert.deepEqual(findings, r.nul);
    assert.equal(r.nanText, '{"external_ref":"r","metadata":{"k":null}}');
    assert.equal(r.after, true);
  });

  it("26, 39: lone surrogates in every string field, and hostile contexts, in the page", async () => {
    const r = await page.evaluate(() =>
      ops.OPS.map((o) => {
        const surrogates = ops.stringFields(o).map(({ at, path }) => {
          const report = kp.validate(o.id, ops.setAt(o.request(), at, "a\uDC00"));
          return report.issues.filter((i) => i.rule === "invalid_unicode").map((i) => JSON.stringify(i.path)).join() === JSON.stringify(path);
        });
        const revocable = Proxy.revocable({}, {});
        revocable.revoke();
        const hostile = [5n, Symbol("s"), () => 1, revocable.proxy, ops.nested(10_000, false), { get decision() { throw new Error("x"); } }];
        const contexts = hostile.map((context) => {
          const report = kp.validate(o.id, o.request(), { context });
          return report.ok && ops.fires(report, "context_invalid");
        });
        return { surrogates, contexts };
      }),
    );
    for (const { surrogates, contexts } of r) {
      assert.ok(surrogates.every(Boolean), JSON.stringify(surrogates));
      assert.ok(contexts.every(Boolean), JSON.stringify(contexts));
    }
  });

  it("37: a forced trap in the page: internal_error, reset, and the next call succeeds", async () => {
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
});
