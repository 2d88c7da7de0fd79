// An engine session signed in two ways: a token from an OAuth2 sign-in, or the cookie with parameters
// computed from the tenant's response headers.
const tenant = "orchard.eu.qlikcloud.com";
const appId = "3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
const webIntegrationId = "OrchardWebIntegration_0123456789";

async function cookieParams() {
  const response = await fetch(`https://${tenant}/api/v1/csrf-token`, {
    credentials: "include",
    headers: { "qlik-web-integration-id": webIntegrationId },
  });
  return {
    "qlik-web-integration-id": webIntegrationId,
    "qlik-csrf-token": response.headers.get("qlik-csrf-token"),
  };
}

function toQuery(headers) {
  return Object.entries(headers).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

async function engineUrl(accessToken) {
  if (accessToken) {
    return `wss://${tenant}/app/${appId}?accessToken=${encodeURIComponent(accessToken)}`;
  }
  const query = toQuery(await cookieParams());
  return `wss://${tenant}/app/${appId}?${query}`;
}

async function open(accessToken) {
  const me = await fetch(`https://${tenant}/api/v1/users/me`, {
    credentials: "include",
    headers: { "qlik-web-integration-id": webIntegrationId },
  });
  if (me.status === 401) {
    window.location.href = `https://${tenant}/login?qlik-web-integration-id=${webIntegrationId}&returnto=${encodeURIComponent(window.location.href)}`;
    return;
  }
  const schema = await fetch("https://cdn.jsdelivr.net/npm/enigma.js@2.14.0/schemas/12.2015.0.json").then((r) => r.json());
  const session = window.enigma.create({ schema, url: await engineUrl(accessToken) });
  const global = await session.open();
  const app = await global.openDoc(appId);
  document.getElementById("title").textContent = (await app.getAppLayout()).qTitle;
}

open(sessionStorage.getItem("qlik-access-token"));
