import { auth, qix, items } from "@qlik/api";

auth.setDefaultHostConfig({
  host: "orchard.eu.qlikcloud.com",
  authType: "cookie",
  webIntegrationId: "OrchardWebIntegration_0123456789",
  autoRedirect: true,
});

const { data } = await items.getItems({ resourceType: "app", limit: 5 });
console.log(data);
const app = await qix.openAppSession({ appId: "3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b" }).getDoc();
document.getElementById("title").textContent = (await app.getAppLayout()).qTitle;
const spaces = await fetch("https://orchard.eu.qlikcloud.com/api/v1/spaces", {
  credentials: "include",
  headers: { "qlik-web-integration-id": "OrchardWebIntegration_0123456789" },
}).then((r) => r.json());
console.log(spaces);
