export const environment = {
  tenant: "https://orchard.eu.qlikcloud.com",
  webIntegrationId: "OrchardWebIntegration_0123456789",
};
