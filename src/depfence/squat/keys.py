"""Which characters a typist or a reader confuses.

Keyboard neighbours follow a US QWERTY layout (the row above and below, offset
as on a real keyboard); look-alikes are ASCII characters or pairs that read
alike in most fonts.
"""

from __future__ import annotations

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
