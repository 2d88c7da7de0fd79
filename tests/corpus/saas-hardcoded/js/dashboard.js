// Operations dashboard. Tenant and web integration are hard-coded (copied from the Qlik example).
const config = {
  host: 'acme-analytics.us.qlikcloud.com',
  prefix: '/',
  port: 443,
  isSecure: true,
  webIntegrationId: 'Xk2pQ9vR7tLmN4bH8cJ1sD5fG3aW6eYz',
};

require.config({
  baseUrl: `https://${config.host}/resources`,
  webIntegrationId: config.webIntegrationId,
});

require(['js/qlik'], (qlik) => {
  qlik.setOnError((error) => console.error('Qlik error', error));
  const app = qlik.openApp('7d9e3c1a-5b2f-4d8e-9a6c-1f0e2d3c4b5a', config);
  app.getObject('tile-orders', 'fGkPq');
  app.getObject('tile-backlog', 'mJuTr');
  app.getObject('selections', 'CurrentSelections');
});
