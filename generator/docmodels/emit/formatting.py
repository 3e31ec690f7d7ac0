"""black's layout for the generated Python: the last step before writing.

Running black costs about half a millisecond per line, so for the modules our own templates
write, ``emit.layout`` gives black's layout without black: the templates write every line that
fits the way black would, and ``layout`` splits the ones that do not, as black would. A module it
cannot vouch for, and every module when a user's templates are in play, goes through black.

black is deterministic for a given input, black version and mode, so its results are memoized in
a cache folder keyed by a hash of all three: a regeneration whose modules did not change formats
nothing. The cache is only a memo (delete it at any time); what is cached is exactly what black
returned. Modules that miss the cache are formatted in parallel processes when there are enough
of them to pay for the processes.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from docmodels import cpus
from docmodels.cachedir import sealed, touch, unsealed, write
from docmodels.emit.layout import LINE_LENGTH, layout_module

if TYPE_CHECKING:
    from black.mode import Mode

    from docmodels.emit.memo import RenderMemo

# black is imported only when a module needs it: importing it takes about 0.2 s.


@functools.cache
def _key_prefix() -> bytes:
    """What a black result depends on besides its input. Read only when black runs: importing
    importlib.metadata and finding black's version took some 50 ms of every run's start."""
    from importlib import metadata

    return f"black {metadata.version('black')} py310 {LINE_LENGTH}\n".encode()

# Below this many modules to format, starting processes costs more than it saves.
_PARALLEL_FROM = 16


class FormatError(Exception):
    """A generated module black cannot parse: only an overriding template can cause one."""


def black_mode() -> Mode:
    """Generated code runs on Python 3.10 and later (slots and keyword-only dataclasses)."""
    from black.mode import Mode, TargetVersion

    return Mode(target_versions={TargetVersion.PY310}, line_length=LINE_LENGTH)


def format_python(source: str) -> str:
    import black

    return black.format_str(source, mode=black_mode())


def _format_or_error(source: str) -> tuple[str, str | None]:
    # The error travels back as text: a worker process's exception would lose its module's path.
    from black.parsing import InvalidInput

    try:
        return format_python(source), None
    except InvalidInput as exc:
        return source, str(exc)




# Below this many modules to lay out, starting processes costs more than it saves (a module
# takes about half a millisecond).
_PARALLEL_LAYOUT_FROM = 400


def _hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


def _layout_chunk(sources: list[str]) -> list[str | None]:
    statements: dict[tuple[str, int], list[str]] = {}  # the same statements recur across modules
    return [layout_module(source, statements) for source in sources]


# Modules per task sent to a process: small, so that the texts in flight (pickled on the way
# there and back) stay a few megabytes however many modules there are.
_LAYOUT_CHUNK = 48


def _layout_all(sources: list[str], workers: int) -> Iterator[str | None]:
    """Each module laid out (None where layout declines it), in order; in processes where
    there are many."""
    if len(sources) < _PARALLEL_LAYOUT_FROM or workers < 2:
        statements: dict[tuple[str, int], list[str]] = {}
        for source in sources:
            yield layout_module(source, statements)
        return
    chunks = [sources[start : start + _LAYOUT_CHUNK] for start in range(0, len(sources), _LAYOUT_CHUNK)]
    del sources  # each chunk goes with its task
    from docmodels.workers import pool as workers_pool  # (processes only where many modules)

    try:
        pool = workers_pool(workers)
    except OSError:  # no processes here (a sandbox, a limit)
        for chunk in chunks:
            yield from _layout_chunk(chunk)
        return
    with pool:
        results = pool.map(_layout_chunk, chunks)
        del chunks  # a task drops its modules once done: the rendered texts can go as they are
        for laid_out in results:
            yield from laid_out


class FormatCache:
    """black's output by the hash of its input, one file per module, written atomically: the
    hash of the text on the first line, then the text. An entry whose text is not what its
    first line says (cut short, a byte changed, anything else) is one not found: the module is
    formatted again. (Entries were the text alone, believed whole: an empty or cut file became
    the module.)"""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def key(source: str) -> str:
        return hashlib.sha256(_key_prefix() + source.encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        path = self.directory / key[:2] / key
        try:
            data = unsealed(path.read_bytes())
            if data is None:
                return None
            formatted = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        touch(path)
        return formatted

    def put(self, key: str, formatted: str) -> None:
        write(self.directory / key[:2] / key, sealed(formatted.encode("utf-8")))


def format_files(
    files: dict[str, str],
    cache: FormatCache | None = None,
    jobs: int | None = None,
    layout: bool = False,
    memo: RenderMemo | None = None,
) -> dict[str, str]:
    """``files`` with every ``.py`` file in black's layout (others unchanged): the same dict,
    each module replaced as it is laid out, so that the text of 10,000 modules is not held
    twice.

    ``layout``: the modules come from our own templates, so ``emit.layout`` may lay them out
    without black (it declines any module it cannot vouch for); ``memo``: where the layouts of
    the last run are remembered, so that a module rendered as before is not laid out again."""
    workers = jobs if jobs is not None else cpus.available()
    modules = [path for path in files if path.endswith(".py")]
    if layout:
        modules = _lay_out(files, modules, workers, memo)
    _through_black(files, modules, cache, workers, memo if layout else None)
    return files


def _lay_out(
    files: dict[str, str], modules: list[str], workers: int, memo: RenderMemo | None
) -> list[str]:
    """Lay out ``modules`` in place (from the memo where it knows them); returns the ones
    emit.layout declined, for black."""
    hashes: dict[str, str] = {}
    todo: list[str] = []
    for path in modules:
        source = files[path]
        if memo is None:
            todo.append(path)
            continue
        if memo.is_final(source):
            continue
        source_hash = hashes[path] = _hash(source)
        known = memo.laid_out(source_hash)
        if known is None:
            todo.append(path)
        else:
            # (A memo's text whose mark of being laid out was lost, a memo cut short: marked
            # again, not looked up by its hash on every run.)
            if not memo.finished(source, known):
                memo.remember_layout(source_hash, known)
            files[path] = known
    declined: list[str] = []
    for path, laid_out in zip(todo, _layout_all([files[p] for p in todo], workers), strict=True):
        if laid_out is None:
            declined.append(path)
            continue
        if memo is not None and not memo.finished(files[path], laid_out):
            memo.remember_layout(hashes[path], laid_out)
        files[path] = laid_out
    return declined


def _through_black(
    files: dict[str, str], modules: list[str], cache: FormatCache | None, workers: int,
    memo: RenderMemo | None = None,
) -> None:
    """Format ``modules`` with black in place, from the cache where it has them; ``memo``:
    where a module the memo gave is remembered as black formatted it (as one laid out)."""
    pending: dict[str, str] = {}  # path -> cache key
    for path in modules:
        key = FormatCache.key(files[path])
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            if memo is not None:
                memo.finished(files[path], cached)
            files[path] = cached
        else:
            pending[path] = key
    paths = sorted(pending)
    sources = [files[path] for path in paths]
    if len(paths) >= _PARALLEL_FROM and workers > 1:
        from docmodels.workers import pool as workers_pool

        with workers_pool(workers) as pool:
            results = list(pool.map(_format_or_error, sources, chunksize=8))
    else:
        results = [_format_or_error(source) for source in sources]
    for path, (_, error) in zip(paths, results, strict=True):
        if error is not None:
            raise FormatError(f"{path}: the generated code is not valid Python: {error}")
    for path, (formatted, _) in zip(paths, results, strict=True):
        if memo is not None:
            memo.finished(files[path], formatted)
        files[path] = formatted
        if cache is not None:
            cache.put(pending[path], formatted)
