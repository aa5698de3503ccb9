// `kyc-preflight/web`: for apps that stream the wasm from their own CDN. Call
// `await init()` (or `init(urlOrResponseOrBytes)`) once before anything else.
import initWasm, * as glue from "../wasm/kyc_preflight.js";
import { createApi, PreflightError } from "../api.js";
import { createPreflightFetch } from "../fetch-guard.js";

let api;

export default async function init(input) {
  if (!api) {
    // A literal `new URL(…, import.meta.url)`, so bundlers emit the wasm for this entry only.
    await initWasm({ module_or_path: input === undefined ? new URL("../../kyc_preflight.wasm", import.meta.url) : input });
    api = createApi(glue);
  }
}

function ready() {
  if (!api) throw new PreflightError("not_initialized", "call and await init() from kyc-preflight/web first");
  return api;
}

export const validate = (...args) => ready().validate(...args);
export const validateBatch = (...args) => ready().validateBatch(...args);
export const autoSelectResubmission = (...args) => ready().autoSelectResubmission(...args);
export const allowedActions = (...args) => ready().allowedActions(...args);
export const canonicalStatus = (...args) => ready().canonicalStatus(...args);
export const mergeVerifaMetadata = (...args) => ready().mergeVerifaMetadata(...args);
export const operations = () => ready().operations();
export const rules = () => ready().rules();
export const vendors = () => ready().vendors();
export const standardSchema = (...args) => ready().standardSchema(...args);
export const preflightFetch = (...args) => createPreflightFetch({ ...ready(), PreflightError })(...args);
export { PreflightError };
// Pure JS: usable before init().
export { isSecretHeader, redact, redactRequest } from "../redact.js";
