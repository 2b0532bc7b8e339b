"""Measure depfence's typosquat detection on the shared evaluation data.

Usage: python scripts/evaluate.py [--eval-dir DIR] [--show tune|held] [--startup]

Reads ../shared/eval/ beside the repository (or --eval-dir) and prints Markdown
tables: recall on malicious look-alike names whose target is popular, false
alarms on real projects' dependencies (all of them, and the long tail outside
the popular list), false alarms on benign look-alikes, and time per name.

Every name is put in one of two halves by a hash of its normalised form.  The
detector's rules were tuned on the "tune" half only; the "held-out" half is the
one to report.  --show lists the misses and false alarms of one half.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from depfence import popular  # noqa: E402
from depfence.names import canonicalize  # noqa: E402
from depfence.squat import core  # noqa: E402
from depfence.squat.match import BLOCK, Match  # noqa: E402

HALVES = ("tune", "held")
Detector = Callable[[str], "Match | None"]


def half(name: str) -> str:
    """The half a name belongs to: fixed by its normalised form, never by chance."""
    return HALVES[hashlib.sha256(canonicalize(name).encode()).digest()[0] % 2]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def pct(hits: int, total: int) -> str:
    return f"{hits / total:.1%} ({hits}/{total})" if total else "-"


def ratio(hits: int, total: int) -> str:
    return f"{hits / total:.2f} ({hits}/{total})" if total else "-"


class Tally:
    """Counts per (half, group) of names seen, flagged at any tier, flagged at block tier."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], int] = defaultdict(int)
        self.any: dict[tuple[str, str], int] = defaultdict(int)
        self.block: dict[tuple[str, str], int] = defaultdict(int)
        self.same_target: dict[tuple[str, str], int] = defaultdict(int)

    def add(self, part: str, group: str, match: Match | None, target: str | None = None) -> None:
        for g in (group, "all"):
            self.seen[part, g] += 1
            if match is not None:
                self.any[part, g] += 1
                self.block[part, g] += match.tier == BLOCK
                if target is not None and match.target == canonicalize(target):
                    self.same_target[part, g] += 1

    def groups(self) -> list[str]:
        names = sorted({g for _, g in self.seen if g != "all"})
        return [*names, "all"]


def recall_table(title: str, tally: Tally) -> str:
    lines = [
        f"### {title}",
        "",
        "| class (source's label) | half | names | recall, any tier | recall, blocking | "
        "same target as label |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for group in tally.groups():
        for part in HALVES:
            seen = tally.seen[part, group]
            if not seen:
                continue
            label = "**all**" if group == "all" else group or "(none)"
            lines.append(
                f"| {label} | {part} | {seen} | {ratio(tally.any[part, group], seen)} | "
                f"{ratio(tally.block[part, group], seen)} | "
                f"{ratio(tally.same_target[part, group], seen)} |"
            )
    return "\n".join(lines)


def alarm_table(title: str, rows: Iterable[tuple[str, dict[str, Match | None]]]) -> str:
    lines = [
        f"### {title}",
        "",
        "| names | half | count | false alarms, blocking | false alarms, any tier |",
        "|---|---|---:|---:|---:|",
    ]
    by_class: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for label, results in rows:
        for part in HALVES:
            keys = [k for k in results if half(k) == part]
            flagged = [results[k] for k in keys if results[k] is not None]
            blocking = sum(m.tier == BLOCK for m in flagged if m is not None)
            lines.append(
                f"| {label} | {part} | {len(keys)} | {pct(blocking, len(keys))} | "
                f"{pct(len(flagged), len(keys))} |"
            )
            if label.startswith("all"):
                for m in flagged:
                    if m is not None:
                        counts = by_class[m.mutation][part]
                        counts[0] += m.tier == BLOCK
                        counts[1] += 1
    if by_class:
        lines += ["", "False alarms on all dependency names by the rule that fired:", ""]
        lines += ["| mutation | half | blocking | any tier |", "|---|---|---:|---:|"]
        for mutation in sorted(by_class):
            for part in HALVES:
                block, any_tier = by_class[mutation][part]
                if any_tier:
                    lines.append(f"| {mutation} | {part} | {block} | {any_tier} |")
    return "\n".join(lines)


def describe(match: Match | None) -> str:
    if match is None:
        return "-"
    return f"{match.target} #{match.rank} {match.mutation} {match.tier}"


def evaluate(eval_dir: Path, show: str | None) -> str:
    detect: Detector = core.detect
    out: list[str] = ["## PyPI", ""]
    details: list[str] = []

    def check(key: str) -> Match | None:
        return None if popular.rank(key) is not None else detect(key)

    labelled = [
        r
        for r in read_tsv(eval_dir / "squats_labelled.tsv")
        if r["ecosystem"] == "pypi" and r["target_popular"] == "yes"
    ]
    tally = Tally()
    for row in labelled:
        match = check(canonicalize(row["name"]))
        part = half(row["name"])
        tally.add(part, row["category"], match, row["target"])
        if part == show and (match is None or match.tier != BLOCK):
            details.append(
                f"- labelled {row['name']} -> {row['target']} "
                f"({row['category']}): {describe(match)}"
            )
    out += [recall_table("Labelled squats (target popular)", tally), ""]
    labelled_tally = tally

    inferred = read_tsv(eval_dir / "squats_inferred_pypi.tsv")
    rule_names = {"1": "edit distance", "2": "separators", "3": "affix", "4": "look-alike"}
    tally = Tally()
    for row in inferred:
        match = check(canonicalize(row["name"]))
        part = half(row["name"])
        rule = "+".join(rule_names.get(r, r) for r in row["rule"].split("+"))
        tally.add(part, f"{rule}, distance {row['distance']}", match, row["target"])
        if part == show and match is None:
            details.append(f"- inferred {row['name']} -> {row['target']} ({rule}): missed")
    out += [recall_table("Inferred squats (noisy second opinion)", tally), ""]
    inferred_tally = tally

    legit = sorted({canonicalize(r["name"]) for r in read_tsv(eval_dir / "legit_pypi.tsv")})
    results = {key: check(key) for key in legit}
    tail = {key: m for key, m in results.items() if popular.rank(key) is None}
    benign = {
        canonicalize(r["name"]): check(canonicalize(r["name"]))
        for r in read_tsv(eval_dir / "lookalikes_benign.tsv")
        if r["ecosystem"] == "pypi"
    }
    out.append(
        alarm_table(
            "False alarms",
            [
                ("all dependency names", results),
                ("long tail (not popular)", tail),
                ("benign look-alikes", benign),
            ],
        )
    )
    for key, match in sorted({**results, **benign}.items()):
        if match is not None and half(key) == show:
            details.append(f"- false alarm {key}: {describe(match)}")

    unknown = [k for k in legit if popular.rank(k) is None]
    unknown += [canonicalize(r["name"]) for r in inferred]
    started = time.perf_counter()
    for key in unknown:
        detect(key)
    per_name = (time.perf_counter() - started) / len(unknown)
    out += [
        "",
        f"Time per unknown name in-process (warm, {len(unknown)} names): {per_name * 1e6:.0f} µs.",
    ]
    if details:
        out += ["", f"### Misses and false alarms, {show} half", "", *details]

    def alarms(results: dict[str, Match | None], tier: str | None) -> str:
        keys = [k for k in results if half(k) == "held"]
        hits = [results[k] for k in keys if results[k] is not None]
        return pct(sum(tier is None or m.tier == tier for m in hits if m is not None), len(keys))

    def recall(tally: Tally, which: str) -> str:
        counts = tally.any if which == "any" else tally.block
        return ratio(counts["held", "all"], tally.seen["held", "all"])

    tail_rate = self_test()
    summary = [
        "## Summary (PyPI, held-out half)",
        "",
        "| measure | result | goal |",
        "|---|---:|---:|",
        f"| recall on labelled squats, any tier | {recall(labelled_tally, 'any')} | >= 0.90 |",
        f"| recall on labelled squats, blocking | {recall(labelled_tally, 'block')} | >= 0.80 |",
        f"| recall on inferred squats (noisy), any tier | {recall(inferred_tally, 'any')} | |",
        f"| recall on inferred squats (noisy), blocking | {recall(inferred_tally, 'block')} | |",
        f"| false alarms, real dependency names, blocking | {alarms(results, BLOCK)} | <= 0.5% |",
        f"| false alarms, real dependency names, any tier | {alarms(results, None)} | <= 3% |",
        f"| false alarms, long tail (not popular), blocking | {alarms(tail, BLOCK)} | |",
        f"| false alarms, long tail (not popular), any tier | {alarms(tail, None)} | |",
        f"| false alarms, benign look-alikes, any tier | {alarms(benign, None)} | |",
        f"| time per unknown name, in-process | {per_name * 1e3:.2f} ms | <= 0.5 ms |",
        "",
        "Self-test without evaluation data: the popular list's names ranked after "
        f"{SELF_TEST_CUT:,}, checked against the {SELF_TEST_CUT:,} before them "
        f"(legitimate names close to popular ones): {tail_rate}.",
        "",
    ]
    return "\n".join(summary + out)


SELF_TEST_CUT = 10_000


def self_test() -> str:
    """False alarms on popular names of the tail, checked against a list of the head only."""
    table = popular.ranks()
    head = core.Popular.from_ranks({k: r for k, r in table.items() if r <= SELF_TEST_CUT})
    rest = [k for k, r in table.items() if r > SELF_TEST_CUT]
    found = [m for m in (core.detect(k, head) for k in rest) if m is not None]
    blocking = sum(m.tier == BLOCK for m in found)
    return f"{pct(blocking, len(rest))} blocking, {pct(len(found), len(rest))} any tier"


def startup() -> str:
    """Whole-process cost of the lookups the CLI does, against a bare interpreter."""
    popular_names = ", ".join(repr(n) for n in popular.by_rank()[:50])
    unknown = ["reqeusts", "flask-fancy-widget", "nmap-python", "tensofleow", "mylocalpkg"]
    src = str(REPO / "src")
    scripts = {
        "python -c pass": "pass",
        "import re": "import re",
        "import re + 50 popular lookups": (
            f"import re, sys; sys.path.insert(0, {src!r}); from depfence import popular; "
            f"[popular.rank(n) for n in ({popular_names})]"
        ),
        "import re + 5 unknown names detected": (
            f"import re, sys; sys.path.insert(0, {src!r}); from depfence import popular; "
            "from depfence.squat import detect; "
            f"[popular.rank(n) is None and detect(n) for n in {unknown!r}]"
        ),
    }

    def run(code: str) -> float:
        """Median CPU time (user + system) of a child running ``code``.

        CPU time rather than wall time: it does not grow when other work
        competes for the machine, so the ratios stay comparable.
        """
        times = []
        for _ in range(31):
            child = subprocess.Popen([sys.executable, "-c", code])
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            if child.returncode != 0:
                raise RuntimeError(f"benchmark child failed: {code}")
            times.append(usage.ru_utime + usage.ru_stime)
        return sorted(times)[len(times) // 2]

    base = run("pass")
    lines = ["| process | CPU time (median of 31) | x bare start |", "|---|---:|---:|"]
    for label, code in scripts.items():
        took = run(code)
        lines.append(f"| {label} | {took * 1e3:.1f} ms | {took / base:.2f}x |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure typosquat detection.")
    parser.add_argument("--eval-dir", type=Path, default=REPO / ".." / "shared" / "eval")
    parser.add_argument("--show", choices=HALVES, help="list misses and false alarms of a half")
    parser.add_argument("--startup", action="store_true", help="also time whole processes")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "squats_labelled.tsv").is_file():
        print(f"evaluate: no evaluation data in {os.path.normpath(args.eval_dir)}", file=sys.stderr)
        return 2
    print(evaluate(args.eval_dir, args.show))
    if args.startup:
        print("\n### Whole-process cost\n")
        print(startup())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
