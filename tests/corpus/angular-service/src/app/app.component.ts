import { Component, OnInit } from "@angular/core";
import { QlikService } from "./qlik.service";

@Component({ selector: "app-root", template: "<ul><li *ngFor='let a of audits'>{{ a.eventType }}</li></ul>" })
export class AppComponent implements OnInit {
  audits: Array<{ eventType: string }> = [];

  constructor(private qlik: QlikService) {}

  ngOnInit(): void {
    this.qlik.me().subscribe({
      next: () => this.qlik.audits().subscribe((body: any) => (this.audits = body.data)),
      error: (e: { status: number }) => {
        if (e.status === 401) {
          this.qlik.signIn();
        }
      },
    });
  }
}
