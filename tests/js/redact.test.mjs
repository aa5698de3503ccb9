// Credentials never leak (issue 18): `redact`, `redactRequest` and `isSecretHeader`
// through the entry under test (KP_ENTRY=import|require|web). A sentinel credential in
// the headers of every operation's valid request must be gone from the redacted report,
// whatever the vendor, the header's case or the value's length, and the original report
// must still hold it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { api, entry, validate, validateBatch } from "./entry.mjs";
import { OPS, UUID } from "./ops.mjs";

const { redact, redactRequest, isSecretHeader } = api;

/** A 33-character credential: long enough for the last-four hint ("…cdef"). */
const SENTINEL = "sk_live_SENTINEL_0123456789abcdef";
/** What must never show: any six characters in a row of the sentinel's distinctive part. */
const CORE = "SENTINEL_0123456789abcdef";

/** The text shows no run of six characters of the sentinel (the hint shows four). */
function assertNoLeak(text, label) {
  for (let i = 0; i + 6 <= CORE.length; i++) {
    assert.ok(!text.includes(CORE.slice(i, i + 6)), `${label}: "${CORE.slice(i, i + 6)}" of the credential leaks in\n${text}`);
  }
}

/** The credential header of each vendor, and the sentinel in the shape its rules accept. */
const CREDENTIAL = {
  didit: { name: "x-api-key", value: SENTINEL, shown: "••••(redacted, …cdef)" },
  verifa: { name: "X-API-Key", value: `vk_live_${CORE}`, shown: "••••(redacted, …cdef)" },
  legaltalent: { name: "Authorization", value: `Bearer ${SENTINEL}`, shown: "Bearer ••••(redacted, …cdef)" },
  anycheck: { name: "Authorization", value: `Bearer ${SENTINEL}`, shown: "Bearer ••••(redacted, …cdef)" },
};

/** The operation's valid request (tests/js/ops.mjs) with the sentinel as its credential. */
function withSentinel(o) {
  const request = o.request();
  const { name, value } = CREDENTIAL[o.id.split(".")[0]];
  assert.ok(name in request.headers, `${o.id}: ops.mjs sends ${name}`);
  request.headers[name] = value;
  return request;
}

const report = (headers) => ({
  ok: true,
  operation: "didit.update_session_status",
  issues: [],
  truncated: false,
  response: null,
  request: { method: "PATCH", path: "/p", headers, body: null, bodyText: "" },
  effects: [],
});

describe(`redact via ${entry}`, () => {
  it("is exported by the entry, as functions", () => {
    for (const fn of [redact, redactRequest, isSecretHeader]) assert.equal(typeof fn, "function");
  });

  for (const o of OPS) {
    it(`${o.id}: the credential leaves the report, the rest stays, the original is untouched`, () => {
      const original = validate(o.id, withSentinel(o));
      assert.equal(original.ok, true, JSON.stringify(original.issues));
      const { name, value, shown } = CREDENTIAL[o.id.split(".")[0]];
      assert.equal(original.request.headers[name], value, "the report carries the credential verbatim (else this test proves nothing)");
      const before = structuredClone(original);

      const safe = redact(original);
      assertNoLeak(JSON.stringify(safe), o.id);
      assert.equal(safe.request.headers[name], shown);
      // Everything else is the same report; the other headers keep their values.
      assert.deepEqual({ ...safe, request: { ...safe.request, headers: { ...safe.request.headers, [name]: value } } }, original);
      const others = Object.keys(original.request.headers).filter((h) => h !== name);
      assert.ok(others.includes("Content-Type"));
      for (const h of others) assert.equal(safe.request.headers[h], original.request.headers[h], h);
      // A copy, deep: nothing shared, nothing changed.
      assert.deepEqual(original, before);
      assert.notEqual(safe, original);
      assert.notEqual(safe.request, original.request);
      assert.notEqual(safe.request.headers, original.request.headers);
      assert.notEqual(safe.effects, original.effects);
      safe.effects.push({ kind: "mutated" });
      safe.request.path = "/mutated";
      assert.deepEqual(original, before);
    });
  }

  it("an array of reports (validateBatch) gives an array, each redacted", () => {
    const reports = OPS.map((o) => validate(o.id, withSentinel(o)));
    assert.ok(JSON.stringify(reports).includes(CORE));
    const safe = redact(reports);
    assert.ok(Array.isArray(safe));
    assert.equal(safe.length, OPS.length);
    assertNoLeak(JSON.stringify(safe), "array");
    assert.ok(JSON.stringify(reports).includes(CORE), "the originals keep the credential");
    const o = OPS[0];
    const batch = validateBatch(o.id, [withSentinel(o), withSentinel(o), { ...withSentinel(o), body: { new_status: "nope" } }]);
    const safeBatch = redact(batch);
    assert.deepEqual(safeBatch.map((r) => r.ok), [true, true, false]);
    assertNoLeak(JSON.stringify(safeBatch), "batch");
    assert.equal(safeBatch[2].request, null);
  });

  it("reports inside other values are redacted too; values without one come back as equal copies", () => {
    const original = validate(OPS[0].id, withSentinel(OPS[0]));
    const wrapped = { event: "review", reports: [[original]], at: new Date(0) };
    const safe = redact(wrapped);
    assertNoLeak(JSON.stringify(safe), "nested");
    assert.deepEqual(safe.at, new Date(0));
    assert.notEqual(safe.at, wrapped.at);
    assert.equal(wrapped.reports[0][0].request.headers["x-api-key"], SENTINEL);

    for (const value of [null, undefined, 0, 42, "x-api-key: abc", true, [], {}, [1, { a: [2] }], { headers: { "x-api-key": SENTINEL } }]) {
      const copy = redact(value);
      assert.deepEqual(copy, value);
      if (value !== null && typeof value === "object") assert.notEqual(copy, value);
    }
    // A report whose request is null (not ok) is copied, not changed.
    const refused = validate(OPS[0].id, { ...withSentinel(OPS[0]), body: { new_status: "nope" } });
    assert.equal(refused.request, null);
    const copy = redact(refused);
    assert.deepEqual(copy, refused);
    assert.notEqual(copy, refused);
    assert.notEqual(copy.issues, refused.issues);
    // Cycles and __proto__ keys (JSON.parse makes those) survive.
    const cyclic = { a: 1 };
    cyclic.self = cyclic;
    const c = redact(cyclic);
    assert.equal(c.self, c);
    assert.notEqual(c, cyclic);
    const proto = JSON.parse('{"__proto__": {"polluted": true}}');
    const p = redact(proto);
    assert.deepEqual(Object.keys(p), ["__proto__"]);
    assert.equal({}.polluted, undefined);
    assert.equal(Object.getPrototypeOf(p), Object.prototype);
  });

  it("hides every vendor's credential header, in any letter case", () => {
    const names = ["x-api-key", "X-API-Key", "X-Api-Key", "X-API-KEY", "Authorization", "authorization", "AUTHORIZATION", "aUtHoRiZaTiOn"];
    for (const name of names) {
      assert.equal(isSecretHeader(name), true, name);
      const safe = redact(report({ [name]: SENTINEL }));
      assert.equal(safe.request.headers[name], "••••(redacted, …cdef)", name);
    }
  });

  it("hides the conventional credential headers, and only those", () => {
    const secret = [
      "Proxy-Authorization",
      "Cookie",
      "set-cookie",
      "X-Auth-Token",
      "x-csrf-token",
      "Token",
      "Client-Secret",
      "x-webhook-secret",
      "X-ApiKey",
      "api_key",
      "Some-Api-Key",
    ];
    const plain = ["Content-Type", "Verifa-Version", "Key-Inflection", "Idempotency-Key", "Accept", "X-Request-Id", "X-Token-Count", "Secretary", "Cookies-Accepted", ""];
    const headers = Object.fromEntries([...secret, ...plain].map((n) => [n, SENTINEL]));
    const safe = redactRequest({ path: { sessionId: UUID }, headers, body: { new_status: "Approved" } });
    for (const n of secret) {
      assert.equal(isSecretHeader(n), true, n);
      assert.equal(safe.headers[n], "••••(redacted, …cdef)", n);
    }
    for (const n of plain) {
      assert.equal(isSecretHeader(n), false, n);
      assert.equal(safe.headers[n], SENTINEL, n);
    }
    for (const notAName of [undefined, null, 1, {}]) assert.equal(isSecretHeader(notAName), false);
  });

  it("shows the last four characters only from 16 on; keeps the auth scheme; Basic gets no hint", () => {
    const cases = [
      ["0123456789abcde", "••••(redacted)"], // 15
      ["0123456789abcdef", "••••(redacted, …cdef)"], // 16
      ["k", "••••(redacted)"],
      ["Bearer 0123456789abcde", "Bearer ••••(redacted)"],
      ["Bearer 0123456789abcdef", "Bearer ••••(redacted, …cdef)"],
      ["bearer   0123456789abcdef", "bearer ••••(redacted, …cdef)"],
      ["Token t", "Token ••••(redacted)"],
      ["Basic dXNlcjpjb3JyZWN0IGhvcnNlIGJhdHRlcnk=", "Basic ••••(redacted)"],
      ["Bearer", "••••(redacted)"],
      ["ünïcödé-kéy-👀👀👀👀-🔑", "••••(redacted, …👀👀-🔑)"],
      // Nothing to hide: an empty credential stays, so "you sent an empty key" can be seen.
      ["", ""],
      ["Bearer ", "Bearer "],
    ];
    for (const [value, shown] of cases) {
      assert.equal(redact(report({ Authorization: value })).request.headers.Authorization, shown, JSON.stringify(value));
      assert.equal(redactRequest({ headers: { "x-api-key": value } }).headers["x-api-key"], shown, JSON.stringify(value));
    }
  });

  it("is idempotent, and hides values that are not strings", () => {
    const once = redact(report({ "x-api-key": SENTINEL, Authorization: "Bearer short" }));
    assert.deepEqual(redact(once), once);
    assert.deepEqual(redact(JSON.parse(JSON.stringify(once))), once);
    const odd = redactRequest({ headers: { "x-api-key": ["a", SENTINEL], Cookie: { v: SENTINEL }, Authorization: 7, Accept: ["x"] } });
    assert.deepEqual(odd.headers, { "x-api-key": "••••(redacted)", Cookie: "••••(redacted)", Authorization: "••••(redacted)", Accept: ["x"] });
  });

  it("redactRequest: a RequestInput or a prepared request, copied; anything else copied as is", () => {
    for (const o of OPS) {
      const input = withSentinel(o);
      const before = structuredClone(input);
      const safe = redactRequest(input);
      assertNoLeak(JSON.stringify(safe), o.id);
      assert.deepEqual(safe.path, input.path);
      assert.deepEqual(safe.body, input.body);
      assert.notEqual(safe.body, input.body);
      assert.deepEqual(input, before, "the input is untouched");
      const prepared = validate(o.id, input).request;
      const safePrepared = redactRequest(prepared);
      assertNoLeak(JSON.stringify(safePrepared), `${o.id} prepared`);
      assert.equal(safePrepared.bodyText, prepared.bodyText);
    }
    const bytes = new TextEncoder().encode('{"new_status":"Approved"}');
    const withBytes = redactRequest({ headers: { "x-api-key": SENTINEL }, body: bytes });
    assert.deepEqual(withBytes.body, bytes);
    assert.notEqual(withBytes.body, bytes);
    for (const value of [null, undefined, "text", 3, [], { path: { id: "x" } }, { headers: null }, { headers: "x-api-key: k" }]) {
      assert.deepEqual(redactRequest(value), value);
    }
  });

  it("needs no wasm: kyc-preflight/web redacts before its init()", async () => {
    // A fresh module instance of the ./web entry, whatever the entry under test did.
    const fresh = await import(`${import.meta.resolve("kyc-preflight/web")}?redact-before-init`);
    assert.throws(() => fresh.operations(), (error) => error.code === "not_initialized");
    const safe = fresh.redact(report({ "x-api-key": SENTINEL }));
    assert.equal(safe.request.headers["x-api-key"], "••••(redacted, …cdef)");
    assert.deepEqual(fresh.redactRequest({ headers: { Cookie: "a=b" } }), { headers: { Cookie: "••••(redacted)" } });
    assert.equal(fresh.isSecretHeader("Set-Cookie"), true);
  });

  it("cannot be sent by mistake: fetch refuses a redacted header value", () => {
    assert.throws(() => new Headers(redactRequest({ headers: { "x-api-key": SENTINEL } }).headers), TypeError);
  });
});
