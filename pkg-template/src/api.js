// The hand-written half of kyc-preflight: turns JS values into JSON text once, makes
// one call into wasm, parses the answer (the wire format itself is wire.js). Shared by every entry point; each entry initialises
// the wasm-bindgen glue its own way; bound.js binds it for the synchronous entries.

import { envelopeOf, field, fromCompact, fromWire, isCompact, joinBytes, safeJson } from "./wire.js";

/** Misuse of the API (an unknown operation, bad options); never thrown for bad data. */
export class PreflightError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "PreflightError";
    this.code = code;
  }
}

const DEFAULT_MAX_BODY_BYTES = 1 << 20;
const DEFAULT_MAX_DEPTH = 64;
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

  /** A wasm answer as JSON text (reports, metadata); misuse `{"error": {code, message}}` is thrown. */
  function answer(text) {
    const parsed = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && "error" in parsed) {
      throw new PreflightError(parsed.error.code, parsed.error.message);
    }
    return parsed;
  }

  /** A wasm answer as a JS value (serde-wasm-bindgen); misuse still crosses as its JSON text. */
  function value(reply) {
    return typeof reply === "string" && reply.startsWith('{"error":') ? answer(reply) : reply;
  }

  function validate(operation, request, options) {
    return judge(operation, request, readOptions(options));
  }

  /** One request against options already read (standardSchema reads its options once). */
  function judge(operation, request, { json: opts, limits }) {
    const { envelope, text, bytes } = envelopeOf(request, limits);
    const sent = bytes === undefined ? text : bytes;
    return guarded(() => {
      // Options, envelope and text body cross as one string (src/boundary.rs, `validate_call`).
      const reply =
        bytes === undefined
          ? glue.validate(operationId(operation), `${opts}\n${envelope}\n${text}`)
          : glue.validateBytes(operationId(operation), `${opts}\n${envelope}`, bytes);
      return isCompact(reply) ? fromCompact(reply, sent, operation) : fromWire(answer(reply), sent);
    }, () => internalErrorReport(operation));
  }

  function validateBatch(operation, requests, options) {
    if (!Array.isArray(requests)) throw new PreflightError("invalid_argument", "requests must be an array");
    const { json: opts, limits } = readOptions(options);
    const envelopes = [];
    const texts = [];
    const chunks = [];
    let byteCount = 0;
    for (const request of requests) {
      const { envelope, text, bytes, sendsText } = envelopeOf(request, limits);
      envelopes.push(envelope);
      // NUL separates the texts (one per text body, even an empty one); raw NUL is never
      // valid JSON, so keep it invalid. Byte bodies ride apart, as bytes, in order.
      if (sendsText) texts.push(text.includes("\0") ? text.replaceAll("\0", "\u0001") : text);
      if (bytes !== undefined) {
        chunks.push(bytes);
        byteCount += bytes.byteLength;
      }
    }
    return guarded(() => {
      const reply = glue.validateBatch(operationId(operation), envelopes.join("\n"), texts.join("\0"), joinBytes(chunks, byteCount), opts);
      if (reply.startsWith('{"error":')) answer(reply); // misuse: throws PreflightError
      // One report per request, separated by U+001E (src/boundary.rs, `validate_batch_call`).
      return requests.length === 0 ? [] : reply.split("\u001e").map((r) => (isCompact(r) ? fromCompact(r, undefined, operation) : fromWire(JSON.parse(r))));
    }, () => requests.map(() => internalErrorReport(operation)));
  }

  function autoSelectResubmission(decision) {
    return guarded(
      () => value(glue.autoSelectResubmission(jsonOrNull(decision))),
      () => ({ nodes: [], issue: internalErrorIssue() }),
    );
  }

  function allowedActions(provider, context) {
    return guarded(() => value(glue.allowedActions(String(provider), jsonOrNull(context))), () => []);
  }

  function canonicalStatus(provider, status, detail) {
    if (typeof status !== "string") return null;
    return guarded(() => value(glue.canonicalStatus(String(provider), status, jsonOrNull(detail))), () => null);
  }

  function mergeVerifaMetadata(current, patch) {
    if (!isPlainObject(current) || !isPlainObject(patch)) {
      throw new PreflightError("invalid_argument", "current and patch must be plain objects");
    }
    const currentJson = jsonOrNull(current);
    const patchJson = jsonOrNull(patch);
    // A trap resets the instance like every other call. The answer is plain metadata, with
    // no room to say "not computed", and no value is a safe stand-in for it (unchanged or
    // empty metadata would be silently wrong), so the same one-level merge is done here
    // on the same JSON the core read: tests/js/trap.test.mjs holds the two equal.
    return guarded(
      () => answer(glue.mergeVerifaMetadata(currentJson, patchJson)),
      () => mergeMetadataInJs(JSON.parse(currentJson), JSON.parse(patchJson)),
    );
  }

  // Fresh objects on each call, as before: callers may change what they get.
  const operations = () => glue.operations();
  const rules = () => glue.rules();
  const vendors = () => glue.vendors();

  /**
   * A Standard Schema (v1) for one operation's body. The options are read once, here, and
   * misuse (an unknown operation, bad options) throws here; `validate` itself never throws.
   * It judges the value as the JS value of the body (a string is a JSON string, not JSON
   * text), fails on errors only, and gives paths relative to the body; an issue outside the
   * body (e.g. a context rule raised to "error") keeps no path.
   */
  function standardSchema(operation, options) {
    const read = readOptions(options);
    judge(operationId(operation), {}, read);
    return {
      "~standard": {
        version: 1,
        vendor: "kyc-preflight",
        validate(value) {
          let report;
          try {
            report = judge(operation, { body: typeof value === "string" ? JSON.stringify(value) : value }, read);
          } catch (error) {
            return { issues: [{ message: `kyc-preflight could not judge the value: ${error?.message ?? error}` }] };
          }
          // Only the body was given: route and header rules do not apply here.
          const issues = report.issues.filter((i) => i.severity === "error" && i.path[0] !== "path" && i.path[0] !== "headers");
          if (issues.length === 0) return { value: report.request ? report.request.body : value };
          return {
            issues: issues.map((i) => (i.path[0] === "body" ? { message: i.message, path: i.path.slice(1) } : { message: i.message })),
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
    vendors,
    standardSchema,
  };
}

function operationId(operation) {
  if (typeof operation !== "string") {
    throw new PreflightError("unknown_operation", "the operation must be an operation id string");
  }
  return operation;
}

/**
 * The options as JSON for Rust (which checks them), each read once, and the limits the
 * JS side applies before crossing. A throwing getter is misuse; a bad context is data.
 */
function readOptions(options) {
  if (options === undefined || options === null) return { json: "{}", limits: limitsOf({}) };
  if (typeof options !== "object") throw new PreflightError("invalid_options", "options must be an object");
  const picked = {};
  let text, context;
  try {
    for (const key of OPTION_KEYS) if (field(options, key) !== undefined) picked[key] = field(options, key);
    text = JSON.stringify(picked);
    context = field(options, "context");
  } catch {
    throw new PreflightError("invalid_options", "options must be plain JSON values");
  }
  const limits = limitsOf(picked);
  if (context === undefined || context === null) return { json: text, limits };
  // A context that cannot be serialised is bad data, not misuse: Rust warns context_invalid.
  const contextJson = safeJson(context) ?? '"(not serializable)"';
  return { json: `${text.slice(0, -1)}${text === "{}" ? "" : ","}"context":${contextJson}}`, limits };
}

/** Rust refuses out-of-range values as misuse; until then, fall back to the defaults. */
function limitsOf({ maxBodyBytes, maxDepth }) {
  return {
    bytes: typeof maxBodyBytes === "number" && maxBodyBytes > 0 ? maxBodyBytes : DEFAULT_MAX_BODY_BYTES,
    depth: typeof maxDepth === "number" && maxDepth > 0 ? maxDepth : DEFAULT_MAX_DEPTH,
  };
}

function jsonOrNull(value) {
  return safeJson(value) ?? "null";
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * `mergeVerifaMetadata` after a trap (src/verifa/metadata.rs, `merge_metadata`): the keys of
 * `current` not in `patch`, then the keys of `patch` whose value is not null. Built with
 * `Object.fromEntries`, so an own `"__proto__"` key stays a key, as `JSON.parse` of the
 * core's answer keeps it.
 */
function mergeMetadataInJs(current, patch) {
  if (!isPlainObject(current) || !isPlainObject(patch)) {
    throw new PreflightError("invalid_argument", "current and patch must be plain objects");
  }
  const kept = Object.entries(current).filter(([key]) => !Object.hasOwn(patch, key));
  return Object.fromEntries([...kept, ...Object.entries(patch).filter(([, value]) => value !== null)]);
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
