// Signs in with OAuth (qlik/api's auth module): the redirect page must exist on this site.
var auth = {
  host: "insure.eu.qlikcloud.com",
  authType: "Oauth2",
  clientId: "b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6",
  redirectUri: window.location.origin + "/oauth_callback.html",
  accessTokenStorage: "session"
};
window.claimsAuth = auth;
