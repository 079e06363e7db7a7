// Browser timing (a benchmark, not a test): median keystroke-to-diagnostics time on a
// generated contract, measured in Chromium against the built app.
//   node tests/e2e/timing.mjs [tables] [columns] [keystrokes]
// Needs a built dist/ (scripts/test builds it) and the CLI (`cargo build -p charter-cli`).
import { settle, openGenerated } from "./harness.mjs";

//   add "base" after them to review against a snapshot while typing (the live badge), and
//   "prose" to type words into a description (no problem comes or goes: the common case)
//   instead of alternating a typo in a logicalType and its fix.
const [tables = 10, columns = 20, strokes = 60] = process.argv.slice(2, 5).map(Number);
const withBase = process.argv.slice(5).includes("base");
const prose = process.argv.slice(5).includes("prose");
const { server, context, page, text } = await openGenerated(tables, columns);

if (withBase) {
  await page.click("#tab-review");
  await page.click("#snapshot-button");
  await page.selectOption("#base-select", "Snapshot 1");
  await page.waitForSelector("#impact-badge");
}

// Type at the end of the first `logicalType: string` value, alternating a typo and its fix,
// and time from the key event to the status bar showing the new verdict.
const line = text.split("\n").findIndex((l) => (prose ? l.trim().startsWith("description: Generated column") : l.trim() === "logicalType: string"));
await page.click(".cm-content");
await page.keyboard.press("Control+Home");
for (let i = 0; i < line; i++) await page.keyboard.press("ArrowDown");
await page.keyboard.press("End");
await settle(page);

// In the page: capture-phase keydown and beforeinput listeners stamp the keystroke (the
// later one wins: Playwright sends a typed character's input event after a DevTools round
// trip that a real keyboard doesn't have); the first status bar generation change after it
// stamps the end.
await page.evaluate(() => {
  const status = document.querySelector("#statusbar");
  window.__timing = { samples: [], core: [], t0: null, gen: 0 };
  const stamp = (e) => {
    window.__timing.t0 = e.timeStamp;
    window.__timing.gen = Number(status.dataset.generation);
  };
  window.addEventListener("keydown", stamp, true);
  window.addEventListener("beforeinput", stamp, true);
  new MutationObserver(() => {
    const t = window.__timing;
    if (t.t0 !== null && Number(status.dataset.generation) > t.gen) {
      t.samples.push(performance.now() - t.t0);
      t.core.push(Number(status.dataset.checkMs));

      t.t0 = null;
    }
  }).observe(status, { attributes: true });
});
for (let i = 0; i < strokes; i++) {
  if (prose) await page.keyboard.type("abcdefgh "[i % 9]);
  else if (i % 2 === 0) await page.keyboard.type("x");
  else await page.keyboard.press("Backspace");
  await page.waitForFunction((n) => window.__timing.samples.length >= n, i + 1);
}
const samples = await page.evaluate(() => window.__timing.samples);
const core = await page.evaluate(() => window.__timing.core);

core.sort((a, b) => a - b);
const expectErrors = await page.textContent("#status-counts");
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
const p90 = samples[Math.floor(samples.length * 0.9)];
console.log(`timing${withBase ? " (with review base, badge included)" : ""}${prose ? " (typing prose)" : ""}: ${tables}x${columns} (${text.length} bytes), ${strokes} keystrokes: median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, max ${samples.at(-1).toFixed(1)} ms (check inside the app: median ${core[Math.floor(core.length / 2)].toFixed(1)} ms; final status: ${expectErrors})`);
await context.close();
server.close();
