// The package's JS layer (api.js) over the test-only build target/pkg-trap (built by
// `node scripts/build.mjs trap`, which `npm test` runs), with its wasm glue in reach:
// the instance's memory can be measured, the calls into wasm recorded, and the
// test-only `__testTrap` export (a Rust panic, so a wasm trap) fired inside a call.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const PKG = new URL("../../target/pkg-trap/", import.meta.url);

/**
 * A fresh instance each call (a query string makes a separate module instance of the
 * glue, so traps and resets in one never touch another).
 */
export async function instrumented(tag) {
  if (!existsSync(fileURLToPath(new URL("kyc_preflight.wasm", PKG)))) {
    throw new Error("target/pkg-trap is missing: run `node scripts/build.mjs trap`");
  }
  const glue = await import(new URL(`dist/wasm/kyc_preflight.js?${tag}`, PKG));
  const { createApi } = await import(new URL(`dist/api.js?${tag}`, PKG));
  const wasm = glue.initSync({ module: readFileSync(new URL("kyc_preflight.wasm", PKG)) });
  const calls = [];
  let resets = 0;
  let trapNext = false;
  const spy = {
    ...glue,
    validate(...args) {
      calls.push({ fn: "validate", envelope: args[1], bodyLength: args[2].length });
      if (trapNext) {
        trapNext = false;
        glue.__testTrap();
      }
      return glue.validate(...args);
    },
    validateBytes(...args) {
      calls.push({ fn: "validateBytes", envelope: args[1], bodyLength: args[2].length });
      return glue.validateBytes(...args);
    },
    __wbg_reset_state() {
      resets += 1;
      glue.__wbg_reset_state();
    },
  };
  return {
    api: createApi(spy),
    calls,
    resets: () => resets,
    /** Makes the next validate call trap inside wasm, before it validates. */
    trapNextCall: () => (trapNext = true),
    /** Bytes of the first instance's memory (valid until a reset replaces the instance). */
    memoryBytes: () => wasm.memory.buffer.byteLength,
    hasTrapExport: typeof glue.__testTrap === "function",
  };
}
