import React from "react";
import { createRoot } from "react-dom/client";
import { QlikEmbed } from "@qlik/embed-react";
import qlik, { SALES } from "./qlik";

const hostConfig = {
  host: qlik.server,
  authType: "Oauth2",
  clientId: qlik.client,
  redirectUri: qlik.back,
};

function App() {
  return <QlikEmbed ui="analytics/sheet" appId={SALES} hostConfig={hostConfig} />;
}

createRoot(document.getElementById("root")).render(<App />);
