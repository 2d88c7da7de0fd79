// Shared by the fleet pages: sign in, then show the trucks KPI.
(function (cfg) {
  var tenant = "https://" + cfg.host;
  fetch(tenant + "/api/v1/users/me", { credentials: "include", headers: { "qlik-web-integration-id": cfg.webIntegrationId } })
    .then(function (r) {
      if (r.status === 401) {
        location.assign(tenant + "/login?qlik-web-integration-id=" + cfg.webIntegrationId + "&returnto=" + encodeURIComponent(location.href));
        return;
      }
      require.config({ baseUrl: tenant + "/resources", webIntegrationId: cfg.webIntegrationId });
      require(["js/qlik"], function (qlik) { qlik.openApp(cfg.appId, cfg).getObject("trucks", "kTrk1"); });
    });
})(window.fleet);
