"""The IR as a Python package: a module per model, the runtime helpers and an ``__init__``.

Names come from python_names, type spellings from python_types, literal text from
python_literals; the templates give the code its shape and black its final layout.
"""

from __future__ import annotations

import datetime as _dt
import uuid as _uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from docmodels.emit import python_literals as lit
from docmodels.emit import python_names as names
from docmodels.emit import python_types as types
from docmodels.emit import wire
from docmodels.emit.load_order import first_imports, package_imports
from docmodels.emit.memo import ModuleScope, RenderMemo, module_file, module_scope
from docmodels.emit.render import Renderer
from docmodels.ir import (
    ArrayOf,
    Field,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    ModelSet,
    Primitive,
    Reference,
    TypeExpr,
    referenced_names,
)

# From this many properties on, a model's fast parse looks them all up in one call (an
# operator.itemgetter) when the payload has them all, rather than one at a time.
DENSE = 6

# What every model module imports; python_types adds the modules of richer types. json is
# imported where it is used (from_json, to_json) and typing for type checkers only: a program
# that uses one model imports no more than it needs.
_MODEL_IMPORTS = frozenset({"import dataclasses as _dc"})


@dataclass(frozen=True, slots=True)
class ModelNames:
    class_name: str
    module: str
    members: dict[JsonValue, str]  # enum value -> member name (enums only)
    attributes: tuple[str, ...]  # per field, in order (objects only)
    page: str  # the docs page's file name without .md (unique even on case-insensitive disks)


@dataclass(frozen=True, slots=True)
class FieldView:
    attr: str
    attr_literal: str
    wire_literal: str
    annotation: str
    default_code: str
    docstring: str
    required: bool
    parser: str
    fast_check: str  # "" where every value goes through the parser
    parse_lines: list[str]  # statements that check ``value`` (and convert it), in place
    fast_lines: list[str]  # the same for ``_docmodels_fast``: no path, no context
    local: str  # the value's name in the fast parse's one-call lookup
    dense_lines: list[str]  # ``fast_lines`` on ``local``
    default_value: str  # the expression an absent optional property takes (a fresh one each time)
    dump: str
    dump_nullable: bool
    emit_condition: str
    # Where the key is uncertain (Field.wire_names): the tuple of the spellings accepted, and
    # the message for a required one that has none; "" where the key is known.
    spellings: str = ""
    missing: str = '"required property is missing"'


def enum_view(model: Model, plan: dict[str, ModelNames]) -> dict[str, Any]:
    """What python/enum.py.jinja shows of an enum model (every target's enums use it)."""
    if model.values_lost:
        # No class: a value is the string or number the payload gave, kept as it came.
        return {
            "class_name": plan[model.name].class_name,
            "docstring": lit.docstring(lost_enum_text(model)),
            "lost": True,
        }
    assert model.enum_type is not None
    return {
        "class_name": plan[model.name].class_name,
        "docstring": lit.docstring(model.description or f"The {model.name} enumeration.", "    "),
        "lost": False,
        "base": {"string": "str, ", "integer": "int, "}.get(model.enum_type.kind.value, ""),
        "members": [
            {"name": plan[model.name].members[v.value], "literal": lit.literal(v.value)}
            for v in model.enum_values
        ],
    }


def lost_enum_text(model: Model) -> str:
    """The docstring of an enum whose values the page lost."""
    text = model.description or f"The {model.name} enumeration."
    return (
        f"{text}\n\nIts page lost the values: any string or number is accepted and kept as\n"
        f"given. An overlay's enum for {model.name} (docmodels-overlay.toml) gives them."
    )


# What an enum whose values were lost is: a string or number, as JSON gives it.
LOST_ENUM_TYPE = "str | int | float"
LOST_ENUM_PARSER = "_rt.parse_enum_value"


# The last model set planned, and its plan: the package and the docs of one build share it.
_last_plan: list[tuple[ModelSet, dict[str, ModelNames]]] = []


def plan_names(model_set: ModelSet) -> dict[str, ModelNames]:
    """Class and module names for every model, unique (modules even on case-insensitive disks).
    The plan is the caller's to read, not to change (the next caller may get the same one)."""
    if _last_plan and _last_plan[0][0] is model_set:
        return _last_plan[0][1]
    plan = _plan_names(model_set)
    _last_plan[:] = [(model_set, plan)]
    return plan


def _plan_names(model_set: ModelSet) -> dict[str, ModelNames]:
    classes = names.unique([names.class_name(m.name) for m in model_set.models])
    modules = names.unique([names.module_name(c) for c in classes], fold_case=True)
    pages = names.unique([names.page_name(c) for c in classes], fold_case=True)
    class_of = {m.name: c for m, c in zip(model_set.models, classes, strict=True)}
    plan: dict[str, ModelNames] = {}
    for model, class_name, module, page in zip(
        model_set.models, classes, modules, pages, strict=True
    ):
        members: dict[JsonValue, str] = {}
        if model.kind is ModelKind.ENUM:
            labels = [v.name or str(v.value) for v in model.enum_values]
            members = dict(
                zip([v.value for v in model.enum_values], names.member_names(labels), strict=True)
            )
        # The module binds its own class and the classes it imports: no attribute may take them.
        bound = {class_name} | {
            class_of[ref] for f in model.fields for ref in referenced_names(f.type) if ref in class_of
        }
        attributes = names.attribute_names([f.wire_name for f in model.fields], frozenset(bound))
        plan[model.name] = ModelNames(class_name, module, members, tuple(attributes), page)
    return plan


def _cycles(model_set: ModelSet) -> dict[str, int]:
    """The strongly connected component of each model in the reference graph (Tarjan)."""
    edges = {
        m.name: sorted(
            {n for t in (*(f.type for f in m.fields), *m.variants) for n in referenced_names(t)}
        )
        for m in model_set.models
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}

    def visit(start: str) -> None:
        # Iterative, so that a long chain of references cannot exhaust Python's stack.
        work = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = [t for t in edges.get(node, []) if t in edges]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])

    for name in edges:
        if name not in index:
            visit(name)
    return component


def _references(
    model: Model,
    names_: set[str],
    plan: dict[str, ModelNames],
    by_name: dict[str, Model],
    component: dict[str, int],
) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """The import lines a module needs for the models it refers to, and how it spells each:
    (annotation, parser). Models in the same import cycle, and unions (whose parser is a module
    function), are reached through their module, which is safe while a cycle is importing."""
    imports: list[str] = []
    spelled: dict[str, tuple[str, str]] = {}
    for name in sorted(names_):
        target = plan[name]
        kind = by_name[name].kind
        if name == model.name:
            annotation = target.class_name
        elif kind is ModelKind.UNION or component.get(name) == component.get(model.name):
            alias = f"_m_{target.module}"
            imports.append(f"from . import {target.module} as {alias}")
            annotation = f"{alias}.{target.class_name}"
        else:
            imports.append(f"from .{target.module} import {target.class_name}")
            annotation = target.class_name
        if by_name[name].values_lost:
            parse = LOST_ENUM_PARSER
        elif kind is ModelKind.ENUM:
            parse = f"_rt.enum_of({annotation})"
        elif kind is ModelKind.UNION:
            parse = f"{annotation.rsplit('.', 1)[0]}.docmodels_parse"
        else:
            parse = f"{annotation}._docmodels_parse"
        spelled[name] = (annotation, parse)
    return sorted(imports), spelled


class PythonEmitter:
    # What a target that only swaps the class decorator changes (emit/targets/attrs.py).
    model_template = "python/model.py.jinja"
    module_imports: frozenset[str] = _MODEL_IMPORTS

    @staticmethod
    def default_factory(factory: str) -> str:
        return f"_dc.field(default_factory={factory})"

    @staticmethod
    def field_default(attr: str, default_code: str) -> str:
        """The field's ``= default`` as the class statement writes it (attrs renames some)."""
        return default_code

    def __init__(self, renderer: Renderer, package: str) -> None:
        self.renderer = renderer
        self.package = package

    def emit(self, model_set: ModelSet, memo: RenderMemo | None = None) -> dict[str, str]:
        """``memo``: where files rendered from the same scope are remembered (emit.memo)."""
        plan = plan_names(model_set)
        component = _cycles(model_set)
        by_name = model_set.by_name()
        kind = f"{type(self).__module__}.{type(self).__qualname__}"
        files: dict[str, str] = {}
        for model in model_set.models:
            # Each module is made from its scope only: what the memo's hash covers.
            scope = module_scope(model, plan, by_name, component)
            files[f"{self.package}/{plan[model.name].module}.py"] = module_file(
                memo, kind, scope, partial(self._module, model, scope)
            )
        files[f"{self.package}/_runtime.py"] = self.renderer.python(
            "python/_runtime.py.jinja",
            module_docstring=lit.docstring(
                "Validation and conversion helpers for the generated models.\n\n"
                "Generated by docmodels. Do not edit."
            ),
        )
        ordered = sorted(model_set.models, key=lambda m: plan[m.name].module)
        exports = sorted([plan[m.name].class_name for m in model_set.models] + ["ValidationError"])
        imports = {m.name: first_imports(m, by_name, component) for m in model_set.models}
        files[f"{self.package}/__init__.py"] = self.renderer.python(
            "python/__init__.py.jinja",
            load_order=package_imports(
                model_set.models, {m.name: plan[m.name].module for m in model_set.models}, imports
            ),
            module_docstring=lit.docstring(
                f"Models generated by docmodels from {len(model_set.models)} model pages.\n\n"
                "Do not edit: regenerate with `docmodels generate`."
            ),
            models=[plan[m.name] for m in ordered],
            exports=[lit.string(name) for name in exports],
        )
        files[f"{self.package}/py.typed"] = ""
        return files

    def _module(self, model: Model, scope: ModuleScope) -> str:
        if model.kind is ModelKind.ENUM:
            return self._enum(model, scope.plan)
        if model.kind is ModelKind.UNION:
            return self._union(model, scope.plan, scope.by_name, scope.component)
        return self._object(model, scope.plan, scope.by_name, scope.component)

    def _module_docstring(self, model: Model, plan: dict[str, ModelNames]) -> str:
        return lit.docstring(
            f"The {plan[model.name].class_name} model.\n\n"
            f"Generated by docmodels from {model.location.path}. Do not edit."
        )

    def _enum(self, model: Model, plan: dict[str, ModelNames]) -> str:
        return self.renderer.python(
            "python/enum.py.jinja",
            module_docstring=self._module_docstring(model, plan),
            model=enum_view(model, plan),
        )

    def _union(
        self,
        model: Model,
        plan: dict[str, ModelNames],
        by_name: dict[str, Model],
        component: dict[str, int],
    ) -> str:
        own = plan[model.name]
        refs = {n for v in model.variants for n in referenced_names(v)}
        model_imports, spelled = _references(model, refs, plan, by_name, component)

        def ref_of(name: str) -> tuple[str, str]:
            return spelled[name]

        alias = " | ".join(types.annotation(v, ref_of) for v in model.variants)
        cyclic = any(
            component.get(n) == component.get(model.name)
            for v in model.variants
            for n in referenced_names(v)
        )
        view = {
            # Quoted where a member's class may not exist yet while an import cycle loads.
            "alias": lit.string(alias) if cyclic else alias,
            "class_name": own.class_name,
            "docstring": lit.docstring(
                model.description or f"The {model.name} model: one of its member types.", "    "
            ),
            "parsers": [types.parser(v, ref_of) for v in model.variants],
            "names": [
                lit.string(plan[v.name].class_name if isinstance(v, Reference) else
                           types.annotation(v, ref_of))
                for v in model.variants
            ],
        }
        stdlib = set().union(*(types.stdlib_imports(v) for v in model.variants))
        return self.renderer.python(
            "python/union.py.jinja",
            module_docstring=self._module_docstring(model, plan),
            stdlib_imports=sorted(stdlib),
            load_first=bool(first_imports(model, by_name, component)),
            model_imports=model_imports,
            model=view,
        )

    def _object(
        self,
        model: Model,
        plan: dict[str, ModelNames],
        by_name: dict[str, Model],
        component: dict[str, int],
    ) -> str:
        own = plan[model.name]
        refs = {n for f in model.fields for n in referenced_names(f.type)}
        model_imports, spelled = _references(model, refs, plan, by_name, component)

        def ref_of(name: str) -> tuple[str, str]:
            return spelled[name]

        def kind_of(name: str) -> ModelKind | None:
            # None: a plain JSON scalar (an enum whose values were lost).
            return None if by_name[name].values_lost else by_name[name].kind

        # The parsers of the models this module imports by name (or defines), bound once when
        # the module has loaded: a call looks up no class attribute and builds no closure.
        bindings: dict[str, str] = {}

        def parser_of(name: str) -> tuple[str, str]:
            annotation, parse = spelled[name]
            if "." in annotation or kind_of(name) is ModelKind.UNION:
                return annotation, parse  # reached through its module (an import cycle)
            bound = f"_parse_{annotation}"
            bindings[bound] = parse
            return annotation, bound

        def fast_of(name: str) -> str | None:
            # An object model's fast parse (enums and unions: their parser, with no path).
            if kind_of(name) is not ModelKind.OBJECT:
                return None
            annotation = spelled[name][0]
            if "." in annotation:
                return f"{annotation}._docmodels_fast"  # an import cycle: through its module
            bound = f"_fast_{annotation}"
            bindings[bound] = f"{annotation}._docmodels_fast"
            return bound

        # The fast parse's wire names: a module-level name, not a class attribute to look up.
        bindings["_keys"] = f"{own.class_name}._docmodels_keys"
        stdlib: set[str] = set()
        fields = []
        for index, (field, attr) in enumerate(zip(model.fields, own.attributes, strict=True)):
            stdlib |= types.stdlib_imports(field.type)
            fields.append(
                self._field(
                    field, attr, ref_of, plan, kind_of, parser_of, bindings, fast_of, f"v{index}"
                )
            )
        # Many properties: the fast parse takes them all at once when the payload has them all.
        uncertain = any(f.wire_names for f in model.fields)
        dense = len(model.fields) >= DENSE and not (bool(model.missing) and not model.fields)
        dense = dense and not uncertain  # one lookup per key, not per spelling
        if dense:
            bindings["_values"] = "_rt.values_of(" + ", ".join(
                lit.string(f.wire_name) for f in model.fields
            ) + ")"
        # The models' parsers (sorted), then the parsers built from them (in field order).
        models = [n for n in bindings if n.startswith(("_parse_", "_fast_"))]
        order = sorted(models)
        order += [n for n in bindings if n not in models]
        view = {
            "class_name": own.class_name,
            "docstring": lit.docstring(model.description or f"The {model.name} model.", "    "),
            "fields": fields,
            "keys_literal": "{" + ", ".join(
                lit.string(key) for f in model.fields for key in (f.wire_names or (f.wire_name,))
            ) + "}"
            if model.fields
            else "",
            "spelled": uncertain,
            # A page that lost its properties (a oneOf's members, an empty table): validating
            # nothing and dropping every key would lose the payload, so all of it is kept.
            "passthrough": bool(model.missing) and not model.fields,
            "dense": dense,
            "bindings": [f"{name} = {bindings[name]}" for name in order],
        }
        return self.renderer.python(
            self.model_template,
            module_docstring=self._module_docstring(model, plan),
            stdlib_imports=sorted(stdlib | self.module_imports),
            load_first=bool(first_imports(model, by_name, component)),
            model_imports=model_imports,
            model=view,
        )

    def _field(
        self,
        field: Field,
        attr: str,
        ref: types.ClassRef,
        plan: dict[str, ModelNames],
        kind_of: KindOf,
        parser_of: types.ClassRef | None = None,
        bindings: dict[str, str] | None = None,
        fast_of: FastOf | None = None,
        local: str = "value",
    ) -> FieldView:
        """``parser_of``: how a referenced model's parser is spelled, where not as ``ref`` says;
        ``bindings``: where to put module-level names for parsers built once (none if None);
        ``fast_of``: how a referenced model's fast parse is spelled (None: no fast lines);
        ``local``: the name the fast parse's one-call lookup gives the value."""
        # An inline enum: the values themselves are the type (of its items, for a list of them).
        choices = _choices(field)
        base = types.annotation(field.type, ref, choices=choices)
        parse = types.parser(field.type, parser_of or ref, choices=choices)
        fast = types.fast_check(field.type)
        if field.enum_values is not None or field.constraints.items():
            fast = None  # the values themselves are checked: no shortcut
        limits = field.constraints.items()
        if limits:
            arguments = ", ".join(f"{name}={lit.literal(value)}" for name, value in limits)
            parse = f"_rt.constrained({parse}, {arguments})"
        accepts_null = wire.accepts_null(field)
        annotation = f"{base} | None" if accepts_null or (not field.required and field.default is None) else base
        if "(" in parse and "_m_" not in parse and bindings is not None:
            # Built once, when the module has loaded, not on every call (the models a parser
            # names in an import cycle may not exist yet then: those are built per call).
            bindings[f"_check_{attr}"] = parse
            parse = f"_check_{attr}"
        checked = field.enum_values is not None or bool(limits)
        # An uncertain key: errors name the spelling the payload used (the template's ``key``).
        at = "key" if field.wire_names else lit.string(field.wire_name)
        lines = parse_lines(
            field.type, parse, fast, accepts_null, checked, at, parser_of or ref,
        )
        fast_lines: list[str] = []
        dense_lines: list[str] = []
        if fast_of is not None:
            fast_lines = parse_lines(
                field.type, parse, fast, accepts_null, checked, at, parser_of or ref, fast_of,
            )
            # The same on the local the one-call lookup unpacks the value into.
            dense_lines = parse_lines(
                field.type, parse, None if fast is None else types.fast_check(field.type, local),
                accepts_null, checked, at, parser_of or ref, fast_of, local,
            )
        if accepts_null:
            if fast is None:
                # None passes the check; anything else goes to the parser, unwrapped: no
                # nullable() closure is built per call.
                fast = "value is None"
            elif fast != "True":
                fast = f"{fast} or value is None"
        value = f"self.{attr}"
        dump = dump_expression(field.type, value, kind_of)
        # None is written as None, else the value as its type says; a statement, not a
        # conditional expression, so that long names need no layout black would have to do.
        dump_nullable = dump != value and " | None" in annotation
        default_code = ""
        default_value = "None"
        condition = f"{value} is not None"
        if not field.required:
            if field.default is None:
                default_code = " = None"
            else:
                code, computed = default_expression(field.type, field.default.value, ref, plan)
                if computed or isinstance(field.default.value, (list, dict)):
                    # Mutable or built by a call: a fresh value per instance, made when needed
                    # (a model in an import cycle is not yet defined when the class body runs).
                    factory = {"[]": "list", "{}": "dict"}.get(code, f"lambda: {code}")
                    default_code = f" = {self.default_factory(factory)}"
                else:
                    default_code = f" = {code}"
                default_value = code
                singleton = field.default.value is None or isinstance(field.default.value, bool)
                condition = f"{value} {'is not' if singleton else '!='} {code}"
        return FieldView(
            attr=attr,
            attr_literal=lit.string(attr),
            wire_literal=lit.string(field.wire_name),
            annotation=annotation,
            default_code=self.field_default(attr, default_code),
            docstring=lit.docstring(field.description or f"The {field.wire_name} property.", "    "),
            required=bool(field.required),
            parser=parse,
            fast_check=fast or "",
            parse_lines=lines,
            fast_lines=fast_lines,
            local=local,
            dense_lines=dense_lines,
            default_value=default_value,
            dump=dump,
            dump_nullable=dump_nullable,
            emit_condition=condition,
            spellings=lit.string_tuple(field.wire_names) if field.wire_names else "",
            missing=lit.string("required property is missing (its key may be spelled "
                               + ", ".join(field.wire_names) + ")")
            if field.wire_names else '"required property is missing"',
        )

# What kind of model a name is (object, enum or union; None: a plain JSON scalar).
KindOf = Callable[[str], "ModelKind | None"]
# How an object model's fast parse is spelled in this module (None for enums and unions).
FastOf = Callable[[str], "str | None"]


def parse_lines(
    type_expr: TypeExpr,
    parse: str,
    fast: str | None,
    nullable: bool,
    checked: bool,
    wire: str,
    ref: types.ClassRef,
    fast_of: FastOf | None = None,
    name: str = "value",
) -> list[str]:
    """Statements that check a property's ``value`` and convert it in place, for
    ``_docmodels_parse``: the common case (JSON's own classes) inline, without a call; anything
    else through the parser ``parse``, which reports what is wrong and where. ``fast``: the
    type's check as an expression (None where there is none); ``checked``: the values
    themselves are checked (an inline enum, constraints), so that every value meets ``parse``.

    With ``fast_of``, the statements are ``_docmodels_fast``'s: a value that fails its inline
    check raises Fallback (a subclass, say, is left to the full parse), models go through their
    fast parse, anything else through ``parse`` with no path and the context that raises
    Fallback at the first problem."""
    bail = None
    if fast_of is None:
        slow = f"{name} = {parse}({name}, (path, {wire}), context)"
    else:
        bail = "raise _rt.Fallback"
        direct = None
        if isinstance(type_expr, Reference) and not checked:
            direct = fast_of(type_expr.name)
        if direct is None:
            slow = f'{name} = {parse}({name}, "", _rt.STRICT)'
        else:
            slow = f"{name} = {direct}({name}, depth)"
    if fast == "True":
        return []
    container = None
    if not checked:
        container = _container_lines(type_expr, slow, wire, ref, fast_of, name)
    if container is not None:
        otherwise = f"elif {name} is not None:" if nullable else "else:"
        return [*container, otherwise, f"    {bail or slow}"]
    if fast is not None:
        check = f"{fast} or {name} is None" if nullable else fast
        return [f"if not ({check}):", f"    {bail or slow}"]
    if nullable:
        return [f"if {name} is not None:", f"    {slow}"]
    return [slow]


def _container_lines(
    type_expr: TypeExpr,
    slow: str,
    wire: str,
    ref: types.ClassRef,
    fast_of: FastOf | None,
    name: str = "value",
) -> list[str] | None:
    """For a list or map whose items need a loop: the branch for a value of the right container
    class (an ``if``), which the caller follows with a branch for any other value."""
    if isinstance(type_expr, ArrayOf) and not type_expr.unique_items:
        cls, items, each = "list", type_expr.items, name
    elif isinstance(type_expr, MapOf):
        cls, items, each = "dict", type_expr.values, f"{name}.values()"
    else:
        return None
    item_fast = types.fast_check(items, "item")
    if item_fast == "True":
        return None  # the class alone decides: the whole check is an expression
    head = f"if {name}.__class__ is {cls}:"
    if item_fast is not None:
        if fast_of is not None:
            return [head, f"    for item in {each}:", f"        if not ({item_fast}):",
                    "            raise _rt.Fallback"]
        # Items of JSON's own classes pass as they are; at the first that does not, the parser
        # goes over the whole list and reports every item at fault.
        return [head, f"    for item in {each}:", f"        if not ({item_fast}):",
                f"            {slow}", "            break"]
    # Items that need their parser (models, dates...): one call per item, no closure per list.
    if isinstance(items, (ArrayOf, MapOf)):
        return None  # a list of lists: the runtime's parser
    parse_item = types.parser(items, ref)
    if fast_of is not None:
        # The fast parse: a model's own (no path), anything else with the raising context; in
        # a loop, which costs less than a comprehension's function call on Python 3.11.
        direct = fast_of(items.name) if isinstance(items, Reference) else None
        call = "parse(item, depth)" if direct else 'parse(item, "", _rt.STRICT)'
        if cls == "list":
            built = "items"
            loop = ["    items = []", f"    for item in {name}:", f"        items.append({call})"]
        else:
            built = "entries"
            loop = ["    entries = {}", f"    for key, item in {name}.items():",
                    f"        entries[key] = {call}"]
        return [head, f"    parse = {direct or parse_item}", *loop, f"    {name} = {built}"]
    if cls == "list":
        built_by = f"[parse(item, (at, index), context) for index, item in enumerate({name})]"
    else:
        built_by = f"{{key: parse(item, (at, key), context) for key, item in {name}.items()}}"
    return [head, f"    parse = {parse_item}", f"    at = (path, {wire})", f"    {name} = {built_by}"]


def dump_expression(type_expr: TypeExpr, value: str, kind_of: KindOf, depth: int = 0) -> str:
    """An expression for ``value`` (of the type) as JSON-ready data, specialized to the type:
    models write themselves, enums their values, dates their ISO text."""
    if types.is_plain_json(type_expr):
        return value
    if isinstance(type_expr, Primitive):
        if type_expr.format == "uuid":
            return f"str({value})"
        if type_expr.format == "date-time":
            return f"_rt.datetime_text({value})"  # the payload's spelling, where it was read
        return f"{value}.isoformat()"
    if isinstance(type_expr, Reference):
        kind = kind_of(type_expr.name)
        if kind is None:
            return value  # kept as the payload gave it
        if kind is ModelKind.ENUM:
            return f"{value}.value"
        if kind is ModelKind.UNION:
            return f"_rt.dump({value})"
        return f"{value}.to_dict()"
    item = "item" if depth == 0 else f"item{depth}"
    if isinstance(type_expr, ArrayOf):
        inner = dump_expression(type_expr.items, item, kind_of, depth + 1)
        return f"[{inner} for {item} in {value}]"
    if isinstance(type_expr, MapOf):
        key = "key" if depth == 0 else f"key{depth}"
        inner = dump_expression(type_expr.values, item, kind_of, depth + 1)
        return f"{{{key}: {inner} for {key}, {item} in {value}.items()}}"
    return f"_rt.dump({value})"


def default_expression(
    type_expr: TypeExpr, value: JsonValue, ref: types.ClassRef, plan: dict[str, ModelNames]
) -> tuple[str, bool]:
    """A Python expression for a default's JSON value as the attribute holds it, and whether
    that expression calls something (dates, UUIDs and models are built, not written)."""
    if isinstance(type_expr, Reference):
        spelled, parse = ref(type_expr.name)
        if parse == LOST_ENUM_PARSER:
            return lit.literal(value), False
        if parse.startswith("_rt.enum_of("):
            return f"{spelled}.{plan[type_expr.name].members[value]}", False
        return f"{spelled}.from_dict({lit.literal(value)})", True
    if isinstance(type_expr, ArrayOf) and isinstance(value, list):
        items = [default_expression(type_expr.items, item, ref, plan) for item in value]
        return "[" + ", ".join(code for code, _ in items) + "]", any(c for _, c in items)
    if isinstance(type_expr, MapOf) and isinstance(value, dict):
        entries = [
            (k, default_expression(type_expr.values, v, ref, plan)) for k, v in value.items()
        ]
        code = "{" + ", ".join(f"{lit.string(k)}: {c}" for k, (c, _) in entries) + "}"
        return code, any(c for _, (_, c) in entries)
    rich = types.annotation(type_expr, ref)
    if isinstance(value, str) and rich in _CONSTRUCTORS:
        return f"{_CONSTRUCTORS[rich]}({lit.string(_canonical(rich, value))})", True
    return lit.literal(value), False


def _canonical(rich: str, text: str) -> str:
    """A date, date-time or UUID default as Python 3.10 reads it too (its fromisoformat takes
    no ``Z``). The reader has checked the text's format (docmodels.values)."""
    if rich == "_dt.datetime":
        # RFC 3339 allows a lower-case t and z, which fromisoformat does not.
        day, time = text[:10], text[11:]
        return _dt.datetime.fromisoformat(f"{day}T{time.upper()}").isoformat()
    if rich == "_dt.date":
        return _dt.date.fromisoformat(text).isoformat()
    return str(_uuid.UUID(text))


_CONSTRUCTORS = {
    "_dt.date": "_dt.date.fromisoformat",
    "_dt.datetime": "_dt.datetime.fromisoformat",
    "_uuid.UUID": "_uuid.UUID",
}


def _choices(field: Field) -> str | None:
    """The literals of the values an inline enum allows, for ``types.annotation``."""
    if field.enum_values is None:
        return None
    return ", ".join(lit.literal(v) for v in field.enum_values)
