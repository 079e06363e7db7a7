// End-to-end tests of Export: the contract as SQL DDL (per dialect), JSON Schema, Avro,
// Mermaid, HTML or JSON, previewed live and downloaded, the same bytes as `charter export`.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { setText, settle, shotsDir, fresh as freshApp, editorText, useApp, root } from "./harness.mjs";
import { ORDERS, MESH_FILES } from "./fixtures.mjs";

let url, browser;
useApp((app) => ({ url, browser } = app));
const fresh = () => freshApp(browser.context, url);

/** What the CLI writes for `text` with these arguments. */
function cli(text, args) {
  return execFileSync("cargo", ["run", "-q", "-p", "charter-cli", "--", "export", ...args, "-"], { input: text, cwd: root }).toString();
}

test("Export writes the contract's Postgres DDL, previewed live, downloaded as the CLI writes it", async () => {
  const page = await fresh();
  await setText(page, ORDERS);
  await page.click("#export-button");
  await page.waitForSelector("#export-dialog[open]");
  await page.waitForFunction(() => /CREATE TABLE orders/.test(document.querySelector("#export-preview")?.textContent));
  await page.selectOption("#export-dialect", "postgres");
  await page.waitForFunction(() => /postgres DDL/.test(document.querySelector("#export-preview").textContent));
  assert.match(await page.textContent("#export-preview"), /CREATE TABLE orders \(\n  order_id text NOT NULL\n\);/);
  assert.equal(await page.textContent("#export-file"), "orders.events.v1.sql");
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, "export.png") });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-download")]);
  assert.equal(download.suggestedFilename(), "orders.events.v1.sql");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "x.sql");
  await download.saveAs(file);
  assert.equal(fs.readFileSync(file, "utf8"), cli(ORDERS, ["--format", "sql", "--dialect", "postgres"]));

  // Other formats, in a schema, and the preview following an edit of the text.
  await page.fill("#export-schema", "sales");
  await page.waitForFunction(() => /CREATE SCHEMA IF NOT EXISTS sales;/.test(document.querySelector("#export-preview").textContent));
  await page.selectOption("#export-format", "jsonschema");
  await page.waitForFunction(() => document.querySelector("#export-preview").textContent.startsWith("{"));
  const schema = JSON.parse(await page.textContent("#export-preview"));
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.deepEqual(schema.$defs.orders.required, ["order_id"]);
  assert.equal(await page.textContent("#export-file"), "orders.events.v1.schema.json");
  await page.selectOption("#export-format", "avro");
  await page.waitForFunction(() => /"type": "record"/.test(document.querySelector("#export-preview").textContent));
  await page.click("#export-close");
  await setText(page, ORDERS.replace("      - name: order_id\n", "      - name: order_id\n        description: The order.\n"));
  await page.click("#export-button");
  await page.selectOption("#export-format", "avro");
  await page.waitForFunction(() => /"doc": "The order."/.test(document.querySelector("#export-preview").textContent));
  await page.click("#export-close");
});

test("Export of a data product manifest or broken YAML says why there is nothing to export", async () => {
  const page = await fresh();
  await setText(page, MESH_FILES[3][1]);
  await page.click("#export-button");
  await page.waitForSelector("#export-error");
  assert.equal(await page.textContent("#export-error"), "Nothing to export: only a data contract can be exported.");
  assert.ok(await page.isDisabled("#export-download"));
  await page.click("#export-close");
  await setText(page, ORDERS.replace("status: active", "status: [active"));
  await page.click("#export-button");
  await page.waitForSelector("#export-error");
  assert.match(await page.textContent("#export-error"), /can't be read whole/);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#export-dialog[open]").count(), 0);
  assert.match(await editorText(page), /status: \[active/);
});

test("a CREATE TABLE script opened (dropped) becomes a valid contract in a new tab", async () => {
  // The import worker (the SQL parser's wasm) loads only when a file to import is opened.
  const fetched = [];
  const note = (r) => fetched.push(r.url());
  browser.context.on("request", note);
  const page = await fresh();
  assert.ok(fetched.some((u) => u.includes("charter-worker_bg.wasm")), fetched.join("\n"));
  assert.ok(!fetched.some((u) => u.includes("charter-importer")), fetched.join("\n"));
  const { dropFile } = await import("./harness.mjs");
  const sql = "CREATE TABLE customers (id varchar(36) NOT NULL PRIMARY KEY);\nCREATE TABLE orders (\n  order_id text NOT NULL PRIMARY KEY,\n  customer_id varchar(36) REFERENCES customers(id),\n  total numeric(12,2)\n);\nCOMMENT ON COLUMN orders.total IS 'Total in EUR.';\n";
  await dropFile(page, sql, "orders.sql");
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "orders.odcs.yaml");
  await settle(page);
  assert.equal(await page.textContent("#toast"), "Made a contract of orders.sql in a new tab.");
  assert.ok(fetched.some((u) => u.includes("charter-importer_bg.wasm")), fetched.join("\n"));
  browser.context.off("request", note);
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
  const text = await editorText(page);
  assert.match(text, /^apiVersion: v3\.2\.0\nkind: DataContract\nid: orders\nname: orders\n/);
  // Its export gives the tables back.
  await page.click("#export-button");
  await page.selectOption("#export-dialect", "postgres");
  await page.waitForFunction(() => /REFERENCES customers \(id\)/.test(document.querySelector("#export-preview")?.textContent));
  await page.click("#export-close");
  // A script without a table is refused with the reason.
  await dropFile(page, "SELECT 1;", "query.sql");
  await page.waitForFunction(() => /query\.sql was not opened/.test(document.querySelector("#toast")?.textContent));
  assert.match(await page.textContent("#toast"), /no CREATE TABLE statement/);
});

test("a JSON Schema, an Avro schema and a DCS datacontract.yaml dropped become valid contracts", async () => {
  const page = await fresh();
  const { dropFile } = await import("./harness.mjs");
  const jsonSchema = JSON.stringify({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "customer",
    type: "object",
    required: ["id"],
    properties: { id: { type: "string", format: "uuid" }, born: { type: ["string", "null"], format: "date" } },
  });
  await dropFile(page, jsonSchema, "customer.schema.json");
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "customer.odcs.yaml");
  await settle(page);
  assert.equal(await page.textContent("#toast"), "Made a contract of customer.schema.json in a new tab.");
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
  let text = await editorText(page);
  assert.match(text, /      - name: born\n        logicalType: date\n/);
  assert.match(text, /      - name: id\n        logicalType: string\n        logicalTypeOptions:\n          format: uuid\n        required: true\n/);

  const avro = JSON.stringify({ type: "record", name: "payment", namespace: "com.acme", fields: [
    { name: "id", type: "string" }, { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 12, scale: 2 } },
    { name: "note", type: ["null", "string"], default: null }] });
  await dropFile(page, avro, "payment.avsc");
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "payment.odcs.yaml");
  await settle(page);
  assert.equal(await page.textContent("#status-counts"), "✓ Valid");
  text = await editorText(page);
  assert.match(text, /domain: com\.acme\n/);
  assert.match(text, /      - name: amount\n        logicalType: number\n        physicalType: decimal\(12,2\)\n        required: true\n/);

  const dcsFile = path.join(root, "../shared/reference/dcs/examples/orders-latest/datacontract.yaml");
  await dropFile(page, fs.readFileSync(dcsFile, "utf8"), "datacontract.yaml");
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "datacontract.odcs.yaml");
  await settle(page);
  assert.doesNotMatch(await page.textContent("#status-counts"), /error/);
  text = await editorText(page);
  assert.match(text, /^# Imported from Data Contract Specification 1\.2\.0 by Charter\.\n/);
  // The whole contract (the editor shows a part): the one `charter import` writes.
  const imported = execFileSync("cargo", ["run", "-q", "-p", "charter-cli", "--", "import", dcsFile], { cwd: root }).toString();
  await page.click("#export-button");
  await page.selectOption("#export-format", "json");
  await page.waitForFunction(() => document.querySelector("#export-preview")?.textContent.startsWith("{"));
  const json = JSON.parse(await page.textContent("#export-preview"));
  assert.equal(json.team.name, "Checkout Team");
  assert.deepEqual(json, JSON.parse(cli(imported, ["--format", "json"])));
  await page.click("#export-close");

  // One schema per object, from the Export dialog: the file the CLI writes with --object.
  await page.click("#export-button");
  await page.selectOption("#export-format", "jsonschema");
  await page.waitForSelector("#export-object");
  await page.selectOption("#export-object", "line_items");
  await page.waitForFunction(() => /"title": "line_items"/.test(document.querySelector("#export-preview").textContent));
  const one = JSON.parse(await page.textContent("#export-preview"));
  assert.equal(one.$defs, undefined);
  assert.deepEqual(one["x-primaryKey"], ["order_id", "line_item_id"]);
  assert.equal(await page.textContent("#export-file"), "Orders-Latest-line_items.schema.json");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-download")]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "x.json");
  await download.saveAs(file);
  assert.equal(fs.readFileSync(file, "utf8"), cli(imported, ["--format", "jsonschema", "--object", "line_items"]));
  await page.click("#export-close");

  // A JSON file that describes no object is refused with the reason.
  await dropFile(page, JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "string" }), "name.schema.json");
  await page.waitForFunction(() => /name\.schema\.json was not opened/.test(document.querySelector("#toast")?.textContent));
  assert.match(await page.textContent("#toast"), /no object with `properties`/);
});

test("Export converts the contract to another ODCS version, naming what it can't express", async () => {
  const page = await fresh();
  const v32 = "apiVersion: v3.2.0 # the standard\nkind: DataContract\nid: shop\nname: shop\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n    properties:\n      # the state of the order\n      - name: status\n        logicalType: string\n        enum:\n          - value: placed\n";
  await setText(page, v32);
  await page.click("#export-button");
  await page.selectOption("#export-format", "odcs");
  await page.selectOption("#export-version", "v3.1.0");
  await page.waitForFunction(() => /can't express/.test(document.querySelector("#export-error")?.textContent));
  assert.match(await page.textContent("#export-error"), /^Nothing to export: v3\.1\.0 can't express this:/);
  assert.match(await page.textContent("#export-error li"), /^line 13: `enum` was added to the schema property in ODCS v3\.2\.0/);
  assert.equal(await page.textContent("#export-error .export-next"), "Tick “Remove what it can't express” to convert without them.");
  assert.ok(await page.isDisabled("#export-download"));
  await page.check("#export-lossy");
  await page.waitForFunction(() => /^apiVersion: v3\.1\.0 # the standard/.test(document.querySelector("#export-preview")?.textContent));
  assert.equal(await page.textContent("#export-notes"), "Removed line 13: /schema/0/properties/0/enum");
  assert.equal(await page.textContent("#export-file"), "shop.odcs.yaml");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-download")]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charter-")), "x.yaml");
  await download.saveAs(file);
  const converted = fs.readFileSync(file, "utf8");
  assert.equal(converted, execFileSync("cargo", ["run", "-q", "-p", "charter-cli", "--", "export", "--format", "odcs", "--version", "v3.1.0", "--lossy", "-"], { input: v32, cwd: root, stdio: ["pipe", "pipe", "ignore"] }).toString());
  assert.match(converted, /      # the state of the order\n      - name: status\n        logicalType: string\n$/);
  await page.click("#export-close");
});

test("an importer that can't start says so, and the next file starts a new one", async () => {
  const page = await fresh();
  const { dropFile } = await import("./harness.mjs");
  await page.route("**/charter-importer_loader.js", (route) => route.fulfill({ contentType: "text/javascript", body: "throw new Error('damaged');" }));
  await dropFile(page, "CREATE TABLE a (id int);", "a.sql");
  await page.waitForFunction(() => /a\.sql was not opened/.test(document.querySelector("#toast")?.textContent));
  assert.match(await page.textContent("#toast"), /the importer could not start: its files may be missing or damaged/);
  await page.unroute("**/charter-importer_loader.js");
  await dropFile(page, "CREATE TABLE b (id int);", "b.sql");
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "b.odcs.yaml");
});
