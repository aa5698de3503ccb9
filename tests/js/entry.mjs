// The package under test, loaded the way a user would: `import`, `require`, or the
// `./web` entry with an explicit init. KP_ENTRY picks one; scripts/test.mjs runs the
// Node suites once per entry.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export const entry = process.env.KP_ENTRY ?? "import";

async function load() {
  if (entry === "require") return createRequire(import.meta.url)("kyc-preflight");
  if (entry === "web") {
    const web = await import("kyc-preflight/web");
    const require = createRequire(import.meta.url);
    await web.default(readFileSync(require.resolve("kyc-preflight/kyc_preflight.wasm")));
    return web;
  }
  return import("kyc-preflight");
}

export const api = await load();
export const {
  validate,
  validateBatch,
  autoSelectResubmission,
  allowedActions,
  canonicalStatus,
  mergeVerifaMetadata,
  operations,
  rules,
  standardSchema,
  PreflightError,
} = api;

export const UUID = "3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c";
