// The timing harness, shared by Node (bench/node.mjs) and Chromium (bench/browser.mjs,
// bundled): every method runs every case; each repetition times a calibrated number of
// calls per method, methods interleaved and rotated so drift hits them alike; the
// figure is the median ns per validation over the repetitions.
import { cases as suiteCases } from "./suite.mjs";
import * as zodLib from "./schemas/zod.mjs";
import * as valibotLib from "./schemas/valibot.mjs";
import * as ajvLib from "./schemas/ajv.mjs";

/** Column order of every table. */
export const METHODS = [
  "kp.object",
  "kp.text",
  "kp.bytes",
  "kp.batch",
  "zod",
  "valibot",
  "ajv",
  "stringify",
  "parse+ajv",
  "decode+parse+ajv",
];

export const DEFAULTS = { reps: 9, sampleMs: 12, warmupMs: 40, batchSize: 50 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Closures per method for one case; each returns true when the request is valid. */
function methodsFor(kp, schemas, c, batchSize) {
  const { op, request } = c;
  const text = JSON.stringify(request.body);
  const bytes = new TextEncoder().encode(text);
  const textRequest = { ...request, body: text };
  const bytesRequest = { ...request, body: bytes };
  const batch = Array.from({ length: batchSize }, () => request);
  const decoder = new TextDecoder();
  const zod = schemas.zod[op];
  const valibot = schemas.valibot[op];
  const ajv = schemas.ajv[op];
  return {
    text,
    bytes: bytes.length,
    fns: {
      "kp.object": () => kp.validate(op, request).ok,
      "kp.text": () => kp.validate(op, textRequest).ok,
      "kp.bytes": () => kp.validate(op, bytesRequest).ok,
      "kp.batch": () => kp.validateBatch(op, batch).every((r) => r.ok),
      zod: () => zodLib.check(zod, request),
      valibot: () => valibotLib.check(valibot, request),
      ajv: () => ajvLib.check(ajv, request),
      // The floor: what any JS→wasm validator pays just to serialize the body once.
      stringify: () => JSON.stringify(request.body).length > 0 && c.valid,
      "parse+ajv": () => ajvLib.check(ajv, { path: request.path, body: JSON.parse(text) }),
      "decode+parse+ajv": () => ajvLib.check(ajv, { path: request.path, body: JSON.parse(decoder.decode(bytes)) }),
    },
    perCall: { "kp.batch": batchSize },
  };
}

export function buildAllSchemas() {
  return { zod: zodLib.buildSchemas(), valibot: valibotLib.buildSchemas(), ajv: ajvLib.buildSchemas() };
}

/**
 * Runs the suite. `kp` is the kyc-preflight module; `now()` a millisecond clock.
 * Returns { config, cases: [{ id, op, valid, bytes, ns: {method: median ns}, samples }],
 * disagreements: [...] }.
 */
export function runBench({ kp, now = () => performance.now(), options = {}, filter, onProgress = () => {} }) {
  const config = { ...DEFAULTS, ...options };
  const schemas = buildAllSchemas();
  const cases = filter ? suiteCases.filter((c) => c.id.includes(filter)) : suiteCases;
  const disagreements = [];
  const out = [];
  let sink = 0;
  for (const c of cases) {
    const m = methodsFor(kp, schemas, c, config.batchSize);
    // Correctness first: every method must judge the case as the suite says.
    for (const name of METHODS) {
      const got = m.fns[name]();
      if (got !== c.valid) disagreements.push({ case: c.id, method: name, expected: c.valid, got });
    }
    // Warm up and calibrate: iterations per sample so one sample takes ~sampleMs.
    const iters = {};
    for (const name of METHODS) {
      const fn = m.fns[name];
      let n = 0;
      const t0 = now();
      let t = t0;
      while (t - t0 < config.warmupMs) {
        for (let i = 0; i < 8; i++) sink += fn() ? 1 : 0;
        n += 8;
        t = now();
      }
      iters[name] = Math.max(8, Math.round((n * config.sampleMs) / Math.max(t - t0, 0.001)));
    }
    const samples = Object.fromEntries(METHODS.map((name) => [name, []]));
    for (let r = 0; r < config.reps; r++) {
      for (let k = 0; k < METHODS.length; k++) {
        const name = METHODS[(k + r) % METHODS.length];
        const fn = m.fns[name];
        const n = iters[name];
        const t0 = now();
        for (let i = 0; i < n; i++) sink += fn() ? 1 : 0;
        const t1 = now();
        samples[name].push(((t1 - t0) * 1e6) / n / (m.perCall[name] ?? 1));
      }
    }
    const ns = Object.fromEntries(METHODS.map((name) => [name, median(samples[name])]));
    out.push({ id: c.id, op: c.op, valid: c.valid, bytes: m.bytes, ns, samples });
    onProgress(c.id);
  }
  return { config, cases: out, disagreements, sink };
}
