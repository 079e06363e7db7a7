// End-to-end tests of guided authoring, in Debian's Chromium, doing what a person does.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { settle, shotsDir, fresh as freshApp, editorText, dropFile, clearStorage, useApp } from "./harness.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));

const fresh = () => freshApp(browser.context, url);
const dialogOpen = (page) => page.evaluate(() => document.querySelector("#new-contract-dialog").open);

test("New contract… asks four questions and opens a valid contract, the cursor where its next column goes", async () => {
  const page = await fresh();
  const tabs = await page.locator(".doc-tab").count();
  await page.click("#new-button");
  await page.click("#new-contract");
  assert.equal(await dialogOpen(page), true);
  // The first question is ready to type; Escape leaves without a new document.
  assert.equal(await page.evaluate(() => document.activeElement.id), "nc-name");
  await page.keyboard.press("Escape");
  assert.equal(await dialogOpen(page), false);
  assert.equal(await page.locator(".doc-tab").count(), tabs);

  await page.click("#new-button");
  await page.click("#new-contract");
  // Name and first table are required: Create without them keeps the dialog open.
  await page.click("#nc-create");
  assert.equal(await dialogOpen(page), true);
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.keyboard.type("orders.events.v1");
  await page.fill("#nc-domain", "orders");
  await page.fill("#nc-team", "orders-team");
  // A table name YAML would misread unquoted.
  await page.fill("#nc-table", "order lines: 2024");
  await page.screenshot({ path: path.join(shotsDir, "new-contract-dialog.png") });
  await page.keyboard.press("Enter");
  assert.equal(await dialogOpen(page), false);
  await page.waitForFunction(() => document.querySelector(".doc-name").textContent === "orders.events.v1.odcs.yaml");
  await settle(page);
  assert.equal(await page.locator(".doc-tab").count(), tabs + 1);
  // Two tabs of the same name are told apart; the tooltip has the whole file name.
  const labels = await page.$$eval("#doc-tabs .doc-tab-label", (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(labels, ["orders.events.v1", "orders.events.v1 (2)"]);
  assert.match(await page.getAttribute("#doc-tabs .doc-tab.active .doc-tab-name", "title"), /^orders\.events\.v1\.odcs\.yaml \(Data contract\)$/);
  assert.match(await page.textContent("#status-counts"), /Valid/);
  assert.equal(await page.textContent("#status-standard"), "ODCS v3.2.0");
  const text = await editorText(page);
  assert.match(text, /^apiVersion: v3\.2\.0\nkind: DataContract\nid: orders-events-v1\nname: orders\.events\.v1\n/);
  assert.match(text, /\ndomain: orders\nteam:\n  name: orders-team\n/);
  assert.match(text, /\n  - name: "order lines: 2024"\n/);
  // What to add next: said in the YAML where it goes, and listed as hints in Problems.
  assert.match(text, /# Next: one entry per column under `properties`/);
  const hints = await page.$$eval(".problem", (ps) => ps.map((p) => p.dataset.code));
  assert.ok(hints.includes("support-channel") && hints.includes("freshness-sla"), hints.join(", "));
  // The cursor waits at the end of the first column, in the editor.
  assert.equal(await page.textContent("#status-cursor"), "Ln 18, Col 23");
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("cm-content")), true);
  await page.screenshot({ path: path.join(shotsDir, "new-contract-created.png") });
  assert.deepEqual(page.jsErrors, []);
});

test("Preview shows the page consumers read, live, escaped, printable and downloadable as one HTML file", async () => {
  const page = await fresh();
  await page.click("#view-preview");
  await page.waitForSelector("#preview h1");
  assert.equal(await page.textContent("#preview h1"), "orders.events.v1");
  assert.equal(await page.isVisible("#editor"), false);
  const headings = await page.$$eval("#preview h2", (hs) => hs.map((h) => h.textContent));
  for (const h of ["Schema", "Service levels", "Servers", "Team", "Support"]) assert.ok(headings.includes(h), headings.join(", "));
  assert.ok(await page.locator("#preview .pv-key").count() > 0, "a primary key badge");
  await page.screenshot({ path: path.join(shotsDir, "preview.png") });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: path.join(shotsDir, "preview-dark.png") });
  await page.setViewportSize({ width: 700, height: 900 });
  await page.screenshot({ path: path.join(shotsDir, "preview-narrow.png") });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });

  // The view tabs take the arrow keys, as any tab list.
  await page.focus("#view-preview");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getAttribute("#view-mesh", "aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "view-mesh");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#view-preview", "aria-selected"), "true");
  await page.waitForSelector("#preview h1");

  // Ctrl+Shift+V goes back to the YAML, with the keyboard in the editor; an edit there
  // shows in the preview when it comes back.
  await page.keyboard.press("Control+Shift+V");
  assert.equal(await page.isVisible("#editor"), true);
  // The focus moves once the editor is shown again (a task later): wait for it.
  await page.waitForFunction(() => document.activeElement.classList.contains("cm-content"), null, { timeout: 2000 });
  const hostile = `apiVersion: v3.2.0
kind: DataContract
id: hostile
name: "<script>window.pwned = 1</script>orders & co"
version: 1.0.0
status: draft
description:
  purpose: "<img src=x onerror=\\"window.pwned = 2\\">"
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        primaryKey: true
support:
  - channel: evil
    url: "javascript:window.pwned = 3"
`;
  await page.click(".cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(hostile);
  await settle(page);
  await page.keyboard.press("Control+Shift+V");
  await page.waitForFunction(() => document.querySelector("#preview h1")?.textContent.includes("orders & co"));
  assert.equal(await page.textContent("#preview h1"), "<script>window.pwned = 1</script>orders & co");
  assert.equal(await page.locator("#preview script, #preview img, #preview a[href^=javascript]").count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);

  // Download HTML: one standalone file, no script, the text escaped.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-html")]);
  assert.equal(download.suggestedFilename(), "script-window.pwned---1--script-orders---co.html");
  const html = fs.readFileSync(await download.path(), "utf8");
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  assert.ok(!/<script|<img/.test(html), "no markup from the contract");
  assert.ok(html.includes("&lt;script&gt;window.pwned = 1&lt;/script&gt;orders &amp; co"));
  // The file opened on its own with the browser offline: the page is all there, nothing
  // is fetched and nothing from the contract runs.
  const file = path.join(os.tmpdir(), `charter-preview-${process.pid}.html`);
  fs.writeFileSync(file, html);
  const context = page.context();
  await context.setOffline(true);
  const offline = await context.newPage();
  const fetched = [];
  offline.on("request", (r) => { if (!r.url().startsWith("file:")) fetched.push(r.url()); });
  await offline.goto(`file://${file}`);
  assert.match(await offline.textContent("h1"), /orders & co$/);
  assert.ok((await offline.locator("table").count()) > 0);
  assert.equal(await offline.evaluate(() => window.pwned), undefined);
  assert.deepEqual(fetched, []);
  await offline.close();
  await context.setOffline(false);
  fs.rmSync(file);
  // A problem clicked in the preview opens in the YAML, at its line.
  const first = page.locator(".problem").first();
  const line = await first.getAttribute("data-line");
  await first.click();
  assert.equal(await page.isVisible("#editor"), true);
  await page.waitForFunction((l) => document.querySelector("#status-cursor").textContent.startsWith(`Ln ${l},`), line);
  await page.keyboard.press("Control+Shift+V");
  // Print is the browser's own dialog; the button is there.
  assert.equal(await page.isVisible("#print-preview"), true);
  assert.deepEqual(page.jsErrors, []);
});

test("a first visit says how to start: New contract… or Open, dismissed for good", async () => {
  const page = await fresh();
  assert.equal(await page.isVisible("#welcome"), true);
  await page.screenshot({ path: path.join(shotsDir, "welcome.png") });
  // Open a file… opens the file picker (and the bar has done its job).
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#welcome-open")]);
  assert.ok(chooser);
  assert.equal(await page.isVisible("#welcome"), false);
  await page.reload();
  await page.waitForSelector(".cm-content");
  await clearStorage(page);
  await page.reload();
  await page.waitForSelector("#welcome");
  await page.click("#welcome-new");
  assert.equal(await dialogOpen(page), true);
  assert.equal(await page.isVisible("#welcome"), false);
  await page.keyboard.press("Escape");
  // Not a first visit any more after a reload.
  await page.reload();
  await page.waitForSelector(".cm-content");
  assert.equal(await page.isVisible("#welcome"), false);
  assert.deepEqual(page.jsErrors, []);
});

test("the Schema view edits a cell as a one-line change of the YAML, undone with Ctrl+Z", async () => {
  const page = await fresh();
  // What Download gives: the document's bytes.
  const saved = async () => {
    const [d] = await Promise.all([page.waitForEvent("download"), page.click("#download-button")]);
    return fs.readFileSync(await d.path(), "utf8");
  };
  const changed = (a, b) => {
    const [x, y] = [a.split("\n"), b.split("\n")];
    assert.equal(y.length, x.length, "no line added or removed");
    return x.map((l, i) => [l, y[i]]).filter(([l, m]) => l !== m).map(([, m]) => m.trim()).sort();
  };
  const original = await saved();
  await page.click("#view-schema");
  const row = (i) => `#schema-view tr[data-pointer='/schema/0/properties/${i}']`;
  await page.waitForSelector(row(0));
  assert.equal(await page.inputValue(`${row(0)} [data-key=name]`), "event_id");
  assert.equal(await page.isChecked(`${row(0)} [data-key=primaryKey]`), true);
  await page.screenshot({ path: path.join(shotsDir, "schema-view.png") });

  // A description YAML would misread, typed into a cell and confirmed with Enter; then
  // "required" unticked on the same row and a logical type chosen on the next.
  const cell = `${row(2)} [data-key=description]`;
  await page.fill(cell, "yes: the order, #1");
  await page.press(cell, "Enter");
  await settle(page);
  await page.click(`${row(2)} [data-key=required]`);
  await settle(page);
  await page.selectOption(`${row(3)} [data-key=logicalType]`, "integer");
  await settle(page);
  assert.equal(await page.inputValue(cell), "yes: the order, #1");
  assert.equal(await page.isChecked(`${row(2)} [data-key=required]`), false);
  assert.equal(await page.inputValue(`${row(3)} [data-key=logicalType]`), "integer");
  // Each cell is one line of the YAML; every other byte is as it was.
  assert.deepEqual(changed(original, await saved()), ['description: "yes: the order, #1"', "logicalType: integer", "required: false"]);

  // Undo in the editor takes the last cell edit back.
  await page.click("#view-yaml");
  await page.click(".cm-content");
  await page.keyboard.press("Control+z");
  await settle(page);
  assert.deepEqual(changed(original, await saved()), ['description: "yes: the order, #1"', "required: false"]);
  await page.click("#view-schema");
  await page.waitForSelector(row(3));
  await settle(page);
  assert.equal(await page.inputValue(`${row(3)} [data-key=logicalType]`), "string");

  // ArrowDown moves to the same cell of the next row, like a spreadsheet.
  await page.focus(`${row(0)} [data-key=physicalType]`);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.closest("tr").dataset.pointer + " " + document.activeElement.dataset.key), "/schema/0/properties/1 physicalType");

  // "+ Add column" appends a row (an item of `properties`), × removes it again.
  const rows = await page.locator("#schema-view tr[data-pointer]").count();
  await page.click("#schema-view .st-add");
  await page.waitForFunction((n) => document.querySelectorAll("#schema-view tr[data-pointer]").length === n + 1, rows);
  const added = page.locator("#schema-view tr[data-pointer]").last();
  assert.equal(await added.locator("[data-key=name]").inputValue(), "new_column");
  assert.match(await saved(), /\n      - name: new_column\n        logicalType: string\n/);
  await added.hover();
  await added.locator(".st-x").click();
  await page.waitForFunction((n) => document.querySelectorAll("#schema-view tr[data-pointer]").length === n, rows);
  assert.ok(!(await saved()).includes("new_column"));
  assert.deepEqual(page.jsErrors, []);
});

test("the Schema view of 5,000 columns draws only the rows in sight, scrolls to any of them and edits the last", async () => {
  const page = await fresh();
  let text = "apiVersion: v3.2.0\nkind: DataContract\nid: big\nname: big.v1\nversion: 1.0.0\nstatus: draft\nschema:\n";
  for (let t = 0; t < 100; t++) {
    text += `  - name: table_${t}\n    properties:\n`;
    for (let c = 0; c < 50; c++) text += `      - name: col_${c}\n        logicalType: ${t === 99 && c === 40 ? "strin" : "string"}\n`;
  }
  await dropFile(page, text, "big.odcs.yaml");
  await page.waitForFunction(() => document.querySelector(".doc-name").textContent === "big.odcs.yaml");
  await settle(page);
  await page.click("#view-schema");
  await page.waitForSelector("#schema-view tr[data-pointer]");
  const drawn = () => page.locator("#schema-view tr[data-pointer]").count();
  assert.ok((await drawn()) < 120, `${await drawn()} rows drawn`);
  // The grid is as tall as all its rows: the scroll bar says where one is.
  const height = await page.$eval("#schema-view", (v) => v.scrollHeight);
  assert.ok(height > 5000 * 33, `${height}px`);
  // The end of the grid: the last table's last column, edited there.
  await page.$eval("#schema-view", (v) => { v.scrollTop = v.scrollHeight; });
  const last = "#schema-view tr[data-pointer='/schema/99/properties/49'] [data-key=name]";
  await page.waitForSelector(last);
  assert.ok((await drawn()) < 120);
  await page.fill(last, "last_col");
  await page.press(last, "Enter");
  await settle(page);
  assert.equal(await page.inputValue(last), "last_col");
  const [d] = await Promise.all([page.waitForEvent("download"), page.click("#download-button")]);
  assert.match(fs.readFileSync(await d.path(), "utf8"), /\n      - name: last_col\n        logicalType: string\n$/);
  // A problem of a column out of sight: the grid scrolls to it and its cell has the focus.
  await page.$eval("#schema-view", (v) => { v.scrollTop = 0; });
  await page.waitForSelector("#schema-view tr[data-pointer='/schema/0/properties/0']");
  await page.click(".problem[data-code=invalid-enum]");
  await page.waitForFunction(() => document.activeElement?.closest("tr")?.dataset.pointer === "/schema/99/properties/40" && document.activeElement.dataset.key === "logicalType");
  assert.equal(await page.$eval("#schema-view tr[data-pointer='/schema/99/properties/40'] [data-key=logicalType]", (e) => e.classList.contains("st-bad")), true);
  // ArrowDown goes on into the next table, over its heading.
  const end98 = "#schema-view tr[data-pointer='/schema/98/properties/49']";
  for (let i = 0; i < 20 && !(await page.$(end98)); i++) {
    await page.$eval("#schema-view", (v) => { v.scrollTop -= 330; });
    await page.waitForTimeout(50);
  }
  await page.focus("#schema-view tr[data-pointer='/schema/98/properties/49'] [data-key=name]");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => document.activeElement.closest("tr")?.dataset.pointer === "/schema/99/properties/0" && document.activeElement.dataset.key === "name");
  assert.deepEqual(page.jsErrors, []);
});

test("a problem clicked in the Schema view opens its cell there", async () => {
  const page = await fresh();
  const text = "apiVersion: v3.2.0\nkind: DataContract\nid: x\nname: x.v1\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: orders\n    properties:\n      - name: id\n        logicalType: string\n      - name: total\n        logicalType: strin\n";
  await dropFile(page, text, "x.odcs.yaml");
  await page.waitForFunction(() => document.querySelector(".doc-name").textContent === "x.odcs.yaml");
  await settle(page);
  await page.click("#view-schema");
  const select = "#schema-view tr[data-pointer='/schema/0/properties/1'] [data-key=logicalType]";
  await page.waitForSelector(select);
  assert.equal(await page.inputValue(select), "strin");
  await page.click(".problem[data-code=invalid-enum]");
  assert.equal(await page.isVisible("#schema-view"), true);
  await page.waitForFunction(() => document.activeElement.closest("tr")?.dataset.pointer === "/schema/0/properties/1" && document.activeElement.dataset.key === "logicalType");
  // Fixed from the cell: the problem goes.
  await page.selectOption(select, "number");
  await settle(page);
  assert.equal(await page.locator(".problem[data-code=invalid-enum]").count(), 0);
  // Ctrl+Z in the grid (outside a text cell) undoes that edit in the editor; Ctrl+Shift+Z
  // redoes it.
  await page.keyboard.press("Control+z");
  await settle(page);
  assert.equal(await page.inputValue(select), "strin");
  assert.equal(await page.locator(".problem[data-code=invalid-enum]").count(), 1);
  await page.focus(select);
  await page.keyboard.press("Control+Shift+z");
  await settle(page);
  assert.equal(await page.inputValue(select), "number");

  // Alt+ArrowDown moves a column down its table (its lines move in the YAML), the focus with it.
  const name = (i) => `#schema-view tr[data-pointer='/schema/0/properties/${i}'] [data-key=name]`;
  await page.focus(name(0));
  await page.keyboard.press("Alt+ArrowDown");
  await page.waitForFunction((sel) => document.querySelector(sel).value === "id", name(1));
  assert.equal(await page.inputValue(name(0)), "total");
  assert.equal(await page.evaluate(() => document.activeElement.closest("tr").dataset.pointer), "/schema/0/properties/1");
  const [d] = await Promise.all([page.waitForEvent("download"), page.click("#download-button")]);
  assert.match(fs.readFileSync(await d.path(), "utf8"), /- name: total\n        logicalType: number\n      - name: id\n        logicalType: string\n$/);
  assert.deepEqual(page.jsErrors, []);
});

test("the New menu goes through its items with the arrows and closes with Escape or a click elsewhere; Tab passes through the editor", async () => {
  const page = await fresh();
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.template || document.activeElement?.className);
  await page.click("#new-button");
  await page.waitForFunction(() => document.activeElement?.id === "new-contract");
  await page.keyboard.press("ArrowDown");
  assert.notEqual(await focused(), "new-contract");
  await page.keyboard.press("ArrowUp");
  assert.equal(await focused(), "new-contract");
  await page.keyboard.press("ArrowUp");
  assert.ok(await page.evaluate(() => document.activeElement === [...document.querySelectorAll(".menu .menu-item")].pop()), "ArrowUp on the first goes to the last");
  await page.keyboard.press("Escape");
  assert.equal(await page.isVisible(".menu"), false);
  assert.equal(await focused(), "new-button");
  await page.click("#new-button");
  assert.equal(await page.isVisible(".menu"), true);
  await page.mouse.click(300, 600);
  assert.equal(await page.isVisible(".menu"), false);

  // Tab from the view tabs reaches the editor, and the next Tab leaves it: no trap, no indent.
  const firstLine = () => page.textContent(".cm-content .cm-line");
  const before = await firstLine();
  await page.focus("#view-preview");
  let inEditor = false;
  for (let i = 0; i < 10 && !inEditor; i++) {
    await page.keyboard.press("Tab");
    inEditor = await page.evaluate(() => document.activeElement.classList.contains("cm-content"));
  }
  assert.ok(inEditor, "Tab reaches the editor");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("cm-content")), false, "the next Tab leaves it");
  assert.equal(await firstLine(), before);
  // Clicked into, Tab indents as in any code editor.
  await page.click(".cm-content .cm-line >> nth=2");
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  assert.match(await page.textContent(".cm-content .cm-line >> nth=2"), /^ {2}/);
  assert.deepEqual(page.jsErrors, []);
});
