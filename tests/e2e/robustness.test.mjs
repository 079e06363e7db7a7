// End-to-end tests of hostile input: a document nested thousands of levels deep is one
// clear error, the app keeps working, and a reload (which re-checks the saved text) too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setText, settle, fresh as freshApp, openApp, useApp } from "./harness.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));

test("a list nested 20,000 levels deep is one error at its line, and survives a reload", async () => {
  const page = await freshApp(browser.context, url);
  const hostile = `apiVersion: v3.2.0\nkind: DataContract\nid: c1\nschema:\n${"- ".repeat(20000)}x\n`;
  await setText(page, hostile);
  const problems = page.locator(".problem");
  assert.equal(await problems.count(), 1);
  assert.equal(await problems.first().getAttribute("data-code"), "nesting-limit");
  assert.equal(await problems.first().getAttribute("data-line"), "5");
  assert.match(await problems.first().textContent(), /deeper than 128 levels/);
  assert.equal(await page.textContent("#status-standard"), "ODCS v3.2.0");
  assert.deepEqual(page.jsErrors, []);
  // The text was saved; reloading checks it again and the app still works.
  await page.reload();
  await page.waitForSelector(".cm-content");
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  await settle(page);
  assert.equal(await page.locator('.problem[data-code="nesting-limit"]').count(), 1);
  await setText(page, "apiVersion: v3.2.0\nkind: DataContract\nid: c1\nversion: 1.0.0\n");
  await page.waitForFunction(() => document.querySelector("#status-counts")?.textContent === "✓ Valid");
  assert.deepEqual(page.jsErrors, []);
});

test("a share link with a draft nested 20,000 levels deep opens as one error", async () => {
  const { deflateRawSync } = await import("node:zlib");
  const draft = `apiVersion: v3.2.0\nkind: DataContract\nid: c1\nschema:\n${"- ".repeat(20000)}x\n`;
  const payload = JSON.stringify({ v: 1, base: "apiVersion: v3.2.0\nkind: DataContract\nid: c1\n", draft });
  const link = `${url}#review=${deflateRawSync(Buffer.from(payload)).toString("base64url")}`;
  assert.ok(link.length < 2000, `the link is ${link.length} characters`);
  const page = await freshApp(browser.context, url);
  await page.goto(link);
  await page.waitForSelector("#toast");
  assert.match(await page.textContent("#toast"), /Opened a shared review/);
  // The review opens; the draft's one problem is in the Problems panel.
  await page.click("#tab-problems");
  await page.waitForFunction(() => document.querySelector(".problem")?.dataset.code === "nesting-limit");
  assert.equal(await page.locator(".problem").count(), 1);
  assert.equal(await page.textContent("#status-counts"), "1 error");
  assert.deepEqual(page.jsErrors, []);
  await page.reload();
  await page.waitForFunction(() => document.querySelector("#status-counts")?.textContent === "1 error");
  assert.deepEqual(page.jsErrors, []);
});

test("a file over the size limit is refused before it is read, and nothing changes", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const page = await freshApp(browser.context, url);
  const tabs = await page.locator("#doc-tabs .doc-tab").count();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "huge.yaml");
  // A sparse file: 300 MiB long, no disk used.
  const fd = fs.openSync(file, "w");
  fs.ftruncateSync(fd, 300 << 20);
  fs.closeSync(fd);
  try {
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#open-button")]);
    await chooser.setFiles(file);
    await page.waitForSelector("#toast.error");
    assert.match(await page.textContent("#toast"), /huge\.yaml was not opened \(300 MiB\): this document is larger than Charter's limit of 256 MiB/);
    assert.equal(await page.locator("#doc-tabs .doc-tab").count(), tabs);
    assert.deepEqual(page.jsErrors, []);
  } finally {
    fs.rmSync(file);
  }
});

test("a document whose check never finished opens read-only in safe mode, with a download and a way back", async () => {
  const page = await freshApp(browser.context, url);
  await setText(page, "apiVersion: v3.2.0\nkind: DataContract\nid: c1\nversion: 1.0.0\n# edited before the crash\n");
  const id = await page.$eval("#doc-tabs .doc-tab.active", (e) => e.dataset.docId);
  // What a tab that died during a check leaves behind: its mark on the document.
  await page.evaluate((id) => localStorage.setItem(`charter-checking.${id}`, String(Date.now())), id);
  await page.reload();
  await page.waitForSelector("#safe-banner");
  assert.match(await page.textContent("#safe-banner"), /stopped while checking this document last time, so it is open read-only/);
  assert.match(await page.textContent("#not-checked"), /Not checked/);
  assert.equal(await page.textContent("#status-counts"), "Not checked (safe mode)");
  // Read-only: typing changes nothing.
  await page.click(".cm-content");
  await page.keyboard.type("zzz");
  assert.doesNotMatch(await page.textContent(".cm-content"), /zzz/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#safe-download")]);
  const fs = await import("node:fs");
  assert.match(fs.readFileSync(await download.path(), "utf8"), /# edited before the crash/);
  // A reload before checking again keeps it in safe mode.
  await page.reload();
  await page.waitForSelector("#safe-banner");
  await page.click("#safe-check");
  await page.waitForFunction(() => document.querySelector("#status-counts")?.textContent.startsWith("✓ Valid"));
  assert.equal(await page.locator("#safe-banner").count(), 0);
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# editable again\n");
  assert.match(await page.textContent(".cm-content"), /# editable again/);
  await page.reload();
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  assert.equal(await page.locator("#safe-banner").count(), 0);
  assert.deepEqual(page.jsErrors, []);
});
