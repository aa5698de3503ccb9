// Vocabularies and small checks shared by the hand-written zod, valibot and Ajv schemas
// (from /work/shared/spec/vendors.md and rules.md), so the three libraries check the
// same things. Only rules with severity error are expressed: the libraries have no
// warnings, and a warning never makes a request invalid.

export const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const DIDIT_TARGETS = ["Approved", "Declined", "Resubmitted"];
export const DIDIT_FEATURE_TARGETS = ["Approved", "Declined", "In Review"];
export const DIDIT_FEATURES = [
  "OCR", "OCR_BACK", "NFC", "AML", "FACE", "LIVENESS", "FACE_MATCH", "IP_ANALYSIS", "AGE_ESTIMATION",
  "PROOF_OF_ADDRESS", "PHONE_VERIFICATION", "EMAIL_VERIFICATION", "FACE_SEARCH", "DATABASE_VALIDATION",
  "QUESTIONNAIRE", "DOCUMENT_AI", "KYB_DOCUMENTS", "ID_VERIFICATION", "POA", "PHONE", "EMAIL",
  "KYB_REGISTRY", "KYB_KEY_PEOPLE", "KYB",
];
/** Features that cannot be resubmitted directly (`node_feature_kyb_parent`). */
export const KYB_PARENTS = ["KYB_REGISTRY", "KYB_KEY_PEOPLE", "KYB"];
/** Non-boolean `send_email` values the server coerces (a warning, not an error). */
export const COERCIBLE_BOOL_RE = /^(true|false|1|0|yes|no|on|off)$/i;
export const isSendEmailOk = (v) => typeof v === "boolean" || v === 0 || v === 1 || (typeof v === "string" && COERCIBLE_BOOL_RE.test(v));

/** Targets a PATCH may set (the other six statuses are system-owned or the corrections flow). */
export const LEGALTALENT_TARGETS = ["active", "approved", "rejected", "manual_review"];
export const ANYCHECK_TARGETS = ["NEED_REVIEW", "COMPLETED"];

export const VERIFA_METADATA_VALUE_BYTES = 16_384;
export const SES_RE = /^.+$/; // missing is an error; a non-`ses_` id is only a warning

/** UTF-8 length of a JS string (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text) {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // 4 bytes for 2 UTF-16 units
      i++;
    } else n += 2;
  }
  return n;
}

/** `metadata_value_size`: a value's compact JSON text over the limit (null deletes: exempt). */
export const metadataValueTooBig = (value) =>
  value !== null && utf8Length(JSON.stringify(value) ?? "") > VERIFA_METADATA_VALUE_BYTES;

export const isBlank = (s) => s.trim().length === 0;
