// The project's backend: it serves the page and its token route on one origin, and asks Qlik Cloud for an
// access token for the user signed in to YOUR application (OAuth user impersonation). The browser gets that
// user's token, never the client secret.
//
//   QLIK_OAUTH_CLIENT_SECRET=... PORT=8000 node server.mjs
//
// Node's built-ins only (node:http, global fetch; Node 18 or later): nothing to install, and the pieces lift
// into an existing server (see README.md). The one function to replace is currentUserSubject() below.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The project's values (mashup-gen regenerate re-targets them).
export const TENANT_URL = "https://acme.eu.qlikcloud.com";
export const CLIENT_ID = "5b2e8d0c7a4f41e39c6d1a8b2f0e7c35";
// Origins the page is served from: the token route answers only requests from these.
export const ALLOWED_ORIGINS = ["https://partners.example.com", "http://localhost:8000"];
export const TOKEN_ROUTE = "/qlik/token";
// A header a form or a plain cross-site request cannot send: a browser must ask first (CORS preflight),
// which this server grants only to ALLOWED_ORIGINS.
export const TOKEN_HEADER = "X-Qlik-Token-Request";
// The secret comes from the environment only: never a file in the project, never sent to a browser.
export const SECRET_VARIABLE = "QLIK_OAUTH_CLIENT_SECRET";
// For local development only (NODE_ENV=development): the subject of the user to impersonate.
export const DEV_SUBJECT_VARIABLE = "QLIK_DEV_USER_SUBJECT";
const DEV_SUBJECT_COOKIE = "qlik_dev_subject";
const SCOPE = "user_default";
const IMPERSONATION_GRANT = "urn:qlik:oauth:user-impersonation";
// A token is reused until this long before it expires.
const EXPIRY_MARGIN_MS = 60_000;
const PAGES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon" };

export class ConfigError extends Error {}

/** Whether the backend was told it runs for local development (NODE_ENV=development). */
export function isDevelopment(env = process.env) {
  return env.NODE_ENV === "development";
}

/**
 * The Qlik subject of the user signed in to YOUR application, or null when nobody is signed in.
 *
 * REPLACE THIS with your application's session: return the subject the user has in Qlik Cloud (the `subject`
 * of the user in the tenant, e.g. the one your identity provider gives). Never take it from the request's
 * body, query or a header the browser sets: anyone could ask for anyone's token.
 *
 * For local development only (NODE_ENV=development), the subject is QLIK_DEV_USER_SUBJECT, or the one a
 * developer picked at /dev/sign-in?subject=... (a cookie standing in for your session).
 */
export function currentUserSubject(request, env = process.env) {
  if (!isDevelopment(env)) {
    return null; // no session connected yet: nobody gets a token
  }
  const picked = cookies(request)[DEV_SUBJECT_COOKIE];
  return picked || env[DEV_SUBJECT_VARIABLE] || null;
}

/** The settings from the environment; throws ConfigError naming the variable that is missing or wrong. */
export function settings(env = process.env) {
  const secret = env[SECRET_VARIABLE];
  if (!secret) {
    throw new ConfigError(`${SECRET_VARIABLE} is not set: give the OAuth client's secret in that environment variable (never in a file of the project)`);
  }
  if (env[DEV_SUBJECT_VARIABLE] && !isDevelopment(env)) {
    throw new ConfigError(`${DEV_SUBJECT_VARIABLE} is set but NODE_ENV is not "development": a fixed user is for local development only (set NODE_ENV=development, or unset ${DEV_SUBJECT_VARIABLE} and connect currentUserSubject() to your session)`);
  }
  const port = Number(env.PORT || 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT=${env.PORT} is not a port number (0-65535)`);
  }
  return { secret, port, host: env.HOST || "127.0.0.1", development: isDevelopment(env) };
}

/** Request cookies as an object. */
function cookies(request) {
  const found = {};
  for (const part of (request.headers.cookie || "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) found[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return found;
}

/**
 * Ask Qlik Cloud for an access token for `subject` (POST <tenant>/oauth/token, user impersonation).
 * Returns {accessToken, expiresAt}; throws an Error whose message says what Qlik answered.
 */
export async function requestToken(subject, secret, fetchImpl = fetch) {
  const body = {
    client_id: CLIENT_ID,
    client_secret: secret,
    grant_type: IMPERSONATION_GRANT,
    scope: SCOPE,
    user_lookup: { field: "subject", value: subject },
  };
  let response;
  try {
    response = await fetchImpl(`${TENANT_URL}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      redirect: "error",
    });
  } catch (error) {
    throw new Error(`Qlik Cloud (${TENANT_URL}) could not be reached: ${error.cause?.message || error.message}`);
  }
  const text = await response.text();
  let answer = {};
  try {
    answer = JSON.parse(text);
  } catch {
    // Qlik answers JSON; anything else is reported by its status.
  }
  if (!response.ok || typeof answer.access_token !== "string") {
    const detail = (answer.errors || []).map((e) => `${e.title || e.detail || "error"}${e.code ? ` (${e.code})` : ""}`).join("; ")
      || answer.error_description || answer.error || `HTTP ${response.status}`;
    throw new Error(`Qlik Cloud refused a token for this user (client ${CLIENT_ID}, status ${response.status}): ${detail}`);
  }
  const seconds = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : 300;
  return { accessToken: answer.access_token, expiresAt: Date.now() + seconds * 1000 };
}

/**
 * Tokens per user: a token is only ever handed to the subject it was issued for, and reused until shortly
 * before it expires. Requests for one subject at the same moment share one request to Qlik.
 */
export class TokenCache {
  constructor(secret, fetchImpl = fetch) {
    this.secret = secret;
    this.fetchImpl = fetchImpl;
    this.tokens = new Map(); // subject -> Promise<{accessToken, expiresAt}>
  }

  async tokenFor(subject) {
    const pending = this.tokens.get(subject);
    if (pending) {
      try {
        const token = await pending;
        if (token.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return token;
      } catch {
        // a failed request is not kept: ask again
      }
    }
    const request = requestToken(subject, this.secret, this.fetchImpl);
    this.tokens.set(subject, request);
    request.catch(() => this.tokens.delete(subject));
    return request;
  }
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, { "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers });
  response.end(body);
}

function sendJson(response, status, value, headers = {}) {
  send(response, status, JSON.stringify(value), { "content-type": "application/json", ...headers });
}

/** CORS headers for an allowed origin (the token route only); none for any other. */
function corsHeaders(origin) {
  if (!ALLOWED_ORIGINS.includes(origin)) return { vary: "Origin" };
  return {
    vary: "Origin",
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-allow-methods": "POST",
    "access-control-allow-headers": `content-type, ${TOKEN_HEADER}`,
  };
}

/**
 * The token route: POST only, from one of ALLOWED_ORIGINS (the Origin header browsers always send on a
 * POST), with TOKEN_HEADER (so a cross-site form or simple request is refused); the user comes from
 * currentUserSubject(), never from the request.
 */
export async function handleTokenRequest(request, response, cache, env = process.env) {
  const origin = request.headers.origin || "";
  const cors = corsHeaders(origin);
  if (request.method === "OPTIONS") {
    return send(response, ALLOWED_ORIGINS.includes(origin) ? 204 : 403, "", cors);
  }
  if (request.method !== "POST") {
    return sendJson(response, 405, { error: `${TOKEN_ROUTE} takes POST only` }, { ...cors, allow: "POST" });
  }
  if (!ALLOWED_ORIGINS.includes(origin)) {
    return sendJson(response, 403, { error: `origin ${origin || "(none)"} is not one of this project's origins` }, cors);
  }
  if (request.headers[TOKEN_HEADER.toLowerCase()] !== "1") {
    return sendJson(response, 403, { error: `the ${TOKEN_HEADER}: 1 header is missing` }, cors);
  }
  const subject = currentUserSubject(request, env);
  if (!subject) {
    const hint = isDevelopment(env)
      ? ` (development: set ${DEV_SUBJECT_VARIABLE} or open /dev/sign-in?subject=...)`
      : " (connect currentUserSubject() in server.mjs to your application's session)";
    return sendJson(response, 401, { error: `nobody is signed in${hint}` }, cors);
  }
  try {
    const token = await cache.tokenFor(subject);
    const expiresIn = Math.max(0, Math.floor((token.expiresAt - Date.now()) / 1000));
    return sendJson(response, 200, { access_token: token.accessToken, expires_in: expiresIn }, cors);
  } catch (error) {
    console.error(error.message);
    return sendJson(response, 502, { error: error.message }, cors);
  }
}

/** Development only: pick the user to impersonate (stands in for your application's sign-in). */
function handleDevSignIn(request, response, url, env) {
  if (!isDevelopment(env)) return send(response, 404, "not found", { "content-type": "text/plain" });
  const subject = url.searchParams.get("subject") || "";
  const cookie = subject
    ? `${DEV_SUBJECT_COOKIE}=${encodeURIComponent(subject)}; Path=/; HttpOnly; SameSite=Strict`
    : `${DEV_SUBJECT_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  return send(response, 303, "", { location: "/", "set-cookie": cookie });
}

/** The page's files: index.html at /, and other files by name; never this file, README or dot-files. */
async function handleStatic(request, response, url, root) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return send(response, 405, "method not allowed", { allow: "GET, HEAD", "content-type": "text/plain" });
  }
  let name;
  try {
    name = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname.slice(1));
  } catch {
    name = ""; // a malformed %-escape names no file
  }
  const type = PAGES[extname(name)];
  if (!type || !/^[\w.-]+(\/[\w.-]+)*$/.test(name) || name.split("/").some((part) => part.startsWith("."))) {
    return send(response, 404, "not found", { "content-type": "text/plain" });
  }
  try {
    const body = await readFile(join(root, name));
    return send(response, 200, request.method === "HEAD" ? "" : body, { "content-type": type });
  } catch {
    return send(response, 404, "not found", { "content-type": "text/plain" });
  }
}

/** The request handler: mount it in your own server, or run this file. */
export function createHandler({ secret, root = fileURLToPath(new URL(".", import.meta.url)), env = process.env, fetchImpl = fetch }) {
  const cache = new TokenCache(secret, fetchImpl);
  return async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    try {
      if (url.pathname === TOKEN_ROUTE) return await handleTokenRequest(request, response, cache, env);
      if (url.pathname === "/dev/sign-in") return handleDevSignIn(request, response, url, env);
      return await handleStatic(request, response, url, root);
    } catch (error) {
      console.error(error);
      if (!response.headersSent) send(response, 500, "internal error", { "content-type": "text/plain" });
    }
  };
}

function main() {
  let config;
  try {
    config = settings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`server.mjs: ${error.message}`);
    process.exit(2);
  }
  const server = createServer(createHandler({ secret: config.secret }));
  server.on("error", (error) => {
    console.error(`server.mjs: cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const { port } = server.address();
    const mode = config.development ? " (development)" : "";
    console.log(`Serving http://${config.host}:${port}/ with the token route ${TOKEN_ROUTE}${mode}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main();
}
