"""The detector on names whose answer is known without any evaluation data."""

from __future__ import annotations

import pytest

from depfence import popular
from depfence.squat import BLOCK, WARN, closest, detect
from depfence.squat.edits import classify

# (checked name, popular name it imitates, mutation class, tier)
KNOWN = [
    ("reqeusts", "requests", "transposition", BLOCK),
    ("djnago", "django", "transposition", BLOCK),
    ("requets", "requests", "omission", BLOCK),
    ("cryptograpy", "cryptography", "omission", BLOCK),
    ("numpyy", "numpy", "repetition", BLOCK),
    ("virtualenvv", "virtualenv", "repetition", BLOCK),
    ("pandxas", "pandas", "insertion", BLOCK),
    ("requesrs", "requests", "keyboard-substitution", BLOCK),
    ("matplotleb", "matplotlib", "substitution", BLOCK),
    ("tnesorfolw", "tensorflow", "two-edits", WARN),
    ("scikitlearn", "scikit-learn", "separator", BLOCK),
    ("typingextensions", "typing-extensions", "separator", BLOCK),
    ("requ3sts", "requests", "look-alike", BLOCK),
    ("rnatplotlib", "matplotlib", "look-alike", BLOCK),
    ("djang0", "django", "look-alike", BLOCK),
    ("python-requests", "requests", "python-affix", BLOCK),
    ("requests-python", "requests", "python-affix", BLOCK),
    ("requests2", "requests", "version-suffix", BLOCK),
    ("requests-utils", "requests", "common-affix", WARN),
    ("numpy-dev", "numpy", "common-affix", WARN),
    ("dateutil-python", "python-dateutil", "reordering", BLOCK),
    ("huggingface-hubs", "huggingface-hub", "plural", BLOCK),
    ("sphinx-rtd-themes", "sphinx-rtd-theme", "plural", BLOCK),
    ("colourama", "colorama", "spelling", BLOCK),
    ("subprocess", "subprocess", "stdlib", BLOCK),
    ("requests-lite", "requests", "combosquat", WARN),
    ("tensorflow-lite", "tensorflow", "combosquat", WARN),
]


@pytest.mark.parametrize(("key", "target", "mutation", "tier"), KNOWN)
def test_known_squat(key: str, target: str, mutation: str, tier: str) -> None:
    match = detect(key)
    assert match is not None, key
    assert (match.target, match.mutation, match.tier) == (target, mutation, tier)
    assert match.rank == (popular.rank(target) if mutation != "stdlib" else 0)


def test_every_mutation_class_has_a_known_example() -> None:
    from depfence.squat.match import MUTATIONS

    assert {mutation for _, _, mutation, _ in KNOWN} == set(MUTATIONS)


def test_popular_names_are_never_flagged() -> None:
    # many popular names are one edit apart (boto3/boto, pyyaml/pyaml): none is a squat
    assert [key for key in popular.by_rank() if detect(key) is not None] == []


@pytest.mark.parametrize("key", ["mylocalpkg", "internal-tools-for-acme", "zq", "x", ""])
def test_names_like_nothing_popular_pass(key: str) -> None:
    assert detect(key) is None


def test_very_short_names_get_no_distance_rule() -> None:
    # "sx" is one edit from "six" and "rs" from "rq", but two letters prove nothing
    assert detect("sx") is None
    assert detect("rs") is None


def test_two_edits_only_against_long_popular_names() -> None:
    # "requesxt" is two edits from "requests" (ranked in the top ten); the same
    # distance from a six-letter name is no evidence
    assert detect("requesxt") is not None
    assert detect("pnadsa") is None


def test_version_numbers_inside_names_are_not_typos() -> None:
    # cupy-cuda12x exists; another CUDA version is another package, not a slip
    assert classify("cupy-cuda113", "cupy-cuda11x") == "version-number"
    assert classify("elasticsearch5", "elasticsearch6") == "version-number"
    assert classify("s4transfer", "s3transfer") == "keyboard-substitution"


def test_closest_lists_popular_names_best_first() -> None:
    found = closest("reqeusts")
    assert found[0] == ("requests", popular.rank("requests"))
    assert closest("mylocalpkg") == []
    assert len(closest("requets", limit=1)) == 1


def test_known_legitimate_look_alikes_pass() -> None:
    from depfence.squat import core, legit

    known = legit.known()
    assert known, "the curated list is empty"
    for name, resembles in known.items():
        assert popular.rank(name) is None, f"{name} is popular: no need to list it"
        assert popular.rank(resembles) is not None, f"{name}: {resembles} is not popular"
        assert core.matches(name), f"{name} resembles nothing: no need to list it"
        assert detect(name) is None
