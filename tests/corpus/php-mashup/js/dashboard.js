// Signs the visitor in, then shows the berth occupancy chart.
(function () {
  var base = "https://" + qlikSettings.host;
  fetch(base + "/api/v1/users/me", {
    credentials: "include",
    headers: { "qlik-web-integration-id": qlikSettings.webIntegrationId }
  }).then(function (response) {
    if (response.status === 401) {
      window.location.href = base + "/login?qlik-web-integration-id=" + qlikSettings.webIntegrationId +
        "&returnto=" + encodeURIComponent(window.location.href);
      return;
    }
    require.config({ baseUrl: base + "/resources", webIntegrationId: qlikSettings.webIntegrationId });
    require(["js/qlik"], function (qlik) {
      qlik.openApp("6b8e2d1c-3f4a-4e5b-9c7d-0a1b2c3d4e5f", qlikSettings).getObject("berths", "pQrsT");
    });
  });
})();
