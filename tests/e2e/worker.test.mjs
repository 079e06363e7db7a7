// End-to-end tests of the checking worker: checks run off the main thread (typing in a
// 5 MB contract never blocks the page for long, with progress while it is checked), and a
// checker that dies or hangs puts only the document it was checking into safe mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { settle, fresh, dropFile, completionOpen, useApp } from "./harness.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));

/** A valid contract of `tables` × `columns` properties (about 130 bytes each). */
function bigContract(tables, columns) {
  const out = ["apiVersion: v3.1.0", "kind: DataContract", "id: big", "version: 1.0.0", "status: active", "schema:"];
  for (let t = 0; t < tables; t++) {
    out.push(`  - name: table_${t}`, "    physicalType: table", "    properties:");
    for (let c = 0; c < columns; c++) {
      out.push(`      - name: column_${c}`, "        logicalType: string", `        description: Column ${c} of table ${t}, described at realistic length.`);
    }
  }
  return out.join("\n") + "\n";
}

test("typing in a 5 MB contract keeps the page responsive: the check runs in the worker, with progress", async () => {
  const page = await fresh(browser.context, url);
  const text = bigContract(400, 100);
  assert.ok(text.length > 5_000_000, `${text.length} bytes`);
  await dropFile(page, text, "big.odcs.yaml");
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "big.odcs.yaml" &&
    /Valid|warning|error/.test(document.querySelector("#status-counts").textContent), null, { timeout: 120000 });
  await settle(page);
  const before = await page.textContent("#status-counts");

  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  // CodeMirror now highlights its way down to the end of the 5 MB text, in the background
  // (slices of up to 100 ms that give way to any key pressed). Wait for it to finish, as a
  // person reading the end of the file would, so that what is measured is Charter's work.
  await page.evaluate(() => new Promise((resolve) => {
    let last = performance.now();
    new PerformanceObserver(() => { last = performance.now(); }).observe({ type: "longtask" });
    const poll = setInterval(() => { if (performance.now() - last > 1000) { clearInterval(poll); resolve(); } }, 100);
  }));
  // From here on: every main-thread task over 50 ms; for each key event, how long it waited
  // for the main thread plus its handlers (Event Timing; headless Chromium paints lazily, so
  // the time to the next frame says nothing here); and whether progress showed up.
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
      .observe({ type: "longtask" });
    window.__keys = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (/^key|input/.test(e.name)) window.__keys.push(e.processingEnd - e.startTime); })
      .observe({ type: "event", durationThreshold: 16 });
    window.__progressSeen = false;
    new MutationObserver(() => { if (document.querySelector("#check-progress")) window.__progressSeen = true; })
      .observe(document.querySelector("#statusbar"), { childList: true, subtree: true });
  });
  // A typo that makes the contract invalid, typed key by key while checks run.
  await page.keyboard.type("bogusKey: 1", { delay: 40 });
  await page.waitForFunction(() => /error/.test(document.querySelector("#status-counts").textContent), null, { timeout: 60000 });
  await settle(page);
  const typed = await page.evaluate(() => [...document.querySelectorAll(".cm-line")].map((l) => l.textContent).join("\n"));
  assert.match(typed, /bogusKey: 1/, "every key reached the editor");
  assert.match(await page.textContent("#problem-list"), /bogusKey/);
  assert.notEqual(await page.textContent("#status-counts"), before);
  assert.ok(await page.evaluate(() => window.__progressSeen), "progress was shown while the big document was checked");
  const long = await page.evaluate(() => window.__long);
  const keys = await page.evaluate(() => window.__keys);
  const worst = Math.max(0, ...long);
  const slowestKey = Math.max(0, ...keys);
  console.log(`5.2 MB contract, 11 keystrokes: ${long.length} main-thread tasks over 50 ms (longest ${worst.toFixed(0)} ms); a key waited and ran for at most ${slowestKey.toFixed(0)} ms`);
  // 100 ms is the goal (the note has the measured figures); the bounds are loose for a loaded machine.
  assert.ok(worst < 300, `the main thread was blocked for ${worst.toFixed(0)} ms`);
  assert.ok(slowestKey < 300, `a key waited ${slowestKey.toFixed(0)} ms for the main thread`);
  assert.deepEqual(page.jsErrors, []);
});

// A stand-in for the worker, served in place of Trunk's loader: it answers everything but
// checks, which it `onCheck`s (throws: the worker dies; "hang": it never answers).
function fakeWorker(onCheck) {
  return `
    self.onmessage = (e) => {
      const r = JSON.parse(e.data.request);
      if (r.kind === "check") { ${onCheck === "throw" ? 'throw new Error("out of memory");' : "return;"} }
      const answer = r.kind === "workspace" ? { kind: "workspace", seq: r.seq, docs: [] } : { kind: "base", seq: r.seq };
      self.postMessage({ json: JSON.stringify(answer), marks: null });
    };
    self.postMessage({ ready: true });`;
}

test("a checker that dies puts the document it was checking in safe mode at once, and stays so after a reload", async () => {
  const page = await fresh(browser.context, url);
  await page.route("**/charter-worker_loader.js", (route) => route.fulfill({ contentType: "text/javascript", body: fakeWorker("throw") }));
  await page.reload();
  await page.waitForSelector("#safe-banner");
  assert.match(await page.textContent("#safe-banner"), /Checking this document stopped Charter's checker \(.*out of memory\), so it is open read-only and unchecked \(safe mode\)/);
  assert.equal(await page.textContent("#status-counts"), "Not checked (safe mode)");
  await page.click(".cm-content");
  await page.keyboard.type("zzz");
  assert.doesNotMatch(await page.textContent(".cm-content"), /zzz/, "read-only");
  // The real checker again: the mark left by the dead check keeps it in safe mode.
  await page.unroute("**/charter-worker_loader.js");
  await page.reload();
  await page.waitForSelector("#safe-banner");
  assert.match(await page.textContent("#safe-banner"), /stopped while checking this document last time/);
  await page.click("#safe-check");
  await page.waitForFunction(() => document.querySelector("#status-counts")?.textContent.startsWith("✓ Valid"));
  assert.equal(await page.locator("#safe-banner").count(), 0);
  // Errors logged by the dying stand-in are expected; the app itself logged none.
  assert.deepEqual(page.jsErrors.filter((e) => !/out of memory/.test(e)), []);
});

test("a check that hangs can be stopped: the document goes into safe mode, the page never froze", async () => {
  const page = await fresh(browser.context, url);
  await page.route("**/charter-worker_loader.js", (route) => route.fulfill({ contentType: "text/javascript", body: fakeWorker("hang") }));
  await page.reload();
  await page.waitForSelector(".cm-content");
  assert.equal(await page.textContent("#status-counts"), "Checking…");
  // The editor takes keys while the check hangs.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# typed while it hangs");
  assert.match(await page.textContent(".cm-content"), /# typed while it hangs/);
  await page.waitForSelector("#stop-check", { timeout: 20000 });
  await page.click("#stop-check");
  await page.waitForSelector("#safe-banner");
  assert.match(await page.textContent("#safe-banner"), /\(you stopped it after \d+ s\)/);
  assert.equal(await page.textContent("#status-counts"), "Not checked (safe mode)");
  await page.unroute("**/charter-worker_loader.js");
  await page.reload();
  await page.click("#safe-check");
  await page.waitForFunction(() => document.querySelector("#status-counts")?.textContent.startsWith("✓ Valid"));
  assert.match(await page.textContent(".cm-content"), /# typed while it hangs/, "what was typed is saved");
  assert.deepEqual(page.jsErrors, []);
});

test("a keystroke sends the worker only its edits: problems land at the right place after non-ASCII text, also after switching tabs", async () => {
  const page = await fresh(browser.context, url);
  const text = "# Bestellungen – 注文 😀 (text that is longer in UTF-8 than in UTF-16)\n" + bigContract(20, 20);
  await dropFile(page, text, "edits.odcs.yaml");
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "edits.odcs.yaml" &&
    /Valid/.test(document.querySelector("#status-counts").textContent), null, { timeout: 60000 });
  await settle(page);
  // Every message to the worker, by kind, with its size.
  await page.evaluate(() => {
    window.__sent = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, ...rest) {
      const request = JSON.parse(m.request);
      window.__sent.push({ kind: request.kind, edits: !!request.edits, bytes: m.request.length + m.texts.reduce((a, t) => a + t.length, 0) });
      return post.call(this, m, ...rest);
    };
  });
  // Line 12 is the first `logicalType: string`.
  const typo = async () => {
    await page.click(".cm-content");
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 11; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.type("x");
    await settle(page);
    assert.match(await page.textContent("#status-counts"), /1 error/);
    assert.equal(await page.getAttribute(".problem.error", "data-line"), "12");
    assert.equal(await page.textContent(".cm-lintRange-error"), "stringx");
    await page.keyboard.press("Backspace");
    await settle(page);
    assert.match(await page.textContent("#status-counts"), /Valid/);
  };
  await typo();
  const checks = await page.evaluate(() => window.__sent.filter((m) => m.kind === "check"));
  // One check per keystroke: sent as the editor changed, not again when the app asks.
  assert.equal(checks.length, 2, JSON.stringify(checks));
  for (const c of checks) {
    assert.ok(c.edits && c.bytes < 1000, `a keystroke's check sends its edits, not the ${text.length}-byte text: ${JSON.stringify(c)}`);
  }
  // Completion asks about the text shown with the same edits, not the text.
  await page.keyboard.press("Enter");
  await page.keyboard.type("re");
  await page.keyboard.press("Control+Space");
  await completionOpen(page);
  assert.ok(await page.locator(".cm-completionLabel", { hasText: "required" }).count() > 0);
  const assists = await page.evaluate(() => window.__sent.filter((m) => m.kind === "complete"));
  assert.ok(assists.length > 0 && assists.every((a) => a.edits && a.bytes < 1000), JSON.stringify(assists));
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await settle(page);
  assert.match(await page.textContent("#status-counts"), /Valid/);
  // Another document and back: the first check after the switch sends the text, then edits again.
  await page.click("#new-button");
  await page.click("text=Blank data contract");
  await settle(page);
  await page.locator("#doc-tabs .doc-tab .doc-tab-name", { hasText: "edits" }).click();
  await settle(page);
  await page.evaluate(() => { window.__sent = []; });
  await typo();
  const after = await page.evaluate(() => window.__sent.filter((m) => m.kind === "check"));
  assert.ok(after.some((c) => c.edits), JSON.stringify(after));
  assert.deepEqual(page.jsErrors, []);
});

test("after a burst of random edits (non-ASCII text, line breaks, undo, deletions) the problems are those of a whole check of the same text", async () => {
  const page = await fresh(browser.context, url);
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  let seed = 12345;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pieces = ["x", "é", "😀", " ", ": ", "- ", "\n", "  ", "注文", "#"];
  const arrows = ["ArrowUp", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];
  for (let i = 0; i < 120; i++) {
    const op = rnd(10);
    if (op < 5) await page.keyboard.insertText(pieces[rnd(pieces.length)]);
    else if (op < 6) await page.keyboard.press("Backspace");
    else if (op < 8) for (let k = rnd(6); k >= 0; k--) await page.keyboard.press(arrows[rnd(arrows.length)]);
    else if (op < 9) await page.keyboard.press("Control+z");
    else {
      await page.keyboard.press("Shift+ArrowRight");
      await page.keyboard.press("Shift+ArrowRight");
      await page.keyboard.press("Delete");
    }
  }
  await settle(page);
  const problems = () => page.$$eval(".problem", (els) => els.map((e) => `${e.dataset.line} ${e.dataset.code} ${e.querySelector(".problem-msg").textContent}`));
  const edited = { problems: await problems(), counts: await page.textContent("#status-counts") };
  assert.ok(edited.problems.length > 0, "the edits broke something");
  // After a reload the worker gets the text whole.
  await page.reload();
  await page.waitForSelector(".cm-content");
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  await settle(page);
  assert.deepEqual({ problems: await problems(), counts: await page.textContent("#status-counts") }, edited);
  assert.deepEqual(page.jsErrors, []);
});
