// The prepared request as code, with secrets as placeholders, and effects in words.
import { isSecretHeader, redactRequest } from "kyc-preflight";

/** The package's redaction marker inside a redacted header value. */
const MARKER = /••••\(redacted(?:, …[^)]*)?\)/u;

/**
 * Header value as code: a secret header (the package's own definition, isSecretHeader)
 * becomes an environment variable, the vendor's for its credential header. What stays
 * around it is what `redactRequest` shows (the auth scheme, `Bearer `), never the key.
 */
function secretOf(vendor, request, name) {
  if (!isSecretHeader(name)) return null;
  const shown = String(redactRequest({ headers: { [name]: request.headers[name] } }).headers[name]);
  const at = shown.search(MARKER);
  if (at === -1) return null; // an empty credential: nothing to hide
  const auth = vendor.http.auth;
  const lower = name.toLowerCase();
  const env = lower === auth.header.toLowerCase() || lower === "authorization" || lower === "x-api-key"
    ? auth.env
    : name.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_|_$/g, "");
  return { env, scheme: shown.slice(0, at) };
}

const shellSingle = (text) => `'${text.replaceAll("'", `'\\''`)}'`;
const shellDouble = (text) => `"${text.replace(/["\\$`]/g, "\\$&")}"`;

/** `curl`, with secrets as $ENV placeholders the shell expands. */
export function curlCode(vendor, request) {
  const base = vendor.http.baseUrl ? shellDouble(vendor.http.baseUrl + request.path) : `"$${vendor.http.baseUrlEnv}"${shellSingle(request.path)}`;
  const lines = [`curl -X ${request.method} ${base}`];
  for (const [name, value] of Object.entries(request.headers)) {
    const secret = secretOf(vendor, request, name);
    if (secret) lines.push(`-H ${shellDouble(`${name}: ${secret.scheme}`).slice(0, -1)}$${secret.env}"`);
    else lines.push(`-H ${shellSingle(`${name}: ${value}`)}`);
  }
  if (request.bodyText !== "") lines.push(`--data-raw ${shellSingle(request.bodyText)}`);
  return lines.join(" \\\n  ");
}

/** `fetch`, with secrets read from process.env; the body is the exact prepared text. */
export function fetchCode(vendor, request) {
  const url = vendor.http.baseUrl
    ? JSON.stringify(vendor.http.baseUrl + request.path)
    : `\`\${process.env.${vendor.http.baseUrlEnv}}${request.path.replace(/[`\\$]/g, "\\$&")}\``;
  const headers = Object.entries(request.headers).map(([name, value]) => {
    const secret = secretOf(vendor, request, name);
    const code = secret
      ? secret.scheme ? `\`${secret.scheme.replace(/[`\\$]/g, "\\$&")}\${process.env.${secret.env}}\`` : `process.env.${secret.env}`
      : JSON.stringify(value);
    return `    ${JSON.stringify(name)}: ${code},`;
  });
  return [
    `const response = await fetch(${url}, {`,
    `  method: ${JSON.stringify(request.method)},`,
    "  headers: {",
    ...headers,
    "  },",
    ...(request.bodyText !== "" ? ["  // the exact JSON text kyc-preflight validated", `  body: ${JSON.stringify(request.bodyText)},`] : []),
    "});",
  ].join("\n");
}

/** One sentence per effect the package predicts. */
export function effectText(effect) {
  switch (effect.kind) {
    case "webhook": return `Sends the ${effect.event} webhook.`;
    case "review_entry": return "Adds an entry to the session's review history.";
    case "steps_reset": return `Resets ${effect.nodes.length} step${effect.nodes.length === 1 ? "" : "s"} for the user to redo, in workflow order: ${effect.nodes.map((n) => `${n.feature} (${n.node_id})`).join(", ")}.`;
    case "status": return `The status becomes ${effect.to}.`;
    case "aml_monitoring_disabled": return "Turns ongoing AML monitoring off.";
    case "aml_monitoring_enabled": return "Turns ongoing AML monitoring on.";
    case "email": return "Emails the user.";
    case "feature_status": return `Step ${effect.node_id} becomes ${effect.to}; the session status does not change.`;
    case "metadata_merged": return `Metadata after the merge has ${Object.keys(effect.result).length} key(s): ${Object.keys(effect.result).join(", ") || "none"}.`;
    case "external_ref": return effect.to === null ? "Clears the external reference." : "Sets the external reference.";
    case "compliance_status": return `The inbox (compliance) status becomes ${effect.to.replace("_", " ")}.`;
    case "step_status": return `Step ${effect.step_id} becomes ${effect.to}.`;
    case "final_decision_cleared": return "Clears the final decision.";
    case "link_stays_valid": return "The customer's link stays valid, so they can fix it right away.";
    case "processing_results": return "Stores the session's processing results.";
    case "final_decision_set": return "Sets the session's final decision (Legal Talent computes it).";
    case "link_extended": return "The customer's link stays the same and expires later.";
    case "link_replaced": return "A new link replaces the customer's current one, which stops working.";
    case "output_replaced": return `Replaces the output (${effect.note}).`;
    default: return JSON.stringify(effect);
  }
}
