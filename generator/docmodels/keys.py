"""The JSON keys of pages that write the SDK's field names instead (Go's ``ContainerPort``,
Python's ``container_port``, C#'s ``Id``): the key is that name in the API's key convention.

The convention is taken, in order, from an overlay (for a model, its folder or the whole set),
the ``keys`` setting, or the evidence of the folder's own pages (keys spelled as JSON, on API
pages too; names the SDK could not have written); where none gives it, the key stays uncertain and the
generated code accepts it in any of the usual spellings (``Field.wire_names``). A dialect whose
pages write the keys themselves (``Dialect.names`` AS_WRITTEN) is left as it is, at no cost.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial

from docmodels.evolve import evolve
from docmodels.ir import Field, KeyCase, KeyConvention, Model, WireNameSource
from docmodels.recall import Recall, mapped

# The conventions an API's keys may follow, in the order the spellings of an uncertain key are
# listed after the page's own.
CONVENTIONS = (KeyCase.CAMEL, KeyCase.SNAKE, KeyCase.PASCAL, KeyCase.KEBAB)

# Words in a name: runs of capitals before a capitalised word (HTTPServer: HTTP, Server),
# capitalised or lower-case words with the digits in them (photo2, v1, 123start), digits.
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+")
_SEPARATOR = re.compile(r"[^A-Za-z0-9]+")
_LEADING = re.compile(r"^[_$]*")


def words(name: str) -> list[str]:
    return [word for chunk in _SEPARATOR.split(name) for word in _WORD.findall(chunk)]


# Memoized: a folder's pages repeat the same few thousand names, which every run spells in
# every convention (at 10,000 pages, half a million calls and most of settle's time).
@functools.lru_cache(maxsize=1 << 16)
def spell(name: str, case: KeyCase) -> str:
    """``name`` (a field name in any case) in ``case``; a leading ``_`` is kept."""
    if case is KeyCase.AS_WRITTEN:
        return name
    lead = _LEADING.match(name)
    prefix = lead.group() if lead else ""
    parts = words(name)
    if not parts:
        return name
    lower = [part.lower() for part in parts]
    if case is KeyCase.SNAKE:
        return prefix + "_".join(lower)
    if case is KeyCase.KEBAB:
        return prefix + "-".join(lower)
    capitalised = [part[:1].upper() + part[1:] for part in lower]
    if case is KeyCase.PASCAL:
        return prefix + "".join(capitalised)
    return prefix + lower[0] + "".join(capitalised[1:])


@functools.lru_cache(maxsize=1 << 16)
def spellings(name: str) -> tuple[str, ...]:
    """Every key a field name may stand for: the name as written, then in each convention."""
    return tuple(dict.fromkeys((name, *(spell(name, case) for case in CONVENTIONS))))


def key_for(name: str, names: KeyCase, keys: KeyCase) -> str:
    """The key behind field name ``name`` (in case ``names``) in an API whose keys are
    ``keys``: the name itself where the cases agree (no respelling to lose a detail by)."""
    return name if keys in (names, KeyCase.AS_WRITTEN) else spell(name, keys)


# A key in a JSON text: "name": (the colon after the closing quote is what makes it a key).
_JSON_KEY = re.compile(r'"([A-Za-z_$@][A-Za-z0-9_$@.-]{0,80})"\s*:')

# Inference needs this many keys seen in one convention, and this many times the next one's.
_MIN_VOTES = 2
_MARGIN = 3


# A fenced code block and its info string: an example in the SDK's language (typescript-fetch's
# object literal of its field names) shows field names, not keys.
_FENCE = re.compile(r"^(?P<fence>```+|~~~+)[ \t]*(?P<info>[^\n`]*)\n.*?^(?P=fence)[ \t]*$",
                    re.MULTILINE | re.DOTALL)


def json_keys(text: str) -> set[str]:
    """The keys a text's JSON spells: in ``json`` code blocks (a payload on an API page) and
    in its prose, not in code blocks of any other language."""
    prose = _FENCE.sub(lambda m: m.group() if m.group("info").lower().startswith("json") else "",
                       text)
    return set(_JSON_KEY.findall(prose))


def infer(
    names: KeyCase, fields: Iterable[Field], keys: set[str] | frozenset[str]
) -> tuple[KeyCase | None, tuple[str, ...]]:
    """The convention a folder's pages show for its fields' keys, and the keys that show it;
    None where they show none clearly. Only a spelling that tells the conventions apart counts
    (``id`` is camelCase and snake_case alike). ``keys``: the JSON keys the pages spell (an API
    page's payload). Names in descriptions are no evidence: real ones name types (Google's
    AutomaticScaling), URL path segments (Adyen's api-credentials) and proto field names
    (Google's certificate_id, whose JSON key is certificateId), each of which inferred a wrong
    convention for a whole folder, where an uncertain key is read in any spelling."""
    return infer_from([distinct_spellings(field.wire_name) for field in fields], keys)


@functools.lru_cache(maxsize=1 << 16)  # as spell: a few thousand names, asked for again and again
def distinct_spellings(name: str) -> tuple[tuple[KeyCase, str], ...]:
    """A field name in each convention whose spelling of it no other convention shares: only
    those tell the conventions apart."""
    candidates = {case: spell(name, case) for case in CONVENTIONS}
    spelled_as = Counter(candidates.values())
    return tuple((case, spelled) for case, spelled in candidates.items()
                 if spelled_as[spelled] == 1)


def infer_from(
    candidates: Iterable[Iterable[tuple[KeyCase, str]]], keys: set[str] | frozenset[str]
) -> tuple[KeyCase | None, tuple[str, ...]]:
    """``infer``, from each field's ``distinct_spellings``."""
    shown: dict[KeyCase, set[str]] = {case: set() for case in CONVENTIONS}
    for spelled_field in candidates:
        for case, spelled in spelled_field:
            if spelled in keys:
                shown[case].add(spelled)
    # Each key seen counts once, however many properties share it (one discriminator named in
    # every description is one key).
    votes = Counter({case: len(seen) for case, seen in shown.items() if seen})
    if not votes:
        return None, ()
    ranked = votes.most_common()
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count < _MIN_VOTES or count < _MARGIN * runner_up:
        return None, ()
    return best, tuple(sorted(shown[best]))[:5]


_IDENTIFIER_CHARACTERS = re.compile(r"[A-Za-z0-9_]*")


@functools.lru_cache(maxsize=1 << 16)  # (asked for each of 70,000 fields at 10,000 pages)
def writes_keys(name: str, names: KeyCase) -> bool:
    """Whether ``name`` is one the SDK's field names (in case ``names``) cannot be, so that
    the page must have written the key: punctuation (x-request-id, @type), a capital in a
    snake_case SDK, an underscore inside a camelCase or PascalCase one."""
    core = name.lstrip("_$")
    if not _IDENTIFIER_CHARACTERS.fullmatch(core):
        return True
    if kept_as_key(name, names):
        return False
    if names is KeyCase.SNAKE:
        return any(character.isupper() for character in core)
    return "_" in core.rstrip("_")


@functools.lru_cache(maxsize=1 << 16)  # (as writes_keys)
def kept_as_key(name: str, names: KeyCase) -> bool:
    """An all-capitals name with underscores (``BOOTLEG_WIDTH``) in a camelCase or PascalCase
    SDK: generators leave such a name as the key spells it (java's, C#'s and Go's toVarName
    keep upper-case names), so it is its key whatever the API's convention, and says nothing
    of the convention (zalando's size ratings beside ``Name``, whose key is ``name``)."""
    core = name.strip("_$")
    return (
        names in (KeyCase.CAMEL, KeyCase.PASCAL)
        and "_" in core
        and core == core.upper()
        and any(character.isalpha() for character in core)
    )


def folder_of(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else "."


def settle(
    models: Sequence[Model],
    setting: KeyCase | None,
    folder_keys: Callable[[str], Iterable[tuple[str, ...]]],
    recall: Recall | None = None,
) -> tuple[list[Model], tuple[KeyConvention, ...]]:
    """Each model's keys settled (see the module's docstring). ``setting``: the ``keys``
    setting; ``folder_keys``: the JSON keys each of a folder's pages spells (``json_keys``;
    every page: API pages carry JSON examples), for inference; ``recall``: what the earlier
    runs of a watch settled
    (recall.py): the folder's evidence is gathered from each model's and each page's own,
    kept, and each model is settled again only where it or its folder's convention changed."""
    by_folder: dict[str, list[int]] = {}
    for position, model in enumerate(models):
        if model.fields and model.names is not KeyCase.AS_WRITTEN:
            by_folder.setdefault(folder_of(model.location.path), []).append(position)
    result = list(models)
    conventions: list[KeyConvention] = []
    for folder, positions in sorted(by_folder.items()):
        names = models[positions[0]].names
        inferred: KeyCase | None = None
        shown: tuple[str, ...] = ()
        folder_models = [models[p] for p in positions]
        written = sorted({
            name for found in mapped(recall, "keys.written", folder_models, (folder, names),
                                     partial(_written, names=names))
            for name in found
        })
        if setting is None and written:
            # A name the SDK could not spell (x-request-id, fooBar on a Python page): these
            # pages write the keys themselves (hand-written, or a customised template).
            inferred, shown = KeyCase.AS_WRITTEN, tuple(written[:5])
        elif setting is None and any(models[p].keys is None for p in positions):
            keys: set[str] = set().union(*folder_keys(folder))
            inferred, shown = infer_from(
                (spelled for found in mapped(recall, "keys.spellings", folder_models, folder,
                                             _spellings)
                 for spelled in found),
                keys,
            )
        convention = setting or inferred
        source = (WireNameSource.CONVENTION if setting is not None else
                  WireNameSource.INFERRED if inferred is not None else WireNameSource.UNCERTAIN)
        conventions.append(KeyConvention(folder, names, convention, source, shown))
        settled = mapped(recall, "keys.settled", folder_models, (folder, names, convention, source),
                         partial(_settled_in, names=names, convention=convention, source=source))
        for p, model in zip(positions, settled, strict=True):
            result[p] = model
    # An uncertain key is no diagnostic: nearly every SDK's pages write field names, and the
    # generated code reads the key whichever usual spelling it has. The IR, the schema and the
    # docs say which keys are uncertain, and how a setting settles them.
    return result, tuple(conventions)


def _written(model: Model, names: KeyCase) -> tuple[str, ...]:
    """The model's open field names the SDK could not have spelled (``writes_keys``)."""
    return tuple(f.wire_name for f in _open_fields([model], [0]) if writes_keys(f.wire_name, names))


def _spellings(model: Model) -> tuple[tuple[tuple[KeyCase, str], ...], ...]:
    return tuple(distinct_spellings(f.wire_name) for f in _open_fields([model], [0]))


def _settled_in(
    model: Model, names: KeyCase, convention: KeyCase | None, source: WireNameSource
) -> Model:
    """The model settled in a folder of this ``convention``, unless it has its own."""
    if model.keys is not None:
        return _settled_model(model, names, model.keys, WireNameSource.CONVENTION)
    return _settled_model(model, names, convention, source)


def _settled_model(
    model: Model, names: KeyCase, keys: KeyCase | None, source: WireNameSource
) -> Model:
    return evolve(model, fields=_apart(tuple(_settled(f, names, keys, source)
                                             for f in model.fields)))


def _apart(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The fields with no spelling two of them accept (a page with both foo_bar and fooBar):
    such a key is each one's own where it is its wire name, else nobody's."""
    claimed = Counter(key for f in fields for key in (f.wire_names or (f.wire_name,)))
    own = {f.wire_name for f in fields}
    if all(count == 1 for count in claimed.values()):
        return fields
    return tuple(
        replace(f, wire_names=_several(tuple(
            key for key in f.wire_names
            if key == f.wire_name or (claimed[key] == 1 and key not in own)
        ))) if f.wire_names else f
        for f in fields
    )


def _several(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Spellings to choose from, or none where one is left (the key is then the page's name,
    as uncertain as before, with nothing else to read)."""
    return keys if len(keys) > 1 else ()


def _open_fields(models: Sequence[Model], positions: list[int]) -> Iterable[Field]:
    for p in positions:
        for field in models[p].fields:
            if field.wire_name_source in (WireNameSource.PAGE, WireNameSource.UNMANGLED):
                yield field


def _settled(field: Field, names: KeyCase, keys: KeyCase | None, source: WireNameSource) -> Field:
    if field.wire_name_source not in (WireNameSource.PAGE, WireNameSource.UNMANGLED):
        return field  # the overlay's
    if kept_as_key(field.wire_name, names):
        return field  # the key itself (kept_as_key)
    if keys is KeyCase.AS_WRITTEN and source is WireNameSource.INFERRED:
        return field  # the pages write the keys: as the page says
    if keys is None:
        return evolve(field, wire_name_source=WireNameSource.UNCERTAIN,
                      wire_names=_several(spellings(field.wire_name)))
    return evolve(field, wire_name=key_for(field.wire_name, names, keys),
                  wire_name_source=source)
