#!/usr/bin/env python3
"""Regenerate the ground-truth model pages: our OpenAPI specs through real openapi-generator.

For every spec in groundtruth/specs/ and every (generator, version) below, run
openapi-generator-cli (its jar, taken from the PyPI package of that version; Java 17 runs it)
and keep the model pages it writes, as groundtruth/pages/<spec>/<generator>@<version>/*.md.
The pages are committed: tests read them without Java or a network.

    python groundtruth/regenerate.py              # everything
    python groundtruth/regenerate.py rust go      # only these generators
    python groundtruth/regenerate.py go --versions 4.3.1

A (generator, version) pair the release does not have is skipped and listed at the end.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPECS = HERE / "specs"
PAGES = HERE / "pages"
CACHE = Path.home() / ".cache" / "docmodels-groundtruth"

# The handlebars templates (python@6.6.0) reflect into java.util, which Java 17 closes.
JVM = ("--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens",
       "java.base/java.lang=ALL-UNNAMED")
VERSIONS_7 = ("7.0.1", "7.12.0", "7.26.0")
# generator name -> the releases to run it from (the name means a different dialect in some).
GENERATORS: dict[str, tuple[str, ...]] = {
    # 4.3: legacy; 5.x: prior; 6.x: the former python-experimental; 7: pydantic
    "python": ("4.3.1", "5.4.0", "6.6.0", *VERSIONS_7),
    "python-legacy": ("5.4.0",),
    "python-prior": ("6.6.0",),
    "python-pydantic-v1": ("7.12.0", "7.26.0"),
    "rust": ("5.4.0", "6.6.0", *VERSIONS_7),
    "go": ("4.3.1", "5.4.0", *VERSIONS_7),
    "java": ("5.4.0", "6.6.0", *VERSIONS_7),
    "java-micronaut-client": ("5.4.0", *VERSIONS_7),  # read by the java dialect
    "kotlin": VERSIONS_7,
    "scala-akka": VERSIONS_7,
    "android": ("6.6.0", "7.12.0"),
    "typescript-axios": VERSIONS_7,
    "typescript-fetch": VERSIONS_7,
    "javascript": VERSIONS_7,
    "csharp-netcore": ("5.4.0", "6.6.0"),
    "csharp": VERSIONS_7,
    "php": ("4.3.1", "5.4.0", *VERSIONS_7),
    "php-nextgen": ("7.12.0", "7.26.0"),
    "ruby": VERSIONS_7,
    "dart": VERSIONS_7,
    "dart-dio": VERSIONS_7,
    "swift5": VERSIONS_7,
    "swift6": ("7.26.0",),
    "r": ("6.6.0", *VERSIONS_7),
    "perl": VERSIONS_7,
    "powershell": ("5.4.0", *VERSIONS_7),
    "julia-client": ("7.12.0", "7.26.0"),
    "bash": ("6.6.0", *VERSIONS_7),
    "c": VERSIONS_7,
    "eiffel": VERSIONS_7,
    "markdown": ("4.3.1", "5.4.0", "6.6.0", *VERSIONS_7),
    "ktorm-schema": VERSIONS_7,
    "php-symfony": VERSIONS_7,
    "objc": VERSIONS_7,
    "rust-server": VERSIONS_7,
}


def jar(version: str) -> Path:
    """The generator's jar for a release, from the PyPI package of that version (cached)."""
    target = CACHE / version / "openapi-generator.jar"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp,
             f"openapi-generator-cli=={version}"],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".jar"))
            target.write_bytes(archive.read(name))
    return target


def is_model_page(path: Path) -> bool:
    if path.name.lower() == "readme.md" or path.stem.endswith(("Api", "API")):
        return False
    text = path.read_text(encoding="utf-8", errors="replace")
    # java-micronaut's docs/auth.md describes the security schemes, not a model.
    return "HTTP request" not in text and not text.lstrip().startswith("# Authorization methods")


def run(spec: Path, generator: str, version: str) -> tuple[str, str, str | None]:
    out = PAGES / spec.stem / f"{generator}@{version}"
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            ["java", *JVM, "-jar", str(jar(version)), "generate", "-g", generator, "-i", str(spec),
             "-o", tmp, "--skip-validate-spec"],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines()
            return generator, version, lines[-1] if lines else "failed"
        docs = sorted(
            p for p in Path(tmp).rglob("*.md")
            # markdown (the documentation generator) writes its model pages into Models/.
            if {"docs", "doc", "Models"} & set(p.relative_to(tmp).parts) and is_model_page(p)
        )
        if out.exists():
            shutil.rmtree(out)
        if not docs:
            return generator, version, "writes no model pages"
        out.mkdir(parents=True)
        for page in docs:
            shutil.copyfile(page, out / page.name)
    return generator, version, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("generators", nargs="*", help="only these generators")
    parser.add_argument("--versions", nargs="+", help="only these releases")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    chosen = args.generators or list(GENERATORS)
    for version in sorted({v for g in chosen for v in GENERATORS[g]}):
        jar(version)
    jobs = [
        (spec, generator, version)
        for spec in sorted(SPECS.glob("*.yaml"))
        for generator in chosen
        for version in GENERATORS[generator]
        if args.versions is None or version in args.versions
    ]
    failures = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for generator, version, problem in pool.map(lambda job: run(*job), jobs):
            print(f"{generator}@{version}: {problem or 'ok'}", flush=True)
            if problem:
                failures.append(f"{generator}@{version}: {problem}")
    if failures:
        print("\nnot generated:\n" + "\n".join(failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
