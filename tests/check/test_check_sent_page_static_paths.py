"""A page an Express server sends from a folder of its own (``res.sendFile(path.join(process.cwd(), "views",
"index.html"))`` in a route module) is answered at a URL of the root, so its relative ``style.css`` is the one
``express.static("public")`` serves, not a file beside the page."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import write

SERVER = """import express from "express";
import path from "path";
import rootRoute from "./routes/root";
const app = express();
app.use("/", express.static(path.join(__dirname, "public")));
app.use("/", rootRoute);
app.listen(3000);
"""
ROUTE = """import express from "express";
import path from "path";
const router = express.Router();
router.get("/", (_, res) => { res.sendFile(path.join(process.cwd(), "views", "index.html")); });
export default router;
"""
PAGE = '<!doctype html><html><head><link rel="stylesheet" href="style.css"></head><body></body></html>\n'


def missing(root: Path) -> list[str]:
    return [f.message for f in check_paths([str(root)]).findings if f.rule in ("missing-file", "missing-asset")]


def test_the_static_folders_file(tmp_path: Path) -> None:
    files = {"server.ts": SERVER, "routes/root.ts": ROUTE, "views/index.html": PAGE, "public/style.css": "p {}\n"}
    write(tmp_path, {**files, "package.json": '{"name": "s", "dependencies": {"express": "4"}}'})
    assert missing(tmp_path) == []


def test_a_file_in_no_static_folder(tmp_path: Path) -> None:
    files = {"server.ts": SERVER, "routes/root.ts": ROUTE, "views/index.html": PAGE, "public/other.css": "p {}\n"}
    write(tmp_path, {**files, "package.json": '{"name": "s", "dependencies": {"express": "4"}}'})
    assert len(missing(tmp_path)) == 1
