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
  const page = await fresh();
  const { dropFile } = await import("./harness.mjs");
  const sql = "CREATE TABLE customers (id varchar(36) NOT NULL PRIMARY KEY);\nCREATE TABLE orders (\n  order_id text NOT NULL PRIMARY KEY,\n  customer_id varchar(36) REFERENCES customers(id),\n  total numeric(12,2)\n);\nCOMMENT ON COLUMN orders.total IS 'Total in EUR.';\n";
  await dropFile(page, sql, "orders.sql");
  await page.waitForFunction(() => document.querySelector(".doc-name")?.textContent === "orders.odcs.yaml");
  await settle(page);
  assert.equal(await page.textContent("#toast"), "Made a contract of orders.sql in a new tab.");
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
