// The import worker (crates/worker, bin charter-importer): CREATE TABLE scripts, JSON
// Schemas, Avro schemas and DCS files made into contracts by the Rust core. Its wasm holds
// the SQL parser, so it is loaded only when a user first opens such a file: the checking
// worker, on the start-up path, stays small. One request at a time; a worker that fails
// is dropped and the next import starts another.

/** A worker that hasn't answered after this long has failed. */
const IMPORT_MS = 60000;
/** A worker not listening after this long has failed to start (its wasm failed to load:
 *  a rejected promise inside it says nothing to the page). */
const START_MS = 20000;

let worker = null;
let chain = Promise.resolve();

/** The worker, listening: a message sent before its wasm has set its handler is lost, so
 *  requests wait for its `{ready: true}`. Resolves to null if it can't start. */
function started(url) {
  if (worker) return worker;
  worker = new Promise((resolve) => {
    let w;
    try {
      w = new Worker(url);
    } catch (e) {
      resolve(null);
      return;
    }
    const giveUp = () => {
      clearTimeout(timer);
      w.terminate();
      resolve(null);
    };
    const timer = setTimeout(giveUp, START_MS);
    w.onmessage = (e) => {
      if (e.data && e.data.ready) {
        clearTimeout(timer);
        resolve(w);
      } else if (e.data && e.data.crashed) {
        giveUp();
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      giveUp();
    };
  }).then((w) => {
    if (!w) worker = null;
    return w;
  });
  return worker;
}

async function run(url, name, text) {
  const w = await started(url);
  if (!w) return failed("the importer could not start: its files may be missing or damaged");
  return new Promise((resolve) => {
    const done = (answer) => {
      clearTimeout(timer);
      w.onmessage = null;
      w.onerror = null;
      resolve(answer);
    };
    const drop = (why) => {
      worker = null;
      w.terminate();
      done(failed(why));
    };
    const timer = setTimeout(() => drop("the importer did not answer within 60 s"), IMPORT_MS);
    w.onmessage = (e) => {
      const d = e.data || {};
      if (d.crashed) return drop(`the importer stopped: ${d.crashed}`);
      done(typeof d.json === "string" ? d.json : failed("the importer gave no answer"));
    };
    w.onerror = (e) => {
      e.preventDefault();
      drop(e.message || "the importer stopped");
    };
    w.postMessage({ name, text });
  });
}

/** An answer saying why there is no contract (the shape of the worker's own answers). */
function failed(why) {
  return JSON.stringify({ kind: "export", seq: 0, file: { Err: why } });
}

/** The contract a file describes, from the import worker at `url` (started on first use):
 *  resolves to the answer's JSON, `{kind: "export", file: {Ok: [name, yaml]} | {Err}}`. */
export function importFile(url, name, text) {
  const next = chain.then(() => run(url, name, text));
  chain = next.catch(() => {});
  return next;
}
