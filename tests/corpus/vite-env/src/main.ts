import { auth, items } from "@qlik/api";
import { settings } from "./settings";

auth.setDefaultHostConfig({
  host: settings.host,
  authType: "oauth2",
  clientId: settings.clientId,
  redirectUri: settings.redirectUri,
});

const list = await items.getItems({ resourceType: "app" });
document.getElementById("app")!.textContent = list.data.data.map((i) => i.name).join(", ");
