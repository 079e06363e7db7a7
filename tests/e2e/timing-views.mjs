// Browser timing of the views (a benchmark, not a test), on a generated contract, in
// Chromium against the built app:
//   node tests/e2e/timing-views.mjs [tables] [columns] [edits]
// prints how long the Form view takes to show, to open a table, a form edit (a table's
// field and a root field: from Enter to the frame after the re-checked form), and the
// Diagram view to show. Needs a built dist/ and the CLI, like timing.mjs.
import { settle, openGenerated } from "./harness.mjs";

const [tables = 100, columns = 50, edits = 7] = process.argv.slice(2, 5).map(Number);
const { server, context, page, text } = await openGenerated(tables, columns);

const field = (p) => `#form-view [data-pointer="${p}"]`;
const generation = () => page.evaluate(() => Number(document.querySelector("#statusbar").dataset.generation));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let t0 = Date.now();
await page.click("#view-form");
await page.waitForSelector(field("/version"), { timeout: 120000 });
console.log(`Form view of ${tables}x${columns}: shown in ${Date.now() - t0} ms`);
await settle(page);
const table = `/schema/${Math.floor(tables / 2)}`;
t0 = Date.now();
await page.click(field(table));
await page.waitForSelector(field(`${table}/physicalName`));
console.log(`a table opened in ${Date.now() - t0} ms`);
await settle(page);

async function timed(label, pointer) {
  const times = [];
  const checks = [];
  for (let i = 0; i < edits; i++) {
    await page.fill(field(pointer), `edited_${i}`);
    // A person's pace: the worker has re-read the last text whole for the next edit
    // (`Session::after_answer`, some 80 ms on 2.8 MB) before the next Enter.
    await page.waitForTimeout(300);
    const g = await generation();
    // Timed in the page: from Enter to the re-checked view in the page (Playwright's round
    // trips would add theirs).
    times.push(Math.round(await page.evaluate(({ sel, g }) => new Promise((resolve) => {
      const t = performance.now();
      document.querySelector(sel).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
      // The moment the re-checked view is in the page (the status bar's generation is
      // written with the rest of the answer's view; the browser paints it next frame).
      const bar = document.querySelector("#statusbar");
      new MutationObserver((_, o) => {
        if (Number(bar.dataset.generation) > g) { o.disconnect(); resolve(performance.now() - t); }
      }).observe(bar, { attributes: true });
    }), { sel: field(pointer), g })));
    checks.push(Math.round(await page.evaluate(() => Number(document.querySelector("#statusbar").dataset.checkMs))));
    await settle(page);
  }
  console.log(`${label}: median ${median(times)} ms (${times.join(", ")}); of which the check in the worker: median ${median(checks)} ms`);
}
await timed("form edit of a table's field", `${table}/physicalName`);
await timed("form edit of a root field", "/domain");

t0 = Date.now();
await page.click("#view-diagram");
await page.waitForSelector("#diagram svg.er", { timeout: 120000 });
console.log(`Diagram view shown in ${Date.now() - t0} ms (${await page.locator("#diagram .er-table").count()} tables)`);
await context.close();
server.close();
