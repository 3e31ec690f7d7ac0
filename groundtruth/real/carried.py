"""Which of a spec's facts the pages carry, so that a miss is either declared (the page does not
carry the fact, with the reason) or ours to fix.

The test is the page text itself, not a list of excuses per generator:

- A fact read from a property's row (type, format, nullable, required, default, read_only) is
  carried when the row's rendering determines it: across every folder one generator release
  wrote in the sample, the same rendering (the Type cell, with the Notes cell where the fact can
  live there) never stands for two different values. ``**String**`` written for a plain string
  and for one of format ``email`` carries neither format; ``Option<String>`` written for
  nullable and non-nullable properties alike carries no nullability. Pooling the folders makes
  the test stricter as the sample grows, never looser.
- A property is carried when its model's page has a row for it; a wire name when the row's name
  cell is the key itself, or docmodels recovered it (an escape undone); inline enum values and
  an enum model's values when every value is written on the page.
- A fact docmodels recovered was carried, whatever its rendering's group says.

A miss on a carried fact is a real miss (listed in results/misses-*.tsv with an example); a
miss on a fact the page does not carry is declared with its reason (results/declared-*.tsv).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from groundtruth.expected import NO_DEFAULT
from groundtruth.measure import norm
from groundtruth.real.facts import SpecFacts

ROW_KINDS = ("type", "format", "nullable", "required", "default", "read_only")
_BOLD = re.compile(r"[*`\\]")


@dataclass(frozen=True)
class PageRow:
    name: str
    type: str
    notes: str
    page: str  # the page's path
    unread: str  # why docmodels read the type (or part of it) as Any, if it did
    # norm() of the models docmodels read in the type cell, and of the property's name (which
    # names an inline enum's type: C's pet_STATUS_e, java's StatusEnum): see _shape
    models: frozenset[str] = frozenset()
    prop: str = ""


@dataclass(frozen=True)
class Fact:
    """One scored fact as groundtruth.measure names it (``kind: Model.wire``), how the page
    renders it, and the spec's value."""

    key: str
    kind: str
    rendering: str | None  # None: decided on its own (see Folder.verdicts)
    value: str


@dataclass
class Folder:
    """What one folder's pages say of the spec's facts: the renderings to pool, and the facts
    decided on the page alone (key -> the reason it is not carried, or "" if carried)."""

    facts: list[Fact] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)


def _cells(line: str) -> list[str]:
    text = line.strip()
    text = text.removeprefix("|")
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", text)]


def project_of(pages: Path) -> Path:
    """The folder the paths in the IR of ``pages`` are relative to (docmodels names a page
    relative to its project, wherever it runs: docmodels.project)."""
    from docmodels.project import project_base

    return project_base([pages], None)


def page_rows(ir: dict[str, Any], base: Path) -> tuple[dict[str, dict[str, PageRow]], dict[str, str]]:
    """norm(model) -> norm(wire name and page name) -> its row; and norm(model) -> its page.
    Paths in the IR are relative to the project of the folder read (``base``: project_of)."""
    lines: dict[str, list[str]] = {}
    rows: dict[str, dict[str, PageRow]] = {}
    pages: dict[str, str] = {}
    for model in ir.get("models", []):
        pages[norm(model["name"])] = str(base / model["location"]["path"])
        found: dict[str, PageRow] = {}
        for f in model.get("fields", []):
            where = f["location"]
            path = str(base / where["path"])
            if path not in lines:
                try:
                    lines[path] = Path(path).read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError):
                    lines[path] = []
            source = lines[path]
            line = source[where["line"] - 1] if 0 < where["line"] <= len(source) else ""
            cells = _cells(line)
            row = PageRow(cells[0], cells[1] if len(cells) > 1 else "",
                          cells[-1] if len(cells) > 3 else "", path, f.get("unread") or "",
                          frozenset(norm(n) for n in _references(f.get("type"))),
                          norm(f["name"]))
            found.setdefault(norm(f["wire_name"]), row)
            found.setdefault(norm(f["name"]), row)
        rows[norm(model["name"])] = found
    return rows, pages


_LINK = re.compile(r"\]\((?:[^)]*/)?([^)/#]*?)(?:\.md)?(?:#[^)]*)?\)")


def _references(type_json: Any) -> list[str]:
    """The model names an IR type expression refers to."""
    if isinstance(type_json, dict):
        own = [type_json["model"]] if type_json.get("kind") == "reference" else []
        return own + [n for value in type_json.values() for n in _references(value)]
    if isinstance(type_json, list):
        return [n for value in type_json for n in _references(value)]
    return []


_WORD = re.compile(r"[A-Za-z0-9_][\w.\-]*")
_REF = re.compile(r"ref:([^<>,\s|?]+)")


def _shape(type_cell: str, models: frozenset[str] = frozenset(), prop: str = "") -> str:
    """The type cell with the models and enums it names called M (``List<M>``): the pages it
    links to, the words that spell a model docmodels read there in the language's way
    (eiffel's CHART_DATA_POINTS_DETAILS for Chart.DataPoints.Details, C's category_t), and the
    words that spell an inline enum after the property (java's StatusEnum, C's
    pet_STATUS_e for a property status; a word that is the property's name alone, like
    ``String`` for a property named string, stays)."""
    linked = {m for m in _LINK.findall(type_cell) if m}
    for name in sorted(linked, key=len, reverse=True):
        type_cell = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", "M", type_cell)

    def blank(word: re.Match[str]) -> str:
        key = norm(word.group())
        named = any(len(m) >= 3 and m in key for m in models)
        enum_named = len(prop) >= 3 and prop in key and key != prop
        return "M" if named or enum_named else word.group()

    return _WORD.sub(blank, type_cell)


def _lookup(table: dict[str, Any], name: str) -> Any:
    key = norm(name)
    return table.get(key) or table.get("model" + key) or table.get(key + "model")


def _text(path: str | None, cache: dict[str, str]) -> str:
    """The page's _structure, read once."""
    if path is None:
        return ""
    if path not in cache:
        try:
            cache[path] = _structure(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            cache[path] = ""
    return cache[path]


# A model the type names but whose page the generator did not write (resolve.py's wording
# when no page was left out for it): the page names the model, nothing says what it holds.
_NO_PAGE = re.compile(r"model '[^']*' is not read")


def _structure(text: str) -> str:
    """Where a page lists values: the rows of two- or three-column tables (``Name | Value``),
    list items, headings and code. Not the property table, whose names, descriptions and
    defaults mention words that are no enum's values: a table is told by its header row (a row
    of a four-column table whose Notes cell is empty has three cells after the split)."""
    kept = []
    header: list[str] | None = None  # the header of the table the line is in, if any
    for line in text.splitlines():
        cells = _cells(line) if "|" in line else []
        if not cells:
            header = None
        elif header is None:
            header = cells
        in_short_table = bool(cells) and 2 <= len(header or cells) <= 3 and 2 <= len(cells) <= 3
        listed = not cells and line.lstrip().startswith(("#", "- ", "* ", "`"))
        if in_short_table or listed:
            kept.append(line)
    return "\n".join(kept)


def _written(values: tuple[Any, ...], structure: str) -> bool:
    """Every value on the page (its _structure) as a whole word (``AAAA`` does not write
    ``A``)."""
    return all(
        re.search(r"(?<![\w.-])" + re.escape(str(v)) + r"(?![\w.-])", structure)
        for v in values
    )


def folder(spec: dict[str, Any], facts: SpecFacts, ir: dict[str, Any], base: Path) -> Folder:
    rows, pages = page_rows(ir, base)
    # A page docmodels left out is a page that carries its facts: every miss there is ours.
    unread = {norm(p.get("title") or p.get("name") or "") for p in ir.get("left_out", [])}
    texts: dict[str, str] = {}
    schemas = (spec.get("components") or {}).get("schemas") or {}
    out = Folder()
    for model_name, props in facts.models.items():
        model_rows = _lookup(rows, model_name) or {}
        page = _lookup(pages, model_name)
        own = set((schemas.get(model_name) or {}).get("properties") or {})
        for wire, expected in props.items():
            where = f"{model_name}.{wire}"
            row = model_rows.get(norm(wire))
            if row is None:
                if norm(model_name) in unread:
                    reason = ""
                elif page is None:
                    reason = "the model has no page"
                elif wire not in own and (schemas.get(model_name) or {}).get("allOf"):
                    reason = ("inherited through allOf: the page lists the model's own "
                              "properties only")
                else:
                    reason = "the model's page has no row for it"
                out.verdicts[f"property: {where}"] = reason
                continue
            unnamed = [m for m in _REF.findall(expected.type) if norm(m) not in norm(row.type)]
            if _NO_PAGE.fullmatch(row.unread):
                out.verdicts[f"type: {where}"] = "the model it names has no page"
            elif unnamed:
                # eiffel's [**LIST [LIST]**](LIST.md) for a list of lists of Model1
                out.verdicts[f"type: {where}"] = f"the type cell does not name {unnamed[0]}"
            name = _BOLD.sub("", row.name)
            out.verdicts[f"name: {where}"] = (
                "" if name == wire else f"the page writes {name!r}, not the key")
            # Whether a property is nullable, required or has a default does not depend on which
            # model it lists: its rendering for those leaves the model's name out.
            shape = _shape(row.type, row.models, row.prop)
            both = f"{shape} | {row.notes}"
            default = "none" if expected.default is NO_DEFAULT else repr(expected.default)
            for kind, rendering, value in (
                ("type", row.type, expected.type),
                ("format", row.type, str(expected.format)),
                ("nullable", both, str(expected.nullable)),
                ("required", both, str(expected.required)),
                ("default", both, default),
                ("read_only", f"{shape} | {row.notes}", str(expected.read_only)),
            ):
                out.facts.append(Fact(f"{kind}: {where}", kind, rendering, value))
            if expected.enum is not None:
                written = _written(expected.enum, _text(row.page, texts) + "\n" + row.type)
                out.verdicts[f"enum: {where}"] = (
                    "" if written else "the inline enum's values are not on the page")
                if (not written and expected.default in expected.enum
                        and str(expected.default) not in row.notes):
                    # C#'s [default to TypeEnum.AuLocal]: a member name, not the value
                    out.verdicts[f"default: {where}"] = (
                        "the default names a member of an inline enum whose values are not "
                        "on the page")
    for model_name, values in facts.enums.items():
        page = _lookup(pages, model_name)
        if norm(model_name) in unread:
            reason = ""
        elif page is None:
            reason = "the enum has no page"
        elif not _written(values, _text(page, texts)):
            reason = "the enum's page does not list its values"
        else:
            reason = ""
        out.verdicts[f"enum model: {model_name}"] = reason
    return out


@dataclass
class Verdict:
    """A folder's misses, split: declared (key -> reason) and real (key -> detail)."""

    declared: dict[str, str] = field(default_factory=dict)
    real: dict[str, str] = field(default_factory=dict)

    def declared_by_kind(self) -> Counter[str]:
        return Counter(key.split(":", 1)[0] for key in self.declared)


def pool(folders: list[Folder]) -> dict[tuple[str, str], set[str]]:
    """(kind, rendering) -> the spec values it was written for, over one release's folders."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in folders:
        for fact in f.facts:
            if fact.rendering is not None:
                seen[(fact.kind, fact.rendering)].add(fact.value)
    return seen


_WORD = re.compile(r"[A-Za-z_][\w.]*")


def _shared_scalars(pooled: dict[tuple[str, str], set[str]]) -> dict[str, set[str]]:
    """The one-word type spellings the release writes for two types (R's character, for a
    string and a boolean), with those types."""
    found: dict[str, set[str]] = {}
    for (kind, rendering), values in pooled.items():
        word = _BOLD.sub("", rendering)
        if kind == "type" and len(values) > 1 and _WORD.fullmatch(word):
            found.setdefault(word, set()).update(values)
    return found


def _shared_items(rendering: str, shared: dict[str, set[str]]) -> str:
    """Why a container's type is not carried where its items are written as a word the same
    release writes for two types (R's array[character]), or ""."""
    text = _BOLD.sub("", rendering)
    for word in _WORD.findall(text):
        if word != text and word in shared:
            shown = ", ".join(sorted(shared[word])[:3])
            return f"its items are written '{word}', which is written for type {shown}"
    return ""


def judge(misses: dict[str, str], found: Folder,
          pooled: dict[tuple[str, str], set[str]]) -> Verdict:
    by_key = {fact.key: fact for fact in found.facts}
    shared = _shared_scalars(pooled)
    verdict = Verdict()
    for key, detail in misses.items():
        reason = found.verdicts.get(key, "")
        fact = by_key.get(key)
        if not reason and fact is not None and fact.rendering is not None:
            values = pooled.get((fact.kind, fact.rendering), set())
            if len(values) > 1:
                shown = ", ".join(sorted(values)[:3])
                reason = f"'{fact.rendering}' is written for {fact.kind} {shown}"
            elif fact.kind == "type":
                reason = _shared_items(fact.rendering, shared)
        if reason:
            verdict.declared[key] = reason
        else:
            verdict.real[key] = detail
    return verdict
