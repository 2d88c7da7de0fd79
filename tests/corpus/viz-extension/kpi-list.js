define(["qlik", "js/qlik", "text!./kpi-list.css"], function (qlikGlobal, qlik, css) {
  "use strict";
  // Qlik Sense loads this into its own client: the app and the signed-in session are already there.
  return {
    initialProperties: { qHyperCubeDef: { qInitialDataFetch: [{ qWidth: 2, qHeight: 20 }] } },
    definition: { type: "items", component: "accordion", items: { settings: { uses: "settings" } } },
    paint: function ($element, layout) {
      var app = qlik.currApp(this);
      var rows = layout.qHyperCube.qDataPages[0].qMatrix;
      $element.html("<style>" + css + "</style><ul>" + rows.map(function (row) {
        return "<li>" + row[0].qText + ": " + row[1].qText + "</li>";
      }).join("") + "</ul>");
      return app ? qlik.Promise.resolve() : null;
    },
  };
});
