// The tenant is asked for once and kept: the prompt shows the form it takes, it is not a value.
function tenantUrl() {
  let url = localStorage.getItem("qlikTenantUrl");
  while (!url) {
    url = window.prompt("Qlik Cloud URL in the format https://tenantName.region.qlikcloud.com");
  }
  localStorage.setItem("qlikTenantUrl", url);
  return url;
}

async function showUser() {
  const response = await fetch(`${tenantUrl()}/api/v1/users/me`, {
    credentials: "include",
    headers: { "qlik-web-integration-id": "OrchardWebIntegration_0123456789" },
  });
  if (response.status === 401) {
    window.location.href = `${tenantUrl()}/login?qlik-web-integration-id=OrchardWebIntegration_0123456789&returnto=${encodeURIComponent(window.location.href)}`;
    return;
  }
  if (!response.ok) {
    throw new Error(`Could not reach the tenant: expected a URL like https://your-tenant.eu.qlikcloud.com`);
  }
  document.getElementById("status").textContent = (await response.json()).name;
}

showUser();
