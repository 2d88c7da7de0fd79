/*
 * Stand-in for the tenant's qlik-embed runtime, <tenant>/qlik-embed/main.js.
 *
 * The real @qlik/embed-web-components package (from npm) derives a host config from the page, loads this
 * file from the host as a classic script and expects it to define window.QlikMain with import(name). For
 * each <qlik-embed> it imports "embed-vanilla@v1" and calls mountVanillaEmbedComponent({target, props});
 * the OAuth callback script imports "oauth-callback@v1". @qlik/api imports "auth@v1", "qix@v1" and
 * "invoke-fetch@v1": those are Qlik's own modules from the npm package, imported from the tenant. This stand-in records what it was given, on
 * window.__standinQlikEmbed and as data-standin-* attributes, so tests see the host config and each
 * element's props. Like Qlik's runtime it refuses a host config that cannot sign anyone in. Given a token by
 * the page (data-get-access-token), it also reads the user and opens the app with @qlik/api's own modules,
 * recording the outcome as entry.engine and data-standin-engine="connected|error" on the element.
 */
(function () {
  "use strict";
  var self = document.currentScript;
  // The origin this runtime was served from: the tenant the page's data-host named.
  var runtimeOrigin = self && self.src ? new URL(self.src).origin : null;
  var record = { runtimeOrigin: runtimeOrigin, mounted: [], refused: [], callbacks: [] };
  window.__standinQlikEmbed = record;

  // Only JSON-able values (the props also carry callbacks).
  function plain(value) {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  }

  // What Qlik's runtime would stop at, or null: the host must be this tenant, and each sign-in needs its id.
  function problem(hostConfig) {
    if (!hostConfig || !hostConfig.host) return "no host";
    // Like the package, a host without a scheme means https.
    var host = /^https?:\/\//i.test(hostConfig.host) ? hostConfig.host : "https://" + hostConfig.host;
    if (new URL(host).origin !== runtimeOrigin) return "host " + hostConfig.host + " is not this tenant";
    if (String(hostConfig.authType).toLowerCase() === "oauth2") {
      if (!hostConfig.clientId) return "OAuth2 without a client id";
      // A token handed over by the page (impersonation) needs no redirect; a sign-in in the browser does.
      if (!hostConfig.redirectUri && !hostConfig.getAccessToken) return "OAuth2 without a redirect URI";
      return null;
    }
    if (hostConfig.authType === "cookie") {
      return hostConfig.webIntegrationId ? null : "cookie sign-in without a web integration id";
    }
    return "unknown auth type " + hostConfig.authType;
  }

  // With a token from the page (getAccessToken: impersonation), go on as Qlik's runtime does, with @qlik/api's
  // own modules: read the user over REST and open the app on the engine (the token exchanged for a websocket
  // token). A sign-in redirect (no getAccessToken) is left out: those tests record the configuration only.
  function connect(entry, target, hostConfig, appId) {
    var config = Object.assign({}, hostConfig, { authType: "oauth2" });
    target.setAttribute("data-standin-engine", "connecting");
    var user = importApiModule("invoke-fetch@v1").then(function (fetching) {
      var options = { hostConfig: config, noCache: true };
      return fetching.invokeFetch("users", { method: "get", pathTemplate: "/api/v1/users/me", options: options });
    });
    var layout = importApiModule("qix@v1").then(function (qix) {
      return qix.openAppSession({ appId: appId, hostConfig: config }).getDoc();
    }).then(function (doc) {
      return doc.getAppLayout();
    });
    Promise.all([user, layout]).then(
      function (answers) {
        entry.engine = { user: answers[0].data.name, title: answers[1].qTitle };
        target.setAttribute("data-standin-engine", "connected");
      },
      function (error) {
        entry.engine = { error: String((error && error.message) || error) };
        target.setAttribute("data-standin-engine", "error");
      }
    );
  }

  function mountVanillaEmbedComponent(options) {
    var target = options.target;
    var props = plain(options.props);
    var entry = {
      element: target.parentElement ? target.parentElement.id : null,
      ui: props.ui || null,
      appId: props.appId || null,
      objectId: props.objectId || null,
      sheetId: props.sheetId || null,
      hostConfig: props.hostConfig
    };
    var refusal = problem(props.hostConfig);
    if (refusal) {
      entry.problem = refusal;
      record.refused.push(entry);
      target.setAttribute("data-standin-problem", refusal);
    } else {
      record.mounted.push(entry);
      target.setAttribute("data-standin-mounted", "true");
      var raw = options.props.hostConfig;
      if (raw && raw.getAccessToken && entry.appId && apiModules["qix@v1"]) connect(entry, target, raw, entry.appId);
      var marker = document.createElement("div");
      marker.className = "standin-embed";
      marker.setAttribute("data-standin-ui", entry.ui || "");
      marker.textContent = (entry.ui || "") + " " + (entry.objectId || entry.sheetId || entry.appId || "");
      target.appendChild(marker);
    }
    return { $set: function () {}, $destroy: function () {} };
  }

  // @qlik/api's own runtime modules (auth@v1, qix@v1, invoke-fetch@v1 -> the package's chunk files, served
  // by the tenant under /qlik-embed/npm/), filled in by the tenant when it serves this file.
  var apiModules = /*STANDIN_API_MODULES*/{};
  record.imported = [];

  function importApiModule(name) {
    var entry = apiModules[name];
    record.imported.push(name);
    return import(runtimeOrigin + entry.url).then(function (module) {
      return entry["export"] ? module[entry["export"]] : module;
    });
  }

  var modules = {
    "embed-vanilla@v1": function () {
      return { mountVanillaEmbedComponent: mountVanillaEmbedComponent };
    },
    // Importing the callback module runs the callback (the real one exchanges the code for a token).
    "oauth-callback@v1": function () {
      var resolvers = window.__qlikMainPrivateResolvers || {};
      var hostConfig = plain(resolvers.forwardCompatibleHostConfig);
      record.callbacks.push({ hostConfig: hostConfig, search: window.location.search });
      document.documentElement.setAttribute("data-standin-oauth-callback", runtimeOrigin || "");
      // The real runtime handles the callback with @qlik/api's auth code: loading that module does it
      // (check the state, keep the code for the token request, go back to the page that started).
      return apiModules["auth@v1"] ? importApiModule("auth@v1").then(function () { return {}; }) : {};
    }
  };

  window.QlikMain = {
    // Qlik's runtime carries this object; @qlik/api adds test hooks to it on pages served from localhost.
    INTERNAL__DO_NOT_USE: {},
    // What @qlik/api asks the runtime about the platform (its getPlatform): a Qlik Cloud tenant, at this
    // origin. Without them the package takes a loopback host for client-managed Qlik Sense on Windows.
    getRootUrl: function () {
      return runtimeOrigin + "/";
    },
    PRODUCT_INFO: { composition: { deploymentType: "qlikcloud", productName: "Qlik Cloud (stand-in)" } },
    resourceNeedsCredentials: function () {
      return false;
    },
    import: function (name) {
      if (apiModules[name]) return importApiModule(name);
      var make = modules[name];
      return make ? Promise.resolve(make()) : Promise.reject(new Error("stand-in has no module " + name));
    }
  };
})();
