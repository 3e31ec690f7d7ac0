"""The IR as attrs classes: the ``attrs`` output target.

The default target with ``attrs.define`` in place of ``dataclasses.dataclass``: the same
``_runtime`` validates, so payloads mean exactly what they mean there (strict types, every
problem reported with its path, the unknown-key policies, presence tracking for ``to_dict``).
cattrs would bring its own structuring rules and error shapes, and a second dependency, for no
gain over validators the project already tests.
"""

from __future__ import annotations

from docmodels.emit.python import PythonEmitter


class AttrsEmitter(PythonEmitter):
    model_template = "attrs/model.py.jinja"
    module_imports: frozenset[str] = frozenset()

    @staticmethod
    def default_factory(factory: str) -> str:
        return f"_attrs.field(factory={factory})"
