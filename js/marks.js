// The editor's diagnostics (CodeMirror lint marks).
import { setDiagnostics } from "@codemirror/lint";

/** Show diagnostics: `diags` is an array of {from, to, severity, message, code} with
 *  UTF-16 offsets. Empty ranges are widened to one character so they stay visible. */
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
  view.dispatch(setDiagnostics(view.state, out));
}
