// Ops wallboard: lists spaces and the last reloads. TODO move the key server-side before go-live!
var QLIK_HOST = 'https://acme-analytics.us.qlikcloud.com';
var API_KEY = 'eyJhbGciOiJFUzM4NCIsImtpZCI6IjNmNGE5YjJjIiwidHlwIjoiSldUIn0.eyJzdWJUeXBlIjoidXNlciIsInRlbmFudElkIjoiYWNtZSIsImp0aSI6IjEyMzQifQ.c2lnbmF0dXJlX25vdF9yZWFsX2p1c3RfYV90ZXN0X2ZpeHR1cmVfMTIzNDU2Nzg5MA';

function qlikGet(path) {
  return fetch(QLIK_HOST + path, {
    headers: {
      'Authorization': 'Bearer ' + API_KEY,
      'Accept': 'application/json'
    }
  }).then(function (response) { return response.json(); });
}

function refresh() {
  qlikGet('/api/v1/spaces').then(function (body) {
    var rows = body.data.map(function (space) {
      return $('<tr>').append($('<td>').text(space.name), $('<td>').text(space.type));
    });
    $('#spaces tbody').empty().append(rows);
  });
}

refresh();
setInterval(refresh, 60 * 1000);
