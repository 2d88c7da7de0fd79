"use server";

import { cookies } from "next/headers";

export async function getApps() {
  const token = (await cookies()).get("qlik_access_token")?.value;
  const response = await fetch(`${process.env.QLIK_TENANT_URL}/api/v1/items?resourceType=app`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return response.json();
}

export async function reload(appId: string) {
  const token = (await cookies()).get("qlik_access_token")?.value;
  await fetch(`${process.env.QLIK_TENANT_URL}/api/v1/reloads`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ appId }),
  });
}
