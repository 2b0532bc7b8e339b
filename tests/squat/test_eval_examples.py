"""One test per mutation class on real malicious names from ../shared/eval.

Only the tuning half of the evaluation data is used here (the split of
scripts/evaluate.py); the held-out half stays unseen until it is measured.
Each row is put in a class by the shape of the name against its labelled
target, and the detector must find that target for most rows of each class.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from depfence import popular
from depfence.names import canonicalize
from depfence.squat import detect, edits, words
from depfence.squat.distance import osa

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO / ".." / "shared" / "eval"

# the least share of a class's real examples the detector must attribute to the
# labelled target; small classes must be caught whole
FLOORS = {
    "omission": 0.85,
    "repetition": 0.9,
    "insertion": 0.8,
    "keyboard-substitution": 0.9,
    "substitution": 0.55,
    "transposition": 0.95,
    "two-edits": 0.4,
    "separator": 1.0,
    "look-alike": 0.5,
    "python-affix": 0.35,
    "version-suffix": 1.0,
    "reordering": 1.0,
    "plural": 0.85,
    "spelling": 1.0,
    "stdlib": 1.0,
    "combosquat": 1.0,
}


def _evaluate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate", REPO / "scripts" / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shape(name: str, target: str) -> str:
    """The mutation class that turns ``target`` into ``name``, judged from the pair alone."""
    if name in words.stdlib_names():
        return "stdlib"
    if target in words.spellings(name):  # colourama is one edit too, but not a typo
        return "spelling"
    distance = osa(name, target)
    if distance == 1:
        return edits.classify(name, target)
    families = {
        "look-alike": edits.unconfuse(name),
        "separator": {t for t in (target,) if t.replace("-", "") == name.replace("-", "")},
        "spelling": words.spellings(name),
        "plural": words.plurals(name),
        "reordering": words.reorderings(name),
        "python-affix": words.python_affixes(name),
        "version-suffix": words.version_suffix(name),
        "common-affix": words.common_affixes(name),
    }
    for label, names in families.items():
        if target in names:
            return label
    if distance == 2:
        return "two-edits"
    parts = name.split("-")
    runs = {"-".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts))}
    return "combosquat" if target in runs else "other"


def examples() -> dict[str, list[tuple[str, str]]]:
    if not (EVAL / "squats_labelled.tsv").is_file():
        pytest.skip("needs the evaluation data in ../shared/eval beside the repository (absent)")
    evaluate = _evaluate_module()
    rows = [
        (r["name"], r["target"])
        for r in evaluate.read_tsv(EVAL / "squats_labelled.tsv")
        if r["ecosystem"] == "pypi" and r["target_popular"] == "yes"
    ]
    rows += [(r["name"], r["target"]) for r in evaluate.read_tsv(EVAL / "squats_inferred_pypi.tsv")]
    by_class: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, target in dict.fromkeys((canonicalize(n), canonicalize(t)) for n, t in rows):
        if evaluate.half(name) != "tune" or popular.rank(target) is None:
            continue
        if popular.rank(name) is None:
            by_class[shape(name, target)].append((name, target))
    return by_class


@pytest.mark.parametrize("mutation", sorted(FLOORS))
def test_real_squats_of_each_class(mutation: str) -> None:
    rows = examples().get(mutation, [])
    if not rows:
        pytest.skip(f"no {mutation} example in the tuning half of the evaluation data")
    found: list[str] = []
    missed: list[str] = []
    for name, target in rows:
        match = detect(name)
        # a standard-library name is reported as such, whichever package it also imitates
        hit = match is not None and (match.target == target or match.mutation == "stdlib")
        (found if hit else missed).append(name)
    share = len(found) / len(rows)
    assert share >= FLOORS[mutation], f"{mutation}: {share:.2f} of {len(rows)}; missed {missed}"
