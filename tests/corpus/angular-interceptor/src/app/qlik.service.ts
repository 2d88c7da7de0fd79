import { Injectable } from "@angular/core";
import { HttpClient } from "@angular/common/http";
import { environment } from "../environments/environment";

@Injectable({ providedIn: "root" })
export class QlikService {
  constructor(private http: HttpClient) {}

  me() {
    return this.http.get(`${environment.tenant}/api/v1/users/me`);
  }

  apps() {
    return this.http.get(`${environment.tenant}/api/v1/items?resourceType=app`);
  }

  signIn() {
    window.location.href = `${environment.tenant}/login?qlik-web-integration-id=${environment.webIntegrationId}&returnto=${encodeURIComponent(window.location.href)}`;
  }
}
