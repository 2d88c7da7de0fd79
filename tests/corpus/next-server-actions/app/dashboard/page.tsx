import { getApps } from "../_lib/get-apps";
import Sheet from "./sheet";

// A server component (no "use client"): it runs on the server and renders the client component below.
export default async function Dashboard() {
  const apps = await getApps();
  const res = await fetch(process.env.QLIK_TENANT_URL + "/api/v1/users/me", { cache: "no-store" });
  if (res.status === 401) return <a href="/login">Sign in</a>;
  return <Sheet appId={apps.data[0].resourceId} />;
}
