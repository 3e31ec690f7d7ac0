#!/usr/bin/env python3
"""The generated code at run time: from_dict and to_dict of docmodels' default target against
pydantic v2 (model_validate / model_dump), msgspec (convert / to_builtins), attrs + cattrs and
dacite, on the same models and payloads: the seed model with five nested timestamps, a model of
40 properties, a model nested five deep, and an invalid payload.

    .venv/bin/python benchmarks/runtime.py [--no-write]

The peers run in benchmarks/.peers/venv (pip-installed there on first use, never into the
project's environment). The table goes into docs/benchmarks.md between its runtime markers.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from runtime_models import OVERLAY, pages

PEERS = HERE / ".peers" / "venv"
PEER_PACKAGES = ("pydantic>=2.12", "msgspec", "attrs", "cattrs", "dacite")
DOCS = REPO / "docs" / "benchmarks.md"
BEGIN, END = "<!-- runtime: begin -->\n", "<!-- runtime: end -->\n"
VERSIONS = (
    "from importlib import metadata as m; print(', '.join(f'{p} ' + m.version(p) for p in "
    "('pydantic', 'msgspec', 'attrs', 'cattrs', 'dacite')))"
)
TOOLS = ("docmodels", "pydantic", "msgspec", "attrs + cattrs", "dacite")


def peers_python() -> Path:
    python = PEERS / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


def generate(work: Path) -> Path:
    """The seed specs and the wide and deep pages, generated with the default target."""
    specs = work / "specs"
    # The seed specs as they are (a folder per dialect, with their overlays), and ours beside.
    shutil.copytree(REPO / "specs", specs)
    bench = specs / "bench"
    bench.mkdir()
    for name, text in pages().items():
        (bench / f"{name}.md").write_text(text, encoding="utf-8")
    (bench / "docmodels-overlay.toml").write_text(OVERLAY, encoding="utf-8")
    out = work / "out"
    subprocess.run(
        [sys.executable, "-m", "docmodels", "generate", str(specs), "-o", str(out),
         "--package", "bench_models"],
        check=True, cwd=work, capture_output=True,
    )
    return out


def table(results: dict[str, dict[str, float]]) -> str:
    lines = [
        "| case | " + " | ".join(TOOLS) + " | docmodels ÷ pydantic | docmodels ÷ msgspec |",
        "|---|" + "---:|" * (len(TOOLS) + 2),
    ]
    for case, times in results.items():
        cells = [f"{times[tool] * 1e6:.2f} µs" for tool in TOOLS]
        ours = times["docmodels"]
        lines.append(
            f"| {case} | " + " | ".join(cells)
            + f" | {ours / times['pydantic']:.2f}× | {ours / times['msgspec']:.2f}× |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    python = peers_python()
    with tempfile.TemporaryDirectory() as tmp:
        out = generate(Path(tmp))
        run = subprocess.run(
            [str(python), str(HERE / "runtime_peers.py"), str(out), "bench_models"],
            check=True, capture_output=True, text=True, cwd=HERE,
        )
    results = json.loads(run.stdout)
    versions = subprocess.run(
        [str(python), "-c", VERSIONS],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = (
        f"Measured {when} on {platform.machine()}, Python {platform.python_version()}, "
        f"{versions}. Time per call, the fastest of 7 rounds of 2,000 calls.\n\n" + table(results)
    )
    print(body)
    if not args.no_write:
        text = DOCS.read_text(encoding="utf-8")
        head, rest = text.split(BEGIN, 1)
        DOCS.write_text(head + BEGIN + body + END + rest.split(END, 1)[1], encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
