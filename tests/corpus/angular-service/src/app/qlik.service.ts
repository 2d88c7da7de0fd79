import { Injectable } from "@angular/core";
import { HttpClient, HttpHeaders } from "@angular/common/http";
import { Observable } from "rxjs";
import { environment } from "../environments/environment";

@Injectable({ providedIn: "root" })
export class QlikService {
  private readonly headers = new HttpHeaders({ "qlik-web-integration-id": environment.webIntegrationId });

  constructor(private http: HttpClient) {}

  me(): Observable<unknown> {
    return this.http.get(`${environment.tenant}/api/v1/users/me`, { headers: this.headers, withCredentials: true });
  }

  audits(): Observable<unknown> {
    // Forgets the cookie: the tenant answers 401 even for a signed-in user.
    return this.http.get(`${environment.tenant}/api/v1/audits?limit=50`, { headers: this.headers });
  }

  signIn(): void {
    const returnto = encodeURIComponent(window.location.href);
    window.location.href =
      `${environment.tenant}/login?qlik-web-integration-id=${environment.webIntegrationId}&returnto=${returnto}`;
  }
}
