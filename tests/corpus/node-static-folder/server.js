const express = require("express");
const path = require("path");

const app = express();
// The page is sent at "/", its stylesheet and scripts come from ./public.
app.use(express.static(path.join(__dirname, "public")));
app.get("/", (req, res) => res.sendFile(path.join(__dirname, "index.html")));
app.listen(3000, "127.0.0.1");
