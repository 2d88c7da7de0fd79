import { useEffect, useState } from 'react';
const TENANT = 'https://contoso.us.qlikcloud.com';
const WID = 'Kq8LwT2vKp9mN3sR7dFh1jBz5cYa4eGu';
const API_KEY: string = 'eyJhbGciOiJFUzM4NCIsImtpZCI6IjEyMyIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyMTIzNDU2Nzg5MCJ9.c2lnbmF0dXJlMTIzNDU2Nzg5MA';
export function Apps() {
  const [apps, setApps] = useState<string[]>([]);
  useEffect(() => {
    fetch(`${TENANT}/api/v1/items?resourceType=app`, { headers: { 'Qlik-Web-Integration-ID': WID } })
      .then((r) => r.json())
      .then((body) => setApps(body.data.map((a: { name: string }) => a.name)));
    fetch(`${TENANT}/api/v1/reports`, { method: 'POST', credentials: 'include', headers: { 'qlik-web-integration-id': WID, Authorization: `Bearer ${API_KEY}` } });
    const socket = new WebSocket(`wss://contoso.us.qlikcloud.com/app/4d1f3e2a-8b7c-4d6e-9f0a-1b2c3d4e5f60?qlik-web-integration-id=${WID}`);
    socket.onopen = () => socket.send('{}');
  }, []);
  return null;
}
