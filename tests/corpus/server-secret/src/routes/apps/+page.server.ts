const apiKey = "eyJhbGciOiJFUzM4NCIsImtpZCI6IjEyMyIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhYmMiLCJzdWJUeXBlIjoidXNlciIsInRlbmFudElkIjoieHl6In0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl";
export async function load() {
  const res = await fetch("https://orchard.eu.qlikcloud.com/api/v1/items", { headers: { Authorization: `Bearer ${apiKey}` } });
  return { items: (await res.json()).data };
}
