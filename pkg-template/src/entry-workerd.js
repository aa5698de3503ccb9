// Cloudflare Workers / Vercel Edge: these runtimes refuse to compile bytes at run time,
// so the .wasm is imported as a module, which their bundlers compile ahead of time.
// `?module` is the form both Wrangler (CompiledWasm rule) and Next.js's edge runtime take.
import wasmModule from "../../kyc_preflight.wasm?module";
import * as glue from "../wasm/kyc_preflight.js";

glue.initSync({ module: wasmModule });

export * from "../bound.js";
