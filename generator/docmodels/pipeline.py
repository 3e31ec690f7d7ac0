"""The whole job as pure steps: specs → IR → files. The CLI only adds I/O and exit codes."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from docmodels import cpus
from docmodels.beside import Beside
from docmodels.diagnostics import Diagnostic, has_errors
from docmodels.emit.docs import DocsEmitter
from docmodels.emit.formatting import FormatCache, format_files
from docmodels.emit.memo import RenderMemo, folder_fingerprint, memo_path
from docmodels.emit.python import plan_names
from docmodels.emit.render import Renderer, templates_dir
from docmodels.emit.targets import DEFAULT, emitter
from docmodels.ir import KeyCase, ModelSet
from docmodels.limits import MAX_INPUT_BYTES
from docmodels.load import load
from docmodels.progress import NONE as NO_PROGRESS
from docmodels.progress import Progress

if TYPE_CHECKING:
    from docmodels.dialects.base import Dialect
    from docmodels.loaded import Loaded
    from docmodels.runs import PageState
    from docmodels.session import Session


@dataclass(frozen=True, slots=True)
class Build:
    model_set: ModelSet
    diagnostics: tuple[Diagnostic, ...]
    files: dict[str, str]  # relative path in the output folder -> content; empty on error
    # The pages found otherwise than the run's fingerprint (``hashes``) says: changed, come or
    # gone since it. The build is of what was found, which the fingerprint does not stand for.
    drifted: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


# From this many models, rendering the docs beside the modules saves more than forking costs
# (some milliseconds; the docs take about half a millisecond a model); up to the other, where
# the copy's memory (the pages it changes, and its result in flight: 45 MB more at 10,000
# models, 12% of the run's) counts for more than the seconds.
_DOCS_BESIDE = range(200, 5_000)


def build(
    specs: list[Path],
    package: str,
    dialect: Dialect | None = None,
    base: Path | None = None,
    cache: FormatCache | None = None,
    overlays: Sequence[Path] = (),
    templates: Path | None = None,
    target: str = DEFAULT,
    cache_dir: Path | None = None,
    black: bool = False,
    strict: bool = False,
    key_case: KeyCase | None = None,
    max_input_bytes: int = MAX_INPUT_BYTES,
    progress: Progress = NO_PROGRESS,
    session: Session | None = None,
    hashes: Mapping[str, PageState] | None = None,
    loaded: Loaded | None = None,
) -> Build:
    """``base``: the folder spec paths are recorded relative to (default: the working folder);
    ``cache``: where black's results are memoized (none: format everything); ``templates``: a
    folder of templates that shadow ours; ``target``: the kind of classes (emit.targets);
    ``cache_dir``: the cache folder, where what reading each page gave and the files rendered
    from each model's scope are remembered (none: read and render everything); ``black``: format
    every module with black, not only those emit.layout declines (the same output, slower);
    ``strict``: every loss is an error (load); ``key_case``: the ``keys`` setting (load);
    ``max_input_bytes``: the most all pages may hold together (load); ``session``: what the
    earlier runs of a watch read (load); ``hashes``: the pages' as the run's fingerprint found
    them (load); ``loaded``: where what loading these inputs gave is remembered (loaded.py):
    taken from there, or kept there.

    Raises TemplateError or FormatError when a template (an override) is broken, TargetError
    when the target's library cannot express a model."""

    made = partial(_made, specs=specs, package=package, cache=cache, templates=templates,
                   target=target, cache_dir=cache_dir, black=black, progress=progress,
                   session=session)
    found = loaded.find() if loaded is not None else None
    if found is not None:
        # A record that is not what a load gave, though each part reads as one (models of two
        # runs, a reference to a model it lacks) may fail anywhere: a cache only saves time, so
        # the pages are loaded instead, and anything wrong with them is raised from there.
        with contextlib.suppress(Exception):
            return made(found[0], found[1], (), None)
    drifted: list[str] = []  # pages changed since the fingerprint: what was loaded is not kept
    model_set, diagnostics = load(
        specs, base or Path.cwd(), dialect, overlays, cache_dir, strict=strict, key_case=key_case,
        max_input_bytes=max_input_bytes, progress=progress, session=session, hashes=hashes,
        drifted=drifted,
    )
    return made(model_set, diagnostics, tuple(drifted), None if drifted else loaded)


def _made(
    model_set: ModelSet, diagnostics: list[Diagnostic], drifted: tuple[str, ...],
    keep: Loaded | None, specs: list[Path], package: str, cache: FormatCache | None,
    templates: Path | None, target: str, cache_dir: Path | None, black: bool,
    progress: Progress, session: Session | None,
) -> Build:
    """``build``'s files, made from what loading gave; ``keep``: where that is to be
    remembered (the rest: ``build``'s)."""
    if has_errors(diagnostics):
        return Build(model_set, tuple(diagnostics), {}, drifted)
    overrides = folder_fingerprint(templates)
    # (A watch's runs share one renderer while the overrides are as they were: compiling the
    # templates again cost each saved page some 20 ms.)
    renderer = (Renderer(overrides=templates) if session is None else session.renderer(
        (str(templates), overrides), partial(Renderer, overrides=templates)))
    steps = session.steps if session is not None else None
    memo = None
    if cache_dir is not None:
        memo = RenderMemo(
            memo_path(cache_dir, [str(s.resolve()) for s in specs] + [package, target]),
            [package, target, str(templates_dir()), overrides],
            steps, session.rendered if session is not None else None,
        )
    elif session is not None:
        # A watch without a cache folder: the files the last run rendered are still in memory.
        memo = RenderMemo(None, [package, target, str(templates_dir()), overrides],
                          session.steps, session.rendered)
    progress.stage(f"generating {len(model_set.models)} models")
    # The emitters' plan: each model's names kept in a watch, or recorded in the memo.
    plan = plan_names(model_set, steps, memo)
    if keep is not None and memo is not None:
        keep.keep(model_set, diagnostics, memo.digest)  # (the plan has every model's digest)

    def docs() -> tuple[dict[str, str], dict[str, str]]:
        """The docs pages, and what the memo gained rendering them."""
        known = set(memo.used) if memo is not None else set()
        pages = DocsEmitter(renderer, package, target=target).emit(model_set, memo, plan)
        gained = {k: v for k, v in memo.used.items() if k not in known} if memo else {}
        return pages, gained

    # Many models: the docs are rendered by a copy of this process while this one renders the
    # modules and lays them out (a watch keeps its steps in this process: it renders both
    # here). Only where most docs pages are to be rendered: where the memo holds the last run's,
    # each is a lookup, and the copy (a fork, and every page sent back) costs more than it
    # saves (at 1,000 pages with one changed: 0.1 s more).
    cold = memo is None or memo.known() < len(model_set.models)
    beside = (session is None and cpus.available() > 1 and cold
              and len(model_set.models) in _DOCS_BESIDE)
    pending = Beside(docs) if beside else None
    files = emitter(target, renderer, package).emit(model_set, memo, plan)
    # Our own templates are laid out without black; a user's may write anything. The memo
    # remembers each module's layout, so that a module rendered as before is not laid out again.
    # Beside the copy, laid out in this process alone: processes of their own would crowd the
    # copy's CPU (black, minutes for a big API, still takes them).
    progress.stage(f"formatting {sum(1 for path in files if path.endswith('.py'))} modules")
    layout = templates is None and not black
    jobs = 1 if pending is not None and layout else None
    files = format_files(files, cache, jobs=jobs, layout=layout, memo=memo)
    pages, gained = pending.result() if pending is not None else docs()
    files.update(pages)
    if memo is not None:
        memo.used.update(gained)
        if session is not None:
            session.keep_rendered(memo.salt, memo.used)
            session.defer(memo.save)
        else:
            memo.save()
    if steps is not None:
        steps.settle()
    return Build(model_set, tuple(diagnostics), dict(sorted(files.items())), drifted)
