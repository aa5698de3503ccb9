// Rewrites bench/suite.json, the suite as the wasm receives it, for the native
// `cargo bench` (benches/validate.rs). tests/packaging/bench-suite.test.mjs fails when
// it is stale.
import { writeFileSync } from "node:fs";
import { wireSuite } from "./suite.mjs";

export const suiteJson = () => `${JSON.stringify(wireSuite(), null, 1)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(new URL("./suite.json", import.meta.url), suiteJson());
