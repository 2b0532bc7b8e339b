"""The bundled list of popular PyPI names, loaded lazily.

``data/pypi-popular.txt`` holds ``name rank`` lines sorted by name (generated
by scripts/generate_popular.py).  Looking up one name binary-searches the text
itself, so checking a manifest of well-known packages never builds a 15,000
entry dict; the detector reads the slices of names it needs (those sharing a
first letter with the name it checks), and the full tables are built only on
request.
"""

from __future__ import annotations

import os

_PATH = os.path.join(os.path.dirname(__file__), "data", "pypi-popular.txt")
# the most downloaded names, best first (written by the same script)
_HEAD_PATH = os.path.join(os.path.dirname(__file__), "data", "pypi-popular-head.txt")

_body: str | None = None
_words: list[str] | None = None
_names: frozenset[str] | None = None
_ranks: dict[str, int] | None = None
_by_rank: tuple[str, ...] | None = None
_head: tuple[list[str], list[int]] | None = None


def _read(path: str) -> str:
    """A data file's lines after its ``#`` header."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    return text[start:]


def _text() -> str:
    """The list's lines after the header, each ending in a newline."""
    global _body
    if _body is None:
        _body = _read(_PATH)
    return _body


def _lower_bound(key: str) -> int:
    """Where the first line whose name sorts at or after ``key`` starts."""
    text = _text()
    lo, hi = 0, len(text)
    # lo and hi stay on line starts; every line is "name rank\n"
    while lo < hi:
        mid = (lo + hi) // 2
        start = text.rfind("\n", lo, mid) + 1 or lo
        end = text.index("\n", start)
        if text[start : text.index(" ", start, end)] < key:
            lo = end + 1
        else:
            hi = start
    return lo


def rank(key: str) -> int | None:
    """The download rank of a PEP 503-normalised name, or None if it is not popular."""
    text = _text()
    start = _lower_bound(key)
    end = text.find("\n", start)
    space = text.find(" ", start, end)
    if end == -1 or text[start:space] != key:
        return None
    return int(text[space + 1 : end])


def prefixed(prefix: str) -> list[str]:
    """Popular names that start with ``prefix``, in name order (a slice of the file)."""
    text = _text()
    return text[_lower_bound(prefix) : _lower_bound(prefix + "\uffff")].split()[::2]


def split() -> list[str]:
    """The list as ``[name, rank, name, rank, ...]`` (cached: several tables start from it)."""
    global _words
    if _words is None:
        _words = _text().split()
    return _words


def size() -> int:
    """How many names the list holds."""
    return _text().count("\n")


def names() -> frozenset[str]:
    """Every popular name (built on first use, then cached)."""
    global _names
    if _names is None:
        _names = frozenset(split()[::2])
    return _names


def ranks() -> dict[str, int]:
    """Every popular name with its rank (built on first use, then cached)."""
    global _ranks
    if _ranks is None:
        words = split()
        _ranks = dict(zip(words[::2], map(int, words[1::2]), strict=True))
    return _ranks


def by_rank() -> tuple[str, ...]:
    """Popular names, most downloaded first."""
    global _by_rank
    if _by_rank is None:
        table = ranks()
        _by_rank = tuple(sorted(table, key=table.__getitem__))
    return _by_rank


def top(limit: int) -> list[str]:
    """Popular names ranked ``limit`` or better, best first (no full table build)."""
    global _head
    if _head is None:
        words = _read(_HEAD_PATH).split()
        _head = (words[::2], list(map(int, words[1::2])))
    names, values = _head
    if values and values[-1] >= limit:
        from bisect import bisect_right

        return names[: bisect_right(values, limit)]
    table = ranks()
    return [name for name in by_rank() if table[name] <= limit]
