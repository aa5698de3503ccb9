// `npm start`: from a fresh clone, installs what is missing, builds the package into
// pkg/, links it as node_modules/kyc-preflight (so the console imports it by name,
// through its exports map), and serves the review console (www/) with Vite on 127.0.0.1.
// The console is static: no server of its own, no network beyond its own origin.
import { existsSync, lstatSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { build } from "./build.mjs";
import { ensureNodeModules, log, root } from "./toolchain.mjs";

export const WWW = join(root, "www");
const VITE_CONFIG = join(WWW, "vite.config.js");

/** node_modules/kyc-preflight → pkg/, as `npm test`'s build step makes it. */
export function linkPackage() {
  const link = join(root, "node_modules", "kyc-preflight");
  const target = join(root, "pkg");
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === target) return;
  } catch {
    // missing: make it below
  }
  rmSync(link, { recursive: true, force: true });
  symlinkSync(target, link, "dir");
}

/** Builds the console into `outDir` (www/dist by default, git-ignored). */
export async function buildConsole(outDir = join(WWW, "dist")) {
  const vite = await import("vite");
  await vite.build({ configFile: VITE_CONFIG, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** Starts Vite's dev server for www/ on 127.0.0.1. */
export async function serveConsole({ port = Number(process.env.PORT) || 5173 } = {}) {
  const vite = await import("vite");
  const server = await vite.createServer({ configFile: VITE_CONFIG, server: { host: "127.0.0.1", port, strictPort: false } });
  await server.listen();
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureNodeModules();
  build("release");
  if (!existsSync(join(root, "pkg", "package.json"))) throw new Error("pkg/ was not built");
  linkPackage();
  const server = await serveConsole();
  const url = server.resolvedUrls?.local?.[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
  log("serving www/ with Vite; Ctrl+C stops it");
  console.log(`\n  kyc-preflight review console: ${url}\n`);
}
