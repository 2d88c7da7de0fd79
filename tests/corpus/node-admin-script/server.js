const express = require("express");

const app = express();
app.use(express.static("public"));
app.get("/api/v1/health", (req, res) => res.json({ ok: true }));
app.listen(3000);
