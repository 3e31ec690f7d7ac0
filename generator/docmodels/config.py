"""Settings: ``[tool.docmodels]`` in pyproject.toml, overridden by command-line options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docmodels import tomlfile
from docmodels.diagnostics import Location, error
from docmodels.ir import KeyCase
from docmodels.limits import MAX_INPUT_BYTES, MAX_INPUT_MIB
from docmodels.suggest import hint


class ConfigError(Exception):
    """A setting that cannot be used; ``location``: where in the configuration file, where a
    file says it (``report`` then reads like any diagnostic: path:line:col: error: ...)."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.location = location

    def report(self) -> str:
        if self.location is None:
            return f"docmodels: error: {self}"
        return str(error(self.location, str(self)))


@dataclass(frozen=True, slots=True)
class Settings:
    specs: tuple[Path, ...] = (Path("specs"),)
    output: Path = Path("output")
    package: str = "models"
    dialect: str | None = None
    # Overlay files to apply besides each spec folder's docmodels-overlay.toml.
    overlays: tuple[Path, ...] = ()
    # A folder of templates that shadow ours by relative path (python/model.py.jinja...).
    templates: Path | None = None
    target: str = "dataclasses"  # the kind of classes generated (docmodels.emit.targets)
    # Format every module with black (--black) instead of laying out our templates' modules
    # without it (emit/layout.py): the same output, slower; a way round a layout mistake.
    black: bool = False
    # Every loss (a property read as Any, a page left out) is an error (--strict): for teams
    # whose own specs must read cleanly, and the pre-commit hooks.
    strict: bool = False
    # The API's JSON key convention (a KeyCase value: camelCase, snake_case...), for pages that
    # write the SDK's field names instead of the keys (--keys; keys.py). None: inferred from the
    # pages where they show it, else every usual spelling is accepted.
    keys: str | None = None
    # The most bytes all pages of a run may hold together (``max-input-mib``; limits.py): past
    # it the run stops with an error instead of running for minutes and taking gigabytes.
    max_input_bytes: int = MAX_INPUT_BYTES
    # The folder of the pyproject.toml the settings came from: spec paths are recorded (in the
    # IR, in generated headers, in diagnostics) relative to it, so that output does not depend on
    # where in the project the command runs. None: no project; the working folder is used. The
    # command line puts the project's folder here, found from the specs where need be (project.py).
    root: Path | None = None
    # The package folder and the docs folder, where they are not output/<package> and
    # output/docs (``package-dir``, ``docs-dir``; outputs.py): each is then docmodels' own alone,
    # inside folders that hold other files (src/api_models, docs/models). The package folder's
    # name is the package's.
    package_dir: Path | None = None
    docs_dir: Path | None = None

    @property
    def key_case(self) -> KeyCase | None:
        return None if self.keys is None else KeyCase(self.keys)


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(start: Path) -> Settings:
    """Settings from the nearest pyproject.toml; its paths are relative to that file's folder."""
    pyproject = find_pyproject(start)
    if pyproject is None:
        return Settings()
    try:
        data = tomlfile.parse(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc}") from None
    except tomlfile.TomlError as exc:
        shown = _relative(pyproject).as_posix()
        at = Location(shown) if exc.line is None else Location(shown, exc.line, exc.column or 1)
        raise ConfigError(f"configuration {exc.message}", at) from None
    table = data.get("tool", {}).get("docmodels")
    if table is None:
        return Settings(root=pyproject.parent)
    text = pyproject.read_text(encoding="utf-8")

    def fail(key: str, message: str) -> ConfigError:
        """A ConfigError at the key's value in the file (pyproject.toml:LINE:COL)."""
        return ConfigError(f"[tool.docmodels] {message}", _located(pyproject, text, key))

    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.docmodels] must be a table")
    known = {"specs", "output", "package", "dialect", "overlay", "templates", "target", "strict",
             "keys", "max-input-mib", "package-dir", "docs-dir"}
    unknown = sorted(set(table) - known, key=lambda k: _line_of(text, k))
    if unknown:
        first = unknown[0]
        where = _located(pyproject, text, first, at_value=False)
        others = f" (also unknown: {', '.join(map(repr, unknown[1:]))})" if unknown[1:] else ""
        raise ConfigError(f"unknown key {first!r} in [tool.docmodels]{hint(first, known)}{others}",
                          where)
    root = pyproject.parent
    base = Settings()
    specs = table.get("specs", [str(p) for p in base.specs])
    if isinstance(specs, str):
        specs = [specs]
    if not isinstance(specs, list) or not all(isinstance(s, str) for s in specs):
        raise fail("specs", "specs must be a list of paths")
    output = table.get("output", str(base.output))
    package = table.get("package", base.package)
    dialect = table.get("dialect")
    package_dir, docs_dir = table.get("package-dir"), table.get("docs-dir")
    for key, value in (("output", output), ("package", package), ("package-dir", package_dir),
                       ("docs-dir", docs_dir)):
        if value is not None and not isinstance(value, str):
            raise fail(key, f"{key} must be a string")
    if isinstance(package_dir, str):
        named = Path(root / package_dir).name
        if "package" in table and package != named:
            raise fail("package", f"package {package!r} is not the name of package-dir "
                       f"{package_dir!r}: leave package out")
        package = named
    if dialect is not None and not isinstance(dialect, str):
        raise fail("dialect", "dialect must be a string")
    overlays = table.get("overlay", [])
    if isinstance(overlays, str):
        overlays = [overlays]
    if not isinstance(overlays, list) or not all(isinstance(o, str) for o in overlays):
        raise fail("overlay", "overlay must be a path or a list of paths")
    templates = table.get("templates")
    if templates is not None and not isinstance(templates, str):
        raise fail("templates", "templates must be a path")
    target = table.get("target", base.target)
    if not isinstance(target, str):
        raise fail("target", "target must be a string")
    strict = table.get("strict", base.strict)
    if not isinstance(strict, bool):
        raise fail("strict", "strict must be true or false")
    keys = table.get("keys")
    cases = [case.value for case in KeyCase]
    if keys is not None and keys not in cases:
        raise fail("keys", f"keys must be one of {', '.join(cases)}"
                   + hint(str(keys), cases))
    max_input = table.get("max-input-mib", MAX_INPUT_MIB)
    if isinstance(max_input, bool) or not isinstance(max_input, int) or max_input < 1:
        raise fail("max-input-mib", "max-input-mib must be a whole number of MiB, at least 1")
    return Settings(
        specs=tuple(_relative(root / s) for s in specs),
        output=_relative(root / output),
        package=package,
        dialect=dialect,
        overlays=tuple(_relative(root / o) for o in overlays),
        templates=None if templates is None else _relative(root / templates),
        target=target,
        strict=strict,
        keys=keys,
        max_input_bytes=max_input << 20,
        root=pyproject.parent,
        package_dir=None if package_dir is None else _relative(root / package_dir),
        docs_dir=None if docs_dir is None else _relative(root / docs_dir),
    )


def _line_of(text: str, key: str) -> int:
    found = tomlfile.key_position(text, "tool.docmodels", key)
    return found[0] if found is not None else 0


def _located(pyproject: Path, text: str, key: str, at_value: bool = True) -> Location | None:
    """Where ``key`` of [tool.docmodels] is set: its value (or the key itself), as the path is
    shown (relative to the working folder where it can be)."""
    found = tomlfile.key_position(text, "tool.docmodels", key)
    if found is None:
        return None
    line, key_column, value_column = found
    return Location(_relative(pyproject).as_posix(), line, value_column if at_value else key_column)


def located(root: Path | None, key: str) -> Location | None:
    """Where the pyproject.toml in ``root`` sets ``key`` of [tool.docmodels], for a value that
    is checked after loading (a target, a dialect, a package name); None where it is not set."""
    if root is None:
        return None
    pyproject = root / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _located(pyproject, text, key)


def _relative(path: Path) -> Path:
    """Shown relative to the working directory where possible, so messages stay short."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path
