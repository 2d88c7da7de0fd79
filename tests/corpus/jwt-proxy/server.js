// A JWT proxy: the browser talks only to this server, which signs the user in to Qlik Cloud with a JWT and
// forwards Qlik's paths, adding the web integration id and the CSRF token on the way.
const express = require("express");
const path = require("path");
const { WebSocket, WebSocketServer } = require("ws");

const tenant = process.env.QLIK_TENANT; // orchard.eu.qlikcloud.com
const webIntegrationId = process.env.QLIK_WEB_INTEGRATION_ID;
const app = express();
app.use(express.static(path.join(__dirname, "public")));

async function forward(req, res) {
  const qlik = req.session.qlik; // the session cookie and CSRF token got with the user's JWT at sign-in
  const response = await fetch(`https://${tenant}${req.originalUrl}`, {
    headers: { cookie: qlik.cookie, "qlik-web-integration-id": webIntegrationId, "qlik-csrf-token": qlik.csrf },
  });
  res.status(response.status).type(response.headers.get("content-type") || "text/plain");
  res.send(Buffer.from(await response.arrayBuffer()));
}

app.get("/resources/*", forward);
app.get("/api/v1/*", forward);

const server = app.listen(3000, "127.0.0.1");
const sockets = new WebSocketServer({ server });
sockets.on("connection", (browser, req) => {
  const qlik = req.session.qlik;
  const appId = req.url.split("/app/")[1].split("?")[0];
  const engine = new WebSocket(`wss://${tenant}/app/${appId}?qlik-csrf-token=${qlik.csrf}`, {
    headers: { cookie: qlik.cookie, "qlik-web-integration-id": webIntegrationId },
  });
  browser.on("message", (data) => engine.send(data));
  engine.on("message", (data) => browser.send(data));
});
