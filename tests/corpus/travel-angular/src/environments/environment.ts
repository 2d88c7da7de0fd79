export const environment = {
  production: true,
  qlik: {
    dashboard: "Sales Dashboard.qvf",
    sheet: "rXdJmy",
  },
};
