"""An Angular component's ``@Input() appId`` is what the templates that use its selector give it:
``<app-chart appId="Sales.qvf">`` (a literal, judged in that template) or ``[appId]="salesApp"`` (a field of the
template's own component class, judged where it is defined)."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths
from tests.check_support import ID, TENANT, write

CHART = f"""import {{ Component, Input, OnInit }} from '@angular/core';
declare const require: any;

@Component({{ selector: 'app-chart', template: '<div></div>' }})
export class ChartComponent implements OnInit {{
  @Input() appId!: string;
  ngOnInit() {{
    const config = {{ host: '{TENANT}', prefix: '/', port: 443, isSecure: true, webIntegrationId: '{ID}' }};
    require.config({{ baseUrl: 'https://{TENANT}/resources', webIntegrationId: '{ID}' }});
    require(['js/qlik'], (qlik: any) => qlik.openApp(this.appId, config));
  }}
}}
"""
PARENT = """import { Component } from '@angular/core';

@Component({ selector: 'app-root', templateUrl: './app.component.html' })
export class AppComponent {
  salesApp = '%s';
}
"""


def project(tmp_path: Path, template: str, field: str = "") -> Path:
    return write(
        tmp_path,
        {
            "package.json": '{"name": "a", "dependencies": {"@angular/core": "17"}}',
            "src/index.html": f'<!doctype html><html><head><script src="https://{TENANT}/resources/assets/external/'
            'requirejs/require.js"></script></head><body><app-root></app-root></body></html>',
            "src/app/app.component.html": f"<h1>Sales</h1>\n{template}\n",
            "src/app/app.component.ts": PARENT % field,
            "src/app/chart/chart.component.ts": CHART,
        },
    )


def app_ids(path: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(path)]).sorted() if f.rule == "app-id-not-guid"]


def test_an_app_file_name_written_on_the_element_is_reported_in_the_template(tmp_path: Path) -> None:
    assert app_ids(project(tmp_path, '<app-chart appId="Sales.qvf"></app-chart>')) == [("app.component.html", 2)]


def test_an_app_file_name_bound_from_the_parents_field_is_reported_where_the_field_is_defined(tmp_path: Path) -> None:
    folder = project(tmp_path, '<app-chart [appId]="salesApp"></app-chart>', "Sales.qvf")
    assert app_ids(folder) == [("app.component.ts", 5)]


def test_an_app_id_given_to_the_input_is_silent(tmp_path: Path) -> None:
    guid = "4f5e6d7c-8b9a-4c0d-9e1f-2a3b4c5d6e7f"
    assert app_ids(project(tmp_path / "l", f'<app-chart appId="{guid}"></app-chart>')) == []
    assert app_ids(project(tmp_path / "b", '<app-chart [appId]="salesApp"></app-chart>', guid)) == []


def test_another_components_element_does_not_give_the_input(tmp_path: Path) -> None:
    assert app_ids(project(tmp_path, '<app-table appId="Sales.qvf"></app-table>')) == []


def placeholders(path: Path) -> list[tuple[str, int]]:
    return [(Path(f.path).name, f.line) for f in check_paths([str(path)]).sorted() if f.rule == "placeholder"]


def test_an_empty_default_the_parents_give_a_value_is_no_placeholder(tmp_path: Path) -> None:
    """``@Input() appId = ''`` is the default the parents' ``appId="..."`` replaces; with no parent giving it,
    the empty id is what the page opens."""
    guid = "4f5e6d7c-8b9a-4c0d-9e1f-2a3b4c5d6e7f"
    given = project(tmp_path / "given", f'<app-chart appId="{guid}"></app-chart>')
    (given / "src/app/chart/chart.component.ts").write_text(CHART.replace("appId!: string;", "appId = '';"))
    assert placeholders(given) == []
    alone = project(tmp_path / "alone", "<app-chart></app-chart>")
    (alone / "src/app/chart/chart.component.ts").write_text(CHART.replace("appId!: string;", "appId = '';"))
    assert placeholders(alone) == [("chart.component.ts", 6)]


INLINE_PARENT = """import { Component } from '@angular/core';

@Component({
  selector: 'app-root',
  template: `<h1>Sales</h1>
    %s`,
})
export class AppComponent {
  salesApp = '%s';
}
"""


def inline_project(tmp_path: Path, template: str, field: str = "") -> Path:
    folder = project(tmp_path, "")
    (folder / "src/app/app.component.html").unlink()
    (folder / "src/app/app.component.ts").write_text(INLINE_PARENT % (template, field))
    return folder


def test_an_inline_templates_literal_is_reported_in_the_component_file(tmp_path: Path) -> None:
    assert app_ids(inline_project(tmp_path, '<app-chart appId="Sales.qvf"></app-chart>')) == [("app.component.ts", 6)]


def test_an_inline_templates_binding_is_judged_where_the_field_is_defined(tmp_path: Path) -> None:
    folder = inline_project(tmp_path, '<app-chart [appId]="salesApp"></app-chart>', "Sales.qvf")
    assert app_ids(folder) == [("app.component.ts", 9)]
    guid = "4f5e6d7c-8b9a-4c0d-9e1f-2a3b4c5d6e7f"
    assert app_ids(inline_project(tmp_path / "b", '<app-chart [appId]="salesApp"></app-chart>', guid)) == []
