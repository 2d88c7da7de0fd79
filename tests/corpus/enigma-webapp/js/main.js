// The app's own modules, loaded with its own RequireJS: nothing of Qlik's capability API.
require.config({ baseUrl: "js", paths: { schema: "lib/schema" } });
require(["grid", "schema"], function (grid, schema) { grid.start(schema); });
