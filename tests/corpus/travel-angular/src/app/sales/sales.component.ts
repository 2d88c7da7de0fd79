import { Component, CUSTOM_ELEMENTS_SCHEMA } from "@angular/core";
import { environment } from "../../environments/environment";

@Component({
  selector: "app-sales",
  standalone: true,
  templateUrl: "./sales.component.html",
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
})
export class SalesComponent {
  appId = environment.qlik.dashboard;
  sheetId = environment.qlik.sheet;
}
