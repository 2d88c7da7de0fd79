// Talks to the tenant for the whole app: session, CSRF token, engine sessions.
export const TENANT: string = "https://northwind.eu.qlikcloud.com";
export const WEB_INTEGRATION_ID: string = "NwWebIntegration0123456789abcdef";

const headers: Record<string, string> = { "Qlik-Web-Integration-ID": WEB_INTEGRATION_ID };

export async function ensureSignedIn(): Promise<boolean> {
  const response = await fetch(`${TENANT}/api/v1/users/me`, { credentials: "include", headers });
  if (response.status === 401) {
    const login = new URL(`${TENANT}/login`);
    login.searchParams.set("qlik-web-integration-id", WEB_INTEGRATION_ID);
    login.searchParams.set("returnto", window.location.href);
    window.location.href = login.toString();
    return false;
  }
  return response.ok;
}

export async function csrfToken(): Promise<string> {
  const response = await fetch(`${TENANT}/api/v1/csrf-token`, { credentials: "include", headers });
  return response.headers.get("qlik-csrf-token") ?? "";
}

export function engineUrl(appId: string): string {
  // Missing: the CSRF token the engine wants on the WebSocket URL.
  return `wss://northwind.eu.qlikcloud.com/app/${appId}?qlik-web-integration-id=${WEB_INTEGRATION_ID}`;
}
