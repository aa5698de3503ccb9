// JSON Schemas (Ajv 8 + ajv-formats) for the request suite: the same checks as
// ./zod.mjs. Cross-field rules as if/then and `not`; the Verifa metadata value size as
// a custom keyword (JSON Schema cannot measure a value's JSON text). allErrors: true,
// because kyc-preflight and the other libraries report every issue, not the first.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import {
  ANYCHECK_TARGETS,
  DIDIT_FEATURE_TARGETS,
  DIDIT_FEATURES,
  DIDIT_TARGETS,
  KYB_PARENTS,
  LEGALTALENT_TARGETS,
  metadataValueTooBig,
  UUID_RE,
  VERIFA_METADATA_VALUE_BYTES,
} from "../vocab.mjs";

/** A case-insensitive regex source without the `i` flag (JSON Schema has none). */
const anyCase = (words) =>
  `^(${words.map((w) => [...w].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join("")).join("|")})$`;

const uuid = { type: "string", pattern: UUID_RE.source };
const nonEmpty = { type: "string", minLength: 1 };
const request = (path, body) => ({
  type: "object",
  required: ["path", "body"],
  properties: { path: { type: "object", required: Object.keys(path), properties: path }, body },
});

export const jsonSchemas = {
  "didit.update_session_status": request(
    { sessionId: uuid },
    {
      type: "object",
      required: ["new_status"],
      properties: {
        new_status: { enum: DIDIT_TARGETS },
        comment: { type: "string" },
        send_email: {
          anyOf: [{ type: "boolean" }, { enum: [0, 1] }, { type: "string", pattern: anyCase(["true", "false", "1", "0", "yes", "no", "on", "off"]) }],
        },
        email_address: { type: "string", format: "email", maxLength: 254 },
        email_language: { type: "string" },
        nodes_to_resubmit: {
          type: "array",
          items: {
            type: "object",
            required: ["node_id", "feature"],
            properties: { node_id: nonEmpty, feature: { enum: DIDIT_FEATURES, not: { enum: KYB_PARENTS } } },
          },
        },
      },
      if: { required: ["send_email"], properties: { send_email: { const: true } } },
      then: { required: ["email_address"] },
    },
  ),
  "didit.update_feature_status": request(
    { sessionId: uuid, nodeId: nonEmpty },
    {
      type: "object",
      required: ["new_status"],
      properties: {
        new_status: { enum: DIDIT_FEATURE_TARGETS },
        comment: { type: "string" },
        defer_until_flow_finishes: { type: "boolean" },
      },
    },
  ),
  "verifa.update_session": request(
    { session_id: nonEmpty },
    {
      type: "object",
      additionalProperties: false,
      properties: {
        external_ref: { type: ["string", "null"], maxLength: 255 },
        metadata: { type: "object", additionalProperties: { maxJsonBytes: VERIFA_METADATA_VALUE_BYTES } },
      },
    },
  ),
  "legaltalent.update_session_status": request(
    { session_id: uuid },
    { type: "object", required: ["status"], properties: { status: { enum: LEGALTALENT_TARGETS }, reason: { type: "string" } } },
  ),
  "legaltalent.request_corrections": request(
    { session_id: uuid },
    {
      type: "object",
      required: ["corrections"],
      properties: {
        corrections: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            required: ["step_id", "message"],
            properties: {
              step_id: nonEmpty,
              field_ids: { type: "array", items: nonEmpty },
              document_types: { type: "array", items: nonEmpty },
              message: { type: "string", pattern: "\\S" },
            },
          },
        },
      },
    },
  ),
  // Legal Talent's body-less workflow calls: an id; any body is ignored (a warning).
  "legaltalent.process_session": request({ session_id: nonEmpty }, {}),
  "legaltalent.extend_session": request({ session_id: nonEmpty }, {}),
  "legaltalent.generate_link": request({ session_id: nonEmpty }, {}),
  "legaltalent.run_validations": request({ session_id: nonEmpty }, {}),
  "anycheck.update_verification": request(
    { id: uuid },
    {
      type: "object",
      properties: {
        verification_status: { enum: ANYCHECK_TARGETS },
        output: { type: "object" },
        configuration: { type: "object" },
      },
    },
  ),
};

export function buildSchemas() {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: "maxJsonBytes",
    schemaType: "number",
    errors: false,
    // Only the limit of the suite's one schema is supported; enough for the benchmark.
    validate: (_limit, value) => !metadataValueTooBig(value),
  });
  const out = {};
  for (const [op, schema] of Object.entries(jsonSchemas)) out[op] = ajv.compile(schema);
  return out;
}

export const check = (validate, request) => validate(request);
