// Runs a generated mashup.js in node with stand-ins for the browser APIs it uses, and prints as JSON what
// it did: the requests it made, where it redirected, what it configured, what it told the user.
// Usage: node jsrun.js FILE [OPTIONS_JSON]
//   options: {href, status (of /api/v1/users/me, or "network-error"), storage: {...},
//             elements: [{id, objectId}], qlikErrors: [...], requireFails: bool, noRequire: bool}
'use strict';
const fs = require('fs');
const vm = require('vm');

const [file, optionsJson] = process.argv.slice(2);
const options = Object.assign({ href: 'http://localhost:8000/index.html', status: 200, storage: {}, elements: [] },
  optionsJson ? JSON.parse(optionsJson) : {});
const source = fs.readFileSync(file, 'utf8');
const log = { fetches: [], redirects: [], requireConfig: null, required: null, openApp: null, objects: [],
  status: null, state: null, storage: null, onError: false };

const storage = new Map(Object.entries(options.storage));
const statusElement = {
  set textContent(text) { log.status = text; },
  get textContent() { return log.status; },
  setAttribute(name, value) { if (name === 'data-state') { log.state = value; } },
  getAttribute(name) { return name === 'data-state' ? log.state : null; },
};
const url = new URL(options.href);
const elements = options.elements.map((e) => ({ id: e.id, getAttribute: () => e.objectId }));

function amdRequire(deps, onLoad, onFail) {
  log.required = deps;
  if (options.requireFails) { onFail(new Error('Script error for "js/qlik"')); return; }
  const qlik = {
    setOnError(handler) {
      log.onError = true;
      for (const error of options.qlikErrors || []) { handler(error); }
    },
    openApp(appId, config) {
      log.openApp = { appId, config: Object.assign({}, config) };
      return { getObject(element, objectId) { log.objects.push([element.id, objectId]); return Promise.resolve({}); } };
    },
  };
  onLoad(qlik);
}
amdRequire.config = (config) => { log.requireConfig = config; };

const context = {
  window: {
    location: { href: options.href, origin: url.origin, assign(target) { log.redirects.push(target); } },
    sessionStorage: {
      getItem: (k) => (storage.has(k) ? storage.get(k) : null),
      setItem: (k, v) => storage.set(k, String(v)),
      removeItem: (k) => storage.delete(k),
    },
  },
  document: {
    getElementById: (id) => (id === 'mashup-status' ? statusElement : null),
    querySelectorAll: () => elements,
  },
  fetch(target, init) {
    log.fetches.push({ url: target, init });
    if (options.status === 'network-error') { return Promise.reject(new TypeError('Failed to fetch')); }
    return Promise.resolve({ status: options.status, ok: options.status >= 200 && options.status < 300 });
  },
  require: options.noRequire ? undefined : amdRequire, Promise, JSON, Date, Number, String, Array, encodeURIComponent,
};
context.window.document = context.document;

vm.runInNewContext(source, context, { filename: file });
// Let every promise chain settle, a bounded number of turns.
let turns = 0;
(function settle() {
  if (turns++ < 20) { setImmediate(settle); return; }
  log.storage = Object.fromEntries(storage);
  process.stdout.write(JSON.stringify(log));
}());
