// End-to-end tests of the editor slice, in Debian's Chromium, doing what a person does.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setText, settle, shotsDir, fresh as freshApp, editorText, dropFile, useApp } from "./harness.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));

const VALID = `apiVersion: v3.1.0
kind: DataContract
id: orders-test
name: orders.test.v1
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
`;

const fresh = () => freshApp(browser.context, url);

test("first visit shows the example contract as valid, with no script errors", async () => {
  const page = await fresh();
  assert.match(await page.textContent("#status-counts"), /Valid/);
  assert.equal(await page.textContent("#status-standard"), "ODCS v3.2.0");
  assert.equal(await page.textContent("#status-kind"), "Data contract");
  assert.ok(await page.isVisible("#no-problems"));
  assert.match(await page.textContent(".doc-name"), /orders\.events\.v1\.odcs\.yaml/);
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, "valid.png") });
  assert.deepEqual(page.jsErrors, []);
});

test("typing an error shows a squiggle and the problem at the right line; clicking it moves the cursor; fixing it shows valid", async () => {
  const page = await fresh();
  await setText(page, VALID);
  assert.match(await page.textContent("#status-counts"), /Valid/);

  // Go to the end of line 11 (`logicalType: string`) and delete the last letter, like a typo.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await settle(page);

  await page.waitForSelector(".cm-lintRange-error");
  assert.equal(await page.textContent(".cm-lintRange-error"), "strin");
  const problem = page.locator(".problem.error").first();
  assert.equal(await problem.getAttribute("data-line"), "11");
  assert.match(await problem.textContent(), /Did you mean string\?/);
  assert.match(await problem.textContent(), /Ln 11, Col 22/);
  assert.equal(await page.textContent("#status-counts"), "1 error");
  await page.waitForSelector(".cm-gutter-lint .cm-lint-marker-error");
  await page.screenshot({ path: path.join(shotsDir, "error.png") });

  // Move away, then click the problem: the cursor lands on it.
  await page.keyboard.press("Control+Home");
  await settle(page);
  assert.equal(await page.textContent("#status-cursor"), "Ln 1, Col 1");
  await problem.click();
  await settle(page);
  assert.equal(await page.textContent("#status-cursor"), "Ln 11, Col 22");

  // Fix it where the cursor now is.
  await page.keyboard.press("End");
  await page.keyboard.type("g");
  await settle(page);
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
  // Only the governance hints (team, support, freshness SLA) remain, as information.
  assert.equal(await page.locator(".problem.error, .problem.warning").count(), 0);
  assert.equal(await page.locator(".problem.info").count(), 3);
  assert.equal(await page.locator(".cm-lintRange-error").count(), 0);
});

test("friendly messages for common mistakes appear in the panel", async () => {
  const page = await fresh();
  await setText(page, `apiVersion: v3.1.0
kind: DataContract
id: x
version: 1.0.0
status: active
team:
  - username: ada
servers:
  - server: db
    type: postgres
    host: db.example.com
schema:
  orders:
    properties: []
nmae: orders
`);
  const text = await page.textContent("#problem-list");
  assert.match(text, /a postgres server needs host, port, database and schema; missing: port, database and schema/);
  assert.match(text, /schema must be a list, but it is written as a mapping/);
  assert.match(text, /unknown key nmae in the data contract\. Did you mean name\?/);
  assert.match(text, /team as a list of members is deprecated/);
  assert.match(await page.textContent("#status-counts"), /3 errors · 1 warning/);
});

test("a YAML syntax error is reported where it is, and the lines after it are still checked", async () => {
  const page = await fresh();
  await setText(page, "apiVersion: v3.1.0\nkind: [DataContract\nid: x\nnmae: y\n");
  const problem = page.locator(".problem.error").first();
  assert.match(await problem.textContent(), /YAML syntax error: this \[ is not closed/);
  assert.equal(await problem.getAttribute("data-line"), "2");
  // Line 4, after the broken line, is read and validated.
  assert.match(await page.textContent("#problem-list"), /unknown key nmae/);
});

/** Put the cursor at line `line`, `fromEnd` characters before its end. */
async function cursorAt(page, line, fromEnd = 0) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < line; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  for (let i = 0; i < fromEnd; i++) await page.keyboard.press("ArrowLeft");
}

test("a broken quote at line 90 of the example leaves the other errors, the document name and the review badge in place", async () => {
  const page = await fresh();
  // A base to review against, and a breaking change (line 92: `required: true`).
  await page.click("#tab-review");
  await page.click("#snapshot-button");
  await page.selectOption("#base-select", "Snapshot 1");
  await settle(page);
  await cursorAt(page, 92);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("false");
  // Another error: line 89, `logicalType: string` becomes `strin`.
  await cursorAt(page, 89);
  await page.keyboard.press("Backspace");
  await settle(page);
  const badge = await page.textContent("#impact-badge");
  assert.match(badge, /[1-9]\d* breaking vs base/);
  const name = await page.textContent(".doc-name");
  await page.click("#tab-problems");
  assert.match(await page.textContent("#problem-list"), /logicalType/);

  // Line 90: `physicalType: string` gets an opening quote and no closing one.
  await cursorAt(page, 90, "string".length);
  await page.keyboard.type('"');
  await settle(page);
  const syntax = page.locator(".problem.error", { hasText: "YAML syntax error" });
  assert.equal(await syntax.count(), 1);
  assert.match(await syntax.textContent(), /double-quoted string is not closed/);
  assert.equal(await syntax.getAttribute("data-line"), "90");
  const list = await page.textContent("#problem-list");
  assert.match(list, /logicalType/, "the error at line 89 is still listed");
  assert.doesNotMatch(list, /missing/, "no required key is reported missing because of the broken line");
  assert.equal(await page.textContent(".doc-name"), name);
  assert.equal(await page.textContent("#status-standard"), "ODCS v3.2.0");
  assert.equal(await page.textContent("#impact-badge"), badge);
  await page.click("#tab-review");
  assert.match(await page.textContent("#review-stale"), /can't be read at line 90: this is the review of its last readable version/);
  await page.screenshot({ path: path.join(shotsDir, "broken-quote.png") });

  // Closing the quote brings the review back to the live draft.
  await cursorAt(page, 90);
  await page.keyboard.type('"');
  await settle(page);
  assert.equal(await page.locator(".problem.error", { hasText: "YAML syntax error" }).count(), 0);
  assert.equal(await page.locator("#review-stale").count(), 0);
  assert.deepEqual(page.jsErrors, []);
});

test("a contract written by PyYAML (quoted lines wrapped at the key's indentation) opens valid, with a warning that says how to indent", async () => {
  const page = await fresh();
  const text = `apiVersion: v3.1.0
kind: DataContract
id: orders-py
name: orders.py.v1
version: 1.0.0
status: active
description:
  purpose: "Orders as datacontract-cli writes them: PyYAML wraps a long double-quoted
  string at the key's indentation, and reads it back"
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
`;
  await dropFile(page, text, "pyyaml.odcs.yaml");
  await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("orders.py.v1"));
  await settle(page);
  assert.equal(await editorText(page), text);
  assert.doesNotMatch(await page.textContent("#status-counts"), /error/);
  const warning = page.locator(".problem.warning", { hasText: "PyYAML" });
  assert.equal(await warning.count(), 1);
  assert.equal(await warning.getAttribute("data-line"), "9");
  assert.match(await warning.textContent(), /indented 2 spaces; YAML needs at least 3\. Charter \(like PyYAML\) reads it; indent the lines by 1 more/);
});

test("open a file through the file chooser", async () => {
  const page = await fresh();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "shipments.odcs.yaml");
  fs.writeFileSync(file, VALID.replace("orders.test.v1", "shipments.v1"));
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#open-button")]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("shipments.v1"));
  await settle(page);
  assert.equal(await editorText(page), fs.readFileSync(file, "utf8"));
  assert.equal(await page.textContent(".doc-name"), "shipments.odcs.yaml");
  assert.match(await page.textContent("#toast"), /Opened shipments\.odcs\.yaml/);
  assert.match(await page.textContent("#status-counts"), /Valid/);
});

test("a non-UTF-8 file is refused with a clear message and the text is kept", async () => {
  const page = await fresh();
  const before = await editorText(page);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "latin1.yaml");
  fs.writeFileSync(file, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#open-button")]);
  await chooser.setFiles(file);
  await page.waitForSelector("#toast.error");
  assert.match(await page.textContent("#toast"), /latin1\.yaml is not UTF-8 text/);
  assert.equal(await editorText(page), before);
});

test("drop a file on the window to open it", async () => {
  const page = await fresh();
  const content = VALID.replace("orders.test.v1", "dropped.v1");
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.odcs.yaml", { type: "application/yaml" }));
    const target = document.querySelector(".problems");
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, content);
  await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("dropped.v1"));
  await settle(page);
  assert.equal(await page.textContent(".doc-name"), "dropped.odcs.yaml");
  assert.equal(await page.evaluate(() => document.body.classList.contains("dragging")), false);
});

test("download gives exactly the editor's bytes, comments and non-ASCII text included", async () => {
  const page = await fresh();
  const text = "# Bestellungen — Überblick ✓\n" + VALID.replace("orders.test.v1", "bestellungen.v1") + "# trailing comment\n";
  await setText(page, text);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-button")]);
  assert.equal(download.suggestedFilename(), "bestellungen.v1.odcs.yaml");
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "out.yaml");
  await download.saveAs(saved);
  assert.deepEqual(fs.readFileSync(saved), Buffer.from(text, "utf8"));

  // Ctrl+S downloads too.
  await page.click(".cm-content");
  const [again] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Control+s")]);
  assert.equal(again.suggestedFilename(), "bestellungen.v1.odcs.yaml");
});

test("copy puts the YAML on the clipboard", async () => {
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await fresh();
  await setText(page, VALID);
  await page.click("#copy-button");
  await page.waitForSelector("#toast");
  assert.match(await page.textContent("#toast"), /Copied/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), VALID);
});

test("reload restores the text and the cursor", async () => {
  const page = await fresh();
  await setText(page, VALID + "# my edit\n");
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await settle(page);
  assert.equal(await page.textContent("#status-cursor"), "Ln 3, Col 16");
  await page.reload();
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  assert.match(await editorText(page), /# my edit/);
  assert.equal(await page.textContent("#status-cursor"), "Ln 3, Col 16");
  assert.match(await page.textContent("#status-save"), /Saved in this browser/);
});

test("a storage failure shows a clear message and offers the download; the text stays", async () => {
  const page = await fresh();
  // Storage full: every write to IndexedDB fails the way Chromium fails it.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# unsaved work\n");
  await page.waitForSelector("#storage-banner");
  assert.match(await page.textContent("#storage-banner"), /Autosave to browser storage failed \(QuotaExceededError\)/);
  assert.match(await page.textContent("#status-save"), /Not saved/);
  assert.match(await editorText(page), /# unsaved work/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#storage-banner button")]);
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "rescued.yaml");
  await download.saveAs(saved);
  assert.match(fs.readFileSync(saved, "utf8"), /# unsaved work/);
  // A new document still opens with its text while storage fails.
  await page.click("#new-button");
  await page.click('[data-template="odcs-blank"]');
  await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("my.dataset.v1"));
  assert.ok(await page.isVisible("#storage-banner"));
});

test("a contract that uses a newer version's features is told which version to declare", async () => {
  const page = await fresh();
  await setText(page, VALID.replace("v3.1.0", "v3.0.2").replace("status: active\n", "status: active\nteam:\n  name: orders-team\n").replace("  - name: orders\n", "  - id: orders\n    name: orders\n"));
  const problems = page.locator(".problem.error");
  assert.equal(await problems.count(), 1);
  assert.match(await problems.first().textContent(), /declares v3\.0\.2 but uses v3\.1\.0 features: team written as a mapping \(line 7\), id \(line 10\)\. Declare apiVersion: v3\.1\.0/);
  assert.equal(await problems.first().getAttribute("data-line"), "1");
  assert.equal(await page.textContent("#status-standard"), "ODCS v3.0.2");
  // Declaring the newer version makes it valid.
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("1.0");
  await settle(page);
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
});

test("paste a contract with Ctrl+V", async () => {
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await fresh();
  const pasted = VALID.replace("orders.test.v1", "pasted.v1");
  await page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
  await page.click(".cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Control+v");
  await settle(page);
  assert.equal(await editorText(page), pasted);
  assert.match(await page.textContent("#status-counts"), /Valid/);
  assert.equal(await page.textContent(".doc-name"), "pasted.v1.odcs.yaml");
});

test("search with Ctrl+F finds text in the contract", async () => {
  const page = await fresh();
  await page.click(".cm-content");
  await page.keyboard.press("Control+f");
  await page.waitForSelector(".cm-search input[name=search]");
  await page.keyboard.type("cancellation_reason");
  await page.keyboard.press("Enter");
  await settle(page);
  assert.ok((await page.locator(".cm-searchMatch").count()) >= 1);
});

test("the dark theme follows the system setting", async () => {
  const page = await fresh();
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(light, dark);
  assert.equal(dark, "rgb(17, 19, 24)");
  await page.screenshot({ path: path.join(shotsDir, "dark.png") });
  await page.emulateMedia({ colorScheme: "light" });
});

test("a toast disappears by itself, even while the user types", async () => {
  const page = await fresh();
  await page.click("#copy-button");
  await page.waitForSelector("#toast");
  await page.click(".cm-content");
  await page.keyboard.type("# typing\n");
  await page.waitForSelector("#toast", { state: "detached", timeout: 8000 });
});

test("a data product manifest (ODPS v1.1.0) from New is validated; its ports need only a name", async () => {
  const page = await fresh();
  await page.click("#new-button");
  await page.click('[data-template="odps-orders-product"]');
  await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("DataProduct"));
  await settle(page);
  assert.equal(await page.textContent("#status-kind"), "Data product manifest");
  assert.equal(await page.textContent("#status-standard"), "ODPS v1.1.0");
  assert.match(await page.textContent("#status-counts"), /Valid/);
  assert.equal(await page.textContent(".doc-name"), "orders.odps.yaml");
  // v1.1.0: an input port without `contractId` (line 18) is fine.
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < 18; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.press("Backspace");
  await settle(page);
  assert.equal(await page.locator(".problem.error").count(), 0);
  assert.match(await page.textContent("#status-counts"), /Valid/);
  // Declaring v1.0.0, where it is required, tells which version the manifest needs.
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  for (let i = 0; i < 6; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("v1.0.0");
  await settle(page);
  const problem = page.locator(".problem.error").first();
  assert.equal(await problem.getAttribute("data-code"), "needs-newer-version");
  assert.match(await problem.textContent(), /this manifest declares v1\.0\.0 but uses v1\.1\.0 features: type \(line 9\)/);
});

test("semantic lint: a relationship to an undefined column warns at its line without changing the verdict", async () => {
  const page = await fresh();
  await setText(page, VALID + "        relationships:\n          - to: customers.id\n");
  const problem = page.locator(".problem.warning").first();
  assert.match(await problem.textContent(), /to refers to customers\.id, which this contract doesn't define/);
  assert.equal(await problem.getAttribute("data-line"), "13");
  assert.equal(await problem.getAttribute("data-code"), "relationship-target-missing");
  assert.equal(await page.textContent("#status-counts"), "✓ Valid · 1 warning");
  await page.waitForSelector(".cm-lintRange-warning");
});
