// The size budget: gzipped wasm for all operations. Measured, never timed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { log, root } from "./toolchain.mjs";

export const GZIP_BUDGET = 64 * 1024;

export function wasmSizes() {
  const bytes = readFileSync(join(root, "pkg", "kyc_preflight.wasm"));
  const entry = readFileSync(join(root, "pkg", "dist", "api.js"));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes).length,
    jsEntryGzip: gzipSync(entry, { level: 9 }).length,
  };
}

export function checkSizeBudget() {
  const s = wasmSizes();
  log(`wasm: ${s.raw} B raw, ${s.gzip} B gzip, ${s.brotli} B brotli; budget ${GZIP_BUDGET} B gzip`);
  if (s.gzip > GZIP_BUDGET) throw new Error(`gzipped wasm is ${s.gzip} B, over the ${GZIP_BUDGET} B budget`);
}
