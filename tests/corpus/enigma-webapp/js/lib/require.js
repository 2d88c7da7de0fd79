// (a local copy of RequireJS would be here; this stand-in keeps the corpus small)
var requirejs, require, define;
