// The golden corpus in headless Chromium, through the package's default entry (the
// bundled ESM module users import, pkg/dist/esm/index.js, by an import map): every report
// computed in the page must deep-equal the native core's answer, for the body as text,
// as bytes and as a value.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { root } from "../../scripts/toolchain.mjs";
import { launch, serve } from "./chromium.mjs";

const PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "kyc-preflight": "/pkg/dist/esm/index.js" } }</script>
<script type="module">
  import * as kp from "kyc-preflight";
  import * as golden from "/tests/golden-replay.mjs";
  Object.assign(window, { kp, golden });
  document.body.dataset.ready = "1";
</script>
<body></body>`;

const lines = readFileSync(join(root, "tests", "golden", "reports.jsonl"), "utf8").split("\n").filter(Boolean).length;

describe("golden corpus in Chromium", () => {
  let web, browser, page;
  const pageErrors = [];

  before(async () => {
    web = await serve({
      pages: { "/": PAGE },
      routes: { "/pkg/": join(root, "pkg"), "/tests/": join(root, "tests", "js"), "/golden/": join(root, "tests", "golden") },
    });
    browser = await launch();
    browser.context.setDefaultTimeout(60_000);
    page = await browser.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${web.origin}/`);
    await page.waitForSelector("body[data-ready]", { state: "attached" });
  });

  after(async () => {
    await browser?.close();
    web?.close();
    assert.deepEqual(pageErrors, []);
  });

  it("every report computed in the page equals the native core's", async () => {
    const result = await page.evaluate(async () => {
      const { kp, golden } = window;
      const corpus = golden.parseCorpus(await (await fetch("/golden/reports.jsonl")).text());
      const { calls, differences } = golden.replay(kp, corpus, golden.sameAnswer(golden.plainEqual));
      return { entries: corpus.length, calls, count: differences.length, first: differences.slice(0, 3) };
    });
    assert.equal(result.entries, lines);
    assert.ok(result.calls > result.entries * 2, `${result.calls} calls`);
    assert.equal(result.count, 0, `${result.count} of ${result.calls} calls differ:\n${JSON.stringify(result.first, null, 1)}`);
  });
});
