// The app every chart of the page shows.
const APP = "<APP_ID>";

module.exports = { APP, SHEET: "rXdJmy" };
