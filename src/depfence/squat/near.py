"""Names within two edits of a set of targets, found without comparing against each one.

Each target is cut into three pieces.  Two edits touch at most two of them
(barring two swaps that both straddle a cut), so a name within two edits
contains one piece unchanged, within two characters of its place in the
target.  The pieces index the targets; the few candidates that share one are
then measured exactly.
"""

from __future__ import annotations

from depfence.squat.distance import osa

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


class NearIndex:
    __slots__ = ("_lengths", "_pieces")

    def __init__(self, targets: Iterable[str]) -> None:
        self._pieces: dict[str, list[tuple[str, int]]] = {}
        lengths: set[int] = set()
        for target in targets:
            third = len(target) // 3
            for start, end in ((0, third), (third, 2 * third), (2 * third, len(target))):
                piece = target[start:end]
                self._pieces.setdefault(piece, []).append((target, start))
                lengths.add(end - start)
        self._lengths = tuple(sorted(lengths))

    def search(self, key: str, limit: int = 2) -> list[tuple[str, int]]:
        """``(target, distance)`` for every target within ``limit`` edits of ``key``."""
        seen: set[str] = set()
        found = []
        for length in self._lengths:
            for at in range(len(key) - length + 1):
                for target, start in self._pieces.get(key[at : at + length], ()):
                    if target in seen or abs(at - start) > limit:
                        continue
                    if abs(len(target) - len(key)) > limit:
                        continue
                    seen.add(target)
                    distance = osa(key, target, limit)
                    if distance <= limit:
                        found.append((target, distance))
        return found
