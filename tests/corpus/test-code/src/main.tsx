import { createRoot } from "react-dom/client";
import { QlikEmbed, QlikEmbedConfig, type HostConfig } from "@qlik/embed-react";

const hostConfig: HostConfig = {
  host: import.meta.env.VITE_QLIK_HOST,
  clientId: import.meta.env.VITE_QLIK_CLIENT_ID,
  redirectUri: `${window.location.origin}/oauth-callback.html`,
  authType: "Oauth2",
  accessTokenStorage: "session",
};

function App() {
  return (
    <QlikEmbedConfig.Provider value={hostConfig}>
      <QlikEmbed ui="analytics/chart" appId={import.meta.env.VITE_QLIK_APP_ID} objectId="jRpKz" />
    </QlikEmbedConfig.Provider>
  );
}

createRoot(document.getElementById("root")!).render(<App />);
