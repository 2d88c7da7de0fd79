const express = require("express");
const app = express();
app.set("view engine", "ejs");
app.get("/", (req, res) => res.render("index", { appId: process.env.QLIK_APP_ID }));
app.listen(3000, "127.0.0.1");
