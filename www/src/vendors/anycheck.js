// AnyCheck in the console: its samples, its HTTP (a dashboard JWT as bearer token) and
// the update_verification form; its output and configuration are edited as JSON.
import file from "../../samples/anycheck.json";

/** @type {import("../vendors.js").VendorModule} */
export default {
  id: "anycheck",
  stateName: "Verification JSON (GET /verifications/{id})",
  idField: "id",
  samples: file.samples,
  http: {
    baseUrlEnv: "ANYCHECK_BASE_URL",
    statePath: "/verifications/{id}",
    auth: { header: "Authorization", scheme: "Bearer", env: "ANYCHECK_JWT", example: () => "Bearer your-dashboard-jwt" },
  },
  forms: {
    "anycheck.update_verification": {
      statusField: "verification_status",
      fields: [
        { key: "verification_status", label: "Verification status", kind: "text", suggest: "targets" },
        // Starts as the verification's current output: the call replaces it whole.
        { key: "output", label: "Output (replaces the verification's output)", kind: "json", initial: (state) => structuredClone(state?.output ?? {}) },
        { key: "configuration", label: "Configuration", kind: "json" },
      ],
    },
  },
};
