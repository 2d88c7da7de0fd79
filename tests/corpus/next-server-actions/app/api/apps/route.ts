import { NextResponse } from "next/server";

// A route handler: runs on the server, signs in to Qlik Cloud with the OAuth client's secret.
export async function GET() {
  const tokenResponse = await fetch(`${process.env.QLIK_TENANT_URL}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      client_id: process.env.QLIK_CLIENT_ID,
      client_secret: process.env.QLIK_CLIENT_SECRET,
      grant_type: "client_credentials",
    }),
  });
  const { access_token } = await tokenResponse.json();
  const spaces = await fetch(`${process.env.QLIK_TENANT_URL}/api/v1/spaces`, { method: "GET" });
  return NextResponse.json({ spaces: await spaces.json(), ok: Boolean(access_token) });
}
