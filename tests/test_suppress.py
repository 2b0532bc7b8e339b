from __future__ import annotations

from depfence.suppress import ignored_rules, silences


def test_bare_ignore_silences_everything() -> None:
    assert ignored_rules(" depfence: ignore") == frozenset()
    assert silences("pinned by our vendor # depfence: ignore", "typosquat")


def test_named_rules_by_name_or_code() -> None:
    assert ignored_rules("depfence: ignore[typosquat, DF201]") == {"typosquat", "unpinned"}
    assert silences("depfence: ignore[unpinned]", "unpinned")
    assert not silences("depfence: ignore[unpinned]", "typosquat")


def test_unknown_rule_names_silence_nothing() -> None:
    assert not silences("depfence: ignore[typosqaut]", "typosquat")


def test_ordinary_comments_are_not_directives() -> None:
    assert ignored_rules("pinned for python 3.8") is None
    assert ignored_rules("depfence is great") is None
