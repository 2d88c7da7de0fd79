import { Component, CUSTOM_ELEMENTS_SCHEMA } from "@angular/core";

@Component({ selector: "app-sheet", templateUrl: "./sheet.component.html", schemas: [CUSTOM_ELEMENTS_SCHEMA] })
export class SheetComponent {}
