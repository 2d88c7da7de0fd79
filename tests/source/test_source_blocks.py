"""Files that mix languages: Vue/Svelte blocks, and template code versus markup in server templates."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mashup_gen.source.blocks import in_template_code, sfc_blocks, template_blocks, template_language

VUE = """<template>
  <div><template v-if="ok"><qlik-embed ui="analytics/sheet" /></template></div>
</template>

<script setup lang="ts">
const appId = "8c1a";
</script>

<style scoped>.a { color: red }</style>
"""


def test_vue_blocks_and_their_grammars() -> None:
    blocks = sfc_blocks(VUE)
    assert [(b.kind, b.grammar) for b in blocks] == [("template", "html"), ("script", "typescript"), ("style", "css")]
    template, script, _style = blocks
    assert "<qlik-embed" in VUE[template.start : template.end]
    assert VUE[template.start : template.end].rstrip().endswith("</div>")  # the nested </template> is inside
    assert VUE[script.start : script.end].strip() == 'const appId = "8c1a";'
    assert script.setup


def test_svelte_module_script_is_not_the_instance_script() -> None:
    text = '<script context="module">export const x = 1;</script><script>let y = 2;</script><p>{y}</p>'
    scripts = [b for b in sfc_blocks(text) if b.kind == "script"]
    assert [b.setup for b in scripts] == [False, True]
    assert [b.grammar for b in scripts] == ["javascript", "javascript"]


def test_template_languages_by_name() -> None:
    assert template_language("welcome.blade.php", "") == "blade"
    assert template_language("index.php", "") == "php"
    assert template_language("index.ejs", "") == "erb"
    assert template_language("page.jinja2", "") == "jinja"
    assert template_language("Index.cshtml", "") == "razor"
    assert template_language("page.hbs", "") == "handlebars"
    assert template_language("page.html", "") is None


def _code(text: str, language: str) -> list[str]:
    return [text[b.start : b.end] for b in template_blocks(text, language) if b.kind == "code"]


def test_template_code_is_told_from_markup() -> None:
    assert _code('<p data-host="<?= $host ?>">x</p><?php echo 1; ?>', "php") == ["<?= $host ?>", "<?php echo 1; ?>"]
    assert _code('<a href="{{ url }}">{% if a %}b{% endif %}</a>', "jinja") == [
        "{{ url }}",
        "{% if a %}",
        "{% endif %}",
    ]
    assert _code("<p><%= host %></p>", "erb") == ["<%= host %>"]
    assert _code("<p>{{{raw}}} {{x}}</p>", "handlebars") == ["{{{raw}}}", "{{x}}"]
    assert _code("@if($a) <p>{{ $b }}</p> @endif", "blade") == ["@if($a)", "{{ $b }}", "@endif"]


def test_razor_code_but_not_an_email_address() -> None:
    text = '<p data-host="@Model.Host">mail me: someone@example.com, @@escaped</p>'
    assert _code(text, "razor") == ["@Model.Host"]


@given(st.text(max_size=200), st.sampled_from(["php", "blade", "erb", "jinja", "handlebars", "razor"]))
def test_blocks_cover_the_whole_file_in_order(text: str, language: str) -> None:
    blocks = template_blocks(text, language)
    position = 0
    for block in blocks:
        assert block.start == position and block.end > block.start
        position = block.end
    assert position == len(text)
    for block in blocks:
        assert in_template_code(blocks, block.start) == (block.kind == "code")
