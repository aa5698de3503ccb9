// `kyc-preflight mock <provider>` from the built package: a real node:http server on
// 127.0.0.1, driven with real HTTP clients (node:http and curl), its log (one line a
// request, never a credential), its clean stop on SIGINT and SIGTERM (open keep-alive
// connections included), and its misuse (exit 2).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(root, "pkg", "dist", "cli.js");
const SAMPLES = join(root, "www", "samples");
const dir = mkdtempSync(join(tmpdir(), "kp-cli-mock-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const KEY = "didit-cli-SECRET-7f3a91";
const ID = "3f0c2a47-9d1e-4b8a-a7c2-5e61d0b4f9a3"; // In Review, in www/samples/didit.json

/** Starts the mock server; resolves once it printed its URL. `stop(signal)` resolves with its exit. */
function startMock(args) {
  const child = spawn(process.execPath, [CLI, "mock", ...args], { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (d) => (output.stdout += d));
  child.stderr.on("data", (d) => (output.stderr += d));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed in 10 s:\n${output.stdout}\n${output.stderr}`)), 10_000);
    const check = () => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output.stdout)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout.on("data", check);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before listening:\n${output.stdout}\n${output.stderr}`));
    });
  });
  return {
    child,
    output,
    ready,
    exited,
    async stop(signal) {
      const started = Date.now();
      child.kill(signal);
      const result = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), 5_000))]);
      if (result === "timeout") child.kill("SIGKILL");
      return { ...result, ms: Date.now() - started };
    },
  };
}

/** One request with node:http; resolves with status, headers and the parsed JSON body (or null). */
function send(url, method, path, { headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: text === "" ? null : JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
  });

describe("kyc-preflight mock (node:http on 127.0.0.1)", () => {
  it("serves Didit's GET and writes like the vendor, logs each request with its verdict, never the key", async () => {
    const server = startMock(["didit", "--port", "0", "--state", join(SAMPLES, "didit.json"), "--api-key", KEY]);
    try {
      const url = await server.ready;
      assert.match(server.output.stdout, /^kyc-preflight mock didit: http:\/\/127\.0\.0\.1:\d+ \(6 sessions, 1 API key\)\n/);
      const auth = { "x-api-key": KEY };
      const seeded = JSON.parse(readFileSync(join(SAMPLES, "didit.json"), "utf8")).samples[0].state;
      const got = await send(url, "GET", `/v3/session/${ID}/decision/`, { headers: auth });
      assert.deepEqual([got.status, got.body], [200, seeded]);
      assert.match(got.headers["content-type"], /^application\/json/);

      const step = await send(url, "PATCH", `/v3/session/${ID}/features/feature_ocr_1/update-status/`, { headers: { ...auth, "Content-Type": "application/json" }, body: { new_status: "Approved" } });
      assert.deepEqual(step.body, { session_id: ID, node_id: "feature_ocr_1", feature_type: "KYC", new_status: "Approved" });
      const declined = await send(url, "PATCH", `/v3/session/${ID}/update-status/`, { headers: { ...auth, "Content-Type": "application/json" }, body: { new_status: "Declined" } });
      assert.deepEqual([declined.status, declined.body], [200, { session_id: ID }]);
      const repeated = await send(url, "PATCH", `/v3/session/${ID}/update-status/`, { headers: auth, body: { new_status: "Declined" } });
      assert.deepEqual([repeated.status, repeated.body], [400, ["The new status is the same as the current status."]]);
      const noKey = await send(url, "GET", `/v3/session/${ID}/decision/`);
      assert.deepEqual([noKey.status, noKey.body], [403, { detail: "Authentication credentials were not provided or are invalid." }]);
      const after = await send(url, "GET", `/v3/session/${ID}/decision/`, { headers: auth });
      assert.equal(after.body.status, "Declined");
      assert.equal(after.body.id_verifications[0].status, "Approved");

      // curl, as a user would try it.
      if (existsSync("/usr/bin/curl")) {
        const curl = spawnSync("curl", ["-s", "-X", "PATCH", "-H", `x-api-key: ${KEY}`, "-H", "Content-Type: application/json", "-d", '{"new_status":"approved"}', "-w", "\n%{http_code}", `${url}/v3/session/${ID}/update-status/`], { encoding: "utf8" });
        assert.equal(curl.stdout, '{"new_status":["\\"approved\\" is not a valid choice."]}\n400');
      }
      const lines = server.output.stdout.trim().split("\n").slice(1);
      assert.deepEqual(lines.slice(0, 7), [
        `GET /v3/session/${ID}/decision/ 200 read`,
        `PATCH /v3/session/${ID}/features/feature_ocr_1/update-status/ 200 applied → Approved`,
        `  webhook data.updated for ${ID}`,
        `PATCH /v3/session/${ID}/update-status/ 200 applied → Declined`,
        `  webhook status.updated for ${ID}`,
        `PATCH /v3/session/${ID}/update-status/ 400 refused didit.update_session_status.same_status`,
        `GET /v3/session/${ID}/decision/ 403 unauthorized`,
      ]);
      assert.ok(!`${server.output.stdout}${server.output.stderr}`.includes(KEY), "the key is never logged");
    } finally {
      const { code, signal } = await server.stop("SIGTERM");
      assert.deepEqual([code, signal], [0, null], server.output.stderr);
    }
  });

  for (const signal of ["SIGINT", "SIGTERM"]) {
    it(`stops cleanly on ${signal}, with an idle keep-alive connection and a request half sent: exit 0, port closed`, async () => {
      const server = startMock(["legaltalent", "--port", "0", "--state", join(SAMPLES, "legaltalent.json")]);
      const url = await server.ready;
      const port = Number(new URL(url).port);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const res = await send(url, "GET", "/kyc/sessions/8c1e5f0a-2d7b-4e39-a6c4-9f0b1e3d5a72", { agent });
      assert.equal(res.status, 200);
      assert.equal(res.body.status, "completed");
      assert.ok(await portOpen(port));
      // A client still sending its body: the server is mid-request on this connection.
      const hanging = httpRequest(`${url}/kyc/sessions/8c1e5f0a-2d7b-4e39-a6c4-9f0b1e3d5a72`, { method: "PATCH", headers: { "Content-Length": "100" } });
      const cut = new Promise((resolve) => hanging.on("error", resolve).on("response", resolve));
      hanging.write('{"status":');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { code, signal: killedBy, ms } = await server.stop(signal);
      assert.equal((await cut)?.code, "ECONNRESET", "the half-sent request is cut");
      agent.destroy();
      assert.deepEqual([code, killedBy], [0, null], `exit ${code} ${killedBy}\n${server.output.stderr}`);
      assert.ok(ms < 5_000, `took ${ms} ms`);
      assert.match(server.output.stdout, new RegExp(`kyc-preflight mock: ${signal}, stopping\\nkyc-preflight mock: stopped\\n$`));
      assert.equal(await portOpen(port), false, "nothing listens any more");
      assert.equal(server.output.stderr, "");
    });
  }

  it("reads {sessions, apiKeys} state files and asks for no credential without keys", async () => {
    const state = join(dir, "verifa-state.json");
    const session = JSON.parse(readFileSync(join(SAMPLES, "verifa.json"), "utf8")).samples[0].state;
    writeFileSync(state, JSON.stringify({ sessions: [session] }));
    const server = startMock(["verifa", "--port", "0", "--state", state]);
    try {
      const url = await server.ready;
      assert.match(server.output.stdout, /\(1 session, no credential asked\)/);
      const res = await send(url, "PATCH", `/api/v1/sessions/${session.id}`, { headers: { "Content-Type": "application/json" }, body: { metadata: { risk_tier: null } } });
      assert.equal(res.status, 200);
      assert.equal("risk_tier" in res.body.metadata, false);
    } finally {
      await server.stop("SIGTERM");
    }
  });

  it("exits 2 on misuse: an unknown provider, a bad port, a bad state file, a port in use, mock options elsewhere", async () => {
    const bad = join(dir, "bad-state.json");
    writeFileSync(bad, JSON.stringify({ sessions: [{ status: "Approved" }] }));
    const run = (args) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8", timeout: 10_000 });
    for (const [args, pattern] of [
      [["mock", "acme"], /unknown provider "acme"/],
      [["mock"], /mock takes one provider/],
      [["mock", "didit", "--port", "99999"], /--port takes a port number/],
      [["mock", "didit", "--state", bad, "--port", "0"], /state file .*session_id/],
      [["check", "didit.update_session_status", bad, "--port", "1"], /--port is for mock only/],
    ]) {
      const res = run(args);
      assert.equal(res.status, 2, `${args.join(" ")}: ${res.stderr}`);
      assert.match(res.stderr, pattern);
    }
    const server = startMock(["anycheck", "--port", "0"]);
    try {
      const port = new URL(await server.ready).port;
      const res = run(["mock", "anycheck", "--port", port]);
      assert.equal(res.status, 2);
      assert.match(res.stderr, /cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
    } finally {
      await server.stop("SIGINT");
    }
  });
});
