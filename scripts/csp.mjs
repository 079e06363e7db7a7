// Trunk post_build hook: allow exactly the inline module Trunk writes into index.html (the
// wasm loader) by its SHA-256 hash, so the page's Content-Security-Policy needs no
// 'unsafe-inline' for scripts. Fails the build if the page has no such policy or script.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("csp.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is unset)");
const file = path.join(dir, "index.html");
let html = readFileSync(file, "utf8");
const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => m[1].trim());
if (scripts.length === 0) throw new Error(`${file}: no inline script to hash`);
const hashes = scripts.map((m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
const policy = /(<meta http-equiv="Content-Security-Policy" content="[^"]*)'inline-module-hash'/;
if (!policy.test(html)) throw new Error(`${file}: the Content-Security-Policy has no 'inline-module-hash' placeholder`);
html = html.replace(policy, `$1${hashes.join(" ")}`);
writeFileSync(file, html);
