// `kyc-preflight/mock` on edge runtimes (workerd, edge-light): bound to the entry that
// imports the .wasm as a module, as the main entry does under the same conditions.
import * as api from "../workerd/index.js";
import { createMockFactory } from "./vendor.js";

export const createMockVendor = createMockFactory(api);
