// The API bound to the package's one wasm-bindgen glue module. The synchronous entries
// initialise the glue their own way and re-export this; nothing here touches the wasm
// until a function is called, so import order does not matter.
import * as glue from "./wasm/kyc_preflight.js";
import { createApi, PreflightError } from "./api.js";
import { createPreflightFetch } from "./fetch-guard.js";

const api = createApi(glue);
export const {
  validate,
  validateBatch,
  autoSelectResubmission,
  allowedActions,
  canonicalStatus,
  mergeVerifaMetadata,
  operations,
  rules,
  vendors,
  standardSchema,
} = api;
export { PreflightError };
/** A `fetch` that validates vendor calls first (fetch-guard.js). */
export const preflightFetch = createPreflightFetch({ ...api, PreflightError });
// Pure JS, no wasm: safe copies of reports and requests for logs (redact.js).
export { isSecretHeader, redact, redactRequest } from "./redact.js";
