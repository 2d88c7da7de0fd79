import apps from "./qlik.json";

// One place for the host config: every value comes from the environment or the apps file.
export const hostConfig = {
  host: import.meta.env.VITE_QLIK_HOST,
  authType: "Oauth2",
  clientId: import.meta.env.VITE_QLIK_CLIENT_ID,
  redirectUri: import.meta.env.VITE_REDIRECT,
};

export const APP = apps.sales;
