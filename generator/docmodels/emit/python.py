"""The IR as a Python package: a module per model, the runtime helpers and an ``__init__``.

Names come from python_names, type spellings from python_types, literal text from
python_literals; the templates give the code its shape and black its final layout.
"""

from __future__ import annotations

import datetime as _dt
import uuid as _uuid
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
    Reference,
    TypeExpr,
    referenced_names,
)
from docmodels.keys import spellings

# From this many properties on, a model's fast parse looks them all up in one call (an
# operator.itemgetter) when the payload has them all: the runtime's DENSE, for the tests.
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
    default_code: str  # the field's ``= default`` in the class statement ("" where required)
    docstring: str  # "" where the page gives no description
    required: bool
    parser: str
    entry: str  # the property's entry in the model's declaration (_runtime.Model)


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
        # One line: the class's docstring says what the model is.
        return lit.docstring(f"Generated by docmodels from {model.location.path}. Do not edit.")

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

        def parser_of(name: str) -> tuple[str, str]:
            # The declaration is read as the class body runs: the model itself, and those in
            # its import cycle, are not defined yet, so they are named by a function.
            annotation, parse = spelled[name]
            cyclic = component.get(name) == component.get(model.name)
            kind = by_name[name].kind
            if by_name[name].values_lost or kind is ModelKind.ENUM:
                return annotation, parse
            if kind is ModelKind.UNION:
                return annotation, f"_rt.later(lambda: {parse})" if cyclic else parse
            return annotation, f"_rt.model(lambda: {annotation})" if cyclic else (
                f"_rt.model({annotation})"
            )

        stdlib: set[str] = set()
        fields = []
        # Every key uncertain (a folder of pages that write field names and no key convention
        # known): the declaration says so once.
        any_case = bool(model.fields) and all(
            f.wire_names and f.wire_names == spellings(f.wire_name) for f in model.fields
        )
        for field, attr in zip(model.fields, own.attributes, strict=True):
            stdlib |= types.stdlib_imports(field.type)
            fields.append(self._field(field, attr, ref_of, plan, parser_of, any_case))
        view = {
            "class_name": own.class_name,
            "docstring": lit.docstring(model.description or f"The {model.name} model.", "    "),
            "fields": fields,
            "spelled": any(f.wire_names for f in model.fields),
            "any_case": any_case,
            # typing, for annotations that name it (_t.Any, _t.Literal): only type checkers
            # and typing.get_type_hints read them.
            "uses_typing": any("_t." in f.annotation for f in fields),
            # A page that lost its properties (a oneOf's members, an empty table): validating
            # nothing and dropping every key would lose the payload, so all of it is kept.
            "passthrough": bool(model.missing) and not model.fields,
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
        parser_of: types.ClassRef,
        every_any_case: bool = False,
    ) -> FieldView:
        """``parser_of``: how a referenced model's parser is spelled in the declaration;
        ``every_any_case``: the declaration says ANY_CASE once, for every property."""
        # An inline enum: the values themselves are the type (of its items, for a list of them).
        choices = _choices(field)
        base = types.annotation(field.type, ref, choices=choices)
        parse = types.parser(field.type, parser_of, choices=choices)
        limits = field.constraints.items()
        if limits:
            arguments = ", ".join(f"{name}={lit.literal(value)}" for name, value in limits)
            parse = f"_rt.constrained({parse}, {arguments})"
        accepts_null = wire.accepts_null(field)
        optional_none = not field.required and field.default is None
        annotation = f"{base} | None" if accepts_null or optional_none else base
        key = lit.string(field.wire_name)
        flags = "" if accepts_null else ", _rt.NOT_NULL"
        any_case = field.wire_names == spellings(field.wire_name)
        if any_case and not every_any_case:
            flags += ", _rt.ANY_CASE"  # the runtime spells the name as keys.spellings does
        elif field.wire_names and not any_case:
            key = lit.string_tuple(field.wire_names)
        entry = f"({key}, {parse}{flags})"
        default_code = ""
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
        return FieldView(
            attr=attr,
            attr_literal=lit.string(attr),
            wire_literal=lit.string(field.wire_name),
            annotation=annotation,
            required=bool(field.required),
            parser=parse,
            default_code=self.field_default(attr, default_code),
            # No placeholder where the page says nothing: a reader sees what the page says.
            docstring=lit.docstring(field.description, "    ") if field.description else "",
            entry=entry,
        )


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
