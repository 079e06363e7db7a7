// The hostile corpus in the browser: each document is dropped on the window (or opened from
// a share link) and must end in a verdict on screen, with the page answering throughout, no
// script error, and time and memory within loose bounds (the figures are printed).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { deflateRawSync } from "node:zlib";
import { settle, fresh, dropFile, setText, useApp } from "./harness.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));

const head = "apiVersion: v3.1.0\nkind: DataContract\nid: hostile\nversion: 1.0.0\nstatus: active\n";
const repeat = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join("");

const corpus = [
  ["deep flow nesting (10,000 levels)", head + "tags: " + "[".repeat(10000) + "]".repeat(10000) + "\n"],
  ["deep block nesting (20,000 levels)", head + "schema:\n" + "- ".repeat(20000) + "x\n"],
  ["a mapping of 100,000 keys", head + repeat(100000, (i) => `key${i}: ${i}\n`)],
  ["100,000 tables", head + "schema:\n" + repeat(100000, (i) => `  - name: t${i}\n`)],
  ["a table of 100,000 properties", head + "schema:\n  - name: t\n    properties:\n" + repeat(100000, (i) => `      - name: c${i}\n`)],
  ["an alias bomb", head + "a: &a [x, x, x, x, x, x, x, x, x]\n" + repeat(8, (i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${repeat(9, () => `*${"abcdefgh"[i]}, `).slice(0, -2)}]\n`)],
  ["a 5 MB scalar", head + "description:\n  purpose: " + "x".repeat(5 << 20) + "\n"],
  ["a 2 MB line (a flow list of a million items)", head + "tags: [" + repeat(1000000, () => "a,").slice(0, -1) + "]\n"],
  ["control characters", head + "description:\n  purpose: \u0000\u0001\u0002\u001b[31m\n"],
];

/** Count main-thread tasks from now on (longest one, in ms). */
function watchLongTasks(page) {
  return page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: "longtask" });
  });
}

test("every document of the hostile corpus ends in a verdict; the page answers throughout", async () => {
  const page = await fresh(browser.context, url);
  const figures = [];
  for (const [what, text] of corpus) {
    let started;
    await dropFile(page, text, "hostile.yaml", async () => {
      await watchLongTasks(page);
      started = Date.now();
    });
    // The page answers while the worker checks: a round trip to it is quick.
    const ping = Date.now();
    await page.evaluate(() => 1);
    const answered = Date.now() - ping;
    await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "hostile.yaml" &&
      /Valid|error|warning/.test(document.querySelector("#status-counts").textContent), null, { timeout: 60000 });
    await settle(page);
    const ms = Date.now() - started;
    const longest = await page.evaluate(() => window.__longest);
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    const shown = await page.locator(".problem").count();
    const status = await page.textContent("#status-counts");
    figures.push(`${what} (${(text.length / 1e6).toFixed(1)} MB): ${status} in ${ms} ms; longest main-thread task ${longest.toFixed(0)} ms; page answered in ${answered} ms; heap ${(heap / 1e6).toFixed(0)} MB`);
    assert.ok(shown <= 500, `${what}: the panel lists at most 500 problems`);
    assert.ok(await page.locator(".cm-lintRange").count() <= 2000, `${what}: at most 2,000 marks`);
    assert.ok(ms < 60000, `${what}: ${ms} ms`);
    assert.ok(heap < 1.5e9, `${what}: the page's heap is ${heap} bytes`);
    assert.deepEqual(page.jsErrors, [], what);
    // Close it again (keeping the workspace small for the next one).
    await page.click("#doc-tabs .doc-tab.active .doc-tab-close");
    await settle(page);
  }
  console.log(figures.join("\n"));
});

test("a file that is not UTF-8 is refused with a message; a share link with 100,000 tables opens", async () => {
  const page = await fresh(browser.context, url);
  const tabs = await page.locator("#doc-tabs .doc-tab").count();
  await dropFile(page, Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), "binary.yaml");
  await page.waitForSelector("#toast.error");
  assert.match(await page.textContent("#toast"), /binary\.yaml is not UTF-8 text, so it was not opened/);
  assert.equal(await page.locator("#doc-tabs .doc-tab").count(), tabs);

  const draft = head + "schema:\n" + repeat(100000, (i) => `  - name: t${i}\n`);
  const payload = JSON.stringify({ v: 1, base: head, draft });
  const link = `${url}#review=${deflateRawSync(Buffer.from(payload)).toString("base64url")}`;
  const started = Date.now();
  await page.goto(link);
  await page.waitForFunction(() => /Opened a shared review/.test(document.querySelector("#toast")?.textContent ?? ""));
  await page.waitForFunction(() => /Valid|error|warning/.test(document.querySelector("#status-counts").textContent), null, { timeout: 60000 });
  await settle(page);
  const ms = Date.now() - started;
  console.log(`share link of ${(link.length / 1000).toFixed(0)} KB with 100,000 tables: ${await page.textContent("#status-counts")} in ${ms} ms`);
  assert.ok(ms < 30000, `${ms} ms`);
  await page.click("#tab-review");
  await page.waitForSelector("#impact-badge");
  // The Review tab lists the first findings and says how many more there are.
  assert.equal(await page.locator(".finding").count(), 500);
  const more = /^and (\d+) more findings: export the review to see them all$/.exec(await page.textContent("#findings-more"));
  assert.ok(more, "the tab says how many findings it does not list");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  assert.ok(exported.findings.length > 100000, "a finding per table, and the version");
  assert.equal(exported.findings.length, 500 + Number(more[1]), "the export has every finding");
  assert.deepEqual(page.jsErrors, []);
});

test("a document with a very long line is not highlighted, and is again once the line is gone", async () => {
  const page = await fresh(browser.context, url);
  const tokens = () => page.evaluate(() => document.querySelector(".cm-line")?.querySelectorAll("span").length ?? 0);
  const long = head + `description:\n  purpose: ${"x".repeat(30000)}\n`;
  await setText(page, long);
  await page.waitForFunction(() => document.querySelector(".cm-line")?.textContent.startsWith("apiVersion"));
  await page.waitForTimeout(100);
  assert.equal(await tokens(), 0, "no highlighting with a 30,000-character line");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-button")]);
  assert.equal(fs.readFileSync(await download.path(), "utf8"), long, "the text is whole");
  await setText(page, head);
  await page.waitForFunction(() => document.querySelector(".cm-line")?.querySelectorAll("span").length > 0);
  assert.deepEqual(page.jsErrors, []);
});
