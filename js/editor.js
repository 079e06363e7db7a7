// Charter's editor glue: CodeMirror 6 and browser plumbing (files, drop, clipboard,
// download). No business logic lives here: diagnostics, file names and verdicts all come
// from the Rust core. Bundled by esbuild into js/dist/editor.js (see package.json).

import { basicSetup } from "codemirror";
import { EditorView, keymap, hoverTooltip } from "@codemirror/view";
import { EditorState, Compartment, Text } from "@codemirror/state";
import { yaml } from "@codemirror/lang-yaml";
import { indentWithTab, isolateHistory, undo, redo } from "@codemirror/commands";
import { HighlightStyle, syntaxHighlighting, indentUnit } from "@codemirror/language";
import { lintGutter } from "@codemirror/lint";
import { snippet } from "@codemirror/autocomplete";
import { tags as t } from "@lezer/highlight";
import { saveText } from "./store.js";
import { showMarks } from "./marks.js";
import { noteChanges, noteSwitch, ask, textOf, checkEarly } from "./checker.js";

export * from "./store.js";
export * from "./checker.js";
export * from "./importer.js";

// Colours come from CSS variables so the editor follows the light/dark theme.
const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: "var(--syn-key)" },
  { tag: [t.string, t.special(t.string), t.content], color: "var(--syn-string)" },
  { tag: [t.number, t.integer, t.float], color: "var(--syn-number)" },
  { tag: [t.bool, t.null, t.atom, t.keyword], color: "var(--syn-atom)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [t.meta, t.labelName, t.typeName, t.tagName, t.modifier], color: "var(--syn-meta)" },
  { tag: [t.punctuation, t.separator, t.squareBracket, t.brace], color: "var(--syn-punct)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", backgroundColor: "var(--editor-bg)", color: "var(--fg)" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--mono)", fontSize: "13px", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "var(--editor-bg)", color: "var(--fg-faint)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)", color: "var(--fg)" },
  ".cm-cursor": { borderLeftColor: "var(--accent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--selection) !important" },
  ".cm-panels": { backgroundColor: "var(--panel-bg)", color: "var(--fg)" },
  ".cm-tooltip": { backgroundColor: "var(--panel-bg)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-diagnostic": { fontFamily: "var(--sans)" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "var(--accent)", color: "white" },
  ".cm-completionDetail": { color: "var(--fg-faint)", fontStyle: "normal", marginLeft: "0.8em" },
  ".cm-tooltip.cm-completionInfo": { maxWidth: "320px", padding: "6px 9px", fontFamily: "var(--sans)" },
});

/** Completion options from the Rust core, asked of the checking worker: the answer is
 *  `{from, options: [{label, kind, detail, apply}]}` with UTF-16 offsets. */
function completionSource() {
  const types = { key: "property", value: "enum", snippet: "text" };
  return async (ctx) => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    // Typing a key or value, right after a new item's dash, or on request (Ctrl+Space).
    if (!ctx.explicit && !/(^\s*-?\s*[\w-]+$)|(:\s+[\w-]*$)|(^\s*-\s$)/.test(before)) return null;
    const r = await ask("complete", ctx.pos, ctx.state.doc);
    if (!r || !r.options || !r.options.length || ctx.aborted) return null;
    return {
      from: r.from,
      options: r.options.map((o) => ({
        label: o.label,
        type: types[o.kind] || "text",
        detail: o.kind === "snippet" ? "snippet" : undefined,
        info: o.detail,
        apply: o.kind === "snippet" ? snippetApply(o.apply) : o.apply,
        boost: o.kind === "snippet" ? -1 : 0,
      })),
      validFor: /^[\w-]*$/,
    };
  };
}

/** A snippet from the core (keys at their absolute columns, `${n:default}` fields) applied
 *  as CodeMirror snippet fields: Tab and Shift+Tab move between the values to fill in, and a
 *  value left empty stays empty, so validation points at it. CodeMirror indents each new line
 *  by the start line's indentation, which the template already has: take it off first. */
function snippetApply(template) {
  return (view, completion, from, to) => {
    const indent = /^\s*/.exec(view.state.doc.lineAt(from).text)[0].length;
    const body = template.replace(new RegExp(`\n {0,${indent}}`, "g"), "\n");
    snippet(body)(view, completion, from, to);
  };
}

/** Hover docs from the Rust core, asked of the checking worker: the answer's `hover` is
 *  `{from, to, key, doc, version}` (UTF-16 offsets) or null. */
function hoverSource() {
  return hoverTooltip(async (view, pos) => {
    const h = (await ask("hover", pos, view.state.doc))?.hover;
    if (!h) return null;
    return {
      pos: h.from,
      end: h.to,
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "cm-hover-doc";
        const head = document.createElement("div");
        head.className = "cm-hover-key";
        head.textContent = h.key;
        const doc = document.createElement("div");
        doc.textContent = h.doc;
        dom.append(head, doc);
        if (h.version) {
          const v = document.createElement("div");
          v.className = "cm-hover-version";
          v.textContent = h.version;
          dom.append(v);
        }
        return { dom };
      },
    };
  }, { hoverTime: 350 });
}

// A document with a line this long is not highlighted (VS Code stops at 20,000 characters
// too): CodeMirror's YAML tokenizer reads a token whole, so one 5 MB line would hold the
// page for a fifth of a second. (CodeMirror draws only the visible part of a long line.)
const LONG_LINE = 20000;
const yamlLanguage = yaml();

/** YAML highlighting for `doc`, or none when one of its lines is very long. */
function languageFor(doc) {
  if (doc.length > LONG_LINE) {
    for (const line of doc.iterLines()) if (line.length > LONG_LINE) return [];
  }
  return yamlLanguage;
}

/** A new editor state for `text`, with the editor's extensions. */
function newState(view, text) {
  const { extensions, language } = view.charter;
  const doc = Text.of(text.split(/\r\n?|\n/));
  return EditorState.create({ doc, extensions: [extensions, language.of(languageFor(doc))] });
}

/** Create the editor in `parent`, showing document `docId`. Every change is handed to the
 *  store first (so it is written within milliseconds, before any check runs); then
 *  `onChange()` fires,
 *  `onCursor(line, col, offset)` after every selection change (1-based line and column).
 *  Completion and hover docs come from the Rust core, in the checking worker. */
export function createEditor(parent, doc, docId, onChange, onCursor) {
  const readOnly = new Compartment();
  // One source for the editor's life: the completion plugin compares sources by identity.
  const completions = [{ autocomplete: completionSource() }];
  const extensions = [
    basicSetup,
    indentUnit.of("  "),
    EditorState.tabSize.of(2),
    keymap.of([indentWithTab]),
    // Tab indents, except when the editor was reached with the keyboard: then Tab and
    // Shift+Tab go on through the page (no focus trap) until a click or another key.
    EditorView.domEventHandlers({
      mousedown(e, v) { v.charter.pointed = true; v.setTabFocusMode(false); },
      focus(e, v) { if (!v.charter.pointed) v.setTabFocusMode(true); v.charter.pointed = false; },
      keydown(e, v) { if (e.key !== "Tab" && e.key !== "Shift") v.setTabFocusMode(false); },
    }),
    syntaxHighlighting(highlight),
    lintGutter(),
    theme,
    readOnly.of([]),
    EditorView.contentAttributes.of({ "aria-label": "Contract YAML", spellcheck: "false" }),
    EditorState.languageData.of(() => completions),
    hoverSource(),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) {
        const state = u.state;
        // A long line pasted in (or removed): highlighting follows.
        let big = false;
        u.changes.iterChanges((fromA, toA, fromB, toB) => { big ||= toB - fromB > LONG_LINE || toA - fromA > LONG_LINE; });
        if (big) {
          const lang = languageFor(state.doc);
          if (view.charter.language.get(state) !== lang) queueMicrotask(() => view.dispatch({ effects: view.charter.language.reconfigure(languageFor(view.state.doc)) }));
        }
        onChange();
      }
      if (u.docChanged || u.selectionSet) {
        const head = u.state.selection.main.head;
        const line = u.state.doc.lineAt(head);
        onCursor(line.number, head - line.from + 1, head);
      }
    }),
  ];
  const language = new Compartment();
  // Every change, before CodeMirror applies it: the text to the store first (what the user
  // typed is saved before anything else runs), then to the checker, which starts checking
  // while the editor computes its new state.
  const dispatchTransactions = (trs, v) => {
    let doc = null;
    for (const tr of trs) {
      if (!tr.docChanged) continue;
      noteChanges(tr.changes);
      doc = tr.newDoc;
    }
    if (doc) {
      const changed = doc;
      // A text another tab saved is in the store already.
      if (!v.charter.applying) saveText(v.charter.active, () => textOf(changed));
      checkEarly(changed);
    }
    v.update(trs);
  };
  const view = new EditorView({ parent, dispatchTransactions });
  view.charter = { extensions, states: new Map(), active: docId, readOnly, language };
  view.setState(newState(view, doc));
  return view;
}

/** Show document `toId` in the editor, keeping `fromId`'s state (text, selection, undo
 *  history) for when it comes back. `text` is used when `toId` has no kept state.
 *  Returns whether a kept state was shown. */
export function switchDocument(view, fromId, toId, text) {
  const { states } = view.charter;
  states.set(fromId, view.state);
  noteSwitch();
  const kept = states.get(toId);
  view.charter.active = toId;
  view.setState(kept || newState(view, text));
  view.focus();
  return !!kept;
}

/** Another tab saved document `id` with `text`: show it as one undoable change, in the
 *  editor if it is the document shown, else in its kept state. The store already has it. */
export function applyText(view, id, text) {
  const replace = (state) => ({
    changes: { from: 0, to: state.doc.length, insert: text },
    selection: { anchor: Math.min(state.selection.main.head, text.length) },
    annotations: isolateHistory.of("full"),
  });
  if (view.charter.active === id) {
    if (view.state.doc.toString() === text) return;
    view.charter.applying = true;
    try {
      view.dispatch(replace(view.state));
    } finally {
      view.charter.applying = false;
    }
  } else {
    const kept = view.charter.states.get(id);
    if (kept) view.charter.states.set(id, kept.update(replace(kept)).state);
  }
}

/** Make the shown document read-only (safe mode) or editable again. */
export function setReadOnly(view, on) {
  view.dispatch({ effects: view.charter.readOnly.reconfigure(on ? EditorState.readOnly.of(true) : []) });
}

/** The app hit an internal error (a Rust panic): its state can't be trusted any more, so
 *  say so above everything, with the way out. The documents are saved in the store. */
export function reportCrash(message) {
  if (document.getElementById("crash-overlay")) return;
  const box = document.createElement("div");
  box.id = "crash-overlay";
  box.className = "crash-overlay";
  box.setAttribute("role", "alertdialog");
  const text = document.createElement("p");
  text.textContent = `Charter hit an internal error: ${message}. Your text is saved in this browser. Reload to open it again; the document being checked opens read-only, in safe mode.`;
  const reload = document.createElement("button");
  reload.className = "btn primary";
  reload.textContent = "Reload";
  reload.onclick = () => location.reload();
  box.append(text, reload);
  document.body.append(box);
}

/** Forget a closed document's kept state. */
export function forgetDocument(view, id) {
  view.charter.states.delete(id);
}


export function getText(view) {
  return textOf(view.state.doc);
}

/** Show diagnostics: `diags` is an array of {from, to, severity, message, code}. */
export function showDiagnostics(view, diags) {
  showMarks(view, diags);
}

/** Move the cursor to `offset` (UTF-16), scroll it into view and focus the editor. */
/** Undo (or redo) the editor's last change, as Ctrl+Z does in it: for views that edit
 *  the text through it (a Schema cell is one undo step). */
export function undoInEditor(view, again) {
  return (again ? redo : undo)(view);
}

/** Give the editor the keyboard. */
export function focusEditor(view) {
  view.focus();
}

export function focusAt(view, offset) {
  const pos = Math.min(offset, view.state.doc.length);
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  view.focus();
}

/** Move the cursor to the start of a 1-based line and focus the editor. */
export function focusLine(view, line) {
  const l = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
  focusAt(view, l.from);
}
