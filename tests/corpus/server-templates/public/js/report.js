(function (cfg) {
  var tenant = "https://" + cfg.host;
  var appId = document.getElementById("monthly").getAttribute("data-app-id");
  fetch(tenant + "/api/v1/users/me", { credentials: "include", headers: { "qlik-web-integration-id": cfg.webIntegrationId } })
    .then(function (r) {
      if (r.status === 401) {
        location.assign(tenant + "/login?qlik-web-integration-id=" + cfg.webIntegrationId + "&returnto=" + encodeURIComponent(location.href));
        return;
      }
      require.config({ baseUrl: tenant + "/resources", webIntegrationId: cfg.webIntegrationId });
      require(["js/qlik"], function (qlik) { qlik.openApp(appId, cfg).getObject("monthly", "mNth2"); });
    });
})(window.reportConfig);
