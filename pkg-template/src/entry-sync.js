// Default entry (Node ESM, bundlers, browsers, workers): the wasm is inlined and
// compiled synchronously at import, so every function is usable right away.
import * as glue from "../wasm/kyc_preflight.js";
import { wasmBytes } from "../wasm/inline.js";

glue.initSync({ module: wasmBytes() });

export * from "../bound.js";
