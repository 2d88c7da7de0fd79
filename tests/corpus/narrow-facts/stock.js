// Any signed-in request tells whether the visitor has a session: this one lists the spaces it may see.
function toLogin() {
  window.location.href = "https://depot.ap.qlikcloud.com/login?qlik-web-integration-id=" + WEB_INTEGRATION_ID +
    "&returnto=" + encodeURIComponent(window.location.href);
}

fetch("https://depot.ap.qlikcloud.com/api/v1/spaces?limit=10", {
  credentials: "include",
  headers: { "Qlik-Web-Integration-ID": WEB_INTEGRATION_ID }
}).then(function (response) {
  if (response.status === 401) {
    toLogin();
    return;
  }
  var rc = { baseUrl: "https://depot.ap.qlikcloud.com/resources" };
  rc.webIntegrationId = WEB_INTEGRATION_ID;
  require.config(rc);
  require(["js/qlik"], function (qlik) {
    qlik.openApp("7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b", openConfig).getObject("stock", "sTk01");
  });
});
