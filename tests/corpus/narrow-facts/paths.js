// The folder this site is served from, for links between its own pages (not Qlik's prefix).
var prefix = window.location.pathname.substr(0, window.location.pathname.lastIndexOf("/") + 1);
function sitePage(name) { return prefix + name; }
