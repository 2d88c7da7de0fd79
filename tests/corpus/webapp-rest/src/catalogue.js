// A catalogue of the tenant's apps, drawn by hand: no Qlik JavaScript, only Qlik's REST API.
const TENANT = 'https://acme-analytics.us.qlikcloud.com';
const WEB_INTEGRATION_ID = 'Xk2pQ9vR7tLmN4bH8cJ1sD5fG3aW6eYz';

async function currentUser() {
  const response = await fetch(`${TENANT}/api/v1/users/me`, {
    credentials: 'include',
    headers: { 'qlik-web-integration-id': WEB_INTEGRATION_ID },
  });
  if (response.status === 401) {
    const returnto = encodeURIComponent(window.location.href);
    window.location.href = `${TENANT}/login?qlik-web-integration-id=${WEB_INTEGRATION_ID}&returnto=${returnto}`;
    return null;
  }
  return response.json();
}

async function listApps() {
  // "It worked on my machine": signed in to the tenant in another tab, no CORS preflight seen in testing.
  const response = await fetch(`${TENANT}/api/v1/items?resourceType=app&limit=50`, { credentials: 'include' });
  const body = await response.json();
  return body.data;
}

async function renameApp(itemId, name) {
  const response = await fetch(TENANT + '/api/v1/items/' + itemId, {
    method: 'PUT',
    credentials: 'include',
    headers: {
      'content-type': 'application/json',
      'qlik-web-integration-id': WEB_INTEGRATION_ID,
    },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw new Error(`rename failed: ${response.status}`);
}

async function main() {
  const user = await currentUser();
  if (!user) return;
  document.getElementById('user').textContent = user.name;
  const list = document.getElementById('apps');
  const template = document.getElementById('app-row');
  for (const app of await listApps()) {
    const row = template.content.cloneNode(true);
    row.querySelector('.name').textContent = app.name;
    row.querySelector('.rename').addEventListener('click', () => {
      const name = window.prompt('New name', app.name);
      if (name) renameApp(app.id, name).then(main);
    });
    list.append(row);
  }
}

main();
