// A report is plain data, whichever wire form it crossed in (a valid request's compact
// answer, built in JS; the JSON form of the rest; a batch's): JSON.stringify,
// structuredClone, postMessage to a worker and assert.deepStrictEqual all see the whole
// report, and nothing in it is an accessor, a class instance or shared with another report.
// Through the entry under test (KP_ENTRY=import|require|web).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { validate, validateBatch } from "./entry.mjs";
import { cases } from "../../bench/suite.mjs";

/** Every report of the bench suite: object, text and bytes bodies, singly and in a batch. */
function reports() {
  const out = [];
  for (const c of cases) {
    const text = JSON.stringify(c.request.body);
    const forms = [c.request, { ...c.request, body: text }, { ...c.request, body: new TextEncoder().encode(text) }];
    const headers = { ...c.request, headers: { "X-Note": "n", Authorization: "Bearer t" } };
    for (const request of [...forms, headers]) out.push([c.id, validate(c.op, request)]);
    for (const report of validateBatch(c.op, forms)) out.push([`${c.id} (batch)`, report]);
  }
  return out;
}

/** Only plain objects, arrays and primitives, every property a data property. */
function assertPlain(value, at) {
  if (value === null || typeof value !== "object") {
    assert.ok(["string", "number", "boolean"].includes(typeof value) || value === null, `${at}: ${typeof value}`);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  assert.ok(proto === Object.prototype || proto === Array.prototype, `${at}: not a plain object or array`);
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (Array.isArray(value) && key === "length") continue;
    assert.ok("value" in descriptor && descriptor.enumerable && descriptor.writable, `${at}.${key}: not a plain data property`);
    assertPlain(descriptor.value, `${at}.${key}`);
  }
}

describe("a report is plain data", () => {
  const all = reports();

  it("covers valid and refused reports, singly and batched", () => {
    assert.ok(all.some(([, r]) => r.ok) && all.some(([, r]) => !r.ok));
    assert.ok(all.some(([id, r]) => r.ok && id.endsWith("(batch)")) && all.some(([id, r]) => !r.ok && id.endsWith("(batch)")));
  });

  it("has only plain objects, arrays and primitives, with data properties", () => {
    for (const [id, report] of all) assertPlain(report, id);
  });

  it("survives JSON.stringify and JSON.parse whole", () => {
    for (const [id, report] of all) assert.deepStrictEqual(JSON.parse(JSON.stringify(report)), report, id);
  });

  it("survives structuredClone whole", () => {
    for (const [id, report] of all) assert.deepStrictEqual(structuredClone(report), report, id);
  });

  it("survives postMessage to a worker and back whole", async () => {
    const worker = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));", {
      eval: true,
    });
    try {
      const sent = all.map(([, report]) => report);
      const back = await new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage(sent);
      });
      assert.equal(back.length, sent.length);
      back.forEach((report, i) => assert.deepStrictEqual(report, sent[i], all[i][0]));
    } finally {
      await worker.terminate();
    }
  });

  it("shares nothing with another report: changing one leaves the next alike", () => {
    const c = cases.find((x) => x.valid && x.op === "didit.update_session_status");
    const first = validate(c.op, c.request);
    const second = validate(c.op, c.request);
    first.request.headers["X-Changed"] = "yes";
    first.request.body.changed = true;
    first.effects.push({ kind: "changed" });
    first.issues.push({ rule: "changed" });
    assert.deepStrictEqual(validate(c.op, c.request), second);
    assert.equal(second.request.headers["X-Changed"], undefined);
  });
});
