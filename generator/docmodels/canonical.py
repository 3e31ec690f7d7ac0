"""One name per model where pages spell it two ways: eiffel's UPPER_SNAKE titles and the
CamelCase names its links give the same models.

Before 7.x the markdown generator names a page by the spec's name camelized
(``SharedLinesDetails.md``) while links keep the spec's spelling (``Shared.Lines.Details.md``,
``ListCustomerProfileResponse_meta.md``): a reference that names no page, but whose camelized
spelling names exactly one, is that page's model.

An eiffel page is titled ``# GET_OFFER_DTO`` while other pages link to it as ``GetOfferDTO.md``:
the link keeps the spec's casing, which the title lost. A model whose title is UPPER_SNAKE takes
the CamelCase spelling that references give it (case and underscores aside; the one most of
them use, where they differ), and every reference to any spelling is renamed with it. An eiffel model no link names is left in
PascalCase made from its title (GET_OFFER_DTO -> GetOfferDto): the casing of its acronyms is lost.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from docmodels.ir import (
    Model,
    Reference,
    TypeExpr,
    model_references,
    referenced_names,
    with_innermost,
)
from docmodels.recall import Recall, mapped

# Punctuation in a spec's name becomes "_" (USER__MINI for User--Mini, METADATA_FIELD__WRITE_
# for "MetadataField (Write)").
UPPER_SNAKE = re.compile(r"[A-Z][A-Z0-9]*(?:_+[A-Z0-9]+)*_*")
# The dialects whose titles are UPPER_SNAKE; "generic" is the dialect of a page without rows
# (an eiffel enum's empty table), renamed only beside models of such a dialect.
_UPPER_SNAKE_DIALECTS = frozenset({"eiffel"})


_WORDS = re.compile(r"[A-Za-z0-9]+")


def fold(name: str) -> str:
    """A model name with case and underscores set aside: GET_OFFER_DTO and GetOfferDTO agree."""
    return name.replace("_", "").lower()


def canonical_names(models: list[Model], recall: Recall | None = None) -> list[Model]:
    """The models with UPPER_SNAKE names replaced by the CamelCase spelling references give,
    and references to a page by its spec name camelized. ``recall``: the names each model
    refers to, as the earlier runs of a watch found them (recall.py)."""
    return _camelized_links(_upper_snake_titles(models), recall)


def _camelized_links(models: list[Model], recall: Recall | None) -> list[Model]:
    names = {m.name for m in models}
    dangling = {
        name
        for referred in mapped(recall, "canonical.referred", models, None, model_references)
        for name in referred
        if name not in names
    }
    renames = {name: camel for name in dangling if (camel := camelize(name)) in names}
    return [_renamed(model, renames) for model in models] if renames else models


def camelize(name: str) -> str:
    """openapi-generator's file name for a spec name: each run of letters and digits with its
    first letter upper-cased, the rest as written (``Shared.Lines.Details`` -> ``SharedLinesDetails``)."""
    return "".join(part[:1].upper() + part[1:] for part in _WORDS.findall(name))


def _upper_snake_titles(models: list[Model]) -> list[Model]:
    if not any(m.dialect in _UPPER_SNAKE_DIALECTS for m in models):
        return models
    names = {m.name for m in models}
    spellings: dict[str, Counter[str]] = {}
    for model in models:
        for expr in (*(f.type for f in model.fields), *model.variants):
            for name in referenced_names(expr):
                if name not in names and not UPPER_SNAKE.fullmatch(name):
                    spellings.setdefault(fold(name), Counter())[name] += 1
    titles: dict[str, str] = {}  # an UPPER_SNAKE title -> the model's new name
    renames: dict[str, str] = {}  # the same, and every spelling a link gives it
    for model in models:
        if not UPPER_SNAKE.fullmatch(model.name):
            continue
        found = spellings.get(fold(model.name), Counter())
        # Links may spell one model two ways (MoviePeople.md, Movie_people.md): the likelier
        # is the one most links use, and every spelling is renamed to it.
        chosen = min(found, key=lambda n: (-found[n], n)) if found else _pascal(model.name)
        titles[model.name] = chosen
        renames.update({spelling: chosen for spelling in found})
    renames.update(titles)
    taken = names - set(titles)
    if len(set(titles.values())) != len(titles) or taken & set(titles.values()):
        return models  # two models would share a name: keep the titles as they are
    return [_renamed(model, renames) for model in models]


def _pascal(name: str) -> str:
    return "".join(part[:1] + part[1:].lower() for part in name.split("_") if part)


def _renamed(model: Model, renames: dict[str, str]) -> Model:
    fields = tuple(replace(f, type=_retyped(f.type, renames)) for f in model.fields)
    variants = tuple(_retyped(v, renames) for v in model.variants)
    return replace(
        model, name=renames.get(model.name, model.name), fields=fields, variants=variants
    )


def _retyped(expr: TypeExpr, renames: dict[str, str]) -> TypeExpr:
    def renamed(t: TypeExpr) -> TypeExpr:
        if isinstance(t, Reference) and t.name in renames:
            return Reference(renames[t.name])
        return t

    return with_innermost(expr, renamed)
