// End-to-end tests of the standards as released (ODCS v3.2.0, ODPS v1.1.0): what a user
// sees for a property without logicalType, a v1.1.0 manifest and its completion, a removed
// output port in Review, and a key of a newer version in an older contract.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { setText, settle, shotsDir, fresh as freshApp, editorText, completionOpen, useApp } from "./harness.mjs";

let url, browser;
useApp(async (app) => {
  ({ url, browser } = app);
  fs.mkdirSync(shotsDir, { recursive: true });
});

const fresh = () => freshApp(browser.context, url);

async function newManifest(page) {
  await page.click("#new-button");
  await page.click('[data-template="odps-orders-product"]');
  await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("DataProduct"));
  await settle(page);
}

async function completionLabels(page) {
  await completionOpen(page);
  return page.locator(".cm-tooltip-autocomplete li .cm-completionLabel").allTextContents();
}

test("a v3.2.0 property without logicalType is valid, as the released schema says", async () => {
  const page = await fresh();
  await setText(page, `apiVersion: v3.2.0
kind: DataContract
id: c1
version: 1.0.0
schema:
  - name: orders
    properties:
      - name: payload
        description: Free-form payload, typed downstream.
`);
  assert.equal(await page.textContent("#status-standard"), "ODCS v3.2.0");
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
  assert.equal(await page.locator(".problem.error, .problem.warning").count(), 0);
  // `map` belongs to `logicalType: map` only.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("        map:\n  key: {logicalType: string}\nvalue: {logicalType: string}");
  await settle(page);
  const problem = page.locator(".problem.error").first();
  assert.equal(await problem.getAttribute("data-code"), "unknown-key");
  assert.equal(await problem.getAttribute("data-line"), "10");
});

test("a v1.1.0 manifest is valid and completion offers the keys v1.1.0 added", async () => {
  const page = await fresh();
  await newManifest(page);
  assert.equal(await page.textContent("#status-standard"), "ODPS v1.1.0");
  assert.match(await page.textContent("#status-counts"), /Valid/);
  // At the top level: `synonyms`, `context`, `deprecated` are v1.1.0 keys.
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("syn");
  assert.deepEqual(await completionLabels(page), ["synonyms"]);
  await page.keyboard.press("Escape");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("dep");
  assert.deepEqual(await completionLabels(page), ["deprecated"]);
  await page.keyboard.press("Enter");
  await page.keyboard.type("t");
  assert.ok((await completionLabels(page)).includes("true"));
  await page.keyboard.press("Enter");
  await settle(page);
  assert.match(await editorText(page), /deprecated: true$/);
  // `deprecated: true` with no replacement is a governance warning; nothing is an error.
  await settle(page);
  assert.equal(await page.locator(".problem.error").count(), 0);
  assert.equal(await page.locator('.problem[data-code="deprecation-replacement"]').count(), 1);

  // A new output port: the snippet, then the port's own v1.1.0 keys.
  await setText(page, "apiVersion: v1.1.0\nkind: DataProduct\nid: p\noutputPorts:\n  - ");
  await page.keyboard.press("Control+Space");
  const labels = await completionLabels(page);
  assert.ok(labels.includes("output port"), labels.join(" | "));
  await page.locator(".cm-tooltip-autocomplete li", { hasText: "output port" }).first().click();
  for (const value of ["orders-out", "orders-out", "Orders as they happen", null, null, "urn:datacontract:sales:orders-v1"]) {
    if (value) await page.keyboard.type(value);
    if (value !== "urn:datacontract:sales:orders-v1") await page.keyboard.press("Tab");
  }
  await settle(page);
  assert.match(await editorText(page), /  - id: orders-out\n    name: orders-out\n    description: Orders as they happen\n    type: topic\n    version: 1\.0\.0\n    contractId: urn:datacontract:sales:orders-v1$/);
  await page.keyboard.press("Enter");
  await page.keyboard.type("con");
  const keys = await completionLabels(page);
  assert.ok(keys.includes("context"), keys.join(" | "));
  await page.keyboard.press("Escape");
  await page.screenshot({ path: path.join(shotsDir, "odps-completion.png") });
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await settle(page);
  assert.equal(await page.locator(".problem.error").count(), 0);
});

test("deleting an output port shows in Review as breaking for its consumers", async () => {
  const page = await fresh();
  await newManifest(page);
  await page.click("#tab-review");
  await page.click("#snapshot-button");
  await page.selectOption("#base-select", "Snapshot 1");
  await settle(page);
  assert.equal(await page.textContent("#verdict"), "No changes");
  // Delete the output port (lines 20 to 26).
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < 20; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Home");
  for (let i = 0; i < 8; i++) await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Delete");
  await settle(page);
  assert.equal(await page.textContent("#verdict"), "Breaking for consumers — requires 2.0.0, declared 1.0.0");
  assert.equal(await page.textContent("#impact-badge"), "2 breaking vs base");
  const finding = page.locator('.finding[data-rule="output-port-removed"]');
  assert.equal(await finding.count(), 1);
  assert.match(await finding.textContent(), /output port orders-events 1\.0\.0 output port removed/);
  assert.ok((await page.locator("#findings h3.group").allTextContents()).includes("Output ports"));
  await finding.click();
  await settle(page);
  assert.match(await page.textContent("#compare-base .code-line.hit"), /^21 +- id: orders-events$/);
  await page.screenshot({ path: path.join(shotsDir, "review-manifest.png") });
});

test("a v3.1.0 key in a v3.0.2 contract says which version defines it", async () => {
  const page = await fresh();
  await setText(page, `apiVersion: v3.0.2
kind: DataContract
id: c1
version: 1.0.0
status: active
slaProperties:
  - property: latency
    value: 5
    unit: m
    description: Fresh within 5 minutes.
`);
  const warning = page.locator('.problem[data-code="newer-version-key"]');
  assert.equal(await warning.count(), 1);
  assert.equal(await warning.getAttribute("data-line"), "10");
  const text = await warning.textContent();
  assert.match(text, /description is defined for the SLA property from ODCS v3\.1\.0 on/);
  assert.match(text, /declare apiVersion: v3\.1\.0 to use it/);
  assert.doesNotMatch(text, /reject/);
  assert.match(await page.textContent("#status-counts"), /Valid/);
  await page.screenshot({ path: path.join(shotsDir, "newer-version-key.png") });
});
