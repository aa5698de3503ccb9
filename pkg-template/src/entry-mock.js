// `kyc-preflight/mock` (import): the mock vendor bound to the package's default entry, so
// it shares that entry's one wasm instance with `import … from "kyc-preflight"`.
import * as api from "../esm/index.js";
import { createMockFactory } from "./vendor.js";

export const createMockVendor = createMockFactory(api);
