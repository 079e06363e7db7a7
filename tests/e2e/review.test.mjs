// End-to-end tests of the review view: choose a base, edit, see what breaks, export, share.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { serveText, launch, setText, settle, shotsDir, fresh as freshApp, useApp, root } from "./harness.mjs";

let url, browser;
useApp(async (app) => {
  ({ url, browser } = app);
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

const BASE = `apiVersion: v3.1.0
kind: DataContract
id: orders
name: orders.v1
version: 1.0.0
status: active
schema:
  - id: orders_obj
    name: orders
    properties:
      - id: order_id
        name: order_id
        logicalType: string
        required: true
      - id: total
        name: total
        logicalType: number
`;

const fresh = () => freshApp(browser.context, url);

async function typeAtLine(page, line, fromEnd, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < line; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  for (let i = 0; i < fromEnd; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
  await settle(page);
}

test("snapshot a base, edit the draft, watch the badge, review, click a finding, download the Markdown", async () => {
  const page = await fresh();
  await setText(page, BASE);
  await page.click("#tab-review");
  await page.click("#snapshot-button");
  await page.selectOption("#base-select", "Snapshot 1");
  await settle(page);
  assert.equal(await page.textContent("#verdict"), "No changes");
  assert.equal(await page.textContent("#impact-badge"), "No breaking changes vs base");

  // Make order_id optional (line 14: `required: true`).
  await typeAtLine(page, 14, 4, "false");
  assert.equal(await page.textContent("#impact-badge"), "2 breaking vs base");
  assert.equal(await page.textContent("#verdict"), "Breaking for consumers — requires 2.0.0, declared 1.0.0");
  const finding = page.locator('.finding[data-rule="property-became-optional"]');
  assert.match(await finding.textContent(), /orders\.order_id property became optional/);
  assert.match(await finding.textContent(), /true → false/);

  await finding.click();
  await settle(page);
  assert.equal(await page.textContent("#compare-base .code-line.hit"), "14  required: true");
  assert.equal(await page.textContent("#compare-draft .code-line.hit"), "14  required: false");
  assert.match(await page.textContent("#status-cursor"), /^Ln 14,/);
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, "review.png") });

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-markdown")]);
  assert.equal(download.suggestedFilename(), "review.md");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "review.md");
  await download.saveAs(file);
  const md = fs.readFileSync(file, "utf8");
  assert.match(md, /^### Breaking for consumers — requires 2\.0\.0, declared 1\.0\.0/);
  assert.match(md, /\| breaking \| consumers \| `orders\.order_id` \| property became optional: `true` → `false` \| `property-became-optional` \|/);

  // Bumping the version to 2.0.0 leaves only the real break.
  await typeAtLine(page, 5, 5, "2.0.0");
  assert.equal(await page.textContent("#impact-badge"), "1 breaking vs base");
  assert.equal(await page.textContent("#verdict"), "Breaking for consumers — version 2.0.0");

  // Protecting producers instead: making a property optional does not break writers.
  await page.selectOption("#mode-select", "forward");
  await settle(page);
  assert.match(await page.textContent("#verdict"), /^Compatible for producers/);
});

test("a base from pasted text and from a file; JSON and changelog exports", async () => {
  const page = await fresh();
  await setText(page, BASE.replace("logicalType: number", "logicalType: integer").replace("1.0.0", "1.1.0"));
  await page.click("#tab-review");
  await page.click("#base-paste-button");
  await page.fill("#base-paste", BASE);
  await page.click("#base-paste-use");
  await settle(page);
  assert.match(await page.textContent("#verdict"), /requires 2\.0\.0, declared 1\.1\.0/);
  assert.equal(await page.locator('.finding[data-rule="logical-type-changed"]').count(), 1);

  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const jf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "r.json");
  await json.saveAs(jf);
  const report = JSON.parse(fs.readFileSync(jf, "utf8"));
  assert.equal(report.verdict, "breaking");
  assert.equal(report.requiredBump, "major");
  assert.equal(report.findings[0].rule, "logical-type-changed");

  const [log] = await Promise.all([page.waitForEvent("download"), page.click("#export-changelog")]);
  const lf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "c.md");
  await log.saveAs(lf);
  assert.match(fs.readFileSync(lf, "utf8"), /^## 1\.1\.0\n\n### Breaking changes\n\n- `orders\.total`: logical type changed \(`number` → `integer`\)/);

  // The migration SQL in the dialect chosen: the bytes `charter diff --format sql` writes.
  await page.selectOption("#migration-dialect", "mysql");
  const [mig] = await Promise.all([page.waitForEvent("download"), page.click("#export-migration")]);
  assert.equal(mig.suggestedFilename(), "migration.mysql.sql");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charter-"));
  const mf = path.join(dir, "m.sql");
  await mig.saveAs(mf);
  const migration = fs.readFileSync(mf, "utf8");
  assert.match(migration, /-- Breaks consumers and producers: decimal\(38,9\) → bigint rewrites the column; values that don't convert make it fail\.\nALTER TABLE orders MODIFY COLUMN total bigint NULL;/);
  fs.writeFileSync(path.join(dir, "base.yaml"), BASE);
  fs.writeFileSync(path.join(dir, "new.yaml"), BASE.replace("logicalType: number", "logicalType: integer").replace("1.0.0", "1.1.0"));
  const cli = spawnSync("cargo", ["run", "-q", "-p", "charter-cli", "--", "diff", "--format", "sql", "--dialect", "mysql", path.join(dir, "base.yaml"), path.join(dir, "new.yaml")], { cwd: root });
  assert.equal(migration, cli.stdout.toString());

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "base.odcs.yaml");
  fs.writeFileSync(file, BASE.replace("logicalType: number", "logicalType: integer"));
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#base-file-button")]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => /Current: file base\.odcs\.yaml/.test(document.querySelector("#base-select").textContent));
  await settle(page);
  assert.equal(await page.textContent("#verdict"), "No changes");
});

test("a base fetched from a URL the user types", async () => {
  const page = await fresh();
  // The page may connect only to the code hosts in its security policy; the test answers
  // for GitHub at the network layer (a github.com file page is fetched from its raw address).
  const asked = [];
  await page.route("https://raw.githubusercontent.com/**", (route) => {
    asked.push(route.request().url());
    const found = route.request().url().endsWith("/base.odcs.yaml");
    route.fulfill({ status: found ? 200 : 404, headers: { "access-control-allow-origin": "*" }, body: found ? BASE : "not found" });
  });
  await setText(page, BASE.replace("        required: true\n", ""));
  await page.click("#tab-review");
  await page.fill("#base-url", "https://github.com/orders/contracts/blob/main/base.odcs.yaml");
  await page.click("#base-url-fetch");
  await page.waitForSelector("#verdict");
  assert.match(await page.textContent("#verdict"), /^Breaking for consumers/);
  assert.deepEqual(asked, ["https://raw.githubusercontent.com/orders/contracts/main/base.odcs.yaml"]);
  await page.fill("#base-url", "https://raw.githubusercontent.com/orders/contracts/main/missing.yaml");
  await page.click("#base-url-fetch");
  await page.waitForSelector("#toast.error");
  assert.match(await page.textContent("#toast"), /answered 404/);
});

test("the page connects nowhere but its own origin and the code hosts, and runs no injected script", async () => {
  const remote = await serveText(BASE);
  try {
    const page = await fresh();
    await page.click("#tab-review");
    await page.fill("#base-url", remote.url);
    await page.click("#base-url-fetch");
    await page.waitForSelector("#toast.error");
    assert.match(await page.textContent("#toast"), /fetches review bases only from raw\.githubusercontent\.com.*Base from file/);
    // Even a script running in the page could not send anything out, nor add inline code.
    const blocked = await page.evaluate(async (u) => {
      try {
        await fetch(u);
        return false;
      } catch {
        return true;
      }
    }, remote.url);
    assert.equal(blocked, true);
    const ran = await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.append(s);
      return window.__injected === true;
    });
    assert.equal(ran, false);
  } finally {
    remote.server.close();
  }
});

test("the last download is offered as a base", async () => {
  const page = await fresh();
  await setText(page, BASE);
  await Promise.all([page.waitForEvent("download"), page.click("#download-button")]);
  await typeAtLine(page, 17, 6, "string");
  await page.click("#tab-review");
  await page.selectOption("#base-select", "Last download");
  await settle(page);
  assert.equal(await page.locator('.finding[data-rule="logical-type-changed"]').count(), 1);
});

test("a share link opens the same review in a fresh browser profile", async () => {
  const page = await fresh();
  await setText(page, BASE);
  await page.click("#tab-review");
  await page.click("#base-paste-button");
  await page.fill("#base-paste", BASE.replace("version: 1.0.0", "version: 0.9.0").replace("      - id: total\n        name: total\n        logicalType: number\n", ""));
  await page.click("#base-paste-use");
  await settle(page);
  await page.click("#share-link");
  await page.waitForSelector("#toast");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#review=/);

  const other = await launch();
  try {
    const p2 = other.context.pages()[0] || (await other.context.newPage());
    await p2.goto(link);
    await p2.waitForSelector("#verdict");
    assert.match(await p2.textContent("#verdict"), /^Compatible for consumers/);
    assert.equal(await p2.locator('.finding[data-rule="property-added"]').count(), 1);
    assert.match(await p2.textContent(".cm-content"), /name: total/);
    assert.equal(await p2.evaluate(() => location.hash), "");

    // Pasting the link into the address bar of an open tab works too, and a damaged link says so.
    await p2.click("#tab-problems");
    await p2.evaluate((l) => { location.hash = new URL(l).hash; }, link);
    await p2.waitForSelector("#verdict");
    await p2.evaluate(() => { location.hash = "review=damaged!"; });
    await p2.waitForSelector("#toast.error");
    assert.match(await p2.textContent("#toast"), /this review link is damaged/);
  } finally {
    await other.context.close();
  }
});

test("named snapshots, and the rules reference lists every rule of the catalogue", async () => {
  const page = await fresh();
  await setText(page, BASE);
  await page.click("#tab-review");
  await page.fill("#snapshot-name", "before refactor");
  await page.click("#snapshot-button");
  await page.selectOption("#base-select", "before refactor");
  await settle(page);
  assert.equal(await page.textContent("#verdict"), "No changes");

  await page.click("#tab-rules");
  const documented = fs.readFileSync(new URL("../../docs/change-rules.md", import.meta.url), "utf8")
    .split("\n").filter((l) => /^\| `[a-z-]+` \|/.test(l)).length;
  assert.ok(documented > 30);
  assert.equal(await page.locator("#rules-reference .rule[data-rule]").count(), documented);
  assert.match(await page.textContent('#rules-reference [data-rule="property-became-optional"]'), /Readers that assumed a value is always present/);
  assert.ok((await page.locator("#rules-reference .rule[data-code]").count()) > 10);
});

test("the same change to several columns is one finding naming them all", async () => {
  const page = await fresh();
  await setText(page, BASE);
  await page.click("#tab-review");
  await page.click("#base-paste-button");
  await page.fill("#base-paste", BASE);
  await page.click("#base-paste-use");
  await settle(page);
  await setText(page, BASE.replace("version: 1.0.0", "version: 1.0.1").replace("name: order_id\n", "name: order_id\n        tags: [pii]\n").replace("name: total\n", "name: total\n        tags: [pii]\n"));
  await page.waitForSelector('.finding[data-rule="tags-changed"]');
  assert.equal(await page.locator('.finding[data-rule="tags-changed"]').count(), 1);
  const f = page.locator('.finding[data-rule="tags-changed"]');
  assert.match(await f.textContent(), /orders\.order_id and 1 more tags changed/);
  assert.equal(await f.locator(".finding-more").getAttribute("title"), "orders.total");
  assert.equal(await page.locator("#route").count(), 0, "no route without a breaking change");
});
