// The size budget: gzipped wasm for all operations. Measured, never timed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { log, root } from "./toolchain.mjs";

// The goal is 64 KiB (stretch 40 KiB) and is not met yet (bench/findings.md says what
// limits it and what was tried). This ceiling stops regressions meanwhile: about 8% over
// the wasm as of 2026-11-22 (78 KB gzip); lower it as the wasm shrinks, never raise it
// without a note.
// Raised 84 → 90 KiB for issue 14 (Didit's fields as Django REST Framework's, checked by
// the DRF oracle): Django's EmailValidator with IPv4/IPv6 literals, exact decimal-to-double
// rounding for the numbers DRF echoes in its errors, DRF's CharField/BooleanField, the
// media-type rules of every operation: +5 KB gzip over the vendor-registry wasm (85.1 KB).
// Raised 90 → 92 KiB for issue 17 (the rest of Legal Talent's workflow: four operations,
// 24 rules, their validators, answers, effects and allowed actions): +1.9 KB gzip, which
// put the wasm at 92.5 KB, 0.4 KB over 90 KiB (shorter messages made it no smaller).
export const GZIP_GOAL = 64 * 1024;
export const GZIP_BUDGET = 92 * 1024;

export function wasmSizes() {
  const bytes = readFileSync(join(root, "pkg", "kyc_preflight.wasm"));
  // The hand-written JS layer: the API and its wire protocol.
  const entry = Buffer.concat(["api.js", "wire.js"].map((file) => readFileSync(join(root, "pkg", "dist", file))));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes).length,
    jsEntryGzip: gzipSync(entry, { level: 9 }).length,
  };
}

export function checkSizeBudget() {
  const s = wasmSizes();
  log(`wasm: ${s.raw} B raw, ${s.gzip} B gzip, ${s.brotli} B brotli; budget ${GZIP_BUDGET} B gzip (goal ${GZIP_GOAL} B)`);
  if (s.gzip > GZIP_BUDGET) throw new Error(`gzipped wasm is ${s.gzip} B, over the ${GZIP_BUDGET} B budget`);
}
