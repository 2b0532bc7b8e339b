"""The pure-Python distances and neighbour generation agree with rapidfuzz."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA, Levenshtein

from depfence.squat.distance import levenshtein, osa
from depfence.squat.edits import ALPHABET, neighbours, one_apart

# a small alphabet makes repeated letters, swaps and near-misses common
names = st.text(alphabet="abcd-1", max_size=9)


@given(names, names)
@settings(max_examples=600)
def test_osa_agrees_with_rapidfuzz(a: str, b: str) -> None:
    assert osa(a, b) == OSA.distance(a, b)


@given(names, names)
@settings(max_examples=600)
def test_levenshtein_agrees_with_rapidfuzz(a: str, b: str) -> None:
    assert levenshtein(a, b) == Levenshtein.distance(a, b)


@given(names, names, st.integers(min_value=0, max_value=3))
@settings(max_examples=600)
def test_limited_osa_caps_at_limit_plus_one(a: str, b: str, limit: int) -> None:
    assert osa(a, b, limit) == min(OSA.distance(a, b), limit + 1)


@given(st.text(alphabet="abc-", max_size=6), st.text(alphabet="abc-", max_size=7))
@settings(max_examples=600)
def test_neighbours_are_exactly_the_names_one_edit_away(word: str, other: str) -> None:
    assert (other in neighbours(word)) == (OSA.distance(word, other) == 1)


@given(st.text(alphabet="abc-X", max_size=6), st.text(alphabet="abc-X", max_size=7))
@settings(max_examples=600)
def test_one_apart_says_whether_a_name_is_a_neighbour(word: str, other: str) -> None:
    # "X" is outside the alphabet typos are made of: no neighbour gains one
    assert one_apart(word, other) == (other in neighbours(word))


@given(st.text(alphabet="abc-", max_size=6), st.integers(min_value=0, max_value=3))
@settings(max_examples=300)
def test_neighbours_with_a_limit_are_the_edits_near_the_start(word: str, limit: int) -> None:
    near_start = neighbours(word, limit)
    assert near_start <= neighbours(word)
    # every neighbour that starts differently comes from an edit before the limit
    assert {n for n in neighbours(word) if n[:limit] != word[:limit]} <= near_start


def test_neighbours_cover_every_edit_of_a_real_name() -> None:
    found = neighbours("requests")
    assert {"reqeusts", "requets", "requestss", "rrequests", "requesrs", "re-quests"} <= found
    assert "requests" not in found
    assert all(set(name) <= set(ALPHABET) for name in found)


@given(st.lists(st.text(alphabet="abcd-", min_size=6, max_size=10), max_size=8), names)
@settings(max_examples=300)
def test_near_index_finds_targets_within_two_edits(targets: list[str], key: str) -> None:
    from depfence.squat.distance import NearIndex

    found = dict(NearIndex(targets).search(key))
    for target in targets:
        distance = OSA.distance(key, target)
        if target in found:
            assert found[target] == distance <= 2
        elif distance <= 2:
            # the only blind spot: two swaps that each straddle a cut between pieces
            assert distance == 2
