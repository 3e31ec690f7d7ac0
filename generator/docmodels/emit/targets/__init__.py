"""Output targets: which kind of Python classes the models become.

A target is an emitter over a template set (``templates/<target>/``); every target shares the
default target's names, type spellings and literal escaping, and the docs are the same for all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from docmodels.emit.memo import RenderMemo
from docmodels.emit.python import Plan
from docmodels.emit.render import Renderer
from docmodels.emit.targets.attrs import AttrsEmitter
from docmodels.emit.targets.dataclasses import DataclassesEmitter
from docmodels.emit.targets.errors import TargetError
from docmodels.emit.targets.msgspec import MsgspecEmitter
from docmodels.emit.targets.pydantic import PydanticEmitter
from docmodels.emit.targets.typeddict import TypedDictEmitter
from docmodels.ir import ModelSet

DEFAULT = "dataclasses"


class Emitter(Protocol):
    def emit(self, model_set: ModelSet, memo: RenderMemo | None = None,
             plan: Plan | None = None) -> dict[str, str]:
        """The files of ``model_set``, by path; ``memo``: where files rendered from the same
        scope are remembered (emit.memo); ``plan``: the build's plan of names
        (python.plan_names), made once for all its emitters (else made here)."""
        ...


_EMITTERS: dict[str, Callable[[Renderer, str], Emitter]] = {
    DEFAULT: DataclassesEmitter,
    "pydantic": PydanticEmitter,
    "msgspec": MsgspecEmitter,
    "attrs": AttrsEmitter,
    "typeddict": TypedDictEmitter,
}

__all__ = ["DEFAULT", "Emitter", "TargetError", "emitter", "names"]


def names() -> list[str]:
    return list(_EMITTERS)


def emitter(target: str, renderer: Renderer, package: str) -> Emitter:
    """Raises KeyError for a target that does not exist."""
    return _EMITTERS[target](renderer, package)
