// Shared set-up for the end-to-end tests: serve dist/ on loopback and drive Debian's
// Chromium through playwright-core (no browser download).
import http from "node:http";
import { before, after } from "node:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const dist = process.env.CHARTER_DIST || path.join(root, "dist");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

/** Serve `dist` on 127.0.0.1 at a free port. */
export async function serve() {
  if (!fs.existsSync(path.join(dist, "index.html"))) {
    throw new Error(`${dist}/index.html is missing: build the app first (scripts/test does)`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end("not found"); return; }
      res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      res.end(body);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

export function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  return execFileSync("which", ["chromium"]).toString().trim();
}

/** A fresh browser profile each time. */
export async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "charter-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  return { context, profile };
}

/** Open the app and wait until the first check has rendered. */
export async function openApp(context, url) {
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error" && !/favicon/.test(m.text())) errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector(".cm-content");
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  page.jsErrors = errors;
  return page;
}

/** Delete everything the app keeps in this browser (the app closes its database when asked). */
export function clearStorage(page) {
  return page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
    return new Promise((resolve, reject) => {
      const q = indexedDB.deleteDatabase("charter");
      q.onsuccess = () => resolve();
      q.onerror = () => reject(q.error);
    });
  });
}

/** The app in a fresh state: storage cleared and reloaded, the first check on screen.
 *  Confirm dialogs (closing a document) are accepted, as a person would. */
export async function fresh(context, url) {
  const page = await openApp(context, url);
  await clearStorage(page);
  await page.reload();
  await page.waitForSelector(".cm-content");
  await page.waitForFunction(() => Number(document.querySelector("#statusbar")?.dataset.generation) > 0);
  if (!page.acceptsDialogs) {
    page.on("dialog", (d) => d.accept());
    page.acceptsDialogs = true;
  }
  return page;
}

/** The editor's rendered lines (CodeMirror renders only the lines in view). */
export function editorText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".cm-content .cm-line")].map((l) => l.textContent).join("\n"));
}

/** Replace the editor's text the way a user would: select all, then type/paste. */
export async function setText(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  await settle(page);
}

/** Wait for the check after the latest change to be on screen: the checking worker has
 *  answered everything asked (`<html data-checks="idle">`) and the view has rendered. */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30))));
  await page.waitForFunction(() => document.documentElement.dataset.checks !== "busy");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

export const shotsDir = path.join(root, "tests/e2e/artifacts");

/** Serve one text at /base.yaml on another loopback port, with CORS, like a raw file host. */
export async function serveText(text) {
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === "/base.yaml" ? 200 : 404, { "content-type": "text/yaml", "access-control-allow-origin": "*" });
    res.end(req.url === "/base.yaml" ? text : "not found");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${server.address().port}/base.yaml` };
}

/** Wait for the completion list, then as long as a person takes to read it: CodeMirror
 *  ignores Enter in the first 75 ms after the list opens (its interactionDelay). */
export async function completionOpen(page) {
  await page.waitForSelector(".cm-tooltip-autocomplete");
  await page.waitForTimeout(120);
}

/** Drop a file named `name` on the window, as a person drops a big file. `content` is its
 *  text, or its bytes as an array of numbers. The content is handed to the page first and
 *  `before()` runs after that, so what it starts measuring is the app's work, not the test's. */
export async function dropFile(page, content, name, before = async () => {}) {
  await page.evaluate((c) => { window.__file = new File([typeof c === "string" ? c : new Uint8Array(c)], "x"); }, content);
  await before();
  await page.evaluate((name) => {
    const dt = new DataTransfer();
    dt.items.add(new File([window.__file], name));
    for (const type of ["dragenter", "dragover", "drop"]) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, name);
}

/** The built app served and Chromium launched for the tests of one file, closed after
 *  them: `ready({server, url, browser})` runs once both are up. */
export function useApp(ready) {
  let app = null;
  before(async () => {
    const { server, url } = await serve();
    app = { server, url, browser: await launch() };
    await ready(app);
  });
  after(async () => {
    await app?.browser?.context.close();
    app?.server?.close();
  });
}

/** New › the template `template` (its `data-template` id), as a person picks it. */
export async function newFrom(page, template) {
  await page.click("#new-button");
  await page.click(`[data-template="${template}"]`);
  await settle(page);
}

/** For the timing scripts: a contract of `tables` × `columns` written by the CLI
 *  (`charter generate`), opened in the app as a person opens a big file (dropped on the
 *  window), once it shows as valid. Close with `context.close()` and `server.close()`. */
export async function openGenerated(tables, columns) {
  const text = execFileSync("cargo", ["run", "-q", "-p", "charter-cli", "--", "generate", "--tables", String(tables), "--columns", String(columns)], { maxBuffer: 1 << 26 }).toString();
  const { server, url } = await serve();
  const { context } = await launch();
  const page = await openApp(context, url);
  await dropFile(page, text, "generated.odcs.yaml");
  await page.waitForFunction(() => document.querySelector(".doc-name").textContent === "generated.odcs.yaml" &&
    /Valid/.test(document.querySelector("#status-counts").textContent), null, { timeout: 120000 });
  return { server, context, page, text };
}
