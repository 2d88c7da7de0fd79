import React from "react";
import { createRoot } from "react-dom/client";
import { QlikEmbed } from "@qlik/embed-react";
import { hostConfig, APP } from "./config";
import { firebase } from "./analytics";

console.log(firebase.projectId);

function App() {
  return <QlikEmbed ui="analytics/sheet" appId={APP} sheetId="rXdJmy" hostConfig={hostConfig} />;
}

createRoot(document.getElementById("root")!).render(<App />);
