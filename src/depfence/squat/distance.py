"""Edit distances in pure Python (the CLI must not pay for importing rapidfuzz).

``osa`` is the optimal string alignment distance (Damerau-Levenshtein where no
substring is edited twice): insertions, deletions, substitutions and swaps of
adjacent characters each cost one.  tests/squat/test_distance.py checks both
functions against rapidfuzz.

``NearIndex`` finds the targets within two edits of a name without measuring
the distance to each one.  Each target is cut into three pieces.  Two edits
touch at most two of them (barring two swaps that both straddle a cut), so a
name within two edits contains one piece unchanged; a substring test per piece
(in C) leaves few candidates to measure exactly.  Building it only groups the
targets by length, so a process that checks a handful of names pays little.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


def _trim(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` without their common prefix and suffix, which cost nothing."""
    start = 0
    shortest = min(len(a), len(b))
    while start < shortest and a[start] == b[start]:
        start += 1
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]


def levenshtein(a: str, b: str) -> int:
    """Insertions, deletions and substitutions needed to turn ``a`` into ``b``."""
    a, b = _trim(a, b)
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def osa(a: str, b: str, limit: int | None = None) -> int:
    """The optimal string alignment distance; with ``limit``, any larger value is ``limit + 1``."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    a, b = _trim(a, b)
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            cost = current[j - 1] + 1
            if previous[j] + 1 < cost:
                cost = previous[j] + 1
            if previous[j - 1] + (ca != cb) < cost:
                cost = previous[j - 1] + (ca != cb)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and before[j - 2] + 1 < cost:
                cost = before[j - 2] + 1
            current[j] = cost
        if limit is not None and min(current) > limit:
            return limit + 1
        before, previous = previous, current
    distance = previous[-1]
    return distance if limit is None or distance <= limit else limit + 1


class NearIndex:
    __slots__ = ("_by_length",)

    def __init__(self, targets: Iterable[str]) -> None:
        self._by_length: dict[int, list[str]] = {}
        for target in targets:
            self._by_length.setdefault(len(target), []).append(target)

    def search(self, key: str, limit: int = 2) -> list[tuple[str, int]]:
        """``(target, distance)`` for every target within ``limit`` edits of ``key``."""
        found = []
        for length in range(len(key) - limit, len(key) + limit + 1):
            third = length // 3
            for target in self._by_length.get(length, ()):
                if (
                    target[:third] in key
                    or target[third : 2 * third] in key
                    or target[2 * third :] in key
                ):
                    distance = osa(key, target, limit)
                    if distance <= limit:
                        found.append((target, distance))
        return found
