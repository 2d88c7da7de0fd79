import enigma from "enigma.js";
import schema from "enigma.js/schemas/12.170.2.json";

interface Settings {
  url: string;
  webIntegrationId: string;
  appId: string;
}

async function headers({ url, webIntegrationId }: Settings) {
  const response = await fetch(`${url}/api/v1/csrf-token`, {
    credentials: "include",
    headers: { "qlik-web-integration-id": webIntegrationId },
  });
  if (response.status === 401) {
    const login = new URL(`${url}/login`);
    login.searchParams.append("returnto", window.location.href);
    login.searchParams.append("qlik-web-integration-id", webIntegrationId);
    window.location.href = login.toString();
    return undefined;
  }
  return { id: webIntegrationId, csrf: response.headers.get("qlik-csrf-token") };
}

export default async function connect({ url, webIntegrationId, appId }: Settings) {
  const found = await headers({ url, webIntegrationId, appId });
  if (!found) return undefined;
  const host = url.replace(/^https?:\/\//, "");
  const session = enigma.create({
    schema,
    url: `wss://${host}app/${appId}?qlik-web-integration-id=${found.id}&qlik-csrf-token=${found.csrf}`,
  });
  return (await session.open()).openDoc(appId);
}
