"""One-edit neighbours of a name, and what kind of edit turns one name into another.

Rather than measuring the distance to 15,000 popular names, depfence generates
every name one edit away from the checked one (about 80 per character) and looks
them up in the popular set.
"""

from __future__ import annotations

from depfence.squat import keys

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-"


def neighbours(word: str) -> set[str]:
    """Every string at optimal-string-alignment distance exactly one from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {left + right[1:] for left, right in splits if right}
    out.update(left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1)
    out.update(left + ch + right[1:] for left, right in splits if right for ch in ALPHABET)
    out.update(left + ch + right for left, right in splits for ch in ALPHABET)
    out.discard(word)
    return out


def _is_plural_edit(short: str, long: str) -> bool:
    """``long`` is ``short`` with an ``s`` added at the end of one of its words."""
    for i in range(len(short) + 1):
        if long[:i] == short[:i] and long[i] == "s" and long[i + 1 :] == short[i:]:
            end = i + 1 == len(long) or long[i + 1] == "-"
            if end and i >= 3 and short[i - 1] != "s":
                return True
    return False


def _next_to_digit(key: str, i: int) -> bool:
    return (i > 0 and key[i - 1].isdigit()) or (i + 1 < len(key) and key[i + 1].isdigit())


def _number_end(word: str, i: int) -> bool:
    """``word[i]`` is a digit that ends a word: a version (``pyasn1``, ``jinja2-cli``)."""
    return word[i].isdigit() and (i + 1 == len(word) or word[i + 1] == "-")


def classify(key: str, target: str) -> str:
    """The mutation that turns ``target`` into ``key``, which must be one edit apart."""
    if len(key) < len(target):
        i = next((i for i, (a, b) in enumerate(zip(key, target, strict=False)) if a != b), len(key))
        # an omitted doubled letter is still an omission: the typist skipped a key
        if target[i] == "-":
            return "separator"
        if _number_end(target, i):
            return "version-suffix"
        return "plural" if _is_plural_edit(key, target) else "omission"
    if len(key) > len(target):
        i = next(
            (i for i, (a, b) in enumerate(zip(key, target, strict=False)) if a != b), len(target)
        )
        extra = key[i]
        if extra == "-":
            return "separator"
        if _number_end(key, i):
            return "version-suffix"
        if _is_plural_edit(target, key):
            return "plural"
        if (i > 0 and key[i - 1] == extra) or (i + 1 < len(key) and key[i + 1] == extra):
            return "repetition"
        return "insertion"
    i = next(i for i, (a, b) in enumerate(zip(key, target, strict=False)) if a != b)
    if key[i + 1 :] != target[i + 1 :]:
        return "transposition"
    a, b = key[i], target[i]
    if "-" in (a, b):
        return "separator"
    if keys.lookalike(a, b):
        return "look-alike"
    # a changed digit inside a number (cuda113 for cuda11x) is another version, not a typo
    if (a.isdigit() or b.isdigit()) and (_next_to_digit(key, i) or _number_end(key, i)):
        return "version-number"
    if keys.adjacent(a, b):
        return "keyboard-substitution"
    return "substitution"
