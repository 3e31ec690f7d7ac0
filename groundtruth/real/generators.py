"""Which openapi-generator generators write model docs: Markdown pages with a property table.

How the list was found (``python -m groundtruth.real.generators 7.26.0``, 72 s):
``java -jar <jar> list --include all`` (deprecated ones too: swift5) at 7.26.0 names 80 client,
73 server, 9 documentation, 8 schema and 1 config generator. Every client and documentation
generator (89) was run (``batch``) on groundtruth/specs/catalog.yaml; a generator writes model
docs when some Markdown file it wrote, other than a README, has a table whose header row starts
with ``Name | Type``. Server, schema and config generators write no SDK docs folder and were not
run. The other 57 client generators wrote no such page for that spec (most write no docs
folder; a generator that failed on it would be missed: none of the focus ones did).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from groundtruth.real import batch
from groundtruth.regenerate import HERE, jar

# Found at 7.26.0 by discover() (see the module docstring); the result, in `list` order.
MODEL_DOCS_7_26: tuple[str, ...] = (
    "android", "bash", "c", "csharp", "dart", "dart-dio", "eiffel", "go", "java",
    "java-helidon-client", "java-micronaut-client", "javascript", "javascript-apollo-deprecated",
    "julia-client", "kotlin", "objc", "perl", "php", "php-nextgen", "powershell", "python",
    "python-pydantic-v1", "r", "ruby", "rust", "scala-akka", "scala-pekko", "swift5", "swift6",
    "typescript-axios", "typescript-fetch", "markdown",
)

# The generators the lead cares most about (the dialects docmodels reads), for smaller runs.
FOCUS = ("python", "rust", "go", "java", "kotlin", "typescript-axios", "typescript-fetch",
         "csharp", "php", "ruby", "dart", "swift5", "c", "powershell", "perl", "r", "bash",
         "julia-client", "scala-akka", "javascript")

_HEADER = re.compile(r"^\|?\s*Name\s*\|\s*Type\b", re.MULTILINE)


def listed(version: str, kinds: tuple[str, ...] = ("CLIENT", "DOCUMENTATION")) -> list[str]:
    """Generator names of the given kinds, as ``list`` prints them (``- name (beta)``)."""
    text = subprocess.run(["java", "-jar", str(jar(version)), "list", "--include", "all"],
                          capture_output=True, text=True, check=True).stdout
    names, kind = [], ""
    for line in text.splitlines():
        if line.strip().endswith("generators:"):
            kind = line.split()[0].upper()
        elif line.strip().startswith("- ") and kind in kinds:
            names.append(line.strip()[2:].split()[0])
    return names


def writes_model_docs(folder: Path) -> bool:
    return any(
        page.name.lower() != "readme.md"
        and _HEADER.search(page.read_text(encoding="utf-8", errors="replace"))
        for page in folder.rglob("*.md")
    )


def discover(version: str) -> list[str]:
    spec = HERE / "specs" / "catalog.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [batch.Job(name, spec, Path(tmp) / name) for name in listed(version)]
        outcomes, _, _ = batch.run(version, jobs, threads=2)
        return [o.job.generator for o in outcomes if writes_model_docs(o.job.out)]


if __name__ == "__main__":
    print(" ".join(discover(sys.argv[1] if len(sys.argv) > 1 else "7.26.0")))
