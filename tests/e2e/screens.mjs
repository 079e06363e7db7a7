// Screenshots of every view of the example contract, light and dark, at 1400, 800 and
// 600 px wide, into tests/e2e/artifacts/screens/ (to look at, and to compare with
// ../shared/reference/ui/): node tests/e2e/screens.mjs
import fs from "node:fs";
import path from "node:path";
import { serve, launch, settle, fresh, shotsDir, dropFile } from "./harness.mjs";
import { MESH_FILES } from "./fixtures.mjs";

const out = path.join(shotsDir, "screens");
fs.mkdirSync(out, { recursive: true });
const { server, url } = await serve();
const browser = await launch();
const page = await fresh(browser.context, url);
await page.click("#welcome-close");
const views = ["yaml", "form", "schema", "diagram", "preview"];
for (const scheme of ["light", "dark"]) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const width of [1400, 800, 600]) {
    await page.setViewportSize({ width, height: 900 });
    for (const v of views) {
      await page.click(`#view-${v}`);
      await settle(page);
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(out, `${v}-${scheme}-${width}.png`) });
    }
    await page.click("#view-yaml");
    await page.click("#tab-review");
    await settle(page);
    await page.screenshot({ path: path.join(out, `review-${scheme}-${width}.png`) });
    await page.click("#tab-problems");
  }
}
// The Export dialog: one object's JSON Schema, and a conversion to another ODCS version.
await page.click("#view-yaml");
for (const scheme of ["light", "dark"]) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const width of [1400, 600]) {
    await page.setViewportSize({ width, height: 900 });
    await page.click("#export-button");
    await page.selectOption("#export-format", "jsonschema");
    await page.waitForFunction(() => /"\$schema"/.test(document.querySelector("#export-preview")?.textContent));
    if (await page.locator("#export-object").count()) {
      const objects = await page.$$eval("#export-object option", (o) => o.map((x) => x.value).filter(Boolean));
      await page.selectOption("#export-object", objects[0]);
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: path.join(out, `export-object-${scheme}-${width}.png`) });
    await page.selectOption("#export-format", "odcs");
    await page.selectOption("#export-version", "v3.0.2");
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(out, `export-odcs-${scheme}-${width}.png`) });
    await page.click("#export-close");
  }
}
// A review against a base: its exports, Migration SQL and its dialect among them.
const current = await page.evaluate(() => [...document.querySelectorAll(".cm-content .cm-line")].map((l) => l.textContent).join("\n"));
await page.click("#tab-review");
await page.click("#base-paste-button");
await page.fill("#base-paste", current.replace("logicalType: integer", "logicalType: string"));
await page.click("#base-paste-use");
await settle(page);
for (const scheme of ["light", "dark"]) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const width of [1400, 600]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(out, `review-base-${scheme}-${width}.png`) });
  }
}
await page.click("#tab-problems");

// The Mesh view of a small mesh.
for (const [name, text] of MESH_FILES) {
  await dropFile(page, text, name);
  await page.waitForFunction((n) => document.querySelector(".doc-name")?.textContent === n, name);
}
await page.click("#view-mesh");
for (const scheme of ["light", "dark"]) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const width of [1400, 800, 600]) {
    await page.setViewportSize({ width, height: 900 });
    await settle(page);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(out, `mesh-${scheme}-${width}.png`) });
  }
}
console.log(`${fs.readdirSync(out).length} screenshots in ${out}; errors: ${JSON.stringify(page.jsErrors)}`);
await browser.context.close();
server.close();
