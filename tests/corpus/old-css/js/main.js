// Sales overview mashup (Qlik Sense 2.2, served by the Sense proxy at sense.corp.example.com)
var config = {
    host: "sense.corp.example.com",
    prefix: "/",
    port: 443,
    isSecure: true
};

require.config({
    baseUrl: "/resources"
});

require(["js/qlik"], function (qlik) {
    qlik.setOnError(function (error) {
        window.console.error(error);
    });
    var app = qlik.openApp("e2f8b4a6-1c3d-4e5f-8a9b-0c1d2e3f4a5b", config);
    app.getObject("kpi-revenue", "jYzrL");
    app.getObject("bar-by-region", "pBtmQ");
});
