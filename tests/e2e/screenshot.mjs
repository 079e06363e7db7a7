// Regenerates docs/screenshot.png (the README picture) from the built app: node tests/e2e/screenshot.mjs
import { serve, launch, openApp, settle, clearStorage } from "./harness.mjs";
const { server, url } = await serve();
const { context } = await launch();
const page = await openApp(context, url);
await clearStorage(page);
await page.reload();
await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
// Introduce two realistic mistakes in the example: a typo'd logicalType and a quoted port.
await page.click(".cm-content");
await page.keyboard.press("Control+Home");
async function goLine(n) {
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < n; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
}
await goLine(41);
for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
await page.keyboard.press("Backspace");
await goLine(57);
await page.keyboard.press("Backspace");
await settle(page);
await page.evaluate(() => document.querySelector(".cm-scroller").scrollTop = 30 * 20);
await settle(page);
console.log(await page.textContent("#status-counts"));
await page.screenshot({ path: new URL("../../docs/screenshot.png", import.meta.url).pathname });
await context.close(); server.close();
