// Where the browser keeps Charter's documents, snapshots and review bases: IndexedDB (through
// `idb`, a 1 KB promise wrapper), which holds hundreds of megabytes where localStorage held 5.
//
// - Every document is one record `{id, name, text, rev, order}`; the list of documents is the
//   set of records, so two tabs never overwrite each other's list. Ids are random 32-bit
//   numbers, unique across tabs.
// - Reads are served from memory (everything is loaded once at start); writes go to IndexedDB
//   right away, coalesced per document within a few milliseconds, and are flushed when the
//   page is hidden or closed.
// - A write checks the record's revision in the same transaction: if another tab saved the
//   document since this tab last read it, nothing is overwritten and the app lets the user
//   choose. Other tabs hear of every write on a BroadcastChannel.
// - Small settings (review base, snapshots, cursor positions) are key/value records.
import { openDB } from "idb";

const DB_NAME = "charter";
const COALESCE_MS = 15;
const RETRY_MS = 3000;
const RESCUE_KEY = "charter-rescue";

let db = null;
/** This tab, as the writer of a record. */
const TAB = Math.random().toString(36).slice(2);
let hooks = null;
/** id -> {id, name, text, rev, order}: what is stored, as this tab knows it. */
const docs = new Map();
/** id -> text not yet written, or a function giving it (the editor's immutable state, read
 *  only when written, so a keystroke in a big document costs no copy of its text). */
const pendingDocs = new Map();
const textOf = (t) => (typeof t === "function" ? t() : t);
/** Documents another tab saved while this one had unsaved edits: the user chooses. */
const conflicted = new Set();
const kv = new Map();
/** key -> value (or undefined to delete) not yet written. */
const pendingKv = new Map();
let timer = 0;
let writing = Promise.resolve();
/** Keys this page wrote to the rescue store on its way out. */
const rescued = [];
let channel = null;

const remote = (kind, id) => hooks.docRemote(kind, id, docs.get(id)?.name ?? null);
const errorName = (e) => (e && (e.name || e.message)) || String(e);

/** Open the store (moving anything localStorage held into it) and load everything.
 *  `h` receives `docSaved(id, error)`, `docRemote(kind, id)` with kind `added`, `changed`,
 *  `deleted` or `conflict`, and `kvSaved(error)`. Returns the documents in order and the
 *  document this tab showed last, as JSON. */
export async function openStore(h) {
  hooks = h;
  try {
    db = await openDB(DB_NAME, 2, {
      upgrade(d, old) {
        if (old < 1) {
          d.createObjectStore("docs", { keyPath: "id" });
          d.createObjectStore("kv");
        }
        // What a closing page wrote (see flushNow): moved into place at the next start.
        if (old < 2) d.createObjectStore("rescue");
      },
    });
    // Another page deleting or upgrading the database (a test's reset) gets it at once.
    db.addEventListener("versionchange", () => {
      db.close();
      db = null;
    });
    await migrateLocalStorage();
    await applyRescued();
    for (const d of await db.getAll("docs")) docs.set(d.id, d);
    const tx = db.transaction("kv");
    for (let c = await tx.store.openCursor(); c; c = await c.continue()) kv.set(c.key, c.value);
  } catch (e) {
    // No IndexedDB (a private window that forbids it): work in memory and say so on save.
    db = null;
    hooks.kvSaved(`browser storage is unavailable: ${errorName(e)}`);
  }
  channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("charter") : null;
  if (channel) channel.onmessage = (e) => heard(e.data);
  window.addEventListener("pagehide", () => flushNow(true));
  // Back from the back-forward cache: this page lives on and writes as usual, so what it
  // rescued on the way out must not be put in place over its later writes.
  window.addEventListener("pageshow", (e) => {
    if (!e.persisted) return;
    localStorage.removeItem(`${RESCUE_KEY}.${TAB}`);
    if (db) for (const key of rescued.splice(0)) db.delete("rescue", key).catch(() => {});
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushNow(false);
  });
  let active = Number(sessionStorage.getItem("charter.active"));
  const list = [...docs.values()].sort((a, b) => a.order - b.order);
  if (!docs.has(active)) active = list.length ? list.reduce((a, b) => (b.updated > a.updated ? b : a)).id : 0;
  return JSON.stringify({ docs: list.map((d) => ({ id: d.id, name: d.name ?? null })), active });
}

/** Before IndexedDB, everything lived in localStorage under `charter.*` keys. */
async function migrateLocalStorage() {
  let ls;
  try {
    ls = window.localStorage;
  } catch {
    return;
  }
  const keys = Object.keys(ls).filter((k) => k.startsWith("charter."));
  if (!keys.length) return;
  const tx = db.transaction(["docs", "kv"], "readwrite");
  const records = [];
  const ws = JSON.parse(ls.getItem("charter.workspace.v1") || "null");
  const now = Date.now();
  if (ws && Array.isArray(ws.docs)) {
    ws.docs.forEach((d, i) => {
      const text = ls.getItem(`charter.doc.v1.${d.id}`);
      if (text !== null) records.push({ id: d.id, name: d.name ?? null, text, order: now + i });
      const c = ls.getItem(`charter.cursor.v1.${d.id}`);
      if (c !== null) tx.objectStore("kv").put(c, `charter.cursor.v1.${d.id}`);
    });
  } else if (ls.getItem("charter.document.v1") !== null) {
    records.push({ id: 1, name: ls.getItem("charter.filename.v1"), text: ls.getItem("charter.document.v1"), order: now });
  }
  for (const r of records) tx.objectStore("docs").put({ ...r, rev: 1, updated: now });
  for (const k of keys) {
    if (/^charter\.(workspace|doc|cursor|document|filename)\./.test(k)) continue;
    tx.objectStore("kv").put(ls.getItem(k), k);
  }
  await tx.done;
  for (const k of keys) ls.removeItem(k);
}

/** A page that closed while a write was under way wrote its last text to `rescue` (a write
 *  to `docs` would have waited behind that one and been dropped with the page). Put it in
 *  place; if another tab saved the document later, keep the rescued text as its own copy. */
async function applyRescued() {
  const localKeys = Object.keys(localStorage).filter((k) => k.startsWith(RESCUE_KEY));
  const fromLocal = localKeys.flatMap((k) => {
    try {
      return JSON.parse(localStorage.getItem(k));
    } catch {
      return []; // unreadable: the IndexedDB copy, if any, is used
    }
  });
  const tx = db.transaction(["rescue", "docs", "kv"], "readwrite");
  const rescue = tx.objectStore("rescue");
  const entries = fromLocal.map((r) => [`doc:${r.id}`, r]);
  for (let c = await rescue.openCursor(); c; c = await c.continue()) {
    entries.push([c.key, c.value]);
    c.delete();
  }
  for (const [k, value] of entries) {
    const [kind, key] = [k.slice(0, 4), k.slice(4)];
    if (kind === "kv::") {
      tx.objectStore("kv").put(value, key);
    } else {
      const r = value;
      const stored = await tx.objectStore("docs").get(r.id);
      // The rescued text is newer unless another tab saved the document after it.
      const ours = !stored || stored.rev < r.rev || stored.text === r.text || (stored.tab === r.tab && stored.updated <= r.updated);
      if (ours) {
        tx.objectStore("docs").put({ ...r, rev: Math.max(r.rev, (stored?.rev ?? 0) + 1) });
      } else {
        const id = newDocId();
        tx.objectStore("docs").put({ ...r, id, name: `${r.name || "document"} (recovered copy)`, rev: 1, order: Date.now() });
      }
    }
  }
  await tx.done;
  for (const k of localKeys) localStorage.removeItem(k);
}

/** A new document id no other tab has used. */
export function newDocId() {
  const a = new Uint32Array(1);
  do crypto.getRandomValues(a);
  while (a[0] === 0 || docs.has(a[0]));
  return a[0];
}

export function docText(id) {
  return pendingDocs.has(id) ? textOf(pendingDocs.get(id)) : docs.get(id)?.text;
}

/** Add a document; it is written at once. */
export function addDoc(id, text, name) {
  docs.set(id, { id, name: name ?? null, text: undefined, rev: 0, order: Date.now(), updated: Date.now() });
  saveText(id, text);
}

/** The document's text changed in this tab: write it soon. `text` is a string or a
 *  function returning it. */
export function saveText(id, text) {
  const d = docs.get(id);
  if (!d) return;
  if (!pendingDocs.has(id) && d.text === text) return;
  pendingDocs.set(id, text);
  schedule();
}

/** Whether the document has edits not yet written (or held back by a conflict). */
export function isUnsaved(id) {
  return pendingDocs.has(id) || conflicted.has(id);
}

export function setActive(id) {
  try {
    sessionStorage.setItem("charter.active", String(id));
  } catch {
    /* only a preference */
  }
}

export function deleteDoc(id) {
  docs.delete(id);
  pendingDocs.delete(id);
  conflicted.delete(id);
  if (!db) return;
  writing = writing.then(async () => {
    try {
      await db.delete("docs", id);
      channel?.postMessage({ type: "deleted", id });
    } catch (e) {
      hooks.docSaved(id, errorName(e));
    }
  });
}

/** Settle a conflict: keep this tab's text (written over the other tab's), or take the
 *  other tab's (returned, to be shown as one undoable change). */
export async function resolveConflict(id, keepMine) {
  conflicted.delete(id);
  const stored = db ? await db.get("docs", id) : null;
  const d = docs.get(id);
  if (!d) return null;
  if (stored) {
    d.rev = stored.rev;
    if (!keepMine) {
      d.text = stored.text;
      pendingDocs.delete(id);
      hooks.docSaved(id, "");
      return stored.text;
    }
  }
  if (keepMine && !pendingDocs.has(id)) pendingDocs.set(id, d.text);
  schedule();
  return null;
}

function schedule() {
  if (!timer) timer = setTimeout(() => flushNow(false), COALESCE_MS);
}

/** Write everything pending. When the page is going away, edits held back by a conflict
 *  are written as a new document rather than lost. */
function flushNow(leaving) {
  clearTimeout(timer);
  timer = 0;
  if (leaving) {
    for (const id of conflicted) {
      const d = docs.get(id);
      const text = textOf(pendingDocs.get(id));
      if (!d || text === undefined) continue;
      pendingDocs.delete(id);
      const copy = newDocId();
      addDoc(copy, text, `${d.name || "document"} (this tab's copy)`);
    }
  }
  const batch = [...pendingDocs].filter(([id]) => !conflicted.has(id)).map(([id, t]) => [id, t, textOf(t)]);
  const kvBatch = [...pendingKv];
  pendingKv.clear();
  if (!batch.length && !kvBatch.length) return;
  if (leaving && db) {
    // The page is going away: nothing after this task may run. A write to `docs` could wait
    // behind one under way and be dropped with the page, so write to a store of its own
    // and commit at once; the next start moves it into place (applyRescued).
    const records = batch.flatMap(([id, , text]) => {
      const d = docs.get(id);
      return d ? [{ id, name: d.name, text, rev: d.rev + 1, order: d.order, updated: Date.now(), tab: TAB }] : [];
    });
    // localStorage is written before this handler returns; it holds a few megabytes.
    try {
      if (records.length) localStorage.setItem(`${RESCUE_KEY}.${TAB}`, JSON.stringify(records));
    } catch {
      /* too big for localStorage: the IndexedDB copy below is the one */
    }
    try {
      const tx = db.transaction("rescue", "readwrite");
      for (const r of records) {
        tx.store.put(r, `doc:${r.id}`);
        rescued.push(`doc:${r.id}`);
      }
      for (const [k, v] of kvBatch) if (v !== undefined) tx.store.put(v, `kv::${k}`);
      tx.commit();
    } catch {
      /* nothing more can be done while the page unloads */
    }
    return;
  }
  writing = writing.then(() => Promise.all([...batch.map(([id, t, text]) => writeDoc(id, t, text)), writeKv(kvBatch)]));
}

async function writeDoc(id, pending, text) {
  const d = docs.get(id);
  if (!d) return;
  if (!db) {
    hooks.docSaved(id, "browser storage is unavailable");
    return;
  }
  try {
    const tx = db.transaction("docs", "readwrite");
    const stored = await tx.store.get(id);
    if (stored && stored.rev !== d.rev) {
      tx.abort();
      await tx.done.catch(() => {});
      conflicted.add(id);
      remote("conflict", id);
      return;
    }
    const rec = { id, name: d.name, text, rev: d.rev + 1, order: d.order, updated: Date.now(), tab: TAB };
    await tx.store.put(rec);
    await tx.done;
    Object.assign(d, rec);
    if (pendingDocs.get(id) === pending) pendingDocs.delete(id);
    channel?.postMessage({ type: "doc", id, rev: rec.rev });
    hooks.docSaved(id, "");
  } catch (e) {
    hooks.docSaved(id, errorName(e));
    // Kept pending: tried again with the next change, or in a few seconds.
    setTimeout(schedule, RETRY_MS);
  }
}

async function writeKv(batch) {
  if (!batch.length) return;
  if (!db) return hooks.kvSaved("browser storage is unavailable");
  try {
    const tx = db.transaction("kv", "readwrite");
    for (const [k, v] of batch) {
      if (v === undefined) tx.store.delete(k);
      else tx.store.put(v, k);
    }
    await tx.done;
    channel?.postMessage({ type: "kv", keys: batch.map(([k]) => k) });
    hooks.kvSaved("");
  } catch (e) {
    hooks.kvSaved(errorName(e));
  }
}

/** Another tab wrote or deleted something. */
async function heard(msg) {
  if (!db) return;
  if (msg.type === "kv") {
    for (const k of msg.keys) {
      if (pendingKv.has(k)) continue;
      const v = await db.get("kv", k);
      if (v === undefined) kv.delete(k);
      else kv.set(k, v);
    }
    return;
  }
  const id = msg.id;
  if (msg.type === "deleted") {
    if (!docs.has(id)) return;
    if (isUnsaved(id)) {
      // Edited here: written back as a document of its own (rev 0 means "new").
      docs.get(id).rev = 0;
      conflicted.delete(id);
      schedule();
      return;
    }
    docs.delete(id);
    remote("deleted", id);
    return;
  }
  const stored = await db.get("docs", id);
  if (!stored) return;
  const d = docs.get(id);
  if (!d) {
    docs.set(id, stored);
    remote("added", id);
  } else if (stored.rev > d.rev) {
    if (isUnsaved(id)) {
      conflicted.add(id);
      remote("conflict", id);
    } else {
      Object.assign(d, stored);
      remote("changed", id);
    }
  }
}

export function loadItem(key) {
  const v = pendingKv.has(key) ? pendingKv.get(key) : kv.get(key);
  return v === undefined ? null : v;
}

/** Save a small value; errors arrive through `kvSaved`. Returns "". */
export function storeItem(key, value) {
  kv.set(key, value);
  pendingKv.set(key, value);
  schedule();
  return "";
}

export function removeItem(key) {
  kv.delete(key);
  pendingKv.set(key, undefined);
  schedule();
}

/** How full the origin's storage is: "" when there is room, else a short warning. */
export async function storageWarning() {
  try {
    const { usage, quota } = await navigator.storage.estimate();
    if (!quota || usage / quota < 0.8) return "";
    const size = (n) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`);
    return `Browser storage is ${Math.round((usage / quota) * 100)} % full (${size(usage)} of ${size(quota)}): close documents or delete snapshots you no longer need.`;
  } catch {
    return "";
  }
}
