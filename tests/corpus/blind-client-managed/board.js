var config = {
  host: 'sense.acme.local',
  prefix: '/',
  port: 443,
  isSecure: true
};
require.config({
  baseUrl: (config.isSecure ? "https://" : "http://") + config.host + (config.port ? ":" + config.port : "") + config.prefix + "resources"
});
require(["js/qlik"], function (qlik) {
  var app = qlik.openApp('Ops Board.qvf', config);
  app.getObject('qv1', 'pRmgJ');
});
