// Lists licence assignments for the tenant's admins.
var TENANT_URL = 'https://meridian.us.qlikcloud.com/';
var ID = 'MeridianWebIntegration_012345678';
var headers = { 'qlik-web-integration-id': ID };

function signIn() {
  window.location.href = TENANT_URL + 'login?qlik-web-integration-id=' + ID + '&returnto=' + encodeURIComponent(location.href);
}

fetch(TENANT_URL + '/api/v1/users/me', { credentials: 'include', headers: headers }).then(function (r) {
  if (r.status === 401) { return signIn(); }
  return fetch(`${TENANT_URL}/api/v1/licenses/assignments`, { credentials: 'include', headers: headers })
    .then(function (res) { return res.json(); })
    .then(function (body) { render(body.data); });
});

function render(rows) {
  var table = document.getElementById('usage');
  rows.forEach(function (row) { table.insertRow().insertCell().textContent = row.subject; });
}
