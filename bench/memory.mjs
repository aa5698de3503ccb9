// Memory, run by scripts/bench.mjs in its own Node process: one pass over the suite sets
// wasm memory's high-water mark, then 100,000 validations (every case, as object, text
// and bytes bodies, and invalid ones) must not grow it. Prints JSON.
const COUNT = Number(process.argv[2] ?? 100_000);
const { cases } = await import("./suite.mjs");
// The `./web` entry shares its glue module (the default entry is one bundled module),
// so the instance's memory can be read; the wasm and the API are the same.
const { readFileSync } = await import("node:fs");
const kp = await import(new URL("../pkg/dist/web/index.js", import.meta.url).href);
await kp.default(readFileSync(new URL("../pkg/kyc_preflight.wasm", import.meta.url)));
// Once initialised, initSync hands back the same instance's exports.
const glue = await import(new URL("../pkg/dist/wasm/kyc_preflight.js", import.meta.url).href);
const wasm = glue.initSync({ module: new Uint8Array(0) });
const memoryBytes = () => wasm.memory.buffer.byteLength;

const requests = cases.flatMap((c) => {
  const text = JSON.stringify(c.request.body);
  return [
    { c, request: c.request },
    { c, request: { ...c.request, body: text } },
    { c, request: { ...c.request, body: new TextEncoder().encode(text) } },
  ];
});
const run = ({ c, request }) => {
  const report = kp.validate(c.op, request);
  if (report.ok !== c.valid) throw new Error(`${c.id}: wrong verdict`);
};

const initial = memoryBytes();
requests.forEach(run);
for (const c of cases) kp.validateBatch(c.op, Array.from({ length: 50 }, () => c.request));
const highWater = memoryBytes();
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
for (let i = 0; i < COUNT; i++) run(requests[i % requests.length]);
const seconds = (performance.now() - t0) / 1000;
const after = memoryBytes();
const valid = cases.find((c) => c.valid);
const lastOk = kp.validate(valid.op, valid.request).ok === true;
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
process.stdout.write(
  JSON.stringify({ count: COUNT, initial, highWater, after, flat: after <= highWater, lastOk, heapBefore, heapAfter, seconds }),
);
