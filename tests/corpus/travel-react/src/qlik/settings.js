// Where the app finds Qlik: the names say nothing of Qlik, their uses do.
export const QLIK = {
  server: "https://acme.eu.qlikcloud.com",
  client: "REPLACE_WITH_CLIENT_ID",
  back: "http://localhost:5173/oauth-callback.html",
};

export const SALES = "Sales Dashboard.qvf";
