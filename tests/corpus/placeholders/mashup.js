// Settings: fill these in before publishing.
var settings = {
  appId: 'appId',
  webIntegrationId: 'ReplaceWithYourWebIntegrationId00'
};
var config = {
  host: '',
  prefix: '/',
  port: 443,
  isSecure: true,
  webIntegrationId: settings.webIntegrationId
};
var tenant = 'https://<hostname>';

fetch(tenant + '/api/v1/users/me', {
  credentials: 'include',
  headers: { 'qlik-web-integration-id': '<QLIK_WEB_INTEGRATION_ID>' }
}).then(function (response) {
  if (response.status === 401) {
    window.location.href = 'https://my-tenant.qcs.com/login?qlik-web-integration-id=web-integration-id-here&returnto=' +
      encodeURIComponent(window.location.href);
    return;
  }
  require.config({ baseUrl: 'https://your-tenant.eu.qlikcloud.com/resources', webIntegrationId: settings.webIntegrationId });
  require(['js/qlik'], function (qlik) {
    qlik.openApp('00000000-0000-0000-0000-000000000000', config).getObject('quarter', 'qTr01');
  });
});
