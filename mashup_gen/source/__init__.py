"""The source model under ``check``, ``adopt`` and ``regenerate``: files parsed with tree-sitter (exact
offsets, error-tolerant), split into blocks where one file mixes languages, the facts their syntax trees
hold, and what runs where (page, browser code, component, server code, config).

Modules: ``grammars`` (which grammar reads which file; parsers built lazily), ``syntax`` (a parsed piece and
its offsets), ``blocks`` (Vue/Svelte blocks, server-template code versus markup), ``facts`` (imports, calls,
strings, assignments, JSX attributes, directives, environment reads), ``roles`` (classification),
``model`` (one file's facts and role, read once) and ``modules`` (values that travel: names followed through
imports, exports, parameters, props, JSON, env files and frameworks' runtime config to their literals) with
``markup`` (the bound and literal attributes of Vue, Svelte and Angular templates).
tree-sitter is imported only when something is parsed.
"""
