// The id is set after the object, from one constant the whole site shares.
var WEB_INTEGRATION_ID = "DepotWebIntegration_abcdefghijkl";
var config = { host: "depot.ap.qlikcloud.com", prefix: "/", port: 443, isSecure: true };
config.webIntegrationId = WEB_INTEGRATION_ID;
var openConfig = {
  host: config.host,
  prefix: config.prefix,
  port: config.port,
  isSecure: config.isSecure,
  webIntegrationId: config.webIntegrationId
};
