const params = new URLSearchParams(location.search);

export const settings = {
  host: import.meta.env.VITE_QLIK_TENANT_URL,
  clientId: import.meta.env.VITE_QLIK_OAUTH_CLIENTID,
  redirectUri: `${location.origin}/index.html`,
  apiKey: import.meta.env.VITE_QLIK_API_KEY,
};

export const appId = params.get("app") || "your-app-id";
