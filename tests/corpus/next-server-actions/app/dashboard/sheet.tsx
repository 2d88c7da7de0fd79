"use client";

import { QlikEmbed } from "@qlik/embed-react";

export default function Sheet({ appId }: { appId: string }) {
  return <QlikEmbed ui="analytics/sheet" appId={appId} objectId="JbtsBVB" />;
}
