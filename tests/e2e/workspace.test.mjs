// End-to-end tests of the workspace (several documents, a governance policy, data product
// ports checked against the contracts) and of the editor's help (completion, snippets,
// hover), in Debian's Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { setText, settle, shotsDir, fresh as freshApp, editorText, completionOpen, useApp, newFrom } from "./harness.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));

const fresh = () => freshApp(browser.context, url);


const tabs = (page) => page.locator("#doc-tabs .doc-tab");

/** The editor renders only the lines in view: go to the end first to read the last ones. */
async function textAtEnd(page) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await settle(page);
  return editorText(page);
}

test("completion offers the keys valid at the cursor and their values; accepting inserts them and the contract stays valid", async () => {
  const page = await fresh();
  await setText(page, `apiVersion: v3.2.0
kind: DataContract
id: c1
version: 1.0.0
schema:
  - name: orders
    properties:
      - name: status
`);
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("        logicalTy");
  await completionOpen(page);
  const options = await page.locator(".cm-tooltip-autocomplete li").allTextContents();
  assert.ok(options.some((o) => o.startsWith("logicalType")), options.join(" | "));
  assert.ok(!options.some((o) => o.startsWith("name")), "keys already present are not offered");
  // Mid-typing the text is not valid YAML, yet the status keeps the declared standard.
  assert.equal(await page.textContent("#status-standard"), "ODCS v3.2.0");
  await page.screenshot({ path: path.join(shotsDir, "completion.png") });
  await page.keyboard.press("Enter");
  await page.keyboard.type("ma");
  await completionOpen(page);
  assert.deepEqual(await page.locator(".cm-tooltip-autocomplete li .cm-completionLabel").allTextContents(), ["map"]);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("stri");
  await completionOpen(page);
  await page.keyboard.press("Enter");
  await settle(page);
  assert.match(await editorText(page), /      - name: status\n        logicalType: string$/);
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
});

test("completion after a list written at column 0 offers the keys the item lacks", async () => {
  const page = await fresh();
  await setText(page, `apiVersion: v3.2.0
kind: DataContract
id: c1
version: 1.0.0
description:
  purpose: "unclosed
schema:
- name: orders
  properties:
  - name: id
    logicalType: string
`);
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("    ");
  await page.keyboard.press("Control+Space");
  await completionOpen(page);
  const labels = await page.locator(".cm-tooltip-autocomplete li .cm-completionLabel").allTextContents();
  assert.ok(labels.includes("required") && labels.includes("primaryKey"), labels.join(" | "));
  assert.ok(!labels.includes("name") && !labels.includes("logicalType"), "keys the property has are not offered");
  await page.keyboard.type("requ");
  await completionOpen(page);
  await page.keyboard.press("Enter");
  await page.keyboard.type("t");
  await completionOpen(page);
  await page.keyboard.press("Enter");
  await settle(page);
  assert.match(await editorText(page), /  - name: id\n    logicalType: string\n    required: true$/);
  // The broken quote above is the one problem: the rest was read, completed and checked.
  const problems = page.locator(".problem");
  assert.equal(await problems.count(), 1);
  assert.equal(await problems.first().getAttribute("data-code"), "yaml-syntax");
  assert.equal(await problems.first().getAttribute("data-line"), "6");
});

test("a snippet adds a whole server of the chosen type, with its required fields", async () => {
  const page = await fresh();
  await setText(page, "apiVersion: v3.2.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nservers:\n  - ");
  await page.keyboard.press("Control+Space");
  await completionOpen(page);
  await page.keyboard.type("snowf");
  const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "server: snowflake" });
  await option.waitFor();
  await option.click();
  await settle(page);
  // The values to fill in are snippet fields: empty ones are problems, not made-up content.
  assert.match(await editorText(page), /  - server: snowflake-prod\n    type: snowflake\n    environment: prod\n    account: ?\n    database: ?\n    schema: ?$/);
  for (const key of ["account", "database", "schema"]) {
    assert.equal(await page.locator(`.problem[data-pointer="/servers/0/${key}"]`).count(), 1, key);
  }
  // The server's name is selected first; Tab goes on from field to field.
  await page.keyboard.type("sales-wh");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("acme");
  await page.keyboard.press("Tab");
  await page.keyboard.type("sales");
  await page.keyboard.press("Tab");
  await page.keyboard.type("public");
  await settle(page);
  const text = await editorText(page);
  assert.match(text, /  - server: sales-wh\n    type: snowflake\n    environment: prod\n    account: acme\n    database: sales\n    schema: public$/);
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
});

test("hovering a key shows its description and the version that introduced it", async () => {
  const page = await fresh();
  await setText(page, "apiVersion: v3.2.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nschema:\n  - name: sales\n    properties:\n      - name: total\n        logicalType: number\n        semanticType: measure\n");
  const key = page.locator(".cm-line", { hasText: "semanticType: measure" }).first();
  const box = await key.boundingBox();
  await page.mouse.move(box.x + 70, box.y + box.height / 2);
  await page.waitForSelector(".cm-hover-doc");
  assert.equal(await page.textContent(".cm-hover-key"), "semanticType");
  assert.match(await page.textContent(".cm-hover-doc"), /Role in analytics: column \(default\), measure or dimension/);
  assert.equal(await page.textContent(".cm-hover-version"), "Added in ODCS v3.2.0");
  await page.screenshot({ path: path.join(shotsDir, "hover.png") });
});

test("New opens a document in a new tab; switching keeps each text, and both survive a reload", async () => {
  const page = await fresh();
  assert.equal(await tabs(page).count(), 1);
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# edited in the contract\n");
  await settle(page);

  await newFrom(page, "odcs-blank");
  assert.equal(await tabs(page).count(), 2);
  assert.match(await page.textContent("#toast"), /in a new tab/);
  assert.match(await editorText(page), /my\.dataset\.v1/);
  await page.click(".cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("# edited in the blank one\n");
  await settle(page);
  assert.equal(await page.textContent("#doc-tabs .doc-tab.active .doc-tab-label"), "my.dataset.v1");
  assert.match(await page.getAttribute("#doc-tabs .doc-tab.active .doc-tab-name", "title"), /^my\.dataset\.v1\.odcs\.yaml \(/);

  await tabs(page).first().locator(".doc-tab-name").click();
  await settle(page);
  let text = await textAtEnd(page);
  assert.match(text, /# edited in the contract/);
  assert.doesNotMatch(text, /# edited in the blank one/);
  assert.equal(await page.textContent(".doc-name"), "orders.events.v1.odcs.yaml");
  // Undo works per document: the edit made before switching can be undone (the typing and
  // the line break are separate steps).
  let undos = 0;
  while (/# edited in the contract/.test(await textAtEnd(page)) && undos < 3) {
    await page.keyboard.press("Control+z");
    await settle(page);
    undos++;
  }
  assert.doesNotMatch(await textAtEnd(page), /# edited in the contract/);
  for (let i = 0; i < undos; i++) await page.keyboard.press("Control+y");
  await settle(page);
  assert.match(await textAtEnd(page), /# edited in the contract/);

  await page.reload();
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  assert.equal(await tabs(page).count(), 2);
  assert.match(await textAtEnd(page), /# edited in the contract/);
  await tabs(page).nth(1).locator(".doc-tab-name").click();
  await settle(page);
  assert.match(await editorText(page), /# edited in the blank one/);

  // Closing asks first (accepted here), then shows the neighbour.
  await tabs(page).nth(1).locator(".doc-tab-close").click();
  await settle(page);
  assert.equal(await tabs(page).count(), 1);
  assert.match(await textAtEnd(page), /# edited in the contract/);
  assert.deepEqual(page.jsErrors, []);
});

test("a data product's port with a broken contractId is reported at its line, with the workspace's contract suggested", async () => {
  const page = await fresh();
  await newFrom(page, "odps-orders-product");
  assert.equal(await page.textContent("#status-kind"), "Data product manifest");
  // The input port's checkout contract is not in the workspace; the orders contract is.
  let problems = page.locator(".problem.warning");
  assert.equal(await problems.count(), 1);
  assert.equal(await problems.first().getAttribute("data-code"), "contract-not-found");
  assert.equal(await problems.first().getAttribute("data-line"), "18");

  // Break the output port's reference (line 26): a typo in the contract id.
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < 26; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.type("x");
  await settle(page);
  problems = page.locator('.problem.warning[data-code="contract-not-found"]');
  assert.equal(await problems.count(), 2);
  const broken = problems.nth(1);
  assert.equal(await broken.getAttribute("data-line"), "26");
  assert.match(await broken.textContent(), /port orders-events uses contract urn:datacontract:orders:orders-events-v1x, which no document in this workspace defines\. Did you mean urn:datacontract:orders:orders-events-v1\?/);
  await page.screenshot({ path: path.join(shotsDir, "odps-broken-port.png") });
  // Clicking it moves the cursor to the port's line.
  await page.keyboard.press("Control+Home");
  await broken.click();
  await settle(page);
  assert.match(await page.textContent("#status-cursor"), /^Ln 26,/);
});

test("a governance policy in the workspace is applied to the contracts, live", async () => {
  const page = await fresh();
  await setText(page, `apiVersion: v3.2.0
kind: DataContract
id: c1
version: 1.0.0
schema:
  - name: customers
    properties:
      - name: customerEmail
        logicalType: string
`);
  // Built-in policy: PII without a classification warns.
  assert.equal(await page.textContent("#status-counts"), "✓ Valid · 1 warning");

  await newFrom(page, "charter-policy");
  assert.equal(await page.textContent("#status-kind"), "Governance policy");
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
  await tabs(page).first().locator(".doc-tab-name").click();
  await settle(page);
  // The policy raises PII classification and the deprecation rule to errors, turns naming
  // on and asks for a team, support, a freshness SLA and a status.
  assert.equal(await page.textContent("#status-counts"), "1 error · 5 warnings");
  assert.equal(await page.locator('.problem.warning[data-code="status-declared"]').count(), 1);
  const pii = page.locator('.problem.error[data-code="pii-classification"]');
  assert.equal(await pii.getAttribute("data-line"), "8");
  const naming = page.locator('.problem[data-code="naming-convention"]');
  assert.match(await naming.textContent(), /rename it customer_email/);
  assert.equal(await page.locator("#doc-tabs .doc-tab.active .dot.err").count(), 1);

  // Turn PII classification off in the policy: the contract no longer fails.
  await tabs(page).nth(1).locator(".doc-tab-name").click();
  await settle(page);
  const text = (await editorText(page)).replace("pii-classification: error", "pii-classification: off");
  await setText(page, text);
  await tabs(page).first().locator(".doc-tab-name").click();
  await settle(page);
  assert.equal(await page.textContent("#status-counts"), "✓ Valid · 5 warnings");
  await page.screenshot({ path: path.join(shotsDir, "policy.png") });
});

test("a mistake in the policy is shown in the policy itself, with a suggestion", async () => {
  const page = await fresh();
  await newFrom(page, "charter-policy");
  const text = (await editorText(page)).replace("pii-classification: error", "pii-clasification: error");
  await setText(page, text);
  const problem = page.locator(".problem.error").first();
  assert.match(await problem.textContent(), /unknown rule pii-clasification\. Did you mean pii-classification\?/);
});
