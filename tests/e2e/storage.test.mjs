// End-to-end tests of what the browser keeps: two tabs of the app on one document list,
// storage that fills up, and a reload right after typing in a big document. Nothing a
// person typed may be lost silently.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setText, settle, editorText, fresh as freshApp, openApp, useApp } from "./harness.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));

const CONTRACT = "apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\n";
const tabIds = (page) => page.$$eval("#doc-tabs .doc-tab", (els) => els.map((e) => e.dataset.docId));

/** A second tab of the app in the same browser profile. */
async function secondTab() {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  page.jsErrors = errors;
  return page;
}

async function newBlank(page) {
  await page.click("#new-button");
  await page.click('[data-template="odcs-blank"]');
  await settle(page);
}

async function typeAtEnd(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

const saved = (page) => page.waitForFunction(() => document.querySelector("#status-save")?.textContent === "Saved in this browser");

test("two tabs: new documents get their own ids, and each tab sees what the other saves", async () => {
  const a = await freshApp(browser.context, url);
  const b = await secondTab();
  try {
    assert.deepEqual(await tabIds(b), await tabIds(a));
    // Both tabs create a document at the same moment: two documents, in both tabs.
    await Promise.all([newBlank(a), newBlank(b)]);
    await a.waitForFunction(() => document.querySelectorAll("#doc-tabs .doc-tab").length === 3);
    await b.waitForFunction(() => document.querySelectorAll("#doc-tabs .doc-tab").length === 3);
    const ids = await tabIds(a);
    assert.equal(new Set(ids).size, 3);
    assert.deepEqual([...(await tabIds(b))].sort(), [...ids].sort());
    // A edits its new document; B shows the edit in that document.
    const aDoc = await a.$eval("#doc-tabs .doc-tab.active", (e) => e.dataset.docId);
    await setText(a, CONTRACT + "# written in tab A\n");
    await saved(a);
    await b.click(`#doc-tabs .doc-tab[data-doc-id="${aDoc}"] .doc-tab-name`);
    await b.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("# written in tab A"));
    // And while B shows it, A's next edit arrives in B's editor.
    await typeAtEnd(a, "# and more\n");
    await b.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("# and more"));
    assert.equal(await b.locator("#conflict-banner").count(), 0);
    // After a reload, everything both tabs wrote is there.
    await a.reload();
    await a.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
    assert.deepEqual([...(await tabIds(a))].sort(), [...ids].sort());
    assert.deepEqual(a.jsErrors ?? [], []);
    assert.deepEqual(b.jsErrors, []);
  } finally {
    await b.close();
  }
});

test("two tabs editing one document: nothing is overwritten, the user chooses, and the other text is a Ctrl+Z away", async () => {
  const a = await freshApp(browser.context, url);
  await setText(a, CONTRACT);
  await saved(a);
  const b = await secondTab();
  try {
    // Tab A's announcements get lost (as when a tab is frozen in the background): B does
    // not hear of A's save, and only the revision check stands between B and A's text.
    await a.evaluate(() => {
      BroadcastChannel.prototype.postMessage = () => {};
    });
    await typeAtEnd(a, "# from A\n");
    await saved(a);
    await typeAtEnd(b, "# from B\n");
    await b.waitForSelector("#conflict-banner");
    assert.match(await b.textContent("#conflict-banner"), /was changed in another tab while you edited it here/);
    assert.equal(await b.textContent("#status-save"), "Not saved: changed in another tab");
    // A's text is still what is stored.
    await a.reload();
    await a.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
    assert.match(await editorText(a), /# from A/);
    assert.doesNotMatch(await editorText(a), /# from B/);
    // B takes A's version; its own is one undo away.
    await b.click("#conflict-theirs");
    await b.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("# from A"));
    assert.doesNotMatch(await editorText(b), /# from B/);
    assert.equal(await b.locator("#conflict-banner").count(), 0);
    await b.click(".cm-content");
    await b.keyboard.press("Control+z");
    await b.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("# from B"));
    // That undo is an edit of B's, saved normally; A (announcing again after its reload) shows it.
    await saved(b);
    await a.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("# from B"));
    // Now the other way: a conflict where B keeps its own text.
    await a.evaluate(() => {
      BroadcastChannel.prototype.postMessage = () => {};
    });
    await typeAtEnd(a, "# A again\n");
    await saved(a);
    await typeAtEnd(b, "# B again\n");
    await b.waitForSelector("#conflict-banner");
    await b.click("#conflict-mine");
    await saved(b);
    await a.reload();
    await a.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
    assert.match(await editorText(a), /# B again/);
    assert.deepEqual(b.jsErrors, []);
  } finally {
    await b.close();
  }
});

test("storage full: the saved state is per document and true, and nothing typed is lost once there is room", async () => {
  const page = await freshApp(browser.context, url);
  await setText(page, CONTRACT);
  await saved(page);
  const first = await page.$eval("#doc-tabs .doc-tab.active", (e) => e.dataset.docId);
  await page.evaluate(() => {
    window.realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const typed = "# unsaved work ".repeat(20) + "\n";
  await typeAtEnd(page, typed);
  await page.waitForSelector(`#storage-banner[data-doc-id="${first}"]`);
  assert.equal(await page.textContent("#status-save"), "Not saved");
  // Another document: the banner still names the first, which is still not saved.
  await newBlank(page);
  await page.waitForFunction(() => document.querySelector("#status-save")?.textContent === "Not saved");
  assert.equal(await page.locator(`#storage-banner[data-doc-id="${first}"]`).count(), 1);
  await page.click(`#doc-tabs .doc-tab[data-doc-id="${first}"] .doc-tab-name`);
  assert.equal(await page.textContent("#status-save"), "Not saved");
  // Room again: the next change saves everything that was waiting, both documents.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = window.realPut;
  });
  await typeAtEnd(page, "# room again\n");
  await saved(page);
  await page.waitForFunction(() => !document.querySelector("#storage-banner"));
  await page.reload();
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  assert.equal((await tabIds(page)).length, 2);
  await page.click(`#doc-tabs .doc-tab[data-doc-id="${first}"] .doc-tab-name`);
  await settle(page);
  const shown = await editorText(page);
  assert.match(shown, /# unsaved work/);
  assert.match(shown, /# room again/);
});

test("a reload 50 ms after typing in a 1 MB document keeps every keystroke", async () => {
  const page = await freshApp(browser.context, url);
  const rows = Array.from({ length: 20000 }, (_, i) => `      - name: column_${i}\n        logicalType: string\n`).join("");
  const big = `${CONTRACT}schema:\n  - name: wide\n    properties:\n${rows}`;
  assert.ok(big.length > 1_000_000);
  // Opened as a person opens a big file.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "wide.odcs.yaml");
  fs.writeFileSync(file, big);
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#open-button")]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "wide.odcs.yaml");
  await saved(page);
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("# last words\n");
  await page.waitForTimeout(50);
  await page.reload();
  await page.waitForSelector(".cm-content");
  await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("# last words"));
  assert.match(await page.textContent("#status-save"), /Saved in this browser/);
});

test("storage running short is said before a write fails, with how full it is", async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    navigator.storage.estimate = async () => ({ usage: 9.2e8, quota: 1e9 });
  });
  try {
    await page.goto(url);
    await page.waitForSelector("#quota-banner");
    assert.match(await page.textContent("#quota-banner"), /Browser storage is 92 % full \(920 MB of 1\.0 GB\): close documents or delete snapshots/);
  } finally {
    await page.close();
  }
});
