#!/usr/bin/env python3
"""A benchmark corpus: N model pages in a mix of dialects, and the OpenAPI spec they come from.

    python benchmarks/corpus.py 1000 -o benchmarks/out/corpus-1000

writes ``pages/<dialect>/*.md`` (one page per model) and ``openapi.json`` (the equivalent OpenAPI 3.0.3
spec, for the peers that read specs). The corpus is a function of N and the seed alone.

Each page is written in the shape openapi-generator 7.26 gives it in one of five dialects
(python, rust, go, java, typescript-axios), copied from the ground-truth pages in
groundtruth/pages/catalog/<generator>@7.26.0/: the same table layout, type spellings, notes,
escapes and the sections around the table (go's Methods, python's and typescript's Example).
The dialect is chosen per page, and each dialect's pages go into a folder of their own, as each
generator writes an SDK's docs folder (docmodels detects the dialect per folder); references
cross folders, as they would not in one SDK but as docmodels, which resolves references by model
name, does not mind.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

DIALECTS = ("python", "rust", "go", "java", "typescript-axios")
# One model in ENUM_EVERY is an enum model (a string enum), the rest are objects.
ENUM_EVERY = 7
# How deep references nest: a model of level L references models of levels below L only.
LEVELS = 5

_PREFIXES = (
    "Account", "Billing", "Catalog", "Customer", "Delivery", "Event", "Invoice", "Inventory",
    "Ledger", "Market", "Network", "Order", "Payment", "Policy", "Product", "Project",
    "Quota", "Report", "Resource", "Review", "Schedule", "Search", "Service", "Session",
    "Shipping", "Storage", "Support", "Team", "Tenant", "Ticket", "Usage", "Vendor",
)
_NOUNS = (
    "Address", "Attachment", "Audit", "Batch", "Budget", "Contact", "Credit", "Detail",
    "Entry", "Filter", "Group", "Header", "Item", "Label", "Limit", "Link", "Member", "Metric",
    "Note", "Option", "Owner", "Period", "Profile", "Record", "Rule", "Setting", "Snapshot",
    "Stat", "Summary", "Tag", "Window", "Zone",
)
_FIELD_WORDS = (
    "amount", "archived_at", "balance", "city", "code", "comment", "count", "country",
    "created_at", "currency", "deadline", "display_name", "due_date", "email", "enabled",
    "expires_at", "external_id", "first_name", "height", "identifier", "is_default",
    "last_name", "latitude", "locale", "longitude", "max_items", "min_items", "notes",
    "opened_at", "page_size", "percent", "phone", "position", "postal_code", "price",
    "priority_score", "quantity", "rank", "ratio", "reference", "region", "retries", "score",
    "sequence", "slug", "source", "street", "subject", "summary", "timeout_seconds", "title",
    "total", "updated_at", "url", "version", "weight", "width",
)
# Inline enums get single words: rust names their type after the property (``Option<**Tier**>``),
# and a single word can never be one of the two-word model names.
_ENUM_FIELDS = ("state", "tier", "phase", "channel", "visibility", "mode")
_ENUM_WORDS = (
    "active", "inactive", "pending", "archived", "draft", "open", "closed", "failed",
    "queued", "running", "public", "private", "internal", "email", "sms", "push", "low",
    "medium", "high", "basic", "premium",
)
_SENTENCES = (
    "Identifies the record across systems.", "Shown to people in lists and reports.",
    "Set by the server when the record is created.", "Counted in whole units.",
    "Used to order results.", "Empty until the first update.", "Kept for auditing.",
    "Limits how many items a page returns.", "Measured in seconds.", "",
    "", "", "",
)

# (kind, weight): what an object model's properties are drawn from.
_KINDS = (
    ("string", 14), ("int32", 6), ("int64", 4), ("double", 4), ("boolean", 5), ("date", 2),
    ("datetime", 4), ("uuid", 2), ("ref", 7), ("enumref", 5), ("strings", 4), ("refs", 5),
    ("strmap", 2), ("intmap", 2), ("refmap", 2), ("inline_enum", 3), ("nullable_string", 3),
)
_DEFAULTABLE = frozenset({"string", "int32", "double", "boolean", "inline_enum"})
_BACK = (
    "[[Back to Model list]](../README.md#documentation-for-models) "
    "[[Back to API list]](../README.md#documentation-for-api-endpoints) "
    "[[Back to README]](../README.md)"
)


@dataclass(frozen=True)
class Prop:
    name: str  # the wire name, snake_case
    kind: str
    required: bool
    description: str = ""
    target: str = ""  # the model a ref, refs or refmap property names
    default: object = None  # a str, int, float or bool; None when there is none
    values: tuple[str, ...] = ()  # an inline enum's values


@dataclass(frozen=True)
class Model:
    name: str
    dialect: str
    description: str
    props: tuple[Prop, ...] = ()
    values: tuple[str, ...] = ()  # an enum model's values; empty for objects

    @property
    def is_enum(self) -> bool:
        return bool(self.values)


@dataclass
class Corpus:
    models: list[Model] = field(default_factory=list)


def model_name(index: int) -> str:
    prefix = _PREFIXES[index % len(_PREFIXES)]
    noun = _NOUNS[(index // len(_PREFIXES)) % len(_NOUNS)]
    cycle = index // (len(_PREFIXES) * len(_NOUNS))
    return f"{prefix}{noun}{cycle + 1 if cycle else ''}"


def build(count: int, seed: int = 0) -> Corpus:
    rng = random.Random(seed)
    names = [model_name(i) for i in range(count)]
    enums = [names[i] for i in range(count) if i % ENUM_EVERY == ENUM_EVERY - 1]
    below: list[list[str]] = [[] for _ in range(LEVELS)]  # the objects so far, by level
    kinds = [k for k, _ in _KINDS]
    weights = [w for _, w in _KINDS]
    corpus = Corpus()
    for index, name in enumerate(names):
        # Model 0 is always a python page: the runner's "one page changed" edits its description.
        dialect = DIALECTS[index % len(DIALECTS)]
        description = f"A {_words(name)} as the service stores it."
        if index % ENUM_EVERY == ENUM_EVERY - 1:
            values = tuple(sorted(rng.sample(_ENUM_WORDS, rng.randint(2, 6))))
            corpus.models.append(Model(name, dialect, description, values=values))
            continue
        level = (index // ENUM_EVERY) % LEVELS
        props = []
        words = rng.sample(_FIELD_WORDS, rng.randint(5, 16))
        enum_fields = list(_ENUM_FIELDS)
        rng.shuffle(enum_fields)
        for position, word in enumerate(words):
            kind = rng.choices(kinds, weights)[0]
            if kind == "enumref" and not enums:
                kind = "ref"
            if kind == "inline_enum":
                if not enum_fields:
                    kind = "string"
                else:
                    word = enum_fields.pop()
            required = position < 3 and kind not in ("inline_enum", "nullable_string")
            target = ""
            if kind in ("ref", "refs", "refmap"):
                target = _reference(name, level, below, rng)
                if not target:
                    kind = "string"
            elif kind == "enumref":
                target = rng.choice(enums)
            values: tuple[str, ...] = ()
            if kind == "inline_enum":
                values = tuple(rng.sample(_ENUM_WORDS, rng.randint(2, 4)))
            default: object = None
            if not required and kind in _DEFAULTABLE and rng.random() < 0.3:
                default = _default(kind, values, rng)
            props.append(Prop(word, kind, required, rng.choice(_SENTENCES), target, default,
                              values))
        corpus.models.append(Model(name, dialect, description, tuple(props)))
        below[level].append(name)
    return corpus


def _reference(name: str, level: int, below: list[list[str]], rng: random.Random) -> str:
    """The object a reference of model ``name`` (on ``level``) points at; "" when there is none.

    Models reference models of lower levels, as an API's do (an order refers to its items, an
    item to a product), and now and then themselves (a tree). A hierarchy a few levels deep keeps
    the peers working: openapi-generator's python models build an example of each model that
    nests the examples of what it references, which grows exponentially with the depth (it ran
    out of its 6 GB heap on 1,000 models that could reference any earlier model) and, with
    references drawn at random and full of cycles, took 25 s for 50 models instead of 2 s.
    """
    if rng.random() < 0.05:
        return name
    levels = [lower for lower in below[:level] if lower]
    return rng.choice(rng.choice(levels)) if levels else ""


def _default(kind: str, values: tuple[str, ...], rng: random.Random) -> object:
    if kind == "string":
        return rng.choice(("none", "auto", "en_US", "default"))
    if kind == "int32":
        return rng.choice((0, 1, 10, 100))
    if kind == "double":
        return rng.choice((0.5, 1.5, 2.25))
    if kind == "boolean":
        return rng.choice((False, True))
    return values[0]  # inline_enum


def _words(name: str) -> str:
    out = ""
    for char in name:
        out += f" {char.lower()}" if char.isupper() and out else char.lower()
    return out


def pascal(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def camel(snake: str) -> str:
    name = pascal(snake)
    return name[:1].lower() + name[1:]


# --- the OpenAPI spec -----------------------------------------------------------------------


def spec(corpus: Corpus) -> dict[str, object]:
    schemas: dict[str, object] = {}
    for model in corpus.models:
        if model.is_enum:
            schemas[model.name] = {
                "type": "string", "description": model.description, "enum": list(model.values),
            }
            continue
        properties = {prop.name: _schema(prop) for prop in model.props}
        schema: dict[str, object] = {
            "type": "object", "description": model.description, "properties": properties,
        }
        required = [prop.name for prop in model.props if prop.required]
        if required:
            schema["required"] = required
        schemas[model.name] = schema
    return {
        "openapi": "3.0.3",
        "info": {"title": "docmodels benchmark corpus", "version": "1.0.0"},
        "paths": {},
        "components": {"schemas": schemas},
    }


def _schema(prop: Prop) -> dict[str, object]:
    ref = {"$ref": f"#/components/schemas/{prop.target}"}
    schema: dict[str, object] = {
        "string": {"type": "string"},
        "int32": {"type": "integer", "format": "int32"},
        "int64": {"type": "integer", "format": "int64"},
        "double": {"type": "number", "format": "double"},
        "boolean": {"type": "boolean"},
        "date": {"type": "string", "format": "date"},
        "datetime": {"type": "string", "format": "date-time"},
        "uuid": {"type": "string", "format": "uuid"},
        "ref": ref,
        "enumref": ref,
        "strings": {"type": "array", "items": {"type": "string"}},
        "refs": {"type": "array", "items": ref},
        "strmap": {"type": "object", "additionalProperties": {"type": "string"}},
        "intmap": {
            "type": "object", "additionalProperties": {"type": "integer", "format": "int32"},
        },
        "refmap": {"type": "object", "additionalProperties": ref},
        "inline_enum": {"type": "string", "enum": list(prop.values)},
        "nullable_string": {"type": "string", "nullable": True},
    }[prop.kind]
    if prop.description and "$ref" not in schema:
        schema["description"] = prop.description
    if prop.default is not None:
        schema["default"] = prop.default
    return schema


# --- the pages, dialect by dialect ----------------------------------------------------------

_SCALARS = {
    #            python      rust                                      go           java              typescript
    "string": ("str", "String", "string", "String", "string"),
    "int32": ("int", "i32", "int32", "Integer", "number"),
    "int64": ("int", "i64", "int64", "Long", "number"),
    "double": ("float", "f64", "float64", "Double", "number"),
    "boolean": ("bool", "bool", "bool", "Boolean", "boolean"),
    "date": ("date", "chrono::NaiveDate", "string", "LocalDate", "string"),
    "datetime": (
        "datetime", "chrono::DateTime<chrono::FixedOffset>", "time.Time", "OffsetDateTime",
        "string",
    ),
    "uuid": ("UUID", "uuid::Uuid", "string", "UUID", "string"),
    "nullable_string": ("str", "String", "NullableString", "String", "string"),
    "strings": ("List[str]", "Vec<String>", "[]string", "List&lt;String&gt;",
                "Array&lt;string&gt;"),
    "strmap": ("Dict[str, str]", "std::collections::HashMap<String, String>",
               "map[string]string", "Map&lt;String, String&gt;",
               "{ [key: string]: string; }"),
    "intmap": ("Dict[str, int]", "std::collections::HashMap<String, i32>", "map[string]int32",
               "Map&lt;String, Integer&gt;", "{ [key: string]: number; }"),
}
# How each dialect spells a reference: (python, rust, go, java, typescript), {} is the target.
_REFS = {
    "ref": ("{}", "models::{}", "{}", "{}", "{}"),
    "enumref": ("{}", "models::{}", "{}", "{}", "{}"),
    "refs": ("List[{}]", "Vec<models::{}>", "[]{}", "List&lt;{}&gt;", "Array&lt;{}&gt;"),
    "refmap": ("Dict[str, {}]", "std::collections::HashMap<String, models::{}>", "map[string]{}",
               "Map&lt;String, {}&gt;", "{{ [key: string]: {}; }}"),
}


def _bare_type(prop: Prop, dialect: str) -> tuple[str, bool]:
    """The type as the dialect spells it, and whether the page links it to the target's page."""
    column = DIALECTS.index(dialect)
    if prop.kind in _REFS:
        text = _REFS[prop.kind][column].format(prop.target)
        # java writes a reference to an enum model without a link.
        return text, not (dialect == "java" and prop.kind == "enumref")
    if prop.kind == "inline_enum":
        return {
            "python": "str", "rust": pascal(prop.name), "go": "string",
            "java": f"{pascal(prop.name)}Enum", "typescript-axios": "string",
        }[dialect], False
    return _SCALARS[prop.kind][column], False


def _type_cell(prop: Prop, dialect: str) -> str:
    text, linked = _bare_type(prop, dialect)
    cell = f"[**{text}**]({prop.target}.md)" if linked else f"**{text}**"
    if dialect == "java" and prop.kind == "inline_enum":
        cell = f"[**{text}**](#{text})"
    if not prop.required:
        if dialect == "rust":
            cell = f"Option<{cell}>"
        elif dialect == "go":
            cell = f"Pointer to {cell}"
    return cell


def _default_text(prop: Prop, dialect: str) -> str:
    value = prop.default
    if prop.kind == "inline_enum":
        assert isinstance(value, str)
        return {
            "python": f"'{value}'", "rust": pascal(value), "go": f'"{value}"',
            "typescript-axios": f"{pascal(prop.name)}Enum_{pascal(value)}",
        }[dialect]
    if isinstance(value, bool):
        return ("True" if value else "False") if dialect == "python" else str(value).lower()
    if isinstance(value, str):
        return {"python": f"'{value}'", "rust": value, "go": f'"{value}"',
                "typescript-axios": f"'{value}'"}[dialect]
    return str(value)


def _row(prop: Prop, dialect: str) -> str:
    name = {"go": pascal, "java": camel}.get(dialect, str)(prop.name)
    description = prop.description
    if dialect == "rust" and prop.kind == "inline_enum":
        description = f"{description} (enum: {', '.join(prop.values)})".lstrip()
    has_default = prop.default is not None and dialect != "java"  # java writes no defaults
    default = f"[default to {_default_text(prop, dialect)}]" if has_default else ""
    if dialect == "typescript-axios" and not has_default:
        default = "[default to undefined]"
    cell = _type_cell(prop, dialect)
    optional = not prop.required
    if dialect == "java":
        notes = " [optional]" if optional else ""
        return f"|**{name}** | {cell} | {description} | {notes} |"
    # The templates write "| " and then the notes, each as openapi-generator spells them:
    # rust "[optional][default to 0]", the others "[optional] [default to 0]".
    notes = ("[optional]" if dialect == "rust" else "[optional] ") if optional else ""
    return f"**{name}** | {cell} | {description} | {notes}{default}"


_TABLE = (
    "Name | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
)


def page(model: Model) -> str:
    if model.is_enum:
        return _enum_page(model)
    rows = "".join(_row(prop, model.dialect) + "\n" for prop in model.props)
    if model.dialect == "java":
        return _java_page(model)
    if model.dialect == "rust":
        return f"# {model.name}\n\n## Properties\n\n{_TABLE}{rows}\n{_BACK}\n\n\n"
    if model.dialect == "go":
        return (f"# {model.name}\n\n## Properties\n\n{_TABLE}{rows}\n## Methods\n\n"
                f"{_go_methods(model)}\n{_BACK}\n\n\n")
    head = f"# {model.name}\n\n{model.description}\n\n## Properties\n\n{_TABLE}{rows}\n"
    if model.dialect == "python":
        return head + _python_example(model.name) + f"{_BACK}\n\n\n"
    return head + _typescript_example(model) + f"\n{_BACK}\n"


def _enum_page(model: Model) -> str:
    name, dialect = model.name, model.dialect
    if dialect == "rust":
        rows = "".join(f"| {pascal(v)} | {v} |\n" for v in model.values)
        return (f"# {name}\n\n## Enum Variants\n\n| Name | Value |\n|---- | -----|\n{rows}\n\n"
                f"{_BACK}\n\n\n")
    if dialect in ("go", "java"):
        items = "\n".join(f'* `{v.upper()}` (value: `"{v}"`)\n' for v in model.values)
        if dialect == "java":
            return f"\n\n# {name}\n\n## Enum\n\n\n{items}\n\n\n"
        return f"# {name}\n\n## Enum\n\n\n{items}\n\n{_BACK}\n\n\n"
    label = str.upper if dialect == "python" else pascal
    items = "\n".join(f"* `{label(v)}` (value: `'{v}'`)\n" for v in model.values)
    tail = "\n\n" if dialect == "python" else ""
    return f"# {name}\n\n{model.description}\n\n## Enum\n\n{items}\n{_BACK}\n{tail}"


def _java_page(model: Model) -> str:
    rows = "".join(_row(prop, "java") + "\n" for prop in model.props)
    text = (f"\n\n# {model.name}\n\n{model.description}\n\n## Properties\n\n"
            "| Name | Type | Description | Notes |\n"
            "|------------ | ------------- | ------------- | -------------|\n"
            f"{rows}\n\n\n")
    for prop in model.props:
        if prop.kind == "inline_enum":
            values = "".join(f"| {v.upper()} | &quot;{v}&quot; |\n" for v in prop.values)
            text += (f"## Enum: {pascal(prop.name)}Enum\n\n| Name | Value |\n|---- | -----|\n"
                     f"{values}\n\n\n")
    return text


def _python_example(name: str) -> str:
    module = _words(name).replace(" ", "_")
    return (
        "## Example\n\n```python\n"
        f"from openapi_client.models.{module} import {name}\n\n"
        "# TODO update the JSON string below\n"
        'json = "{}"\n'
        f"# create an instance of {name} from a JSON string\n"
        f"{module}_instance = {name}.from_json(json)\n"
        "# print the JSON string representation of the object\n"
        f"print({name}.to_json())\n\n"
        "# convert the object into a dict\n"
        f"{module}_dict = {module}_instance.to_dict()\n"
        f"# create an instance of {name} from a dict\n"
        f"{module}_from_dict = {name}.from_dict({module}_dict)\n"
        "```\n"
    )


def _typescript_example(model: Model) -> str:
    fields = "".join(f"    {prop.name},\n" for prop in model.props)
    return (f"## Example\n\n```typescript\nimport {{ {model.name} }} from './api';\n\n"
            f"const instance: {model.name} = {{\n{fields}}};\n```\n")


def _go_methods(model: Model) -> str:
    name = model.name
    required = [p for p in model.props if p.required]
    arguments = "".join(f"{camel(p.name)} {_bare_type(p, 'go')[0]}, " for p in required)
    text = (
        f"### New{name}\n\n`func New{name}({arguments}) *{name}`\n\n"
        f"New{name} instantiates a new {name} object\n"
        "This constructor will assign default values to properties that have it defined,\n"
        "and makes sure properties required by API are set, but the set of arguments\n"
        "will change when the set of required properties is changed\n\n"
        f"### New{name}WithDefaults\n\n`func New{name}WithDefaults() *{name}`\n\n"
        f"New{name}WithDefaults instantiates a new {name} object\n"
        "This constructor will only assign default values to properties that have it defined,\n"
        "but it doesn't guarantee that properties required by API are set\n\n"
    )
    for prop in model.props:
        field_name = pascal(prop.name)
        go_type = _bare_type(prop, "go")[0]
        if prop.kind == "nullable_string":
            go_type = "string"
        text += (
            f"### Get{field_name}\n\n`func (o *{name}) Get{field_name}() {go_type}`\n\n"
            f"Get{field_name} returns the {field_name} field if non-nil, zero value otherwise.\n\n"
            f"### Get{field_name}Ok\n\n"
            f"`func (o *{name}) Get{field_name}Ok() (*{go_type}, bool)`\n\n"
            f"Get{field_name}Ok returns a tuple with the {field_name} field if it's non-nil, "
            "zero value otherwise\nand a boolean to check if the value has been set.\n\n"
            f"### Set{field_name}\n\n`func (o *{name}) Set{field_name}(v {go_type})`\n\n"
            f"Set{field_name} sets {field_name} field to given value.\n\n"
        )
        if prop.required:
            text += "\n"
            continue
        text += (
            f"### Has{field_name}\n\n`func (o *{name}) Has{field_name}() bool`\n\n"
            f"Has{field_name} returns a boolean if a field has been set.\n"
        )
        if prop.kind == "nullable_string":
            text += (
                f"\n### Set{field_name}Nil\n\n`func (o *{name}) Set{field_name}Nil(b bool)`\n\n"
                f" Set{field_name}Nil sets the value for {field_name} to be an explicit nil\n\n"
                f"### Unset{field_name}\n`func (o *{name}) Unset{field_name}()`\n\n"
                f"Unset{field_name} ensures that no value is present for {field_name}, "
                "not even an explicit nil\n"
            )
        else:
            text += "\n"
    return text


def write(count: int, folder: Path, seed: int = 0) -> Corpus:
    """Write the corpus of ``count`` models into ``folder``/pages and ``folder``/openapi.json."""
    corpus = build(count, seed)
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for stale in pages.rglob("*.md"):
        stale.unlink()
    for model in corpus.models:
        path = page_path(folder, model)
        path.parent.mkdir(exist_ok=True)
        path.write_text(page(model), encoding="utf-8")
    text = json.dumps(spec(corpus), indent=2) + "\n"
    (folder / "openapi.json").write_text(text, encoding="utf-8")
    return corpus


def write_apart(count: int, folder: Path, seed: int = 0) -> None:
    """``write`` in a process of its own. The benchmarks measure a command's peak memory by
    wait4's ru_maxrss, which on Linux counts the memory of the process it was forked from until
    it runs the command: a benchmark that built the corpus itself (some 150 MB at 10,000 pages)
    would give every command it measures at least that."""
    subprocess.run([sys.executable, __file__, str(count), "-o", str(folder), "--seed", str(seed)],
                   check=True, stdout=subprocess.DEVNULL)


def page_path(folder: Path, model: Model) -> Path:
    """Where ``write`` puts a model's page: in its dialect's folder."""
    return folder / "pages" / model.dialect / f"{model.name}.md"


def change_one_page(folder: Path, note: str) -> Path:
    """Edit the description of the first model's page (a python page), as a person would."""
    corpus_page = folder / "pages" / DIALECTS[0] / f"{model_name(0)}.md"
    lines = corpus_page.read_text(encoding="utf-8").split("\n")
    lines[2] = f"{lines[2]} {note}"  # the line under the title is the description
    corpus_page.write_text("\n".join(lines), encoding="utf-8")
    return corpus_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many models")
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    corpus = write(args.count, args.output, args.seed)
    print(f"wrote {len(corpus.models)} pages and openapi.json into {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
