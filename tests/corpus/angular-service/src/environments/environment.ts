export const environment = {
  production: false,
  tenant: "https://ledger.eu.qlikcloud.com",
  webIntegrationId: "LedgerWebIntegration_0123456789a",
};
