// Rewrites bench/suite.json: the suite as the wasm receives it, for the native
// `cargo bench` (benches/validate.rs). Each request becomes the string one `validate`
// call sends (options, the envelope wire.js writes, the body's JSON text), so the
// native figures are the wasm's own work. tests/packaging/bench-suite.test.mjs fails
// when it is stale:   node bench/suite-json.mjs
import { writeFileSync } from "node:fs";
import { envelopeOf } from "../pkg-template/src/wire.js";
import { cases } from "./suite.mjs";

const LIMITS = { bytes: 1 << 20, depth: 64 };

export function suiteJson() {
  const wire = cases.map(({ id, op, valid, request }) => {
    const { envelope, text } = envelopeOf(request, LIMITS);
    return { id, op, valid, call: `{}\n${envelope}\n${text}` };
  });
  return `${JSON.stringify(wire, null, 1)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(new URL("./suite.json", import.meta.url), suiteJson());
