#!/usr/bin/env node
// kyc-preflight command line: `check` a request file against an operation, list `rules`.
// Exit codes: 0 the vendor should accept the request, 1 it would not, 2 misuse, 3 the
// tool itself failed.
import { readFileSync } from "node:fs";

// The package itself, loaded inside the guarded block below so that a failure to load it
// exits 3 (the tool failed), never 1 (the request was judged not ok).
let operations, PreflightError, redact, rules, validate;

const help = () => `Usage:
  kyc-preflight check <operation> <request.json> [options]
  kyc-preflight rules [operation] [--json]
  kyc-preflight --help | --version

check     Predicts whether the vendor accepts the request and, if not, why.
          <request.json> holds {"path": {...}, "headers": {...}, "body": ...}; use - for
          standard input. The body is judged as the exact JSON text in the file (a body
          that is a JSON string is taken as the JSON text itself).
rules     Lists the rules (id, default severity, source, summary), per operation; given an
          operation, its own rules and the rules of every operation.

Options for check:
  --context <ctx.json>          what you fetched from the vendor: {"decision": ...} (Didit),
                                {"session": ...} (Verifa, Legal Talent), {"verification": ...} (AnyCheck)
  --severity <rule>=<level>     override a rule's severity: error, warning or off (repeatable)
  --max-issues <n>              report at most n issues (default 100)
  --json                        print the report object as JSON instead of text
  --reveal-secrets              print credential headers (x-api-key, Authorization, ...) as
                                given; by default both outputs show them as ••••(redacted)

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
  if (command === "help") return out(help()), 0;
  if (command === undefined) throw new UsageError("missing command: check or rules");
  throw new UsageError(`unknown command "${command}": use check or rules`);
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
};

function parseArgs(argv) {
  const positional = [];
  const flags = { severity: [] };
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
  ({ operations, PreflightError, redact, rules, validate } = await import("./esm/index.js"));
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (PreflightError && error instanceof PreflightError)) {
    process.stderr.write(`kyc-preflight: ${error.message}\nRun "kyc-preflight --help" for usage.\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`kyc-preflight: internal failure: ${error?.stack ?? error}\n`);
    process.exitCode = 3;
  }
}
