// What the console knows about each vendor beyond the package: where its samples are,
// what its state JSON is called, and how a request reaches it (base URL, secret header).
// Statuses are listed once, in samples/index.json; transitions come from the package.
import index from "../samples/index.json";
import didit from "../samples/didit.json";
import verifa from "../samples/verifa.json";
import legaltalent from "../samples/legaltalent.json";
import anycheck from "../samples/anycheck.json";

const FILES = { "didit.json": didit, "verifa.json": verifa, "legaltalent.json": legaltalent, "anycheck.json": anycheck };

/**
 * Base URL (literal when the vendor documents one, else an environment variable), the
 * secret header, and the GET of a session's state (what the in-page mock answers too).
 */
const HTTP = {
  didit: {
    baseUrl: "https://verification.didit.me",
    statePath: "/v3/session/{id}/decision/",
    auth: { header: "x-api-key", env: "DIDIT_API_KEY", example: () => "your-didit-api-key" },
  },
  verifa: {
    baseUrlEnv: "VERIFA_BASE_URL",
    statePath: "/api/v1/sessions/{id}",
    auth: {
      header: "X-API-Key",
      env: "VERIFA_API_KEY",
      example: (state) => (state?.is_sandbox === true || state?.status === "sandbox_pending" ? "vk_sandbox_xxxxxxxx" : "vk_live_xxxxxxxx"),
    },
    extraHeaders: ["Verifa-Version", "Idempotency-Key"],
  },
  legaltalent: {
    baseUrlEnv: "LEGALTALENT_BASE_URL",
    statePath: "/kyc/sessions/{id}",
    auth: { header: "Authorization", scheme: "Bearer", env: "LEGALTALENT_TOKEN", example: () => "Bearer your-legaltalent-token" },
  },
  anycheck: {
    baseUrlEnv: "ANYCHECK_BASE_URL",
    statePath: "/verifications/{id}",
    auth: { header: "Authorization", scheme: "Bearer", env: "ANYCHECK_JWT", example: () => "Bearer your-dashboard-jwt" },
  },
};

export const VENDORS = index.vendors.map((vendor) => ({
  ...vendor,
  samples: FILES[vendor.file].samples,
  http: HTTP[vendor.id],
}));

export const vendorById = (id) => VENDORS.find((v) => v.id === id);

/** The vendor's own JSON, or the same wrapped as the context (`{decision: …}`), read as the context. */
export function contextOf(vendor, state) {
  if (state === undefined) return undefined;
  const wrapped = state && typeof state === "object" && !Array.isArray(state) && Object.keys(state).length === 1 && vendor.context in state;
  return wrapped ? state : { [vendor.context]: state };
}

/** The vendor state inside a context. */
export const stateOf = (vendor, context) => context?.[vendor.context];
