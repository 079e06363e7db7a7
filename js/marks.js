// The editor's diagnostics (CodeMirror lint marks).
import { setDiagnostics, forEachDiagnostic } from "@codemirror/lint";

/** Show diagnostics: `diags` is an array of {from, to, severity, message, code} with
 *  UTF-16 offsets. Empty ranges are widened to one character so they stay visible.
 *  When the editor already shows exactly these marks (CodeMirror moves them with every
 *  edit, so most keystrokes end with the same ones), nothing is dispatched: a dispatch
 *  redraws the lint gutter and costs a few milliseconds per keystroke. */
export function showMarks(view, diags) {
  const len = view.state.doc.length;
  const out = diags.map((d) => {
    let from = Math.min(d.from, len);
    let to = Math.min(Math.max(d.to, from), len);
    if (to === from) {
      const line = view.state.doc.lineAt(from);
      if (from < line.to) to = from + 1;
      else if (from > line.from) from = from - 1;
    }
    return { from, to, severity: d.severity, message: d.message, source: d.code };
  });
  if (shown(view.state, out)) return;
  view.dispatch(setDiagnostics(view.state, out));
}

const markKey = (from, to, d) => `${from}\u0000${to}\u0000${d.severity}\u0000${d.source}\u0000${d.message}`;

/** Whether `state` marks exactly the diagnostics `out`, at their places. */
function shown(state, out) {
  const now = [];
  forEachDiagnostic(state, (d, from, to) => {
    now.push(markKey(from, to, d));
  });
  if (now.length !== out.length) return false;
  const want = out.map((d) => markKey(d.from, d.to, d));
  now.sort();
  want.sort();
  return now.every((k, i) => k === want[i]);
}
