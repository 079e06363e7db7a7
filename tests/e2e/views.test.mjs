// End-to-end tests of the Form and Diagram views, in Debian's Chromium, doing what a person does.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { execFileSync, spawnSync } from "node:child_process";
import { settle, shotsDir, fresh as freshApp, setText, root, useApp, newFrom } from "./harness.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));

const fresh = () => freshApp(browser.context, url);
const field = (pointer) => `#form-view [data-pointer="${pointer}"]`;

/** What Download gives: the document's bytes. */
async function saved(page) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click("#download-button")]);
  return fs.readFileSync(await d.path(), "utf8");
}

/** Type a value into a form field and confirm it (Enter in a line, Tab out of a text area). */
async function fill(page, pointer, value) {
  const sel = field(pointer);
  await page.waitForSelector(sel);
  await page.fill(sel, value);
  const tag = await page.$eval(sel, (e) => e.tagName);
  const generation = () => page.evaluate(() => Number(document.querySelector("#statusbar").dataset.generation));
  const before = await generation();
  await page.press(sel, tag === "TEXTAREA" ? "Tab" : "Enter");
  if (tag !== "TEXTAREA") {
    // Enter alone commits the value (checked again), and the field keeps the focus.
    await page.waitForFunction((g) => Number(document.querySelector("#statusbar").dataset.generation) > g, before);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.pointer), pointer);
  }
  await settle(page);
}

async function addItem(page, list) {
  await page.click(`#form-view [data-add="${list}"]`);
  await settle(page);
}

/** The lines of `after` that `before` doesn't have, and the reverse (as multisets). */
function lineDiff(beforeText, afterText) {
  const count = (lines) => lines.reduce((m, l) => m.set(l, (m.get(l) || 0) + 1), new Map());
  const minus = (a, b) => {
    const cb = count(b);
    return a.filter((l) => {
      const n = cb.get(l) || 0;
      if (n > 0) { cb.set(l, n - 1); return false; }
      return true;
    });
  };
  const [a, b] = [beforeText.split("\n"), afterText.split("\n")];
  return { added: minus(b, a), removed: minus(a, b) };
}

/** The CLI the tests built (target/debug/charter), built here when it is missing. */
function charter() {
  const bin = path.join(root, "target/debug/charter");
  if (!fs.existsSync(bin)) execFileSync("cargo", ["build", "-q", "-p", "charter-cli"], { cwd: root, stdio: "inherit" });
  return bin;
}

test("orders.events.v1 built from the New contract dialog, the Form and the Schema views alone passes charter validate", async () => {
  const page = await fresh();
  await page.click("#new-button");
  await page.click("#new-contract");
  await page.fill("#nc-name", "orders.events.v1");
  await page.fill("#nc-domain", "orders");
  await page.fill("#nc-team", "orders-team");
  await page.fill("#nc-table", "order_events");
  await page.click("#nc-create");
  await page.waitForFunction(() => document.querySelector(".doc-name").textContent === "orders.events.v1.odcs.yaml");
  await settle(page);

  await page.click("#view-form");
  await page.waitForSelector(field("/version"));
  // Fundamentals: the version and status the dialog wrote, changed in place.
  await fill(page, "/version", "1.0.0");
  await page.fill(field("/status"), "active");
  await page.press(field("/status"), "Enter");
  await settle(page);
  // Description: not written yet; the first value creates it.
  await fill(page, "/description/purpose", "Every change in an order's life, as it happens.");
  // A tag, as a chip.
  await page.fill('#form-view [data-pointer="/tags"] input', "orders");
  await page.press('#form-view [data-pointer="/tags"] input', "Enter");
  await settle(page);
  // A server: added, opened, its type chosen; the kafka server's own field appears.
  await addItem(page, "/servers");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.pointer), "/servers/0/id", "the new server's first field has the focus");
  await fill(page, "/servers/0/server", "orders-kafka-prod");
  await page.selectOption(field("/servers/0/type"), "kafka");
  await settle(page);
  await fill(page, "/servers/0/host", "kafka.internal:9092");
  // Support and a 5-minute freshness promise.
  await addItem(page, "/support");
  await fill(page, "/support/0/channel", "#orders-help");
  await fill(page, "/support/0/url", "https://chat.example.com/orders-help");
  await addItem(page, "/slaProperties");
  await fill(page, "/slaProperties/0/property", "latency");
  await fill(page, "/slaProperties/0/value", "5");
  await fill(page, "/slaProperties/0/unit", "m");
  // Team: a member.
  await addItem(page, "/team/members");
  await fill(page, "/team/members/0/username", "ada@example.com");
  await fill(page, "/team/members/0/role", "owner");
  await page.screenshot({ path: path.join(shotsDir, "form-built.png") });

  // Columns in the Schema view.
  await page.click("#view-schema");
  await page.waitForSelector("#schema-view .st-add");
  const columns = [["order_id", "string"], ["status", "string"], ["amount", "number"], ["placed_at", "timestamp"]];
  for (const [name, type] of columns) {
    const rows = await page.locator("#schema-view tr[data-pointer]").count();
    await page.click("#schema-view .st-add");
    await page.waitForFunction((n) => document.querySelectorAll("#schema-view tr[data-pointer]").length === n + 1, rows);
    await settle(page);
    const row = page.locator("#schema-view tr[data-pointer]").last();
    await row.locator("[data-key=name]").fill(name);
    await row.locator("[data-key=name]").press("Enter");
    await settle(page);
    await row.locator("[data-key=logicalType]").selectOption(type);
    await settle(page);
  }
  assert.equal(await page.locator("#schema-view tr[data-pointer]").count(), 5);

  assert.match(await page.textContent("#status-counts"), /Valid/);
  const text = await saved(page);
  assert.match(text, /\nversion: 1\.0\.0\nstatus: active\n/);
  assert.match(text, /\ndescription:\n  purpose: Every change in an order's life, as it happens\.\n/);
  assert.match(text, /\nservers:\n  - server: orders-kafka-prod\n    type: kafka\n    host: "?kafka\.internal:9092"?\n/);
  assert.match(text, /\nslaProperties:\n  - property: latency\n    value: 5\n    unit: m\n/);
  assert.match(text, /\n      - name: placed_at\n        logicalType: timestamp\n/);
  // The CLI gives the verdict the editor shows.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charter-form-"));
  const file = path.join(dir, "orders.events.v1.odcs.yaml");
  fs.writeFileSync(file, text);
  const run = spawnSync(charter(), ["validate", file], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  fs.rmSync(dir, { recursive: true });
  assert.deepEqual(page.jsErrors, []);
});

test("20 form edits on a commented contract change the text only at those places; Ctrl+Z undoes a form edit", async () => {
  const page = await fresh();
  const original = await saved(page);
  assert.match(original, /^# /, "the example starts with a comment");
  await page.click("#view-form");
  await page.waitForSelector(field("/name"));
  // Open a server and a table, and a column of it.
  await page.click(field("/servers/0"));
  await page.click(field("/schema/0"));
  await settle(page);
  await page.click(field("/schema/0/properties/1"));
  await settle(page);
  const edits = [
    ["/name", "orders.events.v2"],
    ["/version", "2.0.0"],
    ["/status", "draft"],
    ["/domain", "sales"],
    ["/tenant", "eu"],
    ["/description/purpose", "Why: a purpose."],
    ["/description/usage", "How: dashboards."],
    ["/description/limitations", "None # not a comment"],
    ["/servers/0/description", "The production cluster."],
    ["/servers/0/environment", "preprod"],
    ["/servers/0/host", "kafka-2.internal:9092"],
    ["/schema/0/description", "One row per order event."],
    ["/schema/0/businessName", "Order state changes"],
    ["/schema/0/physicalName", "order_events_v2"],
    ["/schema/0/properties/1/description", "The order: yes, this one."],
    ["/schema/0/properties/1/businessName", "Order"],
    ["/schema/0/properties/1/physicalType", "VARCHAR(36)"],
    ["/schema/0/properties/1/classification", "internal"],
  ];
  for (const [p, v] of edits) await fill(page, p, v);
  await page.selectOption(field("/schema/0/properties/1/logicalType"), "integer");
  await settle(page);
  await page.click(field("/schema/0/properties/1/unique"));
  await settle(page);
  assert.equal(await page.inputValue(field("/schema/0/properties/1/physicalType")), "VARCHAR(36)");
  const after20 = await saved(page);
  const { added, removed } = lineDiff(original, after20);
  // Every change is one line: the edited key's, with its new value; nothing else moved.
  assert.equal(added.length, 20, added.join("\n"));
  assert.ok(removed.length <= 20, removed.join("\n"));
  for (const [p, v] of edits) {
    const key = p.split("/").pop();
    assert.ok(added.some((l) => l.trimStart().startsWith(`${key}:`) && l.includes(v.split(" #")[0])), `${p}: ${added.join(" | ")}`);
  }
  assert.ok(added.some((l) => l.trim() === "logicalType: integer"));
  assert.ok(added.some((l) => l.trim() === "unique: true"));
  // Every comment of the original is still there.
  for (const l of original.split("\n").filter((l) => l.trimStart().startsWith("#"))) assert.ok(after20.includes(l), l);

  // Ctrl+Z outside a text field (on the switch just used) undoes the last form edit.
  await page.focus(field("/schema/0/properties/1/unique"));
  await page.keyboard.press("Control+z");
  await settle(page);
  assert.equal(await page.isChecked(field("/schema/0/properties/1/unique")), false);
  const undone = lineDiff(original, await saved(page)).added;
  assert.deepEqual(undone, added.filter((l) => l.trim() !== "unique: true"));
  await page.screenshot({ path: path.join(shotsDir, "form-edited.png") });
  assert.deepEqual(page.jsErrors, []);
});

test("the Form view shows problems on their fields, a clicked problem opens its field, and lists add, reorder and remove items", async () => {
  const page = await fresh();
  // A typo in the YAML: an unknown logical type on the third column.
  const original = await saved(page);
  const text = original.replace(/(name: customer_id\n\s+logicalType: )string/, "$1strin");
  assert.notEqual(text, original);
  await setText(page, text);
  await page.click("#view-form");
  await page.waitForSelector(field("/name"));
  await page.click(".problem >> nth=0");
  await page.waitForFunction(() => document.activeElement?.dataset.pointer?.endsWith("/logicalType"));
  const pointer = await page.evaluate(() => document.activeElement.dataset.pointer);
  assert.match(pointer, /^\/schema\/0\/properties\/\d+\/logicalType$/);
  const problem = await page.textContent(`${field(pointer)} ~ .fm-problems`);
  assert.match(problem, /strin/);
  await page.selectOption(field(pointer), "string");
  await settle(page);
  assert.match(await page.textContent("#status-counts"), /Valid/);

  // Tags: added and removed as chips.
  const tags = '#form-view [data-pointer="/tags"]';
  const chips = () => page.$$eval(`${tags} .chip`, (cs) => cs.map((c) => c.firstChild.textContent));
  const before = await chips();
  await page.fill(`${tags} input`, "new-tag");
  await page.press(`${tags} input`, "Enter");
  await settle(page);
  assert.deepEqual(await chips(), [...before, "new-tag"]);
  await page.click(`${tags} .chip >> nth=0 >> .chip-x`);
  await settle(page);
  assert.deepEqual(await chips(), [...before.slice(1), "new-tag"]);

  // Support channels: a second one added, moved up, removed.
  const names = () => page.$$eval('#form-view [data-pointer="/support"] .fm-item-head .fm-toggle', (bs) => bs.map((b) => b.textContent.replace(/^[▸▾]/, "")));
  const first = await names();
  await addItem(page, "/support");
  await fill(page, `/support/${first.length}/channel`, "#second");
  assert.deepEqual(await names(), [...first, "#second"]);
  await page.click(`#form-view [data-pointer="/support"] .fm-item >> nth=${first.length} >> [aria-label="Move up"]`);
  await settle(page);
  assert.equal((await names())[first.length - 1], "#second");
  await page.click(`#form-view [data-pointer="/support"] .fm-item >> nth=${first.length - 1} >> .fm-remove`);
  await settle(page);
  assert.deepEqual(await names(), first);
  // Dark, and narrow.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: path.join(shotsDir, "form-dark.png") });
  await page.setViewportSize({ width: 800, height: 900 });
  await page.screenshot({ path: path.join(shotsDir, "form-narrow-dark.png") });
  assert.deepEqual(page.jsErrors, []);
});

const SHOP = `apiVersion: v3.2.0
kind: DataContract
id: shop
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        primaryKey: true
      - name: customer_id
        logicalType: string
        relationships:
          - to: customers.customer_id
  - name: customers
    properties:
      - name: customer_id
        logicalType: string
        primaryKey: true
  # Lines refer to orders with a fully qualified reference.
  - name: order_lines
    relationships:
      - from: order_lines.order_id
        to: schema/orders/properties/order_id
    properties:
      - name: order_id
        logicalType: string
      - name: sku
        logicalType: string
  - name: products
    properties:
      - name: sku
        logicalType: string
        primaryKey: true
`;

test("the Diagram view draws tables and every kind of reference, a drag between columns writes a relationship, a click opens the form, Export SVG downloads it", async () => {
  const page = await fresh();
  await setText(page, SHOP);
  await page.click("#view-diagram");
  await page.waitForSelector("#diagram svg.er");
  await settle(page);
  const links = () => page.locator("#diagram .er-link").count();
  assert.equal(await page.locator("#diagram .er-table").count(), 4);
  assert.equal(await links(), 2, "shorthand and fully qualified references are drawn");
  await page.screenshot({ path: path.join(shotsDir, "diagram.png") });

  // Drag from order_lines.sku's handle to products.sku.
  const row = (p) => `#diagram .er-row[data-pointer="${p}"]`;
  await page.hover(row("/schema/2/properties/1"));
  const from = await page.locator(`${row("/schema/2/properties/1")} .er-port`).boundingBox();
  const to = await page.locator(row("/schema/3/properties/0")).boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  assert.equal(await page.locator("#diagram .er-overlay line").count(), 1, "a line follows the pointer");
  await page.mouse.up();
  await settle(page);
  await page.waitForFunction(() => document.querySelectorAll("#diagram .er-link").length === 3);
  const text = await saved(page);
  assert.match(text, /\n      - name: sku\n        logicalType: string\n        relationships:\n          - type: foreignKey\n            to: products\.sku\n  - name: products\n/);
  const { added, removed } = lineDiff(SHOP, text);
  assert.equal(added.length, 3, added.join("\n"));
  assert.deepEqual(removed, []);
  assert.match(await page.textContent("#status-counts"), /Valid/);

  // Zoom with the buttons; the wheel too.
  const zoom = () => page.textContent("#diagram-zoom");
  const before = await zoom();
  await page.click("#diagram-zoom-in");
  assert.notEqual(await zoom(), before);
  await page.click("#diagram-fit");
  // Fit: the whole diagram in the view.
  const [view, drawn] = [await page.locator("#diagram").boundingBox(), await page.locator("#diagram svg.er").boundingBox()];
  assert.ok(drawn.x >= view.x - 1 && drawn.y >= view.y - 1 && drawn.x + drawn.width <= view.x + view.width + 1 && drawn.y + drawn.height <= view.y + view.height + 1, JSON.stringify({ view, drawn }));

  // Export SVG: one file with its own styles, every name in it.
  const [d] = await Promise.all([page.waitForEvent("download"), page.click("#diagram-export")]);
  assert.equal(d.suggestedFilename(), "shop.svg");
  const svg = fs.readFileSync(await d.path(), "utf8");
  assert.match(svg, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*><style>/);
  for (const name of ["orders", "customers", "order_lines", "products"]) assert.ok(svg.includes(`>${name}</text>`), name);

  // A click on a table opens it in the Form view.
  await page.click('#diagram .er-table[data-pointer="/schema/1"] .er-title');
  await page.waitForSelector('#form-view [data-pointer="/schema/1/name"]');
  assert.equal(await page.inputValue('#form-view [data-pointer="/schema/1/name"]'), "customers");
  assert.deepEqual(page.jsErrors, []);
});

test("20 rows pasted from a spreadsheet into the Schema view become 20 columns of that table, in one edit", async () => {
  const page = await fresh();
  const original = await saved(page);
  await page.click("#view-schema");
  // The table's heading counts its columns (only those in sight are drawn).
  const rows = async () => Number((await page.textContent('#schema-view tr.st-group[data-object="/schema/0"] .st-count')).split(" ")[0]);
  await page.waitForSelector("#schema-view tr[data-pointer]");
  const before = await rows();
  // What a spreadsheet puts on the clipboard: a header row, then tab-separated cells.
  const tsv = ["Column\tLogical type\tRequired\tDescription",
    ...Array.from({ length: 20 }, (_, i) => `col_${i}\t${i % 2 ? "integer" : "string"}\t${i % 3 ? "" : "yes"}\tPasted row ${i}: yes, really`)].join("\r\n");
  await page.focus('#schema-view tr[data-object="/schema/0"][data-pointer] >> nth=0 >> [data-key=name]');
  await page.evaluate((tsv) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", tsv);
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, tsv);
  await page.waitForFunction((n) => parseInt(document.querySelector('#schema-view tr.st-group[data-object="/schema/0"] .st-count').textContent) === n + 20, before);
  await settle(page);
  // The focused cell kept its value: the paste went to the table, not into the cell.
  assert.equal(await page.inputValue('#schema-view tr[data-object="/schema/0"][data-pointer] >> nth=0 >> [data-key=name]'), "event_id");
  const text = await saved(page);
  const { added, removed } = lineDiff(original, text);
  assert.deepEqual(removed, []);
  assert.equal(added.filter((l) => /^ {6}- name: col_\d+$/.test(l)).length, 20);
  // Each row an item, its cells as keys in the standard's order (strings quoted where YAML needs it).
  const item = text.match(/\n {6}- name: col_3\n((?: {8}.*\n)+)/)[1];
  assert.deepEqual(item.trim().split("\n").map((l) => l.trim()).sort(), ['description: "Pasted row 3: yes, really"', "logicalType: integer", "required: true"]);
  assert.match(await page.textContent("#status-counts"), /Valid/);
  // One undo step takes all 20 back.
  await page.focus('#schema-view tr[data-object="/schema/0"][data-pointer] >> nth=0 >> [data-key=required]');
  await page.keyboard.press("Control+z");
  await settle(page);
  assert.equal(await rows(), before);
  assert.deepEqual(page.jsErrors, []);
});

test("rows selected in the Schema view get a cell set, are duplicated or deleted at once; an object column gets nested ones", async () => {
  const page = await fresh();
  await setText(page, "apiVersion: v3.2.0\nkind: DataContract\nid: bulk\nname: bulk.v1\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: customers\n    properties:\n      - name: id\n        logicalType: string\n        primaryKey: true\n      - name: email # contact\n        logicalType: string\n      - name: phone\n        logicalType: string\n      - name: address\n        logicalType: object\n");
  const original = await saved(page);
  await page.click("#view-schema");
  const row = (i) => `#schema-view tr[data-pointer="/schema/0/properties/${i}"]`;
  await page.waitForSelector(row(3));
  // A click on one row's box, Shift+click on another's: both and those between.
  await page.click(`${row(1)} [data-key=select]`);
  await page.click(`${row(2)} [data-key=select]`, { modifiers: ["Shift"] });
  await page.waitForSelector("#st-bulk");
  assert.equal(await page.textContent(".st-bulk-count"), "2 columns selected");
  await page.fill("#bulk-value", "restricted");
  await page.click("#bulk-apply");
  await settle(page);
  let d = lineDiff(original, await saved(page));
  assert.deepEqual(d.removed, []);
  assert.deepEqual(d.added, ["        classification: restricted", "        classification: restricted"]);
  assert.equal(await page.inputValue(`${row(2)} [data-key=classification]`), "restricted");
  // Another cell for the same rows: a switch.
  await page.selectOption("#bulk-field", "required");
  await page.click("#bulk-apply");
  await settle(page);
  assert.equal(await page.isChecked(`${row(1)} [data-key=required]`), true);
  assert.equal(await page.isChecked(`${row(2)} [data-key=required]`), true);
  assert.equal(await page.isChecked(`${row(0)} [data-key=required]`), false);
  const set = await saved(page);
  assert.match(set, /- name: email # contact\n        logicalType: string\n        required: true\n        classification: restricted\n/);

  // Duplicated: each right after itself, under a name no column has.
  await page.click("#bulk-duplicate");
  await settle(page);
  assert.equal(await page.locator("#st-bulk").count(), 0);
  const names = () => page.$$eval("#schema-view tr[data-pointer] [data-key=name]", (l) => l.map((e) => e.value));
  assert.deepEqual(await names(), ["id", "email", "email_copy", "phone", "phone_copy", "address"]);
  assert.match(await saved(page), /- name: email_copy # contact\n        logicalType: string\n        required: true\n        classification: restricted\n      - name: phone\n/);
  // The copies selected and deleted: the text as it was before.
  await page.click(`${row(2)} [data-key=select]`);
  await page.click(`${row(4)} [data-key=select]`);
  assert.equal(await page.textContent(".st-bulk-count"), "2 columns selected");
  await page.click("#bulk-delete");
  await settle(page);
  assert.deepEqual(await names(), ["id", "email", "phone", "address"]);
  assert.equal(await saved(page), set);

  // A column of an object type: "+" adds a column nested in it.
  await page.hover(row(3));
  await page.click(`${row(3)} .st-sub`);
  await settle(page);
  const nested = '#schema-view tr[data-pointer="/schema/0/properties/3/properties/0"]';
  await page.waitForSelector(nested);
  assert.equal(await page.inputValue(`${nested} [data-key=name]`), "new_field");
  assert.match(await saved(page), /- name: address\n        logicalType: object\n        properties:\n          - name: new_field\n            logicalType: string\n$/);
  // A row's own ⧉ duplicates it; Ctrl+Z in the grid takes it back.
  await page.hover(row(0));
  await page.click(`${row(0)} .st-dup`);
  await settle(page);
  assert.equal(await page.inputValue(`${row(1)} [data-key=name]`), "id_copy");
  await page.focus(`${row(0)} [data-key=select]`);
  await page.keyboard.press("Control+z");
  await settle(page);
  assert.equal(await page.inputValue(`${row(1)} [data-key=name]`), "email");
  await page.screenshot({ path: path.join(shotsDir, "schema-bulk.png") });
  assert.deepEqual(page.jsErrors, []);
});

test("a data product in the Form view: its ports' contracts come from the workspace and open in their tab", async () => {
  const page = await fresh();
  await newFrom(page, "odps-orders-product");
  await page.click("#view-form");
  await page.waitForSelector(field("/name"));
  assert.equal(await page.inputValue(field("/name")), "orders");
  const open = async (pointer) => {
    const toggle = `#form-view .fm-toggle[data-pointer="${pointer}"]`;
    await page.waitForSelector(toggle);
    if ((await page.getAttribute(toggle, "aria-expanded")) !== "true") await page.click(toggle);
    await settle(page);
  };
  await open("/outputPorts/0");
  const contract = field("/outputPorts/0/contractId");
  await page.waitForSelector(contract);
  assert.equal(await page.inputValue(contract), "urn:datacontract:orders:orders-events-v1");
  // A new input port: its contractId offers the workspace's contract.
  await addItem(page, "/inputPorts");
  await fill(page, "/inputPorts/1/name", "orders-in");
  await fill(page, "/inputPorts/1/version", "1.0.0");
  const listId = await page.getAttribute(field("/inputPorts/1/contractId"), "list");
  const offered = await page.$$eval(`datalist[id="${listId}"] option`, (l) => l.map((o) => o.value));
  assert.ok(offered.includes("urn:datacontract:orders:orders-events-v1"), offered.join(" | "));
  await fill(page, "/inputPorts/1/contractId", "urn:datacontract:orders:orders-events-v1");
  const text = await saved(page);
  assert.match(text, /  - id: checkout-events\n(    .*\n)+  - name: orders-in\n    version: 1\.0\.0\n    contractId: urn:datacontract:orders:orders-events-v1\n/);
  await page.screenshot({ path: path.join(shotsDir, "form-product.png") });
  // "Open contract →" shows that contract's tab.
  await page.click(`${field("/outputPorts/0/contractId")} ~ .fm-open`);
  await page.waitForFunction(() => document.querySelector(".doc-tab.active .doc-tab-label")?.textContent === "orders.events.v1");
  await page.waitForSelector(field("/id"));
  assert.equal(await page.inputValue(field("/id")), "urn:datacontract:orders:orders-events-v1");
  assert.deepEqual(page.jsErrors, []);
});

test("the layout fits windows of 1100, 800 and 600 px: nothing runs off the side, the Review panel stays usable", async () => {
  const page = await fresh();
  for (const width of [1100, 800, 600]) {
    await page.setViewportSize({ width, height: 800 });
    await page.click("#tab-review");
    await settle(page);
    const fit = await page.evaluate(() => {
      const review = document.querySelector("#review").getBoundingClientRect();
      const editor = document.querySelector(".editor-pane").getBoundingClientRect();
      return {
        page: document.documentElement.scrollWidth <= window.innerWidth,
        review: review.left >= 0 && review.right <= window.innerWidth + 0.5 && review.width >= Math.min(320, window.innerWidth - 40),
        editor: editor.width >= Math.min(480, window.innerWidth - 40),
      };
    });
    assert.deepEqual(fit, { page: true, review: true, editor: true }, `${width} px`);
    // Every view's tab stays reachable.
    for (const v of ["yaml", "form", "schema", "diagram", "preview"]) assert.ok(await page.isVisible(`#view-${v}`), `${v} at ${width}`);
    await page.click("#tab-problems");
  }
  assert.deepEqual(page.jsErrors, []);
});

test("nested columns are drawn in the Diagram; relationships, definitions and custom properties are in the Preview", async () => {
  const page = await fresh();
  await setText(page, "apiVersion: v3.2.0\nkind: DataContract\nid: nest\nname: nest.v1\nversion: 1.0.0\nstatus: draft\nauthoritativeDefinitions:\n  - type: canonicalUrl\n    url: https://example.com/nest.yaml\ncustomProperties:\n  - property: tier\n    value: gold\nschema:\n  - name: orders\n    properties:\n      - name: address\n        logicalType: object\n        properties:\n          - name: city\n            logicalType: string\n            relationships:\n              - type: foreignKey\n                to: cities.name\n  - name: cities\n    properties:\n      - name: name\n        logicalType: string\n");
  await page.click("#view-diagram");
  await page.waitForSelector("#diagram svg.er");
  const nested = '#diagram .er-row[data-ref="orders.address.city"]';
  await page.waitForSelector(nested);
  assert.equal(await page.getAttribute(nested, "data-pointer"), "/schema/0/properties/0/properties/0");
  assert.equal(await page.locator("#diagram .er-link").count(), 1);
  await page.click("#view-preview");
  await page.waitForSelector("#preview h1");
  assert.equal(await page.textContent("#preview .pv-fk"), "→ cities.name");
  const headings = await page.$$eval("#preview h2", (l) => l.map((h) => h.textContent));
  assert.ok(headings.includes("Definitions") && headings.includes("Custom properties"), headings.join(" | "));
  assert.equal(await page.getAttribute('#preview a[href="https://example.com/nest.yaml"]', "rel"), "noopener noreferrer");
  assert.deepEqual(page.jsErrors, []);
});
