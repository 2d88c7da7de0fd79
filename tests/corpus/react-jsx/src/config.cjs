// Settings for the command-line export script that runs next to the app.
module.exports = {
  tenant: "atlas.eu.qlikcloud.com",
  appId: "your-app-id",
};
