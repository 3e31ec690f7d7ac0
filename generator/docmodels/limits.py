"""The largest input docmodels reads, each limit enforced with an error diagnostic.

Without them a hostile or broken page could exhaust memory or the interpreter's stack (a type
nested two thousand levels deep is a RecursionError in any recursive-descent grammar). The
values are documented in the README's "Safety" section; change them there too.
"""

from __future__ import annotations

from docmodels.ir import ArrayOf, EitherOf, MapOf, TypeExpr

# Bytes in one page. The largest real page in the test corpus is 400 KB (ory's go SDK); ten
# times that, a page of nothing but property rows (54,000 of them), generates in 45 to 80 s on
# two busy cores, with a peak of 620 MB. The cost is linear: a quarter reading (markdown-it's
# table rule, the cells, keys), three quarters writing and laying out the module.
MAX_PAGE_BYTES = 4 * 1024 * 1024

# Bytes in all the pages of one run together, the default of ``max-input-mib`` in
# [tool.docmodels]: every page read is held until the run ends. The largest docs folder of the
# real sample (rubrik's go SDK, from a 1.4 MB spec) is 4.6 MiB; 32 MiB leaves room for an API
# seven times that. At the limit, pages of nothing but property rows generate in about 5 min at a
# peak of 1.7 GB; twelve pages at the page limit (48 MiB), which ran for 5 min to 2.4 GB, are
# refused within a second.
MAX_INPUT_MIB = 32
MAX_INPUT_BYTES = MAX_INPUT_MIB * 1024 * 1024

# Arrays and maps around a property's innermost type (``Vec<Vec<String>>`` is 2). Real pages
# nest a few levels; 32 keeps the generated code far from Python's limit of 200 nested
# brackets, as each level adds a bracket to an annotation and a call to a validator.
MAX_TYPE_DEPTH = 32


def type_depth(type_expr: TypeExpr) -> int:
    """How many arrays and maps wrap the innermost type; a loop, not a recursion, as the type
    may be far deeper than the limit (PHP's ``string[][]…`` is read by a loop too). An either
    counts as the type the page wrote, its first member: the others wrap it in at most two
    levels of our own (php-symfony's lists and maps of it), far from Python's 200 brackets."""
    depth = 0
    while isinstance(type_expr, ArrayOf | MapOf | EitherOf):
        if isinstance(type_expr, EitherOf):
            type_expr = type_expr.members[0]
            continue
        type_expr = type_expr.items if isinstance(type_expr, ArrayOf) else type_expr.values
        depth += 1
    return depth

# Arrays and tables around the innermost value of a default an overlay sets. Each level is a
# bracket in the generated code, and Python refuses 200 nested brackets (a SyntaxError on
# import); the same limit as types keeps every default far from it.
MAX_VALUE_DEPTH = MAX_TYPE_DEPTH


def value_depth(value: object) -> int:
    """How deep arrays and objects nest in a JSON value (``[[1]]`` is 2); a loop, not a
    recursion, as the value may be far deeper than the limit."""
    depth = 0
    level = [value]
    while any(isinstance(item, list | dict) for item in level):
        depth += 1
        level = [
            inner
            for item in level
            if isinstance(item, list | dict)
            for inner in (item.values() if isinstance(item, dict) else item)
        ]
    return depth
