import { HttpInterceptorFn } from "@angular/common/http";
import { environment } from "../environments/environment";

// Every request to the tenant carries its cookie and the web integration id.
export const qlikInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith(environment.tenant)) return next(req);
  return next(req.clone({ withCredentials: true, setHeaders: { "qlik-web-integration-id": environment.webIntegrationId } }));
};
