require(["js/qlik"], function (qlik) {
  qlik.openApp("3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b").getObject("kpi", "jRpKz");
});
