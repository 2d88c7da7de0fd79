/* Regional KPI wall. Signs in, then shows one KPI per region. */
var QLIK = {
  host: 'summit.us.qlikcloud.com',
  prefix: '/',
  port: 443,
  isSecure: true,
  webIntegrationId: 'SummitWebIntegration_0123456789a'
};

$.ajax({
  url: 'https://' + QLIK.host + '/api/v1/users/me',
  xhrFields: { withCredentials: true },
  headers: { 'qlik-web-integration-id': QLIK.webIntegrationId }
}).fail(function (xhr) {
  if (xhr.status === 401) {
    window.location = 'https://' + QLIK.host + '/login?returnto=' + encodeURIComponent(window.location.href);
  }
}).done(function () {
  require.config({ baseUrl: 'https://' + QLIK.host + QLIK.prefix + 'resources', webIntegrationId: QLIK.webIntegrationId });
  require(['js/qlik'], function (qlik) {
    var app = qlik.openApp('b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', QLIK);
    app.getObject('north', 'nKpi1');
    app.getObject('south', 'sKpi2');
    $.post('https://' + QLIK.host + '/api/v1/reports', JSON.stringify({ region: 'all' }));
  });
});
