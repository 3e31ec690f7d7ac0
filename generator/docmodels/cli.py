"""The ``docmodels`` command line.

Exit codes: 0 success; 1 invalid specs (an error diagnostic) or, for ``check``, output that is
not what ``generate`` would write; 2 usage or configuration errors; 130 interrupted (how
``watch`` ends).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TextIO

from docmodels import __version__
from docmodels.dialects import NAMES as DIALECT_NAMES
from docmodels.ir import KeyCase
from docmodels.terminal import visible

# black, jinja2, markdown-it and the 22 dialect modules take a few hundred milliseconds to
# import: the commands import them when they run, so that `--version` and `--help` stay instant.
if TYPE_CHECKING:
    from docmodels.config import Settings
    from docmodels.diagnostics import Diagnostic
    from docmodels.dialects.base import Dialect
    from docmodels.ir import ModelSet
    from docmodels.loaded import Loaded
    from docmodels.outputs import Owned
    from docmodels.pipeline import Build
    from docmodels.printed import Recorder
    from docmodels.progress import Progress
    from docmodels.runs import PageHashes, PageState, Record
    from docmodels.session import Listing, Session
    from docmodels.watch import Outcome
    from docmodels.writer import Known

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# How diagnostics can be printed (docmodels.report.STYLES), and the output targets
# (docmodels.emit.targets.names()): a test keeps both equal to what the code finds at run time.
STYLES = ("text", "github")
TARGET_NAMES = ("dataclasses", "pydantic", "msgspec", "attrs", "typeddict")

EPILOG = """\
exit codes:
  0  success (warnings and losses included: what could not be read is Any or left out)
  1  invalid specs (an error diagnostic; with --strict, any loss), or for `check`: output/ is
     stale, or for `generate --fail-on-change`: the run changed the output folder
  2  usage or configuration error
  130 interrupted (Ctrl-C); the output folder is left as it was

Defaults for SPECS, --output, --package, --package-dir, --docs-dir, --dialect, --target and --templates come from
[tool.docmodels] in the nearest pyproject.toml; without one: specs/, output/, package "models".
docmodels replaces the folders it writes as a whole: output/ (the package and docs/ in it), or
the package folder and the docs folder where package-dir or docs-dir name them.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")

    # argparse suggests what was meant only from Python 3.14 (suggest_on_error): `gen`, `--targt`
    # and `--keys camelcase` name the command, option or value the user most likely meant.
    def _check_value(self, action: argparse.Action, value: object) -> None:
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError as exc:
            from docmodels.suggest import hint

            said = hint(str(value), [str(choice) for choice in action.choices or ()])
            if not said:
                raise
            raise argparse.ArgumentError(action, exc.message + said) from None

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            from docmodels.suggest import closest

            known = _option_strings(self, getattr(parsed, "command", None))
            shown = " ".join(extras)
            options = [extra.split("=", 1)[0] for extra in extras if extra.startswith("-")]
            # Compared without the dashes, which every option shares.
            meant = closest(options[0][2:], [k[2:] for k in known]) if options else None
            said = f"; did you mean '--{meant}'?" if meant else ""
            self.error(f"unrecognized arguments: {shown}{said}")
        return parsed


def _option_strings(parser: argparse.ArgumentParser, command: str | None) -> list[str]:
    """The long options ``command`` takes (and the main parser's), for suggestions."""
    parsers = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            parsers.append(action.choices[command])
    return [
        option
        for each in parsers
        for action in each._actions
        for option in action.option_strings
        if option.startswith("--")
    ]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="docmodels",
        description="Read OpenAPI Generator model pages (Markdown) and generate typed Python "
        "dataclasses with validators, Markdown docs, JSON Schema and the intermediate model.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"docmodels {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=help_, description=help_, epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("specs", nargs="*", type=Path, metavar="SPECS",
                         help="model pages or folders of them (default: from config, or specs/)")
        sub.add_argument(
            "--dialect",
            metavar="NAME",
            help="read every page in this dialect instead of detecting it; one of: "
            + ", ".join(DIALECT_NAMES),
        )
        sub.add_argument(
            "--overlay",
            action="append",
            type=Path,
            metavar="FILE",
            help="apply this overlay file (TOML) too; repeatable (default: from config; a spec "
            "folder's docmodels-overlay.toml always applies)",
        )
        sub.add_argument(
            "--keys",
            choices=[case.value for case in KeyCase],
            help="the API's JSON key convention, for pages that write the SDK's field names "
            "(Go, C#, Python...) instead of the keys (default: from config, else what the "
            "pages show, else any usual spelling is accepted)",
        )
        sub.add_argument(
            "--strict",
            action="store_true",
            help="make every loss an error: a property whose type cannot be read, a page left "
            "out (default: from config; without it each is a warning and reads as any value)",
        )
        sub.add_argument(
            "--format",
            choices=STYLES,
            default="text",
            help="how to print diagnostics: text (path:line:col: error: message) or github "
            "(GitHub Actions annotations)",
        )
        loudness = sub.add_mutually_exclusive_group()
        loudness.add_argument(
            "-q", "--quiet", action="store_true",
            help="print errors only: no warnings, no progress, no summary line",
        )
        loudness.add_argument(
            "-v", "--verbose", action="store_true",
            help="also name each page read (its model and dialect, or why it gave none) and "
            "each output file written",
        )
        return sub

    for name, help_ in (
        ("generate", "write the Python package and docs for SPECS into the output folder"),
        (
            "check",
            "exit 1 and name every file that differs from what generate would write; writes nothing",
        ),
        (
            "watch",
            "generate, then again whenever the specs or templates change; stop with Ctrl-C",
        ),
    ):
        sub = command(name, help_)
        sub.add_argument("-o", "--output", type=Path,
                         help="output folder, docmodels' own, of the package and docs/ "
                         "(default: from config, or output/)")
        sub.add_argument(
            "--package-dir", type=Path, metavar="DIR",
            help="the package folder, docmodels' own, in a folder of yours (src/api_models); "
            "its name is the package's (default: from config, or OUTPUT/PACKAGE)",
        )
        sub.add_argument(
            "--docs-dir", type=Path, metavar="DIR",
            help="the docs folder, docmodels' own, in a folder of yours (docs/models) "
            "(default: from config, or OUTPUT/docs)",
        )
        sub.add_argument("--package", help="name of the generated Python package (default: models)")
        sub.add_argument(
            "--target",
            metavar="NAME",
            help="the kind of classes to generate; one of: " + ", ".join(TARGET_NAMES)
            + " (default: from config, or dataclasses)",
        )
        sub.add_argument(
            "--templates",
            type=Path,
            metavar="DIR",
            help="a folder of templates that replace ours of the same relative path "
            "(python/model.py.jinja...; see docs/templates.md; default: from config)",
        )
        sub.add_argument(
            "--black",
            action="store_true",
            help="format every generated module with black (slower) instead of laying out "
            "our templates' modules the way black would without running it",
        )
        sub.add_argument(
            "--no-cache",
            action="store_true",
            help="read every page, render and format every file instead of reusing results "
            "remembered in the cache folder (see `docmodels cache show`)",
        )
    commands.choices["watch"].add_argument(
        "--debounce",
        type=_seconds,
        default=0.3,
        metavar="SECONDS",
        help="wait until the files have not changed for this long before regenerating "
        "(default: 0.3)",
    )
    commands.choices["watch"].add_argument(
        "--poll",
        action="store_true",
        help="look at the files every 0.3 s instead of being told of changes by the operating "
        "system: for network and container mounts, where no events arrive (as "
        "WATCHFILES_FORCE_POLLING=1 does; WATCHFILES_POLL_DELAY_MS sets how often)",
    )
    commands.choices["generate"].add_argument(
        "--fail-on-change",
        action="store_true",
        help="exit 1 when this run changed the output folder (for pre-commit hooks)",
    )
    check = commands.choices["check"]
    check.add_argument(
        "--diff", action="store_true", help="also print a unified diff of what generate would change"
    )
    command("ir", "print the intermediate model of SPECS as JSON")
    schema = command("schema", "write SPECS as one JSON Schema 2020-12 document")
    for name in ("ir", "schema"):
        commands.choices[name].add_argument(
            "--no-cache",
            action="store_true",
            help="read every page instead of reusing what reading it gave, remembered in the "
            "cache folder (see `docmodels cache show`)",
        )
    schema.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    cache = commands.add_parser(
        "cache", help="show or clear the cache folder",
        description="The cache folder: the platform's (or $DOCMODELS_CACHE_DIR), bounded to "
        "$DOCMODELS_CACHE_MAX_MIB (default 200) MiB, least recently used entries evicted first. "
        "Deleting it is always safe.",
    )
    cache_commands = cache.add_subparsers(dest="cache_command", required=True, metavar="ACTION")
    cache_commands.add_parser("show", help="print the folder, its size and entries")
    cache_commands.add_parser("clear", help="delete every entry")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def _settings(args: argparse.Namespace) -> Settings:
    from docmodels.config import ConfigError, Settings, load_settings, located
    from docmodels.emit.python_names import package_problem

    config = load_settings(Path.cwd())
    # An empty --package is a mistake to report, not a request for the default.
    from_config = getattr(args, "package", None) is None
    package = config.package if from_config else args.package
    package_dir = getattr(args, "package_dir", None) or config.package_dir
    if package_dir is not None:  # its name is the package's
        if not from_config and package != package_dir.name:
            raise ConfigError(f"--package {package!r} is not the name of the package folder "
                              f"{package_dir}: leave --package out")
        package = package_dir.name
        # The name is the folder's: the key to point at is package-dir, where the config set it.
        from_config = getattr(args, "package_dir", None) is None
    problem = package_problem(package)
    if problem is not None:
        if from_config:
            key = "package" if package_dir is None else "package-dir"
            raise ConfigError(f"[tool.docmodels] {problem}", located(config.root, key))
        raise ConfigError(problem)
    from docmodels.project import project_base

    specs = tuple(args.specs) or config.specs
    return Settings(
        specs=specs,
        output=getattr(args, "output", None) or config.output,
        package=package,
        dialect=args.dialect or config.dialect,
        overlays=tuple(args.overlay or ()) or config.overlays,
        templates=getattr(args, "templates", None) or config.templates,
        target=getattr(args, "target", None) or config.target,
        black=bool(getattr(args, "black", False)),
        strict=bool(args.strict) or config.strict,
        keys=getattr(args, "keys", None) or config.keys,
        max_input_bytes=config.max_input_bytes,
        package_dir=package_dir,
        docs_dir=getattr(args, "docs_dir", None) or config.docs_dir,
        # Spec paths are written relative to the project, wherever the command runs.
        root=project_base(specs, config.root),
    )


def _owned(settings: Settings) -> tuple[Owned, ...]:
    """The folders this run writes, each replaced as a whole (outputs.py)."""
    from docmodels.outputs import owned_folders

    return owned_folders(settings.output, settings.package, settings.package_dir,
                         settings.docs_dir)


def _check_folders(settings: Settings) -> None:
    from docmodels.config import ConfigError
    from docmodels.outputs import overlap

    clash = overlap(_owned(settings))
    if clash is not None:
        raise ConfigError(f"the package folder {clash[0]} and the docs folder {clash[1]} overlap: "
                          "each is replaced as a whole, so neither may hold the other")


def _output_problem(settings: Settings) -> str | None:
    """What makes one of the folders this run writes no folder to write into; None."""
    from docmodels.output_errors import output_problem

    return next(
        (p for place in _owned(settings) if (p := output_problem(place.folder)) is not None), None
    )


def _check_target(settings: Settings, args: argparse.Namespace) -> None:
    from docmodels.config import ConfigError, located
    from docmodels.suggest import hint

    if settings.target not in TARGET_NAMES:
        raise ConfigError(
            f"unknown target {settings.target!r} (known: {', '.join(TARGET_NAMES)})"
            + hint(settings.target, TARGET_NAMES),
            None if getattr(args, "target", None) else located(settings.root, "target"),
        )


def _check_templates(settings: Settings) -> None:
    from docmodels.config import ConfigError

    folder = settings.templates
    if folder is not None and not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise ConfigError(f"templates folder {folder} {problem}")


def _check_specs(settings: Settings) -> None:
    """A SPECS path that does not exist is a usage error (a typo, a wrong folder), not an invalid
    page: there is no line of it to point at."""
    from docmodels.config import ConfigError
    from docmodels.suggest import hint

    for spec in settings.specs:
        if not os.path.lexists(spec):
            parent = spec.parent
            siblings = [p.name for p in parent.iterdir()] if parent.is_dir() else []
            raise ConfigError(f"spec path {spec} does not exist" + hint(spec.name, siblings))


def _dialect(settings: Settings, args: argparse.Namespace) -> Dialect | None:
    if settings.dialect is None:
        return None
    from docmodels.config import ConfigError, located
    from docmodels.dialects import registry
    from docmodels.suggest import hint

    dialect = registry.by_name(settings.dialect)
    if dialect is None:
        raise ConfigError(
            f"unknown dialect {settings.dialect!r} (known: {', '.join(registry.names())})"
            + hint(settings.dialect, registry.names()),
            None if args.dialect else located(settings.root, "dialect"),
        )
    return dialect


@dataclass(frozen=True, slots=True)
class _Show:
    """What a run prints besides its result: diagnostics in ``style``; with ``quiet`` (-q) only
    errors; with ``verbose`` (-v) each page read and each file written; ``progress``: the line
    updated in place on a terminal (progress.py), erased before anything else is printed."""

    style: str = "text"
    quiet: bool = False
    verbose: bool = False
    progress: Progress | None = None

    def pause(self) -> None:
        if self.progress is not None:
            self.progress.clear()

    def detail(self, line: str) -> None:
        if self.verbose:
            self.pause()
            print(visible(f"docmodels: {line}"), file=sys.stderr)


def _show(args: argparse.Namespace) -> _Show:
    from docmodels.progress import on_terminal

    quiet = bool(getattr(args, "quiet", False))
    return _Show(args.format, quiet, bool(getattr(args, "verbose", False)),
                 on_terminal(sys.stderr, quiet=quiet))


def _report(diagnostics: Sequence[Diagnostic], show: _Show) -> None:
    from docmodels import report
    from docmodels.diagnostics import Severity

    show.pause()
    # GitHub reads workflow commands from standard output; people read diagnostics on stderr.
    stream = sys.stdout if show.style == "github" else sys.stderr
    for diagnostic in diagnostics:
        if show.quiet and diagnostic.severity is not Severity.ERROR:
            continue
        print(report.diagnostic(diagnostic, show.style), file=stream)


def _summary(line: str, show: _Show) -> None:
    """What was read and what was lost (report.summary), where there is one (ir, schema)."""
    if line and not show.quiet:
        print(visible(f"docmodels: {line}"), file=sys.stderr)


def _final(show: _Show, result: str, summary: str, *, failed: bool = False) -> None:
    """The one line that ends a run: what it did, then what was read and lost (report.summary).
    A failure goes to stderr, even with -q; a success to stdout, except with -q."""
    show.pause()
    if show.quiet and not failed:
        return
    line = f"docmodels: {result}" + (f"; {summary}" if summary else "")
    print(visible(line), file=sys.stderr if failed else sys.stdout)


def _pages(model_set: ModelSet, show: _Show) -> None:
    """-v: each page read, and what it gave."""
    if not show.verbose:
        return
    said: dict[str, str] = {}
    for model in model_set.models:
        given = said.get(model.location.path)
        said[model.location.path] = (f"{given}, {model.name}" if given
                                     else f"read {model.name} ({model.dialect})")
    for page in model_set.left_out:
        said[page.path] = f"left out: {page.reason}"
    for page in model_set.skipped:
        said[page.path] = f"skipped: {page.reason}"
    for path in sorted(said):
        show.detail(f"{path}: {said[path]}")


def console() -> NoReturn:
    """The ``docmodels`` command: ``main``, then the process ends without taking apart, one
    object at a time, the millions of objects a big run made (at 10,000 pages, 0.2 s of CPU
    after the work is done). Every file a run writes is written whole and closed before
    ``main`` returns, and no pool of processes outlives its command; the standard streams are
    flushed here. Nor is what the run left collected: ``main`` sets the collector's thresholds
    back to these, not to the usual ones, whose first allocations started collections of it
    (some 25 ms at 1,000 pages, 5% of a run after one page changed), and none runs after it."""
    with fewer_collections():
        status = main()
        gc.disable()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # (a reader gone: ``main`` says nothing)
                stream.flush()
        os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "cache":
            return _cache_command(args.cache_command)
        with fewer_collections():
            return _run(args)
    except BrokenPipeError:
        # The reader went away (`docmodels ir | head`): not an error of ours, and not worth a
        # traceback. Point stdout at nothing so that the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        if sys.stderr.isatty():  # a progress line may be showing: the message replaces it
            sys.stderr.write("\r\x1b[K")
        print("docmodels: interrupted; the output folder is as it was", file=sys.stderr)
        return EXIT_INTERRUPTED


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's collector of reference cycles run less often while a command works, as mypy
    runs it (``gc.set_threshold(200_000, 30, 30)``), then as before. A run makes millions of
    objects that live to its end (the pages' readings, the models, the files), and each full
    collection walked them all: a tenth of a run after one page changed at 10,000 pages, for
    some 5 MB more of cycles left to collect later."""
    before = gc.get_threshold()
    gc.set_threshold(200_000, 30, 30)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _run(args: argparse.Namespace) -> int:
    from docmodels.config import ConfigError
    from docmodels.diagnostics import has_errors
    try:
        settings = _settings(args)
        dialect = _dialect(settings, args)
        _check_specs(settings)
        _check_templates(settings)
        _check_target(settings, args)
        _check_folders(settings)
        _cache_bound()  # a bound that cannot be read is a usage error before any work
    except ConfigError as exc:
        print(visible(exc.report()), file=sys.stderr)
        return EXIT_USAGE
    # The cache folder (cachedir): what reading, rendering and formatting gave, and the records
    # of past runs; ir and schema use what reading gave, so a warm run reads only changed pages.
    cache = None if args.no_cache else _cache_dir()
    started = time.time()
    if args.command in ("generate", "check", "watch"):
        if args.command == "watch":
            # No progress line: watch prints a line per run, and waits between runs.
            show = _Show(args.format, args.quiet, args.verbose)
            return _watch(settings, dialect, cache, show=show, debounce=args.debounce,
                          poll=args.poll)
        status = _generate(
            settings,
            dialect,
            cache,
            check=args.command == "check",
            show=_show(args),
            diff=getattr(args, "diff", False),
            fail_on_change=getattr(args, "fail_on_change", False),
        )
        if cache is not None:
            _trim_cache(cache, started)
        return status
    show = _show(args)
    output: Path | None = getattr(args, "output", None)
    # What an earlier run with exactly these inputs printed is printed again (printed.py);
    # with -v, each page's line needs the pages read.
    before = _printed_key(settings, dialect, cache, args.command, output)
    key, hashes = before.key, before.pages
    if key is not None and cache is not None and not show.verbose:
        from docmodels.printed import find, write_found

        found = find(cache / "runs", key)
        if found is not None:
            try:
                _report(found.diagnostics, show)
                _summary(found.summary, show)
                return _to_output(output, lambda stream: write_found(found, stream))
            finally:
                found.close()
                _trim_cache(cache, started)
    # Only now the heavy parts: a run printed again needs none.
    from docmodels.emit.ir_json import ir_text
    from docmodels.emit.jsonschema import schema_text
    from docmodels.load import load
    from docmodels.progress import NONE as NO_PROGRESS
    from docmodels.report import summary as report_summary

    # What a generate of these pages loaded (loaded.py), or the pages loaded.
    loaded = _loaded(settings, dialect, cache, key, hashes)
    remembered_set = loaded.find() if loaded is not None else None
    model_set, diagnostics = remembered_set if remembered_set is not None else load(
        list(settings.specs), settings.root or Path.cwd(), dialect, settings.overlays,
        cache=cache, strict=settings.strict, key_case=settings.key_case,
        max_input_bytes=settings.max_input_bytes,
        progress=show.progress or NO_PROGRESS, hashes=hashes,
    )
    if cache is not None:
        _trim_cache(cache, started)
    _pages(model_set, show)
    _report(diagnostics, show)
    line = report_summary(model_set, diagnostics)
    _summary(line, show)
    if has_errors(diagnostics):
        return EXIT_INVALID
    recorder = None
    if key is not None and cache is not None:
        from docmodels.printed import Recorder

        recorder = Recorder(cache / "runs", key, diagnostics, line)

    def made(ascii_only: bool) -> Iterator[str]:
        if args.command == "ir":
            return ir_text(model_set, ensure_ascii=ascii_only)
        return schema_text(model_set, ensure_ascii=ascii_only)

    status = EXIT_USAGE
    try:
        status = _to_output(output, lambda stream: _write_json(made, stream, recorder))
    finally:
        if recorder is not None:
            # Remembered only where the inputs are still what they were when the run began.
            recorder.save(status == EXIT_OK and _printed_key(
                settings, dialect, cache, args.command, output, before).key == key)
    return status


def _printed_key(
    settings: Settings, dialect: Dialect | None, cache: Path | None, command: str,
    output: Path | None, before: RunKey | None = None,
) -> RunKey:
    """The fingerprint of what decides the text ``ir`` or ``schema`` prints (printed.py), or
    None where it is not remembered: no cache, or a standard output that cannot hold every
    character (the text is then written with \\u escapes, which depend on the characters).
    ``before``: this run's key as it began (its pages as found then are taken as known, and
    their Paths; the pages hashes file is not read again)."""
    from docmodels.pagecache import reading_tools
    from docmodels.runs import Inputs, PageHashes, fingerprint, options
    from docmodels.source import discover_shown

    if cache is None or (output is None and not _utf8(sys.stdout)):
        return RunKey(None, {})
    base = settings.root or Path.cwd()
    hashes = (before.hashes.again() if before is not None and before.hashes is not None
              else PageHashes(cache / "runs", base))
    paths: dict[str, Path] = {}

    def listing(specs: Sequence[Path], base: Path) -> Listing:
        found = discover_shown(list(specs), base, before.paths if before is not None else None)
        paths.update((os.fspath(path), path) for path, _ in found[0])
        return found

    return RunKey(fingerprint(Inputs(
        specs=settings.specs,
        base=base,
        options=options((command, base.resolve(), dialect and dialect.name,
                         sorted(str(s) for s in settings.specs), settings.strict,
                         settings.keys, settings.max_input_bytes, reading_tools())),
        overlays=settings.overlays,
        templates=None,
    ), hashes, listing), hashes.seen, hashes, paths)


def _to_output(output: Path | None, write: Callable[[TextIO], None]) -> int:
    """``write`` on standard output, or into the file ``output``."""
    if output is None:
        write(sys.stdout)
        return EXIT_OK
    try:
        with open(output, "w", encoding="utf-8") as stream:
            write(stream)
    except OSError as exc:
        print(visible(f"docmodels: error: cannot write {output}: {exc.strerror}"),
              file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _utf8(stream: TextIO) -> bool:
    import codecs

    try:
        return codecs.lookup(stream.encoding or "utf-8").name == "utf-8"
    except LookupError:
        return False


def _write_json(
    text: Callable[[bool], Iterator[str]], stream: TextIO, recorder: Recorder | None = None
) -> None:
    """A JSON document on ``stream``, streamed (emit/json_text), never held whole;
    ``text(ensure_ascii)`` gives its pieces. Characters as they are, or as \\u escapes (the same
    JSON) where the stream's encoding cannot hold them (LC_ALL=C without Python's UTF-8 mode).
    Pages are strict UTF-8 and overlays TOML, so a UTF-8 stream can hold every character;
    another is first checked. ``recorder``: remembers the text as it goes (printed.py)."""
    from docmodels.printed import write_text

    encoding = stream.encoding or "utf-8"
    ascii_only = not _utf8(stream) and not _holds(text(False), encoding)
    write_text(text(ascii_only), stream, recorder if not ascii_only else None)


def _holds(chunks: Iterable[str], encoding: str) -> bool:
    try:
        for chunk in chunks:
            chunk.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _cache_dir() -> Path:
    from docmodels.cachedir import cache_dir

    return cache_dir()


def _cache_bound() -> int:
    from docmodels.cachesize import BoundError, bound
    from docmodels.config import ConfigError

    try:
        return bound()
    except BoundError as exc:
        raise ConfigError(str(exc)) from None


def _trim_cache(cache: Path, started: float) -> None:
    """Keep the cache folder within its bound (at most one look an hour: cachesize.trim),
    keeping what the run that started at ``started`` used. The slack: file systems that keep
    modification times to a second or two."""
    from docmodels.cachesize import bound, trim

    trim(cache, bound(), since=started - 2.0)


def _cache_command(action: str) -> int:
    """`docmodels cache show` and `docmodels cache clear`."""
    from docmodels.cachedir import ENVIRONMENT
    from docmodels.cachesize import clear, mib, shown
    from docmodels.config import ConfigError

    root = _cache_dir()
    if action == "clear":
        cleared = clear(root)
        print(f"docmodels: cleared {root} ({mib(cleared.size)} in {cleared.entries:,} entries)")
        return EXIT_OK
    try:
        limit: int | None = _cache_bound()
    except ConfigError as exc:  # said, and the rest still shown
        print(exc.report(), file=sys.stderr)
        limit = None
    print(shown(root, limit, configured=bool(os.environ.get(ENVIRONMENT))), end="")
    return EXIT_OK if limit is not None else EXIT_USAGE


def _generate(
    settings: Settings,
    dialect: Dialect | None,
    cache: Path | None,
    *,
    check: bool,
    show: _Show,
    diff: bool,
    fail_on_change: bool = False,
) -> int:
    if check:
        return _check(settings, dialect, cache, show=show, diff=diff)
    from docmodels.outputs import names

    output = names(_owned(settings))
    outcome = _generate_once(settings, dialect, cache, show)
    if outcome.errors:
        _final(show, "errors found; nothing written", outcome.summary, failed=True)
        return EXIT_INVALID
    if outcome.failure is not None:
        _final(show, f"error: {outcome.failure}", "", failed=True)
        return EXIT_USAGE
    if not outcome.changed:
        _final(show, f"{output} already up to date ({outcome.models} models)", outcome.summary)
        return EXIT_OK
    wrote = f"wrote {output} ({outcome.models} models; {outcome.changed} file(s) changed)"
    if fail_on_change:
        _final(show, f"{wrote}; the output changed: review it and stage it", outcome.summary,
               failed=True)
        return EXIT_INVALID
    _final(show, wrote, outcome.summary)
    return EXIT_OK


def _build(
    settings: Settings, dialect: Dialect | None, cache: Path | None, show: _Show | None = None,
    session: Session | None = None, hashes: Mapping[str, PageState] | None = None,
    loaded: Loaded | None = None,
) -> Build:
    """The whole job for these settings; ``hashes``: the pages' as the run's fingerprint found
    them (RunKey); ``loaded``: where what loading them gives is remembered (``_loaded``).
    Raises what a broken template override or a target that cannot express a model raises
    (pipeline.build)."""
    from docmodels.cachedir import FORMATTED
    from docmodels.emit.formatting import FormatCache
    from docmodels.pipeline import build
    from docmodels.progress import NONE

    return build(
        list(settings.specs), settings.package, dialect, settings.root,
        FormatCache(cache / FORMATTED) if cache is not None else None,
        settings.overlays, settings.templates, settings.target, cache, black=settings.black,
        strict=settings.strict, key_case=settings.key_case,
        max_input_bytes=settings.max_input_bytes,
        progress=show.progress if show is not None and show.progress is not None else NONE,
        session=session, hashes=hashes, loaded=loaded,
    )


def _loaded(
    settings: Settings, dialect: Dialect | None, cache: Path | None, key: str | None,
    hashes: Mapping[str, PageState],
) -> Loaded | None:
    """Where what loading these inputs gives is remembered (loaded.py), where it can be: a
    cache folder, and ``hashes``, every page's as the fingerprint ``key`` found them (a key
    of None: they may not be every page's)."""
    from docmodels.loaded import Loaded

    if cache is None or key is None:
        return None
    return Loaded.of(cache, settings.specs, settings.root or Path.cwd(),
                     dialect.name if dialect is not None else None, settings.overlays,
                     settings.strict, settings.key_case, settings.max_input_bytes, hashes)


def _generate_once(
    settings: Settings, dialect: Dialect | None, cache: Path | None, show: _Show,
    session: Session | None = None,
) -> Outcome:
    """Build, report the diagnostics, and write the output folder unless there were errors
    (write_tree leaves the folder as it was unless it writes all of it); ``session``: what the
    earlier runs of a watch read."""
    from docmodels.watch import Outcome

    # The inputs' fingerprint is taken before the build: a page saved during the build must not
    # be recorded as what the build read.
    run = _run_key(settings, dialect, cache, session)
    key, hashes = run.key, run.pages
    remembered = _remembered(key, settings, cache)
    if remembered is not None:
        _report(remembered.diagnostics, show)
        if session is not None:
            session.forget_listing()
        if session is not None and not len(session):
            # A watch's first run, with nothing to do: what a build learns is learned after
            # its line is shown, so that the first page saved costs what the next ones cost.
            session.defer(lambda: _learn(settings, dialect, cache, session))
        return Outcome(remembered.models, changed=0, summary=remembered.summary)
    # Only now the heavy parts (black, jinja2, the dialects): a remembered run needs none.
    from docmodels.cachedir import KEPT
    from docmodels.diagnostics import Severity
    from docmodels.emit import targets
    from docmodels.emit.formatting import FormatError
    from docmodels.emit.render import TemplateError
    from docmodels.output_errors import write_failure
    from docmodels.outputs import names, write
    from docmodels.report import summary
    from docmodels.runs import Record
    from docmodels.writer import OutputError

    problem = _output_problem(settings)
    if problem is not None:
        return Outcome(0, failure=problem)
    try:
        result = _build(settings, dialect, cache, show, session, hashes, None if (
            session is not None) else _loaded(settings, dialect, cache, key, hashes))
    except (TemplateError, FormatError, targets.TargetError) as exc:
        return Outcome(0, failure=str(exc))
    _pages(result.model_set, show)
    _report(result.diagnostics, show)
    models = len(result.model_set.models)
    line = summary(result.model_set, result.diagnostics)
    if not result.ok:
        errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
        return Outcome(models, errors=errors, summary=line)
    owned = _owned(settings)
    if show.progress is not None:
        show.progress.stage(f"writing {len(result.files)} files")
    try:
        last = session.written if session is not None and session.written is not None else (
            _last_written(cache, owned))
        changes, written = write(owned, result.files, last,
                                 session.digests if session is not None else None,
                                 cache / KEPT if cache is not None else None)
    except OutputError as exc:
        return Outcome(models, failure=str(exc), summary=line)
    except OSError as exc:
        return Outcome(models, failure=write_failure(Path(names(owned)), exc), summary=line)
    record = Record(written, models, result.diagnostics, line)
    # A page saved while the build read it: the output is of what was read, not of what the
    # fingerprint hashed, so it is not remembered as the run of those inputs (the next run,
    # whatever the page then holds, builds again).
    if result.drifted:
        key = None
    if session is not None:
        session.written = written
        session.defer(lambda: _remember(key, cache, record))
    else:
        _remember(key, cache, record)
    for paths, done in ((changes.added, "wrote"), (changes.changed, "rewrote"),
                        (changes.removed, "removed")):
        for path in paths:
            show.detail(f"{done} {settings.output.as_posix()}/{path}")
    return Outcome(models, changed=len(changes.paths), summary=line)


def _learn(
    settings: Settings, dialect: Dialect | None, cache: Path | None, session: Session
) -> None:
    """Build into ``session`` what a watch keeps between runs; the files are not written (the
    output folder is as the run before wrote it)."""
    from docmodels.emit import targets
    from docmodels.emit.formatting import FormatError
    from docmodels.emit.render import TemplateError

    with contextlib.suppress(TemplateError, FormatError, targets.TargetError):
        _build(settings, dialect, cache, None, session)


class RunKey(NamedTuple):
    """The fingerprint of a run's inputs (None: runs are not remembered), and each page's hash
    as it found them, by path (the build looks a page's reading up by it, unread)."""

    key: str | None
    pages: Mapping[str, PageState]
    # What found them (a second look at the same inputs starts from it: PageHashes.again),
    # and the pages' Paths by their text (source.discover_shown's ``made``).
    hashes: PageHashes | None = None
    paths: dict[str, Path] | None = None


def _run_key(
    settings: Settings, dialect: Dialect | None, cache: Path | None,
    session: Session | None = None,
) -> RunKey:
    """The fingerprint of this run's inputs, or None where runs are not remembered (no cache);
    in a watch (``session``), the pages it lists are the ones its build reads."""
    from docmodels.runs import Inputs, PageHashes, fingerprint, options

    if cache is None:
        return RunKey(None, {})
    base = settings.root or Path.cwd()
    # A watch's run starts from what its last one found, not from the file that one saved.
    last = session.hashes if session is not None else None
    hashes = last.again() if last is not None else PageHashes(cache / "runs", base)
    if session is not None:
        hashes.statuses = session.statuses()
        hashes.quiet = session.quiet_hash
        hashes.later = session.defer
    key = fingerprint(Inputs(
        specs=settings.specs,
        base=base,
        options=options((base.resolve(), settings.package, dialect and dialect.name,
                         settings.target, sorted(str(s) for s in settings.specs),
                         settings.black, settings.strict, settings.keys)),
        overlays=settings.overlays,
        templates=settings.templates,
    ), hashes, session.list_pages if session is not None else None)
    if session is not None:
        session.hashes = hashes
    return RunKey(key, hashes.seen, hashes)


def _remembered(key: str | None, settings: Settings, cache: Path | None) -> Record | None:
    """The record of a run with exactly these inputs, if the output folder still holds what it
    wrote: then building again would write nothing."""
    from docmodels.runs import RunRecords, still_written

    if key is None or cache is None:
        return None
    record = RunRecords(cache / "runs").get(key)
    folders = [place.folder for place in _owned(settings)]
    return record if record is not None and still_written(record, folders) else None


def _last_written(cache: Path | None, owned: Sequence[Owned]) -> dict[str, dict[str, Known]]:
    """What the last run that wrote each folder left there (runs.RunRecords.last)."""
    from docmodels.runs import RunRecords

    if cache is None:
        return {}
    records = RunRecords(cache / "runs")
    return {str(place.folder.resolve()): records.last(place.folder) for place in owned}


def _remember(key: str | None, cache: Path | None, record: Record) -> None:
    from docmodels.runs import RunRecords

    if key is not None and cache is not None:
        RunRecords(cache / "runs").put(key, record)


def _check(
    settings: Settings, dialect: Dialect | None, cache: Path | None, *, show: _Show,
    diff: bool,
) -> int:
    from docmodels.outputs import differences, names

    style = show.style
    owned = _owned(settings)
    run = _run_key(settings, dialect, cache)
    key, hashes = run.key, run.pages
    remembered = _remembered(key, settings, cache)
    if remembered is not None:
        _report(remembered.diagnostics, show)
        _final(show, f"{names(owned)} {_is(owned)} up to date ({remembered.models} models)",
               remembered.summary)
        return EXIT_OK
    from docmodels import report
    from docmodels.emit import targets
    from docmodels.emit.formatting import FormatError
    from docmodels.emit.render import TemplateError

    problem = _output_problem(settings)
    if problem is not None:
        _final(show, f"error: {problem}", "", failed=True)
        return EXIT_USAGE
    try:
        result = _build(settings, dialect, cache, show, hashes=hashes,
                        loaded=_loaded(settings, dialect, cache, key, hashes))
    except (TemplateError, FormatError, targets.TargetError) as exc:
        _final(show, f"error: {exc}", "", failed=True)
        return EXIT_USAGE
    _pages(result.model_set, show)
    _report(result.diagnostics, show)
    summary = report.summary(result.model_set, result.diagnostics)
    if not result.ok:
        _final(show, "errors found; nothing written", summary, failed=True)
        return EXIT_INVALID
    output = names(owned)
    models = len(result.model_set.models)
    stale = 0
    for place, changes in differences(owned, result.files):
        for paths, message in (
            (changes.added, "missing (generate would write it)"),
            (changes.changed, "differs from what generate would write"),
            (changes.removed, "not generated (generate would remove it)"),
        ):
            for path in paths:
                print(report.stale(f"{place.folder.as_posix()}/{path}", message, style))
        if diff:
            sys.stdout.write(report.unified_diff(place.folder, place.files(result.files), changes))
        stale += len(changes.paths)
    if stale:
        _final(show, f"{stale} file(s) out of date in {output}; run `docmodels generate`",
               summary, failed=True)
        return EXIT_INVALID
    _final(show, f"{output} {_is(owned)} up to date ({models} models)", summary)
    return EXIT_OK


def _is(owned: Sequence[object]) -> str:
    return "is" if len(owned) == 1 else "are"


def _watch(
    settings: Settings, dialect: Dialect | None, cache: Path | None, *, show: _Show,
    debounce: float, poll: bool = False,
) -> int:
    from docmodels.emit.render import templates_dir
    from docmodels.overlay.file import OVERLAY_NAME
    from docmodels.session import Session
    from docmodels.watch import Watched, watch

    watched = [Watched(spec, ".md") for spec in settings.specs]
    # Overlays change the output as pages do: each spec folder's own, and the ones named.
    watched += [Watched(spec, OVERLAY_NAME) for spec in settings.specs if spec.is_dir()]
    watched += [Watched(overlay, ".toml") for overlay in settings.overlays]
    watched.append(Watched(templates_dir(), ".jinja"))
    if settings.templates is not None:  # the user's overrides
        watched.append(Watched(settings.templates, ".jinja"))

    def line(text: str) -> None:
        print(visible(text), flush=True)  # seen at once, even through a pipe

    # What the runs read, kept between them: a saved page is the only page the next one reads.
    session = Session()

    def regenerate(told: frozenset[str] | None) -> Outcome:
        started = time.time()
        session.told(told)
        outcome = _generate_once(settings, dialect, cache, show, session)
        if cache is not None:
            _trim_cache(cache, started)
        return outcome

    stopped = watch(
        watched,
        settings.root or Path.cwd(),
        regenerate,
        debounce=debounce,
        report=line,
        poll=poll,
        between=session.between,
    )
    if stopped is None:
        return EXIT_OK
    # Only a first run that could not write the output folder ends watching (Ctrl-C aside):
    # a folder docmodels may not replace will not become one it may.
    print(visible(f"docmodels: error: {stopped.failure}"), file=sys.stderr)
    return EXIT_USAGE
