// Headless Chromium for the browser suites: static routes served on 127.0.0.1 (an
// ephemeral port) and one persistent context launched with packaging.md's flags.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, chromiumArgs } from "../../scripts/toolchain.mjs";

const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".jsonl": "application/jsonl",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

/**
 * Serves `pages` (path → HTML) and `routes` (URL prefix → directory), never outside those
 * directories. Resolves to `{ origin, served, close }`; `served` lists each request.
 */
export function serve({ pages = {}, routes = {} }) {
  const served = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (Object.hasOwn(pages, url.pathname)) {
      served.push({ path: url.pathname, status: 200 });
      return res.writeHead(200, { "Content-Type": "text/html" }).end(pages[url.pathname]);
    }
    const prefix = Object.keys(routes).find((p) => url.pathname.startsWith(p));
    const dir = prefix && routes[prefix];
    let file = dir && normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    const ok = file && (file === dir || file.startsWith(dir + sep)) && existsSync(file);
    served.push({ path: url.pathname, status: ok ? 200 : 404 });
    if (!ok) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ origin: `http://127.0.0.1:${server.address().port}`, served, close: () => server.close() }),
    ),
  );
}

/** A persistent Chromium context in a fresh profile; `close()` removes the profile. */
export async function launch(options = {}) {
  const userData = mkdtempSync(join(tmpdir(), "kp-chromium-"));
  // Playwright takes the profile directory as its own argument, not as a flag.
  const args = chromiumArgs(userData).filter((arg) => !arg.startsWith("--user-data-dir="));
  const context = await chromium.launchPersistentContext(userData, { executablePath: CHROMIUM, args, headless: true, ...options });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
