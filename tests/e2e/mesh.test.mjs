// End-to-end tests of the data mesh: the Mesh view of the documents open, the products a
// breaking change hits in Review, the deprecation notice, in Debian's Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setText, settle, shotsDir, fresh as freshApp, dropFile, useApp } from "./harness.mjs";
import { ORDERS, MESH_FILES } from "./fixtures.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));
const fresh = () => freshApp(browser.context, url);

/** Open the mesh's files one by one, as a person drops them on the window, and close the
 *  example contract a first visit starts with. */
async function openMesh(page) {
  for (const [name, text] of MESH_FILES) {
    await dropFile(page, text, name);
    await page.waitForFunction((n) => document.querySelector(".doc-name")?.textContent === n, name);
  }
  await page.click('#doc-tabs .doc-tab:has(.doc-tab-name[title^="orders.events.v1.odcs.yaml"]) .doc-tab-close');
  await page.waitForFunction(() => document.querySelectorAll("#doc-tabs .doc-tab").length === 6);
  await settle(page);
}

async function saved(download) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), download.suggestedFilename());
  await download.saveAs(file);
  return fs.readFileSync(file, "utf8");
}

test("the Mesh view draws the products open, who reads what, and highlights a product owned by one person", async () => {
  const page = await fresh();
  await openMesh(page);
  await page.click("#view-mesh");
  await page.waitForSelector("#mesh-summary");
  assert.equal(await page.textContent("#mesh-summary"), "3 data products · 3 contracts · 4 gaps");
  const marketing = page.locator('[data-product="marketing.campaigns"]');
  assert.ok(await marketing.evaluate((e) => e.classList.contains("gap-single-owner")), "the single-owner product is highlighted");
  assert.match(await marketing.locator(".gap-badge").first().textContent(), /one owner/);
  assert.match(await marketing.textContent(), /orders-in ← orders-events-v1 from shop/);
  assert.match(await marketing.textContent(), /campaigns → campaigns-v1 → finance\.roi/);
  const shop = page.locator('[data-product="shop"]');
  assert.equal(await shop.locator(".gap-badge").count(), 0, "a product with a team, support and a freshness promise has no gap");
  const finance = page.locator('[data-product="finance.roi"]');
  assert.match(await finance.textContent(), /no support channel/);
  assert.ok(await page.locator('[data-contract="stock-v1"]').evaluate((e) => e.classList.contains("gap-unconsumed")));
  assert.match(await page.textContent("#mesh-gaps"), /marketing\.campaigns: owned by one person \(growth\)/);
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, "mesh.png") });

  // A product's name opens its manifest; the view follows the edits made there.
  await marketing.locator(".mesh-name").click();
  await settle(page);
  assert.equal(await page.textContent(".doc-name"), "marketing.odps.yaml");
  await page.click("#view-yaml");
  await setText(page, MESH_FILES[4][1].replace("    - username: max\n", "    - username: max\n    - username: eve\n"));
  await page.click("#view-mesh");
  await page.waitForFunction(() => !document.querySelector('[data-product="marketing.campaigns"]')?.classList.contains("gap-single-owner"));
  assert.equal(await page.textContent("#mesh-summary"), "3 data products · 3 contracts · 3 gaps");

  // The mesh as a Mermaid chart.
  const [chart] = await Promise.all([page.waitForEvent("download"), page.click("#mesh-export")]);
  assert.equal(chart.suggestedFilename(), "mesh.mmd");
  assert.match(await saved(chart), /^flowchart LR\n/);
});

test("Review names the products a breaking change hits, filters by severity and downloads a deprecation notice", async () => {
  const page = await fresh();
  await openMesh(page);
  await page.click('#doc-tabs .doc-tab-name[title^="orders.odcs.yaml"]');
  await settle(page);
  assert.equal(await page.textContent(".doc-name"), "orders.odcs.yaml");
  await page.click("#tab-review");
  await page.click("#snapshot-button");
  await page.selectOption("#base-select", "Snapshot 1");
  await settle(page);
  // The owner drops `required` from order_id and adds a documentation line.
  await setText(page, ORDERS.replace("        required: true\n", "        description: The order.\n"));
  await page.waitForSelector("#impact");
  assert.equal(await page.textContent("#impact strong"), "Breaks 2 data products");
  const hits = await page.$$eval("#impact .impact-product", (ls) => ls.map((l) => l.dataset.product));
  assert.deepEqual(hits, ["marketing.campaigns", "finance.roi"]);
  assert.match(await page.textContent('#impact [data-product="marketing.campaigns"]'), /team growth · #growth-data/);
  assert.match(await page.textContent('#impact [data-product="finance.roi"]'), /orders-events-v1 → marketing\.campaigns → campaigns-v1 → finance\.roi/);
  assert.match(await page.textContent('.finding[data-rule="property-became-optional"]'), /Breaks marketing\.campaigns, finance\.roi/);
  assert.match(await page.textContent("#release-notes"), /breaks its consumers: property became optional/);
  await page.click("#route summary");
  assert.equal(await page.locator("#route li").count(), 3);
  assert.match(await page.textContent("#route"), /Tell marketing\.campaigns, finance\.roi and keep both versions/);

  // Only breaking findings; then all again, most severe first.
  const all = await page.locator(".finding").count();
  await page.selectOption("#severity-filter", "breaking");
  assert.ok(await page.locator(".finding").count() < all);
  assert.equal(await page.locator(".finding.info").count(), 0);
  assert.match(await page.textContent("#findings-hidden"), /hidden/);
  await page.selectOption("#severity-filter", "all");
  await page.selectOption("#sort-select", "severity");
  const order = await page.$$eval(".finding .badge", (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(await page.$$eval("#findings .group", (hs) => hs.map((h) => h.textContent)), ["Breaking", "Information"]);
  assert.deepEqual(order, [...order].sort((a, b) => ["breaking", "warning", "info"].indexOf(a) - ["breaking", "warning", "info"].indexOf(b)));

  // Clicking a finding keeps the side-by-side view in sight.
  await page.locator('.finding[data-rule="property-became-optional"]').click();
  await settle(page);
  const inView = await page.$eval("#compare", (el) => {
    const r = el.getBoundingClientRect();
    const p = document.querySelector("#review").getBoundingClientRect();
    return r.top < p.bottom && r.bottom > p.top;
  });
  assert.ok(inView, "the side-by-side view is visible");
  await page.screenshot({ path: path.join(shotsDir, "review-impact.png") });

  const [notice] = await Promise.all([page.waitForEvent("download"), page.click("#export-notice")]);
  assert.equal(notice.suggestedFilename(), "deprecation-notice.md");
  const md = await saved(notice);
  assert.match(md, /^# Deprecation notice: orders\.events\.v1 1\.2\.0\n/);
  assert.match(md, /published as a new major contract, `orders\.events\.v2`/);
  assert.match(md, /\| `marketing\.campaigns` \| growth \| \\#growth-data \|/);
  const today = new Date().toISOString().slice(0, 10);
  assert.match(md, new RegExp(`\\| ${today} \\| \`orders\\.events\\.v2\` 2\\.0\\.0 is published`));

  // The Markdown report says whom to notify.
  const [report] = await Promise.all([page.waitForEvent("download"), page.click("#export-markdown")]);
  const r = await saved(report);
  assert.match(r, /#### Who to notify/);
  assert.match(r, /#### A route that breaks no one/);

  // A draft that doesn't validate is said first, above the verdict.
  assert.equal(await page.locator("#review-validity").count(), 0);
  await setText(page, ORDERS.replace("status: active\n", "status: active\nnmae: typo\n"));
  await page.waitForSelector("#review-validity .validity.invalid");
  assert.match(await page.textContent("#review-validity"), /^The new contract is not valid: 1 error \(first: line 7, unknown-key/);
});

/** In the page: a fake folder (the File System Access API's handles) holding the mesh's
 *  files, a products/ sub-folder, a README and a node_modules folder (left out); writes are
 *  recorded in `window.__written`. */
async function fakeFolder(page) {
  await page.evaluate((files) => {
    window.__written = {};
    const file = (name, text) => ({
      kind: "file", name,
      getFile: async () => new File([text], name),
      createWritable: async () => {
        let buf = "";
        return { write: async (t) => { buf += t; }, close: async () => { window.__written[name] = buf; } };
      },
    });
    const dir = (name, entries) => ({ kind: "directory", name, values: async function* () { yield* entries; } });
    const top = files.filter(([n]) => n.endsWith(".odcs.yaml")).map(([n, t]) => file(n, t));
    const products = files.filter(([n]) => n.endsWith(".odps.yaml")).map(([n, t]) => file(n, t));
    window.__folder = dir("mesh", [
      ...top,
      file("README.md", "# not a contract"),
      dir("products", products),
      dir("node_modules", [file("junk.yaml", "kind: DataContract\nid: junk\n")]),
    ]);
  }, MESH_FILES);
}

const tabCount = (page) => page.locator("#doc-tabs .doc-tab").count();

test("a folder opened with the picker becomes the workspace, and Save writes a document back to its file", async () => {
  const page = await fresh();
  await fakeFolder(page);
  await page.evaluate(() => { window.showDirectoryPicker = async () => window.__folder; });
  const before = await tabCount(page);
  await page.click("#open-folder-button");
  await page.waitForFunction((n) => document.querySelectorAll("#doc-tabs .doc-tab").length === n, before + 6);
  await settle(page);
  assert.equal(await page.textContent("#toast"), "Opened 6 files from folder mesh: Save writes each back to its file.");
  assert.equal(await page.textContent(".doc-name"), "campaigns.odcs.yaml");
  assert.equal(await page.textContent("#download-button"), "Save");
  await setText(page, MESH_FILES[1][1].replace("version: 1.0.0", "version: 1.1.0"));
  await page.keyboard.press("Control+s");
  await page.waitForFunction(() => window.__written["campaigns.odcs.yaml"]);
  assert.equal(await page.evaluate(() => window.__written["campaigns.odcs.yaml"]), MESH_FILES[1][1].replace("version: 1.0.0", "version: 1.1.0"));
  assert.equal(await page.textContent("#toast"), "Saved campaigns.odcs.yaml to its file.");
  // The folder's products are in the mesh.
  await page.click("#view-mesh");
  await page.waitForSelector('[data-product="marketing.campaigns"]');
  assert.match(await page.textContent("#mesh-summary"), /^3 data products · 4 contracts/);
  // A document not from the folder still downloads.
  await page.click('#doc-tabs .doc-tab-name[title^="orders.events.v1.odcs.yaml"]');
  await settle(page);
  assert.equal(await page.textContent("#download-button"), "Download");
});

test("without the picker a folder is read through the folder input; a folder dropped on the window opens too", async () => {
  const page = await fresh();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charter-mesh-"));
  fs.mkdirSync(path.join(dir, "products"));
  for (const [name, text] of MESH_FILES) {
    fs.writeFileSync(path.join(dir, name.endsWith(".odps.yaml") ? `products/${name}` : name), text);
  }
  fs.writeFileSync(path.join(dir, "notes.txt"), "not YAML");
  await page.evaluate(() => { window.showDirectoryPicker = undefined; });
  const before = await tabCount(page);
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#open-folder-button")]);
  await chooser.setFiles(dir);
  await page.waitForFunction((n) => document.querySelectorAll("#doc-tabs .doc-tab").length === n, before + 6);
  assert.match(await page.textContent("#toast"), /^Opened 6 files from folder charter-mesh-/);
  assert.equal(await page.textContent("#download-button"), "Download");

  // A dropped folder (the browser hands its handle to the drop).
  const page2 = await fresh();
  await fakeFolder(page2);
  const n2 = await tabCount(page2);
  await page2.evaluate(() => {
    DataTransferItem.prototype.getAsFileSystemHandle = function () { return Promise.resolve(window.__folder); };
    const dt = new DataTransfer();
    dt.items.add(new File(["x"], "mesh"));
    for (const type of ["dragenter", "dragover", "drop"]) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  });
  await page2.waitForFunction((n) => document.querySelectorAll("#doc-tabs .doc-tab").length === n, n2 + 6);
  assert.equal(await page2.textContent("#toast"), "Opened 6 files from the dropped folder: Save writes each back to its file.");
});
