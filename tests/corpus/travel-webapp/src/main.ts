import connect from "./qlik/connect";

async function start() {
  const app = await connect({
    url: "https://acme.eu.qlikcloud.com/",
    webIntegrationId: "abcdefghijABCDEFGHIJ0123456789_-",
    appId: "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e",
  });
  document.getElementById("app")!.textContent = app ? "connected" : "signing in";
}

start();
