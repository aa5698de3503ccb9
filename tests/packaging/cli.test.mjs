// The `kyc-preflight` command line from the built package: every exit status (0 ok,
// 1 not ok, 2 misuse, 3 internal failure), the human and --json output, --context, and
// `rules`. Each case spawns `node pkg/dist/cli.js`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { operations, redact, rules, validate } from "kyc-preflight";
import { OPS } from "../js/ops.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(root, "pkg", "dist", "cli.js");
const dir = mkdtempSync(join(tmpdir(), "kp-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SESSION = "didit.update_session_status";
const UUID = "11111111-2222-4333-8444-555555555555";
const ESC = "\x1b[";

let n = 0;
/** Writes `content` (a string as is, anything else as JSON) to a fresh temp file. */
function file(content, name = `f${n++}.json`) {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return path;
}

function cli(args, { input, env } = {}) {
  const res = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "", ...env },
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const okRequest = { path: { sessionId: UUID }, headers: { "x-api-key": "SECRET-KEY-42" }, body: { new_status: "Approved" } };
const badRequest = {
  path: { sessionId: UUID },
  headers: { "x-api-key": "k" },
  body: { new_status: "approved", nodes_to_resubmit: [{ node_id: "n1", feature: "OCR" }, { node_id: "n2", feature: "Bogus" }] },
};

describe("kyc-preflight check", () => {
  it("exits 0 for an accepted request and prints the prepared request, with credentials redacted", () => {
    const { status, stdout, stderr } = cli(["check", SESSION, file(okRequest)]);
    assert.equal(status, 0, stderr);
    assert.equal(stderr, "");
    assert.match(stdout, /^didit\.update_session_status: OK \(no issues\)\n/);
    assert.match(stdout, new RegExp(`Prepared request:\\n  PATCH /v3/session/${UUID}/update-status/\\n`));
    assert.match(stdout, /Content-Type: application\/json/);
    assert.match(stdout, /\n {2}\{"new_status":"Approved"\}\n/);
    assert.match(stdout, /Effects:\n {2}webhook \{"event":"status\.updated"\}/);
    assert.match(stdout, /\n {2}x-api-key: ••••\(redacted\)\n/);
    assert.ok(!stdout.includes("SECRET-KEY-42"), "the API key is printed");
    assert.ok(!stdout.includes(ESC), "colour codes on a pipe");
  });

  it("exits 1 when not ok, listing each issue (path, rule, severity, message, hint) and the predicted response", () => {
    const { status, stdout, stderr } = cli(["check", SESSION, file(badRequest)]);
    assert.equal(status, 1, stderr);
    assert.equal(stderr, "");
    const report = validate(SESSION, badRequest);
    assert.equal(report.ok, false);
    assert.match(stdout, new RegExp(`^${SESSION}: NOT OK \\(${report.issues.length} errors?`));
    for (const issue of report.issues) {
      assert.ok(stdout.includes(issue.rule), issue.rule);
      assert.ok(stdout.includes(issue.message), issue.message);
    }
    assert.match(stdout, /error {4}body\.new_status {2}didit\.update_session_status\.new_status_choice \(stated\)\n/);
    assert.match(stdout, /\n {11}hint: did you mean "Approved"\?\n/);
    assert.match(stdout, /body\.nodes_to_resubmit\[1\]\.feature {2}didit\.update_session_status\.node_feature_choice/);
    assert.match(stdout, new RegExp(`Predicted response: ${report.response.status}\\n`));
    assert.ok(stdout.includes(JSON.stringify(report.response.body, null, 2).replace(/^/gm, "  ")));
    assert.ok(!stdout.includes("Prepared request"));
  });

  it("--json prints the report object validate() returns, its credentials redacted", () => {
    for (const [request, code] of [
      [okRequest, 0],
      [badRequest, 1],
    ]) {
      const { status, stdout } = cli(["check", SESSION, file(request), "--json"]);
      assert.equal(status, code);
      const report = JSON.parse(stdout);
      assert.deepEqual(Object.keys(report).sort(), ["effects", "issues", "ok", "operation", "request", "response", "truncated"]);
      assert.equal(typeof report.ok, "boolean");
      for (const issue of report.issues) {
        assert.deepEqual(Object.keys(issue).filter((k) => k !== "hint").sort(), ["message", "path", "rule", "severity", "source"]);
      }
      assert.deepEqual(report, redact(validate(SESSION, request)));
    }
  });

  it("--context passes the vendor's state to the context rules", () => {
    const request = { path: { sessionId: UUID }, body: { new_status: "Resubmitted" } };
    const requestFile = file(request);
    const blind = JSON.parse(cli(["check", SESSION, requestFile, "--json"]).stdout);
    assert.ok(blind.issues.some((i) => i.rule === `${SESSION}.auto_select_unpredictable`));

    const decision = {
      status: "In Review",
      features: [{ feature: "OCR", node_id: "n1" }],
      id_verifications: [{ node_id: "n1", status: "Declined" }],
    };
    const seen = cli(["check", SESSION, requestFile, "--context", file({ decision }), "--json"]);
    assert.equal(seen.status, 0, seen.stderr);
    const report = JSON.parse(seen.stdout);
    assert.deepEqual(report, validate(SESSION, request, { context: { decision } }));
    assert.deepEqual(report.effects.find((e) => e.kind === "steps_reset").nodes, [{ node_id: "n1", feature: "OCR" }]);

    const allApproved = { ...decision, id_verifications: [{ node_id: "n1", status: "Approved" }] };
    const refused = cli(["check", SESSION, requestFile, `--context=${file({ decision: allApproved })}`]);
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /auto_select_empty/);
  });

  it("judges the body as the file's own JSON text", () => {
    const spaced = `{"path":{"sessionId":"${UUID}"},"body":{ "new_status" : "Declined" }}`;
    const report = JSON.parse(cli(["check", SESSION, file(spaced), "--json"]).stdout);
    assert.equal(report.request.bodyText, '{ "new_status" : "Declined" }');
    // A body that is a JSON string is the JSON text itself, as in the API.
    const text = JSON.parse(cli(["check", SESSION, file({ path: { sessionId: UUID }, body: '{"new_status":"Declined"}' }), "--json"]).stdout);
    assert.equal(text.request.bodyText, '{"new_status":"Declined"}');
    // Past JSON.parse, 1e400 would have become null: the validator sees the literal.
    const huge = cli(["check", SESSION, file(`{"path":{"sessionId":"${UUID}"},"body":{"new_status":"Declined","comment":1e400}}`), "--json"]);
    assert.equal(huge.status, 1);
    assert.equal(JSON.parse(huge.stdout).ok, false);
  });

  it("reads the request from standard input with -", () => {
    const { status, stdout } = cli(["check", SESSION, "-", "--json"], { input: JSON.stringify(okRequest) });
    assert.equal(status, 0);
    assert.equal(JSON.parse(stdout).ok, true);
  });

  it("applies --severity and --max-issues", () => {
    const request = { path: { sessionId: UUID }, body: { new_status: "Approved", x: 1, y: 2 } };
    const f = file(request);
    const base = JSON.parse(cli(["check", SESSION, f, "--json"]).stdout);
    assert.equal(base.issues.filter((i) => i.rule === `${SESSION}.unknown_field`).length, 2);
    const raised = cli(["check", SESSION, f, "--severity", `${SESSION}.unknown_field=error`, "--json"]);
    assert.equal(raised.status, 1);
    assert.deepEqual(JSON.parse(raised.stdout), validate(SESSION, request, { severity: { [`${SESSION}.unknown_field`]: "error" } }));
    const capped = JSON.parse(cli(["check", SESSION, f, "--max-issues", "1", "--json"]).stdout);
    assert.equal(capped.issues.length, 1);
    assert.equal(capped.truncated, true);
  });

  it("exits 2 with a message on stderr for every kind of misuse", () => {
    const ok = file(okRequest);
    const cases = [
      [[], /missing command/],
      [["frobnicate"], /unknown command "frobnicate"/],
      [["check", SESSION], /check takes <operation> <request\.json>/],
      [["check", SESSION, ok, "extra"], /check takes <operation> <request\.json>/],
      [["check", "didit.nope", ok], /unknown operation "didit\.nope"[^]*didit\.update_feature_status/],
      [["check", SESSION, join(dir, "missing.json")], /cannot read request file .*missing\.json: ENOENT/],
      [["check", SESSION, file("{ not json")], /request file .* is not valid JSON/],
      [["check", SESSION, file(Buffer.from([0x7b, 0xff, 0x7d]))], /is not UTF-8/],
      [["check", SESSION, file("[1]")], /must hold a JSON object/],
      [["check", SESSION, file({ new_status: "Approved" })], /unknown key "new_status".*put the JSON body under "body"/],
      [["check", SESSION, ok, "--context", file("{")], /context file .* is not valid JSON/],
      [["check", SESSION, ok, "--context", join(dir, "nope.json")], /cannot read context file/],
      [["check", SESSION, ok, "--context"], /option --context needs a value/],
      [["check", SESSION, ok, "--verbose"], /unknown option --verbose/],
      [["check", SESSION, ok, "--json=yes"], /option --json takes no value/],
      [["check", SESSION, ok, "--severity", "loud"], /--severity takes <rule>=<error\|warning\|off>/],
      [["check", SESSION, ok, "--severity", "no.such.rule=off"], /unknown rule id/],
      [["check", SESSION, ok, "--max-issues", "-3"], /--max-issues/],
      [["check", SESSION, ok, "--max-issues", "0"], /maxIssues must be/],
      [["rules", "nope"], /unknown operation "nope"/],
      [["rules", SESSION, "--context", ok], /--context is for check only/],
      [["rules", "--reveal-secrets"], /--reveal-secrets is for check only/],
      [["check", SESSION, ok, "--reveal-secrets=yes"], /option --reveal-secrets takes no value/],
    ];
    for (const [args, message] of cases) {
      const { status, stdout, stderr } = cli(args);
      assert.equal(status, 2, `${args.join(" ")}: ${stderr}`);
      assert.equal(stdout, "", args.join(" "));
      assert.match(stderr, message, args.join(" "));
      assert.match(stderr, /^kyc-preflight: /);
    }
  });

  it("exits 3, not 1, when the tool itself fails", () => {
    // The real CLI next to a stand-in package: one that cannot load, one whose validate breaks.
    for (const [name, entry] of [
      ["unloadable", 'throw new Error("the wasm did not load");\n'],
      ["broken", 'export class PreflightError extends Error {}\nexport const operations = () => [{ id: "didit.update_session_status" }];\nexport const rules = () => [];\nexport const validate = () => { throw new TypeError("bug"); };\n'],
    ]) {
      const fake = join(dir, name);
      mkdirSync(join(fake, "esm"), { recursive: true });
      writeFileSync(join(fake, "esm", "index.js"), entry);
      writeFileSync(join(fake, "package.json"), '{"type":"module"}');
      copyFileSync(CLI, join(fake, "cli.js"));
      const res = spawnSync(process.execPath, [join(fake, "cli.js"), "check", SESSION, file(okRequest)], { encoding: "utf8" });
      assert.equal(res.status, 3, `${name}: ${res.stderr}`);
      assert.match(res.stderr, /^kyc-preflight: internal failure: /, name);
      assert.equal(res.stdout, "", name);
    }
  });

  it("colours only on a terminal, and never with NO_COLOR", (t) => {
    const script = spawnSync("script", ["--version"], { encoding: "utf8" });
    if (script.status !== 0) return t.skip("util-linux `script` (a pseudo-terminal) is not installed");
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} check ${SESSION} ${JSON.stringify(file(badRequest))}`;
    const tty = (env) => spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, ...env } });
    const coloured = tty({ NO_COLOR: "" });
    assert.equal(coloured.status, 1);
    assert.ok(coloured.stdout.includes(`${ESC}31mNOT OK${ESC}0m`), coloured.stdout);
    const plain = tty({ NO_COLOR: "1" });
    assert.equal(plain.status, 1);
    assert.match(plain.stdout, /NOT OK/);
    assert.ok(!plain.stdout.includes(ESC), plain.stdout);
  });
});

describe("kyc-preflight check: credentials never leak", () => {
  // 33 characters, so the marker shows its last four ("…cdef"); no six in a row may show.
  const SENTINEL = "sk_live_SENTINEL_0123456789abcdef";
  const CORE = "SENTINEL_0123456789abcdef";
  const leaks = (text) => {
    for (let i = 0; i + 6 <= CORE.length; i++) if (text.includes(CORE.slice(i, i + 6))) return CORE.slice(i, i + 6);
    return null;
  };
  /** Each operation's valid request (tests/js/ops.mjs) with the sentinel as its credential. */
  const cases = OPS.map((o) => {
    const request = o.request();
    const [name] = Object.keys(request.headers).filter((h) => /^(x-api-key|authorization)$/i.test(h));
    const value = { "x-api-key": SENTINEL, "X-API-Key": `vk_live_${CORE}`, Authorization: `Bearer ${SENTINEL}` }[name];
    request.headers[name] = value;
    return { o, request, name, value, path: file(request, `sentinel-${o.id}.json`) };
  });

  it("is absent from --json and text output of every operation, ok or not", () => {
    assert.equal(cases.length, operations().length);
    for (const { o, request, name, path } of cases) {
      const json = cli(["check", o.id, path, "--json"]);
      assert.equal(json.status, 0, `${o.id}: ${json.stdout}${json.stderr}`);
      assert.equal(leaks(json.stdout + json.stderr), null, `${o.id} --json:\n${json.stdout}`);
      const report = JSON.parse(json.stdout);
      assert.match(report.request.headers[name], /^(Bearer )?••••\(redacted, …cdef\)$/, o.id);
      assert.deepEqual(report, redact(validate(o.id, request)));

      const text = cli(["check", o.id, path]);
      assert.equal(text.status, 0, o.id);
      assert.equal(leaks(text.stdout + text.stderr), null, `${o.id} text:\n${text.stdout}`);
      assert.match(text.stdout, new RegExp(`\\n {2}${name}: (Bearer )?••••\\(redacted, …cdef\\)\\n`), o.id);

      // From standard input, and in a refused request (no prepared request, nothing to show).
      const piped = cli(["check", o.id, "-", "--json"], { input: JSON.stringify(request) });
      assert.equal(leaks(piped.stdout + piped.stderr), null, `${o.id} stdin`);
      const refused = cli(["check", o.id, file({ ...request, path: {} })]);
      assert.equal(refused.status, 1, o.id);
      assert.equal(leaks(refused.stdout + refused.stderr), null, `${o.id} refused`);
    }
  });

  it("--reveal-secrets prints it as given, with a warning on standard error", () => {
    for (const { o, request, name, value, path } of cases) {
      const json = cli(["check", o.id, path, "--json", "--reveal-secrets"]);
      assert.equal(json.status, 0, o.id);
      const report = JSON.parse(json.stdout);
      assert.equal(report.request.headers[name], value, o.id);
      assert.deepEqual(report, validate(o.id, request));
      assert.match(json.stderr, /^kyc-preflight: warning: --reveal-secrets prints credentials in clear/);
      const text = cli(["check", o.id, path, "--reveal-secrets"]);
      assert.ok(text.stdout.includes(`  ${name}: ${value}\n`), o.id);
      assert.match(text.stderr, /warning: --reveal-secrets/);
    }
  });

  it("documents --reveal-secrets in --help", () => {
    const { stdout } = cli(["--help"]);
    assert.match(stdout, /--reveal-secrets\s+print credential headers/);
  });
});

describe("kyc-preflight rules", () => {
  const all = rules();

  it("lists every rule with its severity, source and summary, per operation", () => {
    const { status, stdout } = cli(["rules"]);
    assert.equal(status, 0);
    for (const op of operations()) assert.ok(stdout.includes(`${op.id}  ${op.method} ${op.pathTemplate}\n`), op.id);
    const lines = stdout.split("\n");
    for (const rule of all) {
      const line = lines.find((l) => l.trim().split(/\s+/)[0] === rule.id);
      assert.ok(line, rule.id);
      assert.match(line, new RegExp(`\\s${rule.severity}\\s+${rule.source}\\s+`));
      assert.ok(line.endsWith(rule.summary), rule.id);
    }
  });

  it("narrows to one operation and the rules of every operation", () => {
    const { status, stdout } = cli(["rules", "verifa.update_session"]);
    assert.equal(status, 0);
    const listed = stdout.split("\n").filter((l) => l.startsWith("  ")).map((l) => l.trim().split(/\s+/)[0]);
    const expected = all.filter((r) => r.operation === "verifa.update_session" || r.operation === null).map((r) => r.id);
    assert.deepEqual(listed.sort(), expected.sort());
    const json = cli(["rules", "verifa.update_session", "--json"]);
    assert.deepEqual(JSON.parse(json.stdout), all.filter((r) => r.operation === "verifa.update_session" || r.operation === null));
    assert.deepEqual(JSON.parse(cli(["rules", "--json"]).stdout), all);
  });
});

describe("kyc-preflight as installed", () => {
  it("is the package's bin, runs through a symlink, and answers --help and --version", () => {
    const pkg = JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8"));
    assert.equal(join(root, "pkg", pkg.bin["kyc-preflight"]), CLI);
    assert.ok(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n"));
    // npm links node_modules/.bin/kyc-preflight to the file: it must find its package from there.
    const link = join(dir, "kyc-preflight");
    symlinkSync(CLI, link);
    const help = spawnSync(link, ["--help"], { encoding: "utf8" });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage:\n {2}kyc-preflight check <operation> <request\.json>/);
    for (const op of operations()) assert.ok(help.stdout.includes(op.id));
    const version = spawnSync(link, ["--version"], { encoding: "utf8" });
    assert.equal(version.stdout, `${pkg.version}\n`);
  });
});
