// The hand-written half of kyc-preflight: turns JS values into JSON text once, makes
// one call into wasm, parses the answer. Shared by every entry point; each entry initialises
// the wasm-bindgen glue its own way; bound.js binds it for the synchronous entries.

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
    return guarded(
      () =>
        fromWire(
          answer(
            bytes === undefined
              ? glue.validate(operationId(operation), envelope, text, opts)
              : glue.validateBytes(operationId(operation), envelope, bytes, opts),
          ),
          bytes === undefined ? text : bytes,
        ),
      () => internalErrorReport(operation),
    );
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
    return guarded(
      () =>
        answer(glue.validateBatch(operationId(operation), `[${envelopes.join(",")}]`, texts.join("\0"), joinBytes(chunks, byteCount), opts)).map(
          (r) => fromWire(r),
        ),
      () => requests.map(() => internalErrorReport(operation)),
    );
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
    standardSchema,
  };
}

/**
 * A report as it crossed (src/report.rs, `js_form`): `request.body` is left out when it is
 * `JSON.parse(bodyText)`, and `bodyText` when it is the body JS sent (`sent`, text or bytes).
 */
function fromWire(report, sent) {
  const wire = report.request;
  if (wire === null) return report;
  const bodyText = Object.hasOwn(wire, "bodyText") ? wire.bodyText : typeof sent === "string" ? sent : sentBytesText(sent);
  const body = Object.hasOwn(wire, "body") ? wire.body : bodyText === "" ? null : JSON.parse(bodyText);
  report.request = { method: wire.method, path: wire.path, headers: wire.headers, body, bodyText };
  return report;
}

/** Rust left `bodyText` out only for valid UTF-8 equal to the bytes, BOM included. */
let bytesDecoder;
function sentBytesText(bytes) {
  return (bytesDecoder ??= new TextDecoder("utf-8", { ignoreBOM: true })).decode(bytes);
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

/** The envelope JSON (path, headers, what became of the body) and the body itself. */
function envelopeOf(request, limits) {
  const req = request !== null && typeof request === "object" ? request : {};
  let body;
  try {
    body = field(req, "body");
  } catch {
    // A throwing getter or a revoked Proxy as the request: nothing could be sent.
    return { envelope: envelopeJson(req, "not_serializable", 0), text: "" };
  }
  if (isBytes(body)) {
    if (body.byteLength > limits.bytes) return { envelope: envelopeJson(req, "too_large", body.byteLength), text: "" };
    // The size tells a batch where these bytes end among the others.
    return { envelope: envelopeJson(req, "bytes", body.byteLength), text: "", bytes: body };
  }
  if (typeof body === "string") {
    // Measured before any pass over it, so a huge string is refused without a copy.
    if (body.length > limits.bytes) return tooLarge(req, body);
    return envelopeOfText(req, wellFormed(body), limits.bytes);
  }
  if (body === undefined) return { envelope: envelopeJson(req, "absent", 0), text: "" };
  let text;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    // Cycles and BigInt throw TypeError. Anything else may be the engine's own stack
    // giving out on deep nesting (RangeError in V8 and JavaScriptCore, InternalError in
    // SpiderMonkey): that is a depth issue when the nesting really passes maxDepth.
    const deep = !(error instanceof TypeError) && nestsDeeper(body, limits.depth);
    return { envelope: envelopeJson(req, deep ? "too_deep" : "not_serializable", 0), text: "" };
  }
  // JSON.stringify gives undefined for a function or a Symbol: nothing could be sent.
  if (text === undefined) return { envelope: envelopeJson(req, "not_serializable", 0), text: "" };
  // NaN and ±Infinity became `null`: only a text with a null can hold one.
  const nonFinite = text.includes("null") ? nonFinitePaths(body) : "";
  return envelopeOfText(req, text, limits.bytes, nonFinite);
}

/**
 * Where `JSON.stringify(body)` wrote `null` for NaN or ±Infinity, as the JSON text of an
 * array of paths inside the body (`""` when none). It reads data properties only, through
 * their descriptors: a getter or a `toJSON` is never called twice (the first stringify
 * already read it), so a NaN that only they produce is not reported.
 */
function nonFinitePaths(body) {
  try {
    return findNonFinite(body);
  } catch {
    return ""; // a Proxy whose traps throw: JSON.stringify never asked them these questions
  }
}

function findNonFinite(body) {
  const found = [];
  const stack = [[body, []]];
  while (stack.length > 0) {
    const [value, at] = stack.pop();
    if (typeof value === "number") {
      if (!Number.isFinite(value)) found.push(at);
      continue;
    }
    if (value === null || typeof value !== "object" || "toJSON" in value) continue;
    const array = Array.isArray(value);
    for (const key of Object.keys(value)) {
      const own = Object.getOwnPropertyDescriptor(value, key);
      if (own !== undefined && "value" in own) stack.push([own.value, [...at, array ? Number(key) : key]]);
    }
  }
  // The stack visits the last key first: sort for a stable, readable order.
  return found.length === 0 ? "" : JSON.stringify(found.reverse());
}

/**
 * True when `value` nests containers deeper than `limit` (the body itself is depth 1),
 * following own enumerable keys as JSON.stringify does. Iterative, so it survives what
 * overflowed the stack; skips cycles and unreadable properties; bounded in nodes.
 */
function nestsDeeper(value, limit) {
  const stack = [[value, 1]];
  const onPath = [];
  for (let budget = 1_000_000; stack.length > 0 && budget > 0; budget--) {
    const [node, depth] = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (depth > limit) return true;
    while (onPath.length >= depth) onPath.pop();
    if (onPath.includes(node)) continue; // a cycle: not a depth problem
    onPath.push(node);
    try {
      for (const key of Object.keys(node)) stack.push([node[key], depth + 1]);
    } catch {
      // a throwing getter or a revoked Proxy below this point
    }
  }
  return false;
}

function envelopeOfText(req, text, limit, nonFinite = "") {
  // UTF-16 length ≤ UTF-8 length, so this never lets an oversized text across.
  if (text.length > limit) return tooLarge(req, text);
  return { envelope: envelopeJson(req, "text", 0, nonFinite), text, sendsText: true };
}

/** A text over the limit stays in JS; the report names its size as Rust would measure it. */
function tooLarge(req, text) {
  return { envelope: envelopeJson(req, "too_large", utf8Length(text)), text: "" };
}

/**
 * The UTF-8 length of `text` as it crosses (a lone surrogate is escaped as `\uXXXX`,
 * six bytes, as `wellFormed` does), counted without encoding a copy.
 */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit < 0xd800 || unit > 0xdfff) bytes += 3;
    else if (unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 6;
  }
  return bytes;
}

/** Members Rust reads as absent (null, 0 bytes, no paths) are left out: each one costs a parse. */
function envelopeJson(req, bodyKind, bodyBytes, nonFinite = "") {
  const path = partJson(req, "path");
  const headers = partJson(req, "headers");
  return `{${path === "null" ? "" : `"path":${path},`}${headers === "null" ? "" : `"headers":${headers},`}"bodyKind":"${bodyKind}"${bodyBytes === 0 ? "" : `,"bodyBytes":${bodyBytes}`}${nonFinite === "" ? "" : `,"nonFinite":${nonFinite}`}}`;
}

/** `path` or `headers` as JSON; one that cannot be read or serialised is a `request_shape` issue. */
function partJson(req, key) {
  try {
    const value = field(req, key);
    return value === undefined ? "null" : (safeJson(value) ?? '"(not serializable)"');
  } catch {
    return '"(not serializable)"';
  }
}

/** Lone surrogates would become U+FFFD on the way into wasm: escape them so Rust sees them. */
function wellFormed(text) {
  if (typeof text.isWellFormed === "function" ? text.isWellFormed() : !/\p{Cs}/u.test(text)) return text;
  return text.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `obj[key]`, except a value that only a polluted Object.prototype supplies. */
function field(obj, key) {
  return Object.hasOwn(obj, key) || !Object.hasOwn(Object.prototype, key) ? obj[key] : undefined;
}

/** A Uint8Array (or Buffer) from any realm. */
function isBytes(value) {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === "[object Uint8Array]";
}

/** The byte bodies of a batch, end to end (their envelopes give each one's length). */
function joinBytes(chunks, total) {
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return joined;
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
