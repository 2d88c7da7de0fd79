// One session check for the whole app.
const tenant = "https://atlas.eu.qlikcloud.com";
const id = "AtlasWebIntegration_0123456789ab";

export const session = fetch(`${tenant}/api/v1/users/me`, {
  credentials: "include",
  headers: { "qlik-web-integration-id": id },
}).then((response) => {
  if (response.status === 401) {
    window.location.assign(`${tenant}/login?qlik-web-integration-id=${id}&returnto=${encodeURIComponent(window.location.href)}`);
    throw new Error("signing in");
  }
  return response;
});
