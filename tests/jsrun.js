// Runs generated page scripts in node, in one stand-in browser window, and prints as JSON what they did: the
// requests they made, where they redirected, what they configured, what they told the user.
// Usage: node jsrun.js OPTIONS_JSON FILE [FILE ...]   (the files run in order, as a page's <script>s do)
//   options: {href, status (of /api/v1/users/me, or "network-error"), user: {...},
//             responses: {"/api/v1/path": {status, headers}}, storage: {...},
//             elements: [{id, objectId}], qlikErrors: [...], requireFails: bool, noRequire: bool,
//             drive: "signIn" | "request" (a small page script that exercises window.qlikSession),
//             requests: [[path, init], ...] (for drive "request")}
'use strict';
const fs = require('fs');
const vm = require('vm');

const [optionsJson, ...files] = process.argv.slice(2);
const options = Object.assign({ href: 'http://localhost:8000/index.html', status: 200, storage: {}, elements: [] },
  JSON.parse(optionsJson || '{}'));
const log = { fetches: [], redirects: [], requireConfig: null, required: null, openApp: null, objects: [],
  status: null, state: null, storage: null, onError: false, statuses: [], user: null, error: null,
  responses: [] };

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

function respond(target) {
  const path = new URL(target, options.href).pathname;
  const given = (options.responses || {})[path];
  if (given) { return given; }
  if (path === '/api/v1/users/me') { return { status: options.status, body: options.user || { id: 'u1', name: 'Ann' } }; }
  if (path === '/api/v1/csrf-token') { return { status: 204, headers: { 'qlik-csrf-token': 'csrf-123' } }; }
  return { status: 200, body: {} };
}

function fakeFetch(target, init) {
  log.fetches.push({ url: String(target), init });
  if (options.status === 'network-error') { return Promise.reject(new TypeError('Failed to fetch')); }
  const answer = respond(String(target));
  const headers = new Map(Object.entries(answer.headers || {}));
  return Promise.resolve({
    status: answer.status,
    ok: answer.status >= 200 && answer.status < 300,
    headers: { get: (name) => (headers.has(name.toLowerCase()) ? headers.get(name.toLowerCase()) : null) },
    json: () => (answer.body === undefined ? Promise.reject(new SyntaxError('no body')) : Promise.resolve(answer.body)),
  });
}

const window = {
  location: { href: options.href, origin: url.origin, assign(target) { log.redirects.push(target); } },
  sessionStorage: {
    getItem: (k) => (storage.has(k) ? storage.get(k) : null),
    setItem: (k, v) => storage.set(k, String(v)),
    removeItem: (k) => storage.delete(k),
  },
  document: {
    readyState: 'complete',
    getElementById: (id) => (id === 'mashup-status' ? statusElement : null),
    querySelectorAll: () => elements,
  },
  fetch: fakeFetch,
  require: options.noRequire ? undefined : amdRequire,
  Promise, JSON, Date, Number, String, Array, Object, Error, TypeError, encodeURIComponent, URL,
};
window.window = window;  // as in a browser, the global object is the window
const context = vm.createContext(window);

// Page scripts that exercise window.qlikSession directly (what a template's own code does with it).
const DRIVERS = {
  signIn: `window.qlikSession.signIn(function (text) { __log.statuses.push(text); })
    .then(function (user) { __log.user = user; }, function (error) { __log.error = error.message; });`,
  request: `__requests.reduce(function (previous, pair) {
      return previous.then(function () { return window.qlikSession.request(pair[0], pair[1]); })
        .then(function (response) { __log.responses.push(response.status); });
    }, Promise.resolve()).catch(function (error) { __log.error = error.message; });`,
};

for (const file of files) {
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
}
if (options.drive) {
  window.__log = log;
  window.__requests = options.requests || [];
  vm.runInContext(DRIVERS[options.drive], context, { filename: 'driver.js' });
}
// Let every promise chain settle, a bounded number of turns.
let turns = 0;
(function settle() {
  if (turns++ < 30) { setImmediate(settle); return; }
  log.storage = Object.fromEntries(storage);
  process.stdout.write(JSON.stringify(log));
}());
