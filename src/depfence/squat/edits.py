"""One-edit neighbours of a name, and what kind of edit turns one name into another.

Rather than measuring the distance to 15,000 popular names, depfence generates
every name one edit away from the checked one (about 80 per character) and looks
them up in the popular set.  Which characters a typist or a reader confuses:
keyboard neighbours follow a US QWERTY layout (the row above and below, offset
as on a real keyboard); look-alikes are ASCII characters or pairs that read
alike in most fonts.
"""

from __future__ import annotations

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-"

_ROWS = ("1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm")
# how far each row is shifted right of the one above, in quarter keys
_SHIFT = (0, 2, 3, 5)


def _neighbours() -> dict[str, frozenset[str]]:
    places = {
        ch: (row, col * 4 + _SHIFT[row])
        for row, keys in enumerate(_ROWS)
        for col, ch in enumerate(keys)
    }
    near: dict[str, set[str]] = {ch: set() for ch in places}
    for a, (row_a, x_a) in places.items():
        for b, (row_b, x_b) in places.items():
            if a != b and abs(row_a - row_b) <= 1 and abs(x_a - x_b) <= 4:
                near[a].add(b)
    return {ch: frozenset(others) for ch, others in near.items()}


_NEAR: dict[str, frozenset[str]] | None = None


def adjacent(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are neighbouring keys."""
    global _NEAR
    if _NEAR is None:
        _NEAR = _neighbours()
    return b in _NEAR.get(a, ())


# single characters that read alike: digit for letter and letter for letter
LOOKALIKE_CHARS = frozenset(
    {
        frozenset(pair)
        for pair in (
            "0o",
            "1l",
            "1i",
            "li",
            "3e",
            "4a",
            "5s",
            "7t",
            "8b",
            "9g",
            "6b",
            "2z",
            "uv",
            "nh",
        )
    }
)
# runs that read as one letter: ("rn", "m") means "rn" can pass for "m"
LOOKALIKE_RUNS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def lookalike(a: str, b: str) -> bool:
    """Whether the single characters ``a`` and ``b`` are easily misread for each other."""
    return frozenset((a, b)) in LOOKALIKE_CHARS


def unconfuse(key: str) -> set[str]:
    """Names ``key`` may be imitating by look-alike characters (not ``key`` itself)."""
    out: set[str] = set()
    # every look-alike digit read as its letter at once, and each one alone
    digits = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
    if any(ch in digits for ch in key):
        out.add("".join(digits.get(ch, ch) for ch in key))
        out.add(key.replace("1", "i"))
    for seen, meant in LOOKALIKE_RUNS:
        start = key.find(seen)
        while start != -1:
            out.add(key[:start] + meant + key[start + len(seen) :])
            start = key.find(seen, start + 1)
        start = key.find(meant)
        while start != -1:
            out.add(key[:start] + seen + key[start + len(meant) :])
            start = key.find(meant, start + 1)
    out.discard(key)
    return out


def neighbours(word: str, limit: int | None = None) -> set[str]:
    """Every string at optimal-string-alignment distance exactly one from ``word``.

    With ``limit``, only those from an edit before its ``limit``-th character
    (with 2: every neighbour that does not start as ``word`` does).
    """
    end = len(word) + 1 if limit is None else min(limit, len(word) + 1)
    splits = [(word[:i], word[i:]) for i in range(end)]
    out = {left + right[1:] for left, right in splits if right}
    out.update(left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1)
    out.update(left + ch + right[1:] for left, right in splits if right for ch in ALPHABET)
    out.update(left + ch + right for left, right in splits for ch in ALPHABET)
    out.discard(word)
    return out


def one_apart(word: str, other: str) -> bool:
    """Whether ``other`` is one of ``neighbours(word)``, found without generating them."""
    size = len(word)
    if len(other) == size:
        i = 0
        while i < size and word[i] == other[i]:
            i += 1
        if i == size:
            return False
        if word[i + 1 :] == other[i + 1 :]:
            return other[i] in ALPHABET
        return (
            i + 1 < size
            and word[i] == other[i + 1]
            and word[i + 1] == other[i]
            and word[i + 2 :] == other[i + 2 :]
        )
    if len(other) == size - 1:
        i = 0
        while i < size - 1 and word[i] == other[i]:
            i += 1
        return word[i + 1 :] == other[i:]
    if len(other) == size + 1:
        i = 0
        while i < size and word[i] == other[i]:
            i += 1
        return word[i:] == other[i + 1 :] and other[i] in ALPHABET
    return False


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
    if lookalike(a, b):
        return "look-alike"
    # a changed digit inside a number (cuda113 for cuda11x) is another version, not a typo
    if (a.isdigit() or b.isdigit()) and (_next_to_digit(key, i) or _number_end(key, i)):
        return "version-number"
    if adjacent(a, b):
        return "keyboard-substitution"
    return "substitution"
