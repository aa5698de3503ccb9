// The package's JS layer (api.js) over its wasm glue, with the glue in reach: the
// instance's memory can be measured, every call into wasm recorded, resets counted, and
// (on the test-only build) a trap fired inside the next call.
// - "release": pkg/, the wasm that ships, for what is measured (memory, crossings).
// - "trap": target/pkg-trap (`node scripts/build.mjs trap`, which `npm test` runs), built
//   with the cargo feature test-trap: any input holding TRAP_SENTINEL makes the call trap
//   inside wasm and leaves that instance trapping on every later call (src/wasm.rs, `trap`).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Also in src/wasm.rs (`trap::SENTINEL`). */
export const TRAP_SENTINEL = "__kyc_preflight_test_trap__";

export const BUILDS = {
  release: { url: new URL("../../pkg/", import.meta.url), how: "node scripts/build.mjs release" },
  trap: { url: new URL("../../target/pkg-trap/", import.meta.url), how: "node scripts/build.mjs trap" },
};

/** The glue functions api.js calls with input (all but operations and rules). */
export const CROSSING = ["validate", "validateBytes", "validateBatch", "autoSelectResubmission", "allowedActions", "canonicalStatus", "mergeVerifaMetadata"];

/**
 * A fresh instance each call (a query string makes a separate module instance of the
 * glue, so traps and resets in one never touch another).
 */
export async function instrumented(tag, build = "release") {
  const { url: PKG, how } = BUILDS[build];
  if (!existsSync(fileURLToPath(new URL("kyc_preflight.wasm", PKG)))) {
    throw new Error(`${fileURLToPath(PKG)} is missing: run \`${how}\``);
  }
  const glue = await import(new URL(`dist/wasm/kyc_preflight.js?${tag}`, PKG));
  const { createApi } = await import(new URL(`dist/api.js?${tag}`, PKG));
  const wasm = glue.initSync({ module: readFileSync(new URL("kyc_preflight.wasm", PKG)) });
  const calls = [];
  let resets = 0;
  let trapNext = false;
  const spy = {
    ...glue,
    __wbg_reset_state() {
      resets += 1;
      glue.__wbg_reset_state();
    },
  };
  for (const fn of CROSSING) {
    spy[fn] = (...args) => {
      // For validate, validateBytes and validateBatch: what crossed besides the operation.
      calls.push({ fn, ...crossed(fn, args) });
      if (trapNext) {
        trapNext = false;
        // Every crossing function's first argument is a string that Rust checks first.
        args[0] = `${args[0]}${TRAP_SENTINEL}`;
      }
      return glue[fn](...args);
    };
  }
  return {
    api: createApi(spy),
    calls,
    resets: () => resets,
    /** Makes the next call into wasm trap (the sentinel rides on its first argument). */
    trapNextCall: () => {
      if (build !== "trap") throw new Error("trapNextCall needs instrumented(tag, \"trap\")");
      trapNext = true;
    },
    /** Bytes of the first instance's memory (valid until a reset replaces the instance). */
    memoryBytes: () => wasm.memory.buffer.byteLength,
    hasTrapExport: typeof glue.__testTrap === "function",
  };
}

/**
 * The body's kind and length as they crossed: `validate` sends options, the envelope's
 * five lines and the text body as one newline-separated string, `validateBytes` options
 * and envelope beside the bytes (src/boundary.rs, `validate_call`); `validateBatch`
 * sends the envelopes end to end, apart from the bodies.
 */
function crossed(fn, args) {
  if (fn === "validateBatch") return { bodyKind: String(args[1]).split("\n")[0], bodyLength: args[2]?.length };
  if (fn !== "validate" && fn !== "validateBytes") return {};
  const lines = String(args[1]).split("\n");
  const bodyLength = fn === "validate" ? lines.slice(6).join("\n").length : args[2]?.length;
  return { bodyKind: lines[1], bodyLength };
}
