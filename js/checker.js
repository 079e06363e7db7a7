// The checking worker (crates/worker): the Rust core's checks, run off the main thread so the
// editor keeps taking keys while a big document is checked, and so a check that crashes
// stops only the worker. This file only carries messages; every verdict comes from Rust.
//
// One request is in flight at a time; while it runs, newer requests replace older ones of
// the same kind (the review base, the workspace, the document being edited), so the
// worker never works on text that is already out of date.

import { ChangeSet } from "@codemirror/state";
import { docText } from "./store.js";
import { showMarks } from "./marks.js";

/** After this long, the app offers to stop a check. */
const SLOW_MS = 8000;
/** A worker not listening after this long has failed to start. */
const START_MS = 20000;

let url = "";
let view = null;
let hooks = null;
let worker = null;
let ready = false;
let busy = null;
let seq = 0;
// What to send next: `base` is undefined (nothing), null (no base) or the base's text;
// `assist` is a completion or hover question.
const queue = { base: undefined, assist: null, exports: [], workspace: null, check: null };
// The base the worker holds, sent again to a new worker.
let base = null;
// The text the worker's last check read: document `id`, check `seq`, and the editor's
// changes since (`changes`). The next check of that document sends these changes
// instead of the text: a keystroke in a 3 MB document posts a few bytes, not 3 MB.
let held = null;
// The app's last check request (JSON), and the last check `checkEarly` made from it.
let template = null;
let early = null;
// The document a check is being sent for from `checkEarly`, before the editor shows it.
let incoming = null;

// Safe mode: while a check runs, the documents it reads are marked in localStorage. A mark
// left at the next start means the tab died during a check (the page itself crashed or was
// killed), so that document opens read-only and unchecked. A worker that dies is noticed
// at once (see `fail`); closing the tab is not a crash, so `pagehide` clears the marks.
const CHECK_MARK = "charter-checking.";
const marked = new Set();

export function beginCheck(ids) {
  for (const id of ids) {
    try {
      localStorage.setItem(CHECK_MARK + id, String(Date.now()));
      marked.add(id);
    } catch {
      /* no storage: no safety net, the check still runs */
    }
  }
}

export function endCheck(ids) {
  for (const id of ids) {
    try {
      localStorage.removeItem(CHECK_MARK + id);
    } catch {
      /* see beginCheck */
    }
    marked.delete(id);
  }
}

/** The documents whose last check never finished, as a JSON array of ids. */
export function interruptedChecks() {
  try {
    return JSON.stringify(Object.keys(localStorage).filter((k) => k.startsWith(CHECK_MARK)).map((k) => Number(k.slice(CHECK_MARK.length))));
  } catch {
    return "[]";
  }
}

window.addEventListener("pagehide", () => endCheck([...marked]));

/** Start the worker at `workerUrl` for the editor `editorView`. `h` holds the app's
 *  callbacks: `answer(json, ms)`, `progress(json)`, `failure(id, message)` (id: the document
 *  being checked when the worker died, or null) and `slow()`. */
export function startChecker(workerUrl, editorView, h) {
  url = workerUrl;
  view = editorView;
  hooks = h;
  spawn();
}

/** Start a new worker after a failure (the review base is sent to it again). */
export function restartChecker() {
  if (!worker) spawn();
}

/** Stop the check under way (the user pressed Stop): like a crash, it ends in safe mode. */
export function stopChecker() {
  if (busy) fail(`you stopped it after ${Math.round((performance.now() - busy.started) / 1000)} s`);
}

// The text of each CodeMirror document version, made once: the store and the checker share
// it (a 5 MB document costs milliseconds and memory each time it is made).
const texts = new WeakMap();

/** The text of a CodeMirror document (`state.doc`). */
export function textOf(doc) {
  let t = texts.get(doc);
  if (t === undefined) {
    t = doc.toString();
    texts.set(doc, t);
  }
  return t;
}

/** Ask the worker for completion (`kind` "complete") or hover docs ("hover") at UTF-16
 *  offset `pos` of `doc`. Resolves to the answer (`{from, options}` or `{hover}`), or null
 *  when a newer question replaced it or the checker stopped. */
export function ask(kind, pos, doc) {
  return new Promise((resolve) => {
    if (queue.assist) queue.assist.resolve(null);
    queue.assist = { kind, pos, doc, resolve };
    pump();
  });
}

/** Ask the worker `request` (JSON, e.g. `{"kind": "export", "format": "markdown"}`);
 *  resolves to the answer's JSON, or null if the checker stopped. */
export function askWorker(request) {
  return new Promise((resolve) => {
    queue.exports.push({ request: JSON.parse(request), resolve });
    pump();
  });
}

/** Edit the text shown, as the table and form views do (`request`: JSON `{op, pointer,
 *  value}`, op `set`, `add`, `remove` or `move`): the worker answers the smallest changes, which go into the editor
 *  as one transaction (one undo step, saved and checked like typing). Resolves to "" or
 *  to why it could not be done. */
export function editShown(request) {
  const doc = view.state.doc;
  return new Promise((resolve) => {
    const done = (json) => {
      const answer = json && JSON.parse(json);
      if (!answer) return resolve("the checker stopped before answering: try again");
      if (answer.error) return resolve(answer.error);
      if (view.state.doc !== doc) return resolve("the text changed meanwhile: try again");
      if (answer.changes.length) view.dispatch({ changes: answer.changes, userEvent: "input.form" });
      resolve("");
    };
    queue.exports.push({ request: { kind: "edit", ...JSON.parse(request) }, doc, resolve: done });
    pump();
  });
}

/** `request` is JSON `{docs: [{id, name, skip}]}`: check the whole workspace. */
export function requestWorkspace(request) {
  queue.workspace = JSON.parse(request);
  pump();
}

/** `request` is JSON `{id, order, name, mode}`: check the editor's text as document `id`. */
export function requestCheck(request) {
  template = request;
  // The app's request that follows a change: the check sent as the editor changed (see
  // `checkEarly`) is of this very text. Only that one request: asked again later (a new
  // review base), the same text is checked again.
  const dup = early && early.doc === view.state.doc && early.request === request;
  early = null;
  if (dup) return;
  queue.check = JSON.parse(request);
  pump();
}

/** The editor is about to show `doc` (a change to the document being edited): ask for its
 *  check now, with the app's last request for this document, so the worker checks while
 *  CodeMirror updates its state (its YAML highlighter takes milliseconds on a big text).
 *  The app's own request for the same text, a moment later, is then dropped. */
export function checkEarly(doc) {
  if (!template || !view) return;
  const request = JSON.parse(template);
  if (request.id !== view.charter.active) return;
  early = { doc, request: template };
  queue.check = request;
  incoming = doc;
  try {
    pump();
  } finally {
    incoming = null;
  }
}

/** The review base's text, or null for no base. */
export function setCheckerBase(text) {
  early = null;
  base = text ?? null;
  queue.base = base;
  pump();
}

/** The editor changed: marks computed on the text sent are moved through the change. */
export function noteChanges(changes) {
  if (held) {
    try {
      held.changes = held.changes.compose(changes);
    } catch {
      held = null;
    }
  }
  if (!busy || busy.kind !== "check" || busy.stale) return;
  try {
    busy.changes = busy.changes.compose(changes);
  } catch {
    busy.stale = true;
  }
}

/** The editor shows another document: marks of the check under way no longer apply. */
export function noteSwitch() {
  held = null;
  template = null;
  if (busy && busy.kind === "check") busy.stale = true;
}

function spawn() {
  ready = false;
  busy = null;
  held = null;
  let w;
  try {
    w = new Worker(url);
  } catch (e) {
    hooks.failure(null, `the checker could not start (${e && e.message ? e.message : e})`);
    return;
  }
  worker = w;
  // A worker whose code fails to load says nothing at all (a rejected promise inside it).
  const starting = setTimeout(() => {
    if (worker === w && !ready) fail("it did not start within 20 s: its files may be missing or damaged");
  }, START_MS);
  w.onmessage = (e) => {
    if (e.data && e.data.ready) clearTimeout(starting);
    if (worker === w) receive(e.data);
  };
  w.onerror = (e) => {
    e.preventDefault();
    if (worker === w) fail(e.message || "the checker stopped");
  };
  w.onmessageerror = () => {
    if (worker === w) fail("a message from the checker could not be read");
  };
  if (base !== null) queue.base = base;
}

function fail(message) {
  const id = busy ? busy.id : null;
  // The app asks again (or not, in safe mode) after a failure.
  template = null;
  if (busy) clearTimeout(busy.slow);
  if (busy && busy.resolve) busy.resolve(null);
  // A base the checker could not read is not sent to the next one.
  if (busy && busy.kind === "base") base = null;
  // The document to blame keeps its mark past `pagehide`, so it stays in safe mode after a
  // reload too; the others of the request are cleared.
  if (busy) endCheck(busy.ids.filter((i) => i !== id));
  if (id !== null) {
    beginCheck([id]);
    marked.delete(id);
    // Not checked again until the user asks.
    if (queue.check && queue.check.id === id) queue.check = null;
  }
  if (worker) worker.terminate();
  worker = null;
  busy = null;
  showState();
  hooks.failure(id, message);
}

function receive(data) {
  if (data.ready) {
    ready = true;
    pump();
    return;
  }
  if (typeof data.crashed === "string") {
    fail(data.crashed);
    return;
  }
  if (typeof data.progress === "string") {
    if (busy) busy.id = JSON.parse(data.progress).id;
    hooks.progress(data.progress);
    return;
  }
  const done = busy;
  busy = null;
  if (done) {
    clearTimeout(done.slow);
    endCheck(done.ids);
  }
  if (data.resend) {
    // The worker doesn't hold the text the edits change: ask again with the text (unless
    // a newer question of the same kind is waiting, which goes with the text anyway).
    held = null;
    if (done && done.kind === "check" && !queue.check) queue.check = done.request;
    if (done && done.retryExport) {
      // An edit asked with the edits since the last check: again, with the text.
      queue.exports.unshift({ ...done.retryExport, plain: true });
    } else if (done && done.kind === "assist") {
      if (done.retry && !queue.assist) queue.assist = { ...done.retry, resolve: done.resolve };
      else done.resolve(null);
    }
    pump();
    return;
  }
  if (done && done.resolve) {
    const json = typeof data.json === "string" ? data.json : null;
    done.resolve(done.raw ? json : json && JSON.parse(json));
  } else if (typeof data.failed === "string") {
    // A request the worker could not read: a bug in the app, not in the document.
    console.error(`Charter's checker: ${data.failed}`);
  } else {
    if (done && done.kind === "check" && data.marks && !done.stale && view.charter.active === done.id) {
      const marks = JSON.parse(data.marks);
      if (!done.changes.empty) {
        for (const m of marks) {
          m.from = done.changes.mapPos(Math.min(m.from, done.length), 1);
          m.to = Math.max(m.from, done.changes.mapPos(Math.min(m.to, done.length), -1));
        }
      }
      showMarks(view, marks);
    }
    hooks.answer(data.json, done ? performance.now() - done.started : 0);
  }
  pump();
}

/** Whether checks are under way or waiting, on `<html data-checks>` (for scripts and tests). */
function showState() {
  const waiting = busy || queue.base !== undefined || queue.assist || queue.exports.length || queue.workspace || queue.check;
  document.documentElement.dataset.checks = waiting ? "busy" : "idle";
}

function pump() {
  try {
    next();
  } finally {
    showState();
  }
}

function next() {
  if (!worker || !ready || busy) return;
  if (queue.base !== undefined) {
    const text = queue.base;
    queue.base = undefined;
    send({ kind: "base" }, text === null ? [] : [text], { kind: "base", id: null, ids: [] });
  } else if (queue.assist) {
    const { kind, pos, doc, resolve } = queue.assist;
    queue.assist = null;
    const message = { kind, pos };
    let texts = [];
    // The question is about the text shown: its edits since the last check go, not the text
    // (not while a change is on its way in: the edits already hold it).
    if (!incoming && held && held.id === view.charter.active && doc === view.state.doc && held.changes.newLength === doc.length) {
      message.edits = { id: held.id, base: held.seq, ...editsOf(held.changes, texts), length: doc.length };
    } else {
      texts = [textOf(doc)];
    }
    send(message, texts, { kind: "assist", id: view.charter.active, ids: [], resolve, retry: message.edits && { kind, pos, doc } });
  } else if (queue.exports.length) {
    const item = queue.exports.shift();
    const { request, resolve, doc } = item;
    let texts = [];
    let retryExport = null;
    if (doc) {
      // An edit of the text shown: its edits since the last check go, as for a completion.
      delete request.edits;
      if (!item.plain && !incoming && held && held.id === view.charter.active && doc === view.state.doc && held.changes.newLength === doc.length) {
        texts = [];
        request.edits = { id: held.id, base: held.seq, ...editsOf(held.changes, texts), length: doc.length };
        retryExport = item;
      } else {
        texts = [textOf(doc)];
      }
    }
    send(request, texts, { kind: "assist", id: null, ids: [], resolve, raw: true, retryExport });
  } else if (queue.workspace) {
    const { docs } = queue.workspace;
    queue.workspace = null;
    const texts = docs.filter((d) => !d.skip).map((d) => (d.id === view.charter.active ? textOf(view.state.doc) : docText(d.id) ?? ""));
    const ids = docs.filter((d) => !d.skip).map((d) => d.id);
    send({ kind: "workspace", docs }, texts, { kind: "workspace", id: null, ids });
  } else if (queue.check) {
    const request = queue.check;
    queue.check = null;
    if (view.charter.active !== request.id) return next();
    const doc = incoming ?? view.state.doc;
    const message = { kind: "check", ...request };
    let texts;
    if (held && held.id === request.id && held.changes.newLength === doc.length) {
      texts = [];
      message.edits = { base: held.seq, ...editsOf(held.changes, texts), length: doc.length };
    } else {
      texts = [textOf(doc)];
    }
    send(message, texts, {
      kind: "check",
      id: request.id,
      ids: [request.id],
      length: doc.length,
      changes: ChangeSet.empty(doc.length),
      stale: false,
      request,
    });
    held = { id: request.id, seq: message.seq, changes: ChangeSet.empty(doc.length) };
  }
}

/** `changes` as the worker's `Edits`: `{ranges}` (UTF-16 ranges of the old text), with
 *  the inserted texts pushed to `texts`. */
function editsOf(changes, texts) {
  const ranges = [];
  changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
    ranges.push([fromA, toA]);
    texts.push(inserted.toString());
  });
  return { ranges };
}

function send(request, texts, state) {
  seq += 1;
  request.seq = seq;
  state.started = performance.now();
  beginCheck(state.ids);
  state.slow = setTimeout(() => hooks.slow(), SLOW_MS);
  busy = state;
  worker.postMessage({ request: JSON.stringify(request), texts });
}
