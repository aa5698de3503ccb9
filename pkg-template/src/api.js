// The hand-written half of kyc-preflight: turns JS values into JSON text once, makes
// one call into wasm, parses the answer. Shared by every entry point; each entry hands
// in the wasm-bindgen glue after initialising it its own way.

/** Misuse of the API (an unknown operation, bad options); never thrown for bad data. */
export class PreflightError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "PreflightError";
    this.code = code;
  }
}

const DEFAULT_MAX_BODY_BYTES = 1 << 20;
const OPTION_KEYS = ["severity", "maxIssues", "maxDepth", "maxBodyBytes"];

export function createApi(glue) {
  /** Runs one wasm call; a trap resets the instance and yields `onTrap()` instead. */
  function guarded(call, onTrap) {
    try {
      return call();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      glue.__wbg_reset_state();
      return onTrap(error);
    }
  }

  function answer(text) {
    const parsed = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && "error" in parsed) {
      throw new PreflightError(parsed.error.code, parsed.error.message);
    }
    return parsed;
  }

  function validate(operation, request, options) {
    const opts = optionsJson(options);
    const { envelope, text, bytes } = envelopeOf(request, maxBodyBytes(options));
    return guarded(
      () =>
        answer(
          bytes === undefined
            ? glue.validate(operationId(operation), envelope, text, opts)
            : glue.validateBytes(operationId(operation), envelope, bytes, opts),
        ),
      () => internalErrorReport(operation),
    );
  }

  function validateBatch(operation, requests, options) {
    if (!Array.isArray(requests)) throw new PreflightError("invalid_argument", "requests must be an array");
    const opts = optionsJson(options);
    const limit = maxBodyBytes(options);
    const envelopes = [];
    const texts = [];
    for (const request of requests) {
      let { envelope, text, bytes } = envelopeOf(request, limit);
      if (bytes !== undefined) {
        // Bytes cannot ride in the joined text: decode them here, as the server would.
        ({ envelope, text } = envelopeOfText(request, bytesToText(bytes), limit));
      }
      envelopes.push(envelope);
      // NUL separates the bodies; raw NUL is never valid JSON, so keep it invalid.
      if (text !== "") texts.push(text.includes("\0") ? text.replaceAll("\0", "\u0001") : text);
    }
    return guarded(
      () => answer(glue.validateBatch(operationId(operation), `[${envelopes.join(",")}]`, texts.join("\0"), opts)),
      () => requests.map(() => internalErrorReport(operation)),
    );
  }

  function autoSelectResubmission(decision) {
    return guarded(
      () => answer(glue.autoSelectResubmission(jsonOrNull(decision))),
      () => ({ nodes: [], issue: internalErrorIssue() }),
    );
  }

  function allowedActions(provider, context) {
    return guarded(() => answer(glue.allowedActions(String(provider), jsonOrNull(context))), () => []);
  }

  function canonicalStatus(provider, status, detail) {
    if (typeof status !== "string") return null;
    return guarded(() => answer(glue.canonicalStatus(String(provider), status, jsonOrNull(detail))), () => null);
  }

  function mergeVerifaMetadata(current, patch) {
    if (!isPlainObject(current) || !isPlainObject(patch)) {
      throw new PreflightError("invalid_argument", "current and patch must be plain objects");
    }
    return answer(glue.mergeVerifaMetadata(jsonOrNull(current), jsonOrNull(patch)));
  }

  let operationsText, rulesText;
  const operations = () => JSON.parse((operationsText ??= glue.operations()));
  const rules = () => JSON.parse((rulesText ??= glue.rules()));

  function standardSchema(operation, options) {
    operationId(operation);
    return {
      "~standard": {
        version: 1,
        vendor: "kyc-preflight",
        validate(value) {
          const report = validate(operation, { body: value }, options);
          // Only the body was given: route and header rules do not apply here.
          const issues = report.issues.filter((i) => i.severity === "error" && i.path[0] !== "path");
          if (issues.length === 0) return { value: report.request ? report.request.body : value };
          return {
            issues: issues.map((i) => {
              const inBody = i.path[0] === "body";
              return inBody ? { message: i.message, path: i.path.slice(1) } : { message: i.message };
            }),
          };
        },
      },
    };
  }

  return {
    validate,
    validateBatch,
    autoSelectResubmission,
    allowedActions,
    canonicalStatus,
    mergeVerifaMetadata,
    operations,
    rules,
    standardSchema,
  };
}

function operationId(operation) {
  if (typeof operation !== "string") {
    throw new PreflightError("unknown_operation", "the operation must be an operation id string");
  }
  return operation;
}

function optionsJson(options) {
  if (options === undefined || options === null) return "{}";
  if (typeof options !== "object") throw new PreflightError("invalid_options", "options must be an object");
  const picked = {};
  for (const key of OPTION_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  let text;
  try {
    text = JSON.stringify(picked);
  } catch {
    throw new PreflightError("invalid_options", "options must be plain JSON values");
  }
  if (options.context === undefined || options.context === null) return text;
  // A context that cannot be serialised is bad data, not misuse: Rust warns context_invalid.
  const context = safeJson(options.context) ?? '"(not serializable)"';
  return `${text.slice(0, -1)}${text === "{}" ? "" : ","}"context":${context}}`;
}

function maxBodyBytes(options) {
  const n = options && typeof options === "object" ? options.maxBodyBytes : undefined;
  return typeof n === "number" && n > 0 ? n : DEFAULT_MAX_BODY_BYTES;
}

/** The envelope JSON (path, headers, what became of the body) and the body itself. */
function envelopeOf(request, limit) {
  const req = request !== null && typeof request === "object" ? request : {};
  const body = req.body;
  if (body instanceof Uint8Array) {
    if (body.byteLength > limit) return { envelope: envelopeJson(req, "too_large", body.byteLength), text: "" };
    return { envelope: envelopeJson(req, "bytes", 0), text: "", bytes: body };
  }
  if (typeof body === "string") return envelopeOfText(req, wellFormed(body), limit);
  if (body === undefined) return { envelope: envelopeJson(req, "absent", 0), text: "" };
  let text;
  try {
    text = JSON.stringify(body);
  } catch {
    text = undefined;
  }
  // JSON.stringify gives undefined for a function or a Symbol: nothing could be sent.
  if (text === undefined) return { envelope: envelopeJson(req, "not_serializable", 0), text: "" };
  return envelopeOfText(req, text, limit);
}

function envelopeOfText(req, text, limit) {
  // UTF-16 length ≤ UTF-8 length, so this never lets an oversized text across.
  if (text.length > limit) return { envelope: envelopeJson(req, "too_large", text.length), text: "" };
  return { envelope: envelopeJson(req, "text", 0), text };
}

function envelopeJson(req, bodyKind, bodyBytes) {
  const path = req.path === undefined ? "null" : (safeJson(req.path) ?? '"(not serializable)"');
  const headers = req.headers === undefined ? "null" : (safeJson(req.headers) ?? '"(not serializable)"');
  return `{"path":${path},"headers":${headers},"bodyKind":"${bodyKind}","bodyBytes":${bodyBytes}}`;
}

/** Lone surrogates would become U+FFFD on the way into wasm: escape them so Rust sees them. */
function wellFormed(text) {
  if (typeof text.isWellFormed === "function" ? text.isWellFormed() : !/\p{Cs}/u.test(text)) return text;
  return text.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function bytesToText(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "\u0001"; // invalid UTF-8: judged as unreadable text
  }
}

function safeJson(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function jsonOrNull(value) {
  return safeJson(value) ?? "null";
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function internalErrorIssue() {
  return {
    rule: "internal_error",
    severity: "error",
    path: [],
    message: "the validator failed on this input; it was reset and the request was not judged",
    source: "inferred",
  };
}

function internalErrorReport(operation) {
  return {
    ok: false,
    operation,
    issues: [internalErrorIssue()],
    truncated: false,
    response: null,
    request: null,
    effects: [],
  };
}
