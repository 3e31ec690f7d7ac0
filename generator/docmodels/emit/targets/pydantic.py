"""The IR as pydantic v2 models: the ``pydantic`` output target.

Names, type spellings, defaults and literal text are the default target's (python_names,
python_types, python.default_expression, python_literals); only the class shape differs. Payloads
are validated by pydantic itself, in strict JSON mode (``_runtime.py.jinja`` says why).
"""

from __future__ import annotations

from dataclasses import dataclass

from docmodels.emit import python_literals as lit
from docmodels.emit import python_names as names
from docmodels.emit import python_types as types
from docmodels.emit import wire
from docmodels.emit.python import ModelNames, _cycles, default_expression, plan_names
from docmodels.emit.render import Renderer
from docmodels.ir import Field, Model, ModelKind, ModelSet, referenced_names

# pydantic writes a UTC date-time with a Z; _rt.DateTime writes isoformat() as the default
# target does, so a payload comes back with the spelling it went in with.
FORMATS = {**types.FORMATS, "date-time": ("_rt.DateTime", "", "")}

# JSON Schema's constraint names and pydantic's Field arguments for them.
CONSTRAINTS = {
    "minimum": "ge",
    "maximum": "le",
    "exclusive_minimum": "gt",
    "exclusive_maximum": "lt",
    "multiple_of": "multiple_of",
    "min_length": "min_length",
    "max_length": "max_length",
    "pattern": "pattern",
    "min_items": "min_length",
    "max_items": "max_length",
}


# BaseModel's own attributes (pydantic 2): a field that took one would shadow it.
BASE_MODEL_NAMES = frozenset(
    {"construct", "copy", "dict", "from_orm", "json", "model_computed_fields", "model_config",
     "model_construct", "model_copy", "model_dump", "model_dump_json", "model_extra",
     "model_fields", "model_fields_set", "model_json_schema", "model_parametrized_name",
     "model_post_init", "model_rebuild", "model_validate", "model_validate_json",
     "model_validate_strings", "parse_file", "parse_obj", "parse_raw", "schema", "schema_json",
     "update_forward_refs", "validate"}
)


def attribute_names(attributes: tuple[str, ...]) -> list[str]:
    """The default target's attribute names as pydantic field names: pydantic takes a leading
    underscore for a private attribute (``_123_abc`` becomes ``f_123_abc``), and BaseModel's own
    attributes are taken."""
    out = []
    for name in attributes:
        if name.startswith("_"):
            name = "f" + name
        if name in BASE_MODEL_NAMES:
            name += "_"
        out.append(name)
    return names.unique(out)


@dataclass(frozen=True, slots=True)
class PydanticField:
    attr: str
    annotation: str
    default_code: str  # " = ..." or ""
    docstring: str


@dataclass(frozen=True, slots=True)
class References:
    top: list[str]  # import lines at the top of the module
    # Import lines at the bottom: models in the same import cycle, bound only after the class
    # exists (pydantic resolves those annotations when the model is first used).
    bottom: list[str]
    spelled: dict[str, tuple[str, str]]  # model name -> (annotation, parser kind for defaults)


def references(
    model: Model,
    names_: set[str],
    plan: dict[str, ModelNames],
    by_name: dict[str, Model],
    component: dict[str, int],
) -> References:
    top: list[str] = []
    bottom: list[str] = []
    spelled: dict[str, tuple[str, str]] = {}
    for name in sorted(names_):
        target = plan[name]
        kind = by_name[name].kind
        if name == model.name:
            annotation = target.class_name
        elif model.kind is not ModelKind.UNION and component.get(name) == component.get(
            model.name
        ):
            alias = f"_m_{target.module}"
            bottom.append(f"from . import {target.module} as {alias}")
            annotation = f"{alias}.{target.class_name}"
        else:
            # A union's alias is evaluated when its module runs: its members must be bound
            # then, so a union imports them at the top even inside a cycle (the models in the
            # cycle import the union's module at their bottom, which makes that safe).
            top.append(f"from .{target.module} import {target.class_name}")
            annotation = target.class_name
        # default_expression tells enums by the default target's parser spelling.
        parse = f"_rt.enum_of({annotation})" if kind is ModelKind.ENUM else annotation
        spelled[name] = (annotation, parse)
    return References(sorted(top), sorted(bottom), spelled)


class PydanticEmitter:
    def __init__(self, renderer: Renderer, package: str) -> None:
        self.renderer = renderer
        self.package = package

    def emit(self, model_set: ModelSet) -> dict[str, str]:
        plan = plan_names(model_set)
        component = _cycles(model_set)
        by_name = model_set.by_name()
        files: dict[str, str] = {}
        for model in model_set.models:
            module = plan[model.name].module
            docstring = lit.docstring(
                f"The {plan[model.name].class_name} model.\n\n"
                f"Generated by docmodels from {model.location.path}. Do not edit."
            )
            if model.kind is ModelKind.ENUM:
                source = self._enum(model, plan, docstring)
            elif model.kind is ModelKind.UNION:
                source = self._union(model, plan, by_name, component, docstring)
            else:
                source = self._object(model, plan, by_name, component, docstring)
            files[f"{self.package}/{module}.py"] = source
        files[f"{self.package}/_runtime.py"] = self.renderer.python(
            "pydantic/_runtime.py.jinja",
            module_docstring=lit.docstring(
                "Helpers the generated pydantic models share.\n\n"
                "Generated by docmodels. Do not edit."
            ),
        )
        ordered = sorted(model_set.models, key=lambda m: plan[m.name].module)
        exports = sorted([plan[m.name].class_name for m in model_set.models] + ["ValidationError"])
        files[f"{self.package}/__init__.py"] = self.renderer.python(
            "pydantic/__init__.py.jinja",
            module_docstring=lit.docstring(
                f"pydantic models generated by docmodels from {len(model_set.models)} model "
                "pages.\n\nDo not edit: regenerate with `docmodels generate`."
            ),
            models=[plan[m.name] for m in ordered],
            exports=[lit.string(name) for name in exports],
        )
        files[f"{self.package}/py.typed"] = ""
        return files

    def _enum(self, model: Model, plan: dict[str, ModelNames], docstring: str) -> str:
        # pydantic validates standard enums as they are: the default target's template serves.
        assert model.enum_type is not None
        base = {"string": "str, ", "integer": "int, "}.get(model.enum_type.kind.value, "")
        view = {
            "class_name": plan[model.name].class_name,
            "docstring": lit.docstring(model.description or f"The {model.name} enumeration.", "    "),
            "base": base,
            "members": [
                {"name": plan[model.name].members[v.value], "literal": lit.literal(v.value)}
                for v in model.enum_values
            ],
        }
        return self.renderer.python("python/enum.py.jinja", module_docstring=docstring, model=view)

    def _union(
        self,
        model: Model,
        plan: dict[str, ModelNames],
        by_name: dict[str, Model],
        component: dict[str, int],
        docstring: str,
    ) -> str:
        refs = {n for v in model.variants for n in referenced_names(v)}
        found = references(model, refs, plan, by_name, component)

        def ref_of(name: str) -> tuple[str, str]:
            return found.spelled[name]

        view = {
            "class_name": plan[model.name].class_name,
            "docstring": lit.docstring(
                model.description or f"The {model.name} model: one of its member types.", "    "
            ),
            "members": " | ".join(types.annotation(v, ref_of, FORMATS) for v in model.variants),
            "uses_runtime": any(types.has_format(v, "date-time") for v in model.variants),
        }
        stdlib = set().union(*(types.stdlib_imports(v, FORMATS) for v in model.variants))
        return self.renderer.python(
            "pydantic/union.py.jinja",
            module_docstring=docstring,
            stdlib_imports=sorted(stdlib),
            model_imports=found.top,
            model=view,
        )

    def _object(
        self,
        model: Model,
        plan: dict[str, ModelNames],
        by_name: dict[str, Model],
        component: dict[str, int],
        docstring: str,
    ) -> str:
        own = plan[model.name]
        refs = {n for f in model.fields for n in referenced_names(f.type)}
        found = references(model, refs, plan, by_name, component)

        def ref_of(name: str) -> tuple[str, str]:
            return found.spelled[name]

        stdlib: set[str] = {"import typing as _t"}
        fields = []
        for field, attr in zip(model.fields, attribute_names(own.attributes), strict=True):
            stdlib |= types.stdlib_imports(field.type, FORMATS)
            if field.default is not None and types.has_format(field.type, "date-time"):
                stdlib.add("import datetime as _dt")  # the default is built with fromisoformat
            fields.append(_field(field, attr, ref_of, plan))
        view = {
            "class_name": own.class_name,
            "docstring": lit.docstring(model.description or f"The {model.name} model.", "    "),
            "fields": fields,
            # A page that lost its properties: a plain JSON object, all of whose keys are kept.
            "passthrough": bool(model.missing) and not model.fields,
        }
        return self.renderer.python(
            "pydantic/model.py.jinja",
            module_docstring=docstring,
            stdlib_imports=sorted(stdlib),
            model_imports=found.top,
            cycle_imports=found.bottom,
            model=view,
        )


def _field(
    field: Field, attr: str, ref: types.ClassRef, plan: dict[str, ModelNames]
) -> PydanticField:
    base = types.annotation(field.type, ref, FORMATS)
    if field.enum_values is not None:
        base = "_t.Literal[" + ", ".join(lit.literal(v) for v in field.enum_values) + "]"
    accepts_null = wire.accepts_null(field)
    annotation = base
    if accepts_null:
        annotation = f"{base} | None"
    elif not field.required and field.default is None:
        # Absent is None, but null is no valid value (Rust pages say so).
        annotation = f"_t.Annotated[{base} | None, _rt.NOT_NULL]"
    arguments: list[str] = []
    if not field.required:
        if field.default is None:
            arguments.append("default=None")
        else:
            code, computed = default_expression(field.type, field.default.value, ref, plan)
            if computed or isinstance(field.default.value, (list, dict)):
                factory = {"[]": "list", "{}": "dict"}.get(code, f"lambda: {code}")
                arguments.append(f"default_factory={factory}")
            else:
                arguments.append(f"default={code}")
    if field.wire_name != attr:
        wire_name = lit.string(field.wire_name)
        # Not alias=: type checkers take a field's alias as its __init__ parameter, and a wire
        # name need not be an identifier. Code builds models by attribute name.
        arguments.append(f"validation_alias={wire_name}, serialization_alias={wire_name}")
    arguments += [f"{CONSTRAINTS[name]}={lit.literal(value)}" for name, value in field.constraints.items()]
    default_code = ""
    if len(arguments) == 1 and arguments[0].startswith("default="):
        default_code = " = " + arguments[0].removeprefix("default=")
    elif arguments:
        default_code = f" = _pd.Field({', '.join(arguments)})"
    return PydanticField(
        attr=attr,
        annotation=annotation,
        default_code=default_code,
        docstring=lit.docstring(field.description or f"The {field.wire_name} property.", "    "),
    )
