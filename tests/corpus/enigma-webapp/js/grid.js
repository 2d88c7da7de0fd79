define(function () {
  var TENANT = "grid.eu.qlikcloud.com";
  var ID = "GridWebIntegration_0123456789abc";
  var APP = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
  var headers = { "qlik-web-integration-id": ID };

  function api(path, options) {
    return fetch("https://" + TENANT + path, Object.assign({ credentials: "include", headers: headers }, options));
  }

  function start(schema) {
    api("/api/v1/csrf-token").then(function (response) {
      if (response.status === 401) {
        location.href = "https://" + TENANT + "/login?qlik-web-integration-id=" + ID + "&returnto=" +
          encodeURIComponent(location.href);
        return;
      }
      var csrf = response.headers.get("qlik-csrf-token");
      var url = "wss://" + TENANT + "/app/" + APP + "?qlik-web-integration-id=" + ID + "&qlik-csrf-token=" + csrf;
      enigma.create({ schema: schema, url: url }).open().then(function (global) {
        return global.openDoc(APP);
      }).then(function (doc) {
        return doc.evaluate("Sum([kWh])");
      }).then(function (total) {
        document.getElementById("total").textContent = total;
      });
      // Renaming the app changes data: this POST has no CSRF token header.
      api("/api/v1/apps/" + APP + "/copy", { method: "POST" });
      api("/api/v1/items?resourceType=app").then(function (r) { return r.json(); }).then(function (body) {
        body.data.forEach(function (item) {
          var li = document.createElement("li");
          li.textContent = item.name;
          document.getElementById("apps").appendChild(li);
        });
      });
    });
  }

  return { start: start };
});
