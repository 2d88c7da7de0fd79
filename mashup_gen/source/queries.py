"""One tree-sitter query per syntax tree: the nodes the module facts (:mod:`mashup_gen.source.facts`) and the
module table (:mod:`mashup_gen.source.modules`) are read from, captured in one walk of the tree.

Walking the tree is most of a query's cost, whatever its patterns: a script whose facts and table are both
read is walked once instead of twice. Each reader keeps its own capture names (the facts one per kind, the
table ``node``), so a node both read appears in both lists.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node, Query

    from mashup_gen.source.syntax import Parsed

# The callees whose arguments check's value following reads (``get`` is narrowed to visualization.get later):
# a table asked for other callees runs a query of its own.
TABLE_CALLEES = frozenset({"openApp", "openDoc", "setAttribute", "getObject", "get"})


@cache
def _shared_query(grammar: str) -> Query:
    from tree_sitter import Query

    from mashup_gen.source.facts import facts_patterns
    from mashup_gen.source.grammars import parser
    from mashup_gen.source.modules import table_patterns

    patterns = facts_patterns(grammar) + "\n" + table_patterns(grammar, TABLE_CALLEES)
    return Query(parser(grammar).language, patterns)


def shared_captures(parsed: Parsed) -> dict[str, list[Node]]:
    """The captures of the shared query over ``parsed``, by capture name (run once per tree; callers must
    not change the lists)."""
    if parsed.captured is None:
        from tree_sitter import QueryCursor

        parsed.captured = QueryCursor(_shared_query(parsed.grammar)).captures(parsed.root)
    return parsed.captured
