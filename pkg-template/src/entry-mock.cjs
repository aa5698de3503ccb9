// `kyc-preflight/mock` (require): the mock vendor bound to the package's CommonJS entry,
// the instance `require("kyc-preflight")` gives.
"use strict";
const api = require("../cjs/index.cjs");
const { createMockFactory } = require("./vendor.cjs");

exports.createMockVendor = createMockFactory(api);
