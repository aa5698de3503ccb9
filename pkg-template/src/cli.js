#!/usr/bin/env node
// kyc-preflight command line: `check` a request file against an operation, list `rules`,
// serve a vendor's `mock` on 127.0.0.1.
// Exit codes: 0 the vendor should accept the request, 1 it would not, 2 misuse, 3 the
// tool itself failed.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

// The package itself, loaded inside the guarded block below so that a failure to load it
// exits 3 (the tool failed), never 1 (the request was judged not ok).
let operations, PreflightError, redact, rules, validate, vendors;

const help = () => `Usage:
  kyc-preflight check <operation> <request.json> [options]
  kyc-preflight rules [operation] [--json]
  kyc-preflight mock <provider> [--port N] [--state file.json] [--api-key KEY]... [--cors]
  kyc-preflight --help | --version

check     Predicts whether the vendor accepts the request and, if not, why.
          <request.json> holds {"path": {...}, "headers": {...}, "body": ...}; use - for
          standard input. The body is judged as the exact JSON text in the file (a body
          that is a JSON string is taken as the JSON text itself).
rules     Lists the rules (id, default severity, source, summary), per operation; given an
          operation, its own rules and the rules of every operation.
mock      Serves a stateful mock of one vendor (${vendors().map((v) => v.provider).join(", ")}) on
          http://127.0.0.1 until SIGINT or SIGTERM: its write operations and the GET of
          each session, answered and applied as the vendor would; one log line a request.

Options for check:
  --context <ctx.json>          what you fetched from the vendor: ${vendors()
    .map((v) => `{"${v.contextKey}": ...} (${v.label})`)
    .join(",\n                                ")}
  --severity <rule>=<level>     override a rule's severity: error, warning or off (repeatable)
  --max-issues <n>              report at most n issues (default 100)
  --json                        print the report object as JSON instead of text
  --reveal-secrets              print credential headers (x-api-key, Authorization, ...) as
                                given; by default both outputs show them as ••••(redacted)

Options for mock:
  --port <n>                    port on 127.0.0.1 (default 4010; 0 picks a free one)
  --state <file.json>           the sessions to start with: an array of the vendor's GET JSON,
                                {"sessions": [...], "apiKeys": [...]}, or {"samples": [{"state"}]}
  --api-key <key>               a credential the mock accepts (repeatable); with none given
                                (here or in the state file) no credential is asked for
  --cors                        answer CORS preflights, for pages on another origin

Exit status: 0 ok, 1 not ok (the vendor would refuse the request), 2 misuse
(unknown command, operation or option, unreadable file, invalid JSON), 3 internal failure.
Colour is used only when standard output is a terminal and NO_COLOR is not set.

Operations:
${operations()
  .map((op) => `  ${op.id.padEnd(36)}${op.method} ${op.pathTemplate}`)
  .join("\n")}
`;

/** Misuse of the command line: a message on stderr and exit status 2. */
class UsageError extends Error {}

const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const red = paint("31");
const yellow = paint("33");
const green = paint("32");
const bold = paint("1");
const dim = paint("2");

function main(argv) {
  const { positional, flags } = parseArgs(argv);
  if (flags.help) return out(help()), 0;
  if (flags.version) return out(`${packageVersion()}\n`), 0;
  const [command, ...args] = positional;
  if (command === "check") return check(args, flags);
  if (command === "rules") return listRules(args, flags);
  if (command === "mock") return serveMock(args, flags);
  if (command === "help") return out(help()), 0;
  if (command === undefined) throw new UsageError("missing command: check, rules or mock");
  throw new UsageError(`unknown command "${command}": use check, rules or mock`);
}

// ── arguments ──────────────────────────────────────────────────────────────────────

const FLAGS = {
  "--help": { key: "help" },
  "-h": { key: "help" },
  "--version": { key: "version" },
  "--json": { key: "json" },
  "--reveal-secrets": { key: "revealSecrets" },
  "--context": { key: "context", value: true },
  "--severity": { key: "severity", value: true, repeat: true },
  "--max-issues": { key: "maxIssues", value: true },
  "--port": { key: "port", value: true },
  "--state": { key: "state", value: true },
  "--api-key": { key: "apiKey", value: true, repeat: true },
  "--cors": { key: "cors" },
};

/** Options of `mock` only: refused by the other commands. */
function refuseMockOptions(flags, command) {
  for (const [key, name] of [["port", "--port"], ["state", "--state"], ["cors", "--cors"]]) {
    if (flags[key] !== undefined) throw new UsageError(`option ${name} is for mock only, not ${command}`);
  }
  if (flags.apiKey.length > 0) throw new UsageError(`option --api-key is for mock only, not ${command}`);
}

function parseArgs(argv) {
  const positional = [];
  const flags = { severity: [], apiKey: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const spec = FLAGS[name];
    if (!spec) throw new UsageError(`unknown option ${name}`);
    if (!spec.value) {
      if (eq !== -1) throw new UsageError(`option ${name} takes no value`);
      flags[spec.key] = true;
      continue;
    }
    let value;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    if (value === undefined || value === "") throw new UsageError(`option ${name} needs a value`);
    if (spec.repeat) flags[spec.key].push(value);
    else if (flags[spec.key] !== undefined) throw new UsageError(`option ${name} given twice`);
    else flags[spec.key] = value;
  }
  return { positional, flags };
}

function knownOperation(id) {
  const ops = operations();
  const op = ops.find((o) => o.id === id);
  if (op) return op;
  throw new UsageError(`unknown operation "${id}"; one of:\n${ops.map((o) => `  ${o.id}`).join("\n")}`);
}

function readText(file, what) {
  let bytes;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file === "-" ? "from standard input" : file}: ${error.code ?? error.message}`);
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${what} ${file} is not UTF-8 text`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJson(text, what, file) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${file} is not valid JSON: ${error.message}`);
  }
}

const REQUEST_KEYS = ["path", "headers", "body"];

/** The RequestInput in the file; its body stays the file's own JSON text, byte for byte. */
function readRequest(file) {
  const text = readText(file, "request file");
  const parsed = parseJson(text, "request file", file);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(`request file ${file} must hold a JSON object {"path", "headers", "body"}`);
  }
  const extra = Object.keys(parsed).filter((k) => !REQUEST_KEYS.includes(k));
  if (extra.length > 0) {
    throw new UsageError(
      `request file ${file} has unknown key${extra.length > 1 ? "s" : ""} ${extra.map((k) => JSON.stringify(k)).join(", ")}: ` +
        'it holds {"path", "headers", "body"}; put the JSON body under "body"',
    );
  }
  const request = {};
  if (Object.hasOwn(parsed, "path")) request.path = parsed.path;
  if (Object.hasOwn(parsed, "headers")) request.headers = parsed.headers;
  if (Object.hasOwn(parsed, "body")) {
    // A string body is JSON text by the API's contract; any other body is passed as the
    // file's own text for it, so numbers, duplicate keys and escapes reach the validator
    // exactly as written rather than as JSON.parse left them.
    request.body = typeof parsed.body === "string" ? parsed.body : topLevelMembers(text).get("body");
  }
  return request;
}

/** Raw JSON text of each member of a top-level object, last one winning; `text` is valid JSON. */
function topLevelMembers(text) {
  const members = new Map();
  let i = 0;
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const string = () => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const value = () => {
    if (text[i] === '"') return void string();
    if (text[i] === "{" || text[i] === "[") {
      let depth = 0;
      do {
        const c = text[i];
        if (c === '"') {
          string();
          continue;
        }
        if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") depth--;
        i++;
      } while (depth > 0);
      return;
    }
    while (i < text.length && !",}] \t\n\r".includes(text[i])) i++;
  };
  space();
  i++; // {
  space();
  while (text[i] === '"') {
    const key = string();
    space();
    i++; // :
    space();
    const start = i;
    value();
    members.set(key, text.slice(start, i));
    space();
    if (text[i] !== ",") break;
    i++;
    space();
  }
  return members;
}

function severityOverrides(list) {
  if (list.length === 0) return undefined;
  const overrides = {};
  for (const item of list) {
    const eq = item.lastIndexOf("=");
    const rule = item.slice(0, eq);
    const level = item.slice(eq + 1);
    if (eq <= 0 || !["error", "warning", "off"].includes(level)) {
      throw new UsageError(`--severity takes <rule>=<error|warning|off>, got "${item}"`);
    }
    overrides[rule] = level;
  }
  return overrides;
}

// ── check ──────────────────────────────────────────────────────────────────────────

function check(args, flags) {
  if (args.length !== 2) {
    throw new UsageError(`check takes <operation> <request.json>, got ${args.length} argument${args.length === 1 ? "" : "s"}`);
  }
  refuseMockOptions(flags, "check");
  const [operation, file] = args;
  knownOperation(operation);
  const request = readRequest(file);
  const options = {};
  if (flags.context !== undefined) {
    if (flags.context === "-" && file === "-") throw new UsageError("the request and the context cannot both come from standard input");
    options.context = parseJson(readText(flags.context, "context file"), "context file", flags.context);
  }
  const severity = severityOverrides(flags.severity);
  if (severity) options.severity = severity;
  if (flags.maxIssues !== undefined) {
    if (!/^[0-9]+$/.test(flags.maxIssues)) throw new UsageError(`--max-issues takes a whole number, got "${flags.maxIssues}"`);
    options.maxIssues = Number(flags.maxIssues);
  }
  const report = validate(operation, request, options);
  // Reports end up in CI logs and saved files: credentials are hidden unless asked for.
  if (flags.revealSecrets) {
    process.stderr.write("kyc-preflight: warning: --reveal-secrets prints credentials in clear; keep this output out of logs and files\n");
  }
  const shown = flags.revealSecrets ? report : redact(report);
  out(flags.json ? `${JSON.stringify(shown, null, 2)}\n` : humanReport(shown));
  return report.ok ? 0 : 1;
}

function humanReport(report) {
  const lines = [];
  const errors = report.issues.filter((i) => i.severity === "error").length;
  const warnings = report.issues.length - errors;
  const counts = report.issues.length === 0 ? "no issues" : [plural(errors, "error"), plural(warnings, "warning")].join(", ");
  const verdict = report.ok ? green("OK") : red("NOT OK");
  lines.push(`${bold(report.operation)}: ${verdict} (${counts}${report.truncated ? ", truncated" : ""})`);
  if (report.issues.length > 0) lines.push("");
  for (const issue of report.issues) {
    const sev = issue.severity === "error" ? red("error  ") : yellow("warning");
    lines.push(`  ${sev}  ${bold(formatPath(issue.path))}  ${dim(`${issue.rule} (${issue.source})`)}`);
    lines.push(`           ${issue.message}`);
    if (issue.hint !== undefined) lines.push(`           hint: ${issue.hint}`);
  }
  if (report.truncated) lines.push("", "  … more issues were found than --max-issues allows; the list above is cut.");
  if (!report.ok && report.response) {
    lines.push("", bold(`Predicted response: ${report.response.status}`));
    lines.push(report.response.body === null ? "  (no JSON body)" : indent(JSON.stringify(report.response.body, null, 2)));
  }
  if (report.ok && report.request) {
    const req = report.request;
    lines.push("", bold("Prepared request:"), `  ${req.method} ${req.path}`);
    for (const [name, value] of Object.entries(req.headers)) lines.push(`  ${name}: ${value}`);
    lines.push("", req.bodyText === "" ? "  (empty body)" : indent(req.bodyText));
    if (report.effects.length > 0) {
      lines.push("", bold("Effects:"));
      for (const { kind, ...rest } of report.effects) {
        lines.push(`  ${kind}${Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : ""}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** ["body","nodes_to_resubmit",0,"feature"] → body.nodes_to_resubmit[0].feature */
function formatPath(path) {
  if (path.length === 0) return "(request)";
  return path
    .map((part, i) => {
      if (typeof part === "number") return `[${part}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(part)) return i === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join("");
}

const indent = (text) => text.replace(/^/gm, "  ");
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

// ── rules ──────────────────────────────────────────────────────────────────────────

function listRules(args, flags) {
  refuseMockOptions(flags, "rules");
  for (const key of ["context", "maxIssues"]) {
    if (flags[key] !== undefined) throw new UsageError(`option --${key === "context" ? "context" : "max-issues"} is for check only`);
  }
  if (flags.severity.length > 0) throw new UsageError("option --severity is for check only");
  if (flags.revealSecrets) throw new UsageError("option --reveal-secrets is for check only");
  if (args.length > 1) throw new UsageError(`rules takes at most one operation, got ${args.length} arguments`);
  const all = rules();
  const ops = args.length === 1 ? [knownOperation(args[0])] : operations();
  const general = all.filter((r) => r.operation === null);
  if (flags.json) {
    const picked = args.length === 1 ? all.filter((r) => r.operation === args[0] || r.operation === null) : all;
    out(`${JSON.stringify(picked, null, 2)}\n`);
    return 0;
  }
  const groups = ops.map((op) => [`${op.id}  ${op.method} ${op.pathTemplate}`, all.filter((r) => r.operation === op.id)]);
  groups.push(["every operation", general]);
  const idWidth = Math.max(...all.map((r) => r.id.length));
  const lines = [];
  for (const [title, list] of groups) {
    if (lines.length > 0) lines.push("");
    lines.push(bold(title));
    for (const r of list) {
      const sev = r.severity === "error" ? red("error  ") : yellow("warning");
      lines.push(`  ${r.id.padEnd(idWidth)}  ${sev}  ${r.source.padEnd(8)}  ${r.summary}`);
    }
  }
  out(`${lines.join("\n")}\n`);
  return 0;
}

// ── mock ───────────────────────────────────────────────────────────────────────────

/** The providers, as the registry lists them. */
const providers = () => vendors().map((v) => v.provider);

/**
 * Serves `createMockVendor(provider)` over HTTP on 127.0.0.1 until SIGINT or SIGTERM,
 * then closes every connection and exits 0. Resolves with the exit status.
 */
async function serveMock(args, flags) {
  for (const key of ["context", "maxIssues"]) {
    if (flags[key] !== undefined) throw new UsageError(`option --${key === "context" ? "context" : "max-issues"} is for check only`);
  }
  if (flags.severity.length > 0 || flags.revealSecrets || flags.json) throw new UsageError("options --severity, --reveal-secrets and --json are for check only");
  if (args.length !== 1) throw new UsageError(`mock takes one provider (${providers().join(", ")}), got ${args.length} arguments`);
  const [provider] = args;
  if (!providers().includes(provider)) throw new UsageError(`unknown provider "${provider}": one of ${providers().join(", ")}`);
  let port = 4010;
  if (flags.port !== undefined) {
    if (!/^[0-9]{1,5}$/.test(flags.port) || Number(flags.port) > 65535) throw new UsageError(`--port takes a port number, got "${flags.port}"`);
    port = Number(flags.port);
  }
  const seed = flags.state === undefined ? { sessions: [], apiKeys: [] } : readMockState(flags.state);
  const apiKeys = [...flags.apiKey, ...seed.apiKeys];
  const { createMockVendor } = await import("./mock/index.js");
  let mock;
  try {
    mock = createMockVendor(provider, {
      sessions: seed.sessions,
      apiKeys: apiKeys.length > 0 ? apiKeys : undefined,
      cors: Boolean(flags.cors),
      onEvent: logEvent,
    });
  } catch (error) {
    if (PreflightError && error instanceof PreflightError) throw new UsageError(`state file ${flags.state}: ${error.message}`);
    throw error;
  }

  const pending = new Map();
  /** One line per request: method, path, answer, outcome and the rules that refused it. */
  function logEvent(event) {
    if (event.type === "request") pending.set(event.seq, event);
    if (event.type === "webhook") out(`  webhook ${event.event} for ${event.id}\n`);
    if (event.type !== "verdict") return;
    const request = pending.get(event.seq);
    pending.delete(event.seq);
    const errors = event.issues.filter((i) => i.severity === "error").map((i) => i.rule);
    const changes = event.effects.filter((e) => e.kind === "status" || e.kind === "feature_status").map((e) => `→ ${e.to}`);
    const detail = [...errors, ...changes].join(" ");
    out(`${request?.method ?? "?"} ${request?.path ?? "?"} ${event.status} ${event.outcome}${detail ? ` ${detail}` : ""}\n`);
  }

  const server = createServer((req, res) => {
    answerHttp(mock, req, res).catch((error) => {
      // A client that went away mid-request (or a stop cutting it) is not the mock's failure.
      if (req.destroyed || res.destroyed || error?.code === "ECONNRESET" || error?.message === "aborted") return;
      process.stderr.write(`kyc-preflight mock: ${error?.stack ?? error}\n`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", (error) =>
      reject(error.code === "EADDRINUSE" || error.code === "EACCES" ? new UsageError(`cannot listen on 127.0.0.1:${port}: ${error.code}`) : error),
    );
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  const ids = mock.list().length;
  out(`kyc-preflight mock ${provider}: ${url} (${ids} session${ids === 1 ? "" : "s"}${apiKeys.length > 0 ? `, ${apiKeys.length} API key${apiKeys.length === 1 ? "" : "s"}` : ", no credential asked"})\n`);
  return new Promise((resolve) => {
    const stop = (signal) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      out(`kyc-preflight mock: ${signal}, stopping\n`);
      server.close(() => {
        out("kyc-preflight mock: stopped\n");
        resolve(0);
      });
      server.closeAllConnections?.();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** The state file: an array of sessions, `{ sessions, apiKeys }`, or the console's `{ samples }`. */
function readMockState(file) {
  const parsed = parseJson(readText(file, "state file"), "state file", file);
  const fail = () => {
    throw new UsageError(`state file ${file} must hold an array of sessions, {"sessions": [...], "apiKeys": [...]} or {"samples": [{"state": ...}]}`);
  };
  if (Array.isArray(parsed)) return { sessions: parsed, apiKeys: [] };
  if (parsed === null || typeof parsed !== "object") fail();
  if (Array.isArray(parsed.samples)) return { sessions: parsed.samples.map((s) => s?.state), apiKeys: [] };
  if (!Array.isArray(parsed.sessions)) fail();
  const apiKeys = parsed.apiKeys ?? [];
  if (!Array.isArray(apiKeys) || !apiKeys.every((k) => typeof k === "string" && k !== "")) fail();
  return { sessions: parsed.sessions, apiKeys };
}

/** node:http → `Request` → the mock → `Response` → node:http. */
async function answerHttp(mock, req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    } catch {
      // a header fetch refuses (e.g. a forbidden name): the vendor's router never sees it either
    }
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
  const response = await mock.handle(request);
  const body = Buffer.from(await response.arrayBuffer());
  const outHeaders = {};
  response.headers.forEach((value, name) => (outHeaders[name] = value));
  res.writeHead(response.status, { ...outHeaders, "content-length": body.length });
  res.end(body);
}

// ── plumbing ───────────────────────────────────────────────────────────────────────

function out(text) {
  process.stdout.write(text);
}

function packageVersion() {
  try {
    return JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
  } catch {
    return "unknown";
  }
}

// A closed pipe (`kyc-preflight rules | head`) is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  ({ operations, PreflightError, redact, rules, validate, vendors } = await import("./esm/index.js"));
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (PreflightError && error instanceof PreflightError)) {
    process.stderr.write(`kyc-preflight: ${error.message}\nRun "kyc-preflight --help" for usage.\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`kyc-preflight: internal failure: ${error?.stack ?? error}\n`);
    process.exitCode = 3;
  }
}
