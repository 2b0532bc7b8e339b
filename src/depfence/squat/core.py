"""Find the popular name a package name imitates, if any.

Everything works by generating the names the checked one could be a disguise
of and looking them up in the popular set (separators ignored through an index
of sorted names); only the two-edit rule compares against a small set of
targets, through an index built on first use.
"""

from __future__ import annotations

from depfence.squat import edits, policy, words
from depfence.squat.match import BLOCK, Match

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from depfence.squat.distance import NearIndex


class Popular:
    """A popularity list to compare names against (the bundled PyPI one by default).

    ``prefixed(p)`` gives the names that start with ``p`` in sorted order,
    ``rank`` one name's rank, ``top(n)`` the names ranked ``n`` or better, best
    first.  Names are read a first letter at a time, as the checked names need
    them, so a process that checks a few names never builds the whole table.
    """

    __slots__ = ("_chunks", "_head", "_near", "_prefixed", "_rank", "_top")

    def __init__(
        self,
        prefixed: Callable[[str], Sequence[str]],
        rank: Callable[[str], int | None],
        top: Callable[[int], Sequence[str]],
    ) -> None:
        self._prefixed = prefixed
        self._rank = rank
        self._top = top
        self._chunks: dict[str, tuple[Sequence[str], frozenset[str]]] = {}
        self._head: frozenset[str] | None = None
        self._near: NearIndex | None = None

    @classmethod
    def from_ranks(cls, ranks: dict[str, int]) -> Popular:
        """A list held in memory (another ecosystem's, or a test's)."""
        from bisect import bisect_left

        listing = sorted(ranks)
        best_first = sorted(ranks, key=lambda name: (ranks[name], name))

        def prefixed(prefix: str) -> Sequence[str]:
            return listing[bisect_left(listing, prefix) : bisect_left(listing, prefix + "\uffff")]

        def top(limit: int) -> Sequence[str]:
            return [name for name in best_first if ranks[name] <= limit]

        return cls(prefixed, ranks.get, top)

    def _chunk(self, first: str) -> tuple[Sequence[str], frozenset[str]]:
        """The names starting with the character ``first``, sorted and as a set."""
        chunk = self._chunks.get(first)
        if chunk is None:
            listing = self._prefixed(first)
            chunk = self._chunks[first] = (listing, frozenset(listing))
        return chunk

    def contains(self, name: str) -> bool:
        return bool(name) and name in self._chunk(name[0])[1]

    def rank(self, key: str) -> int | None:
        return self._rank(key)

    def head(self) -> frozenset[str]:
        """The most downloaded names, the only targets of slips at a name's first letter."""
        if self._head is None:
            self._head = frozenset(self._top(policy.FIRST_LETTER_TOP))
        return self._head

    def one_edit(self, key: str) -> set[str]:
        """Popular names one edit from ``key``."""
        if not key:
            return set()
        found = edits.neighbours(key)
        # neighbours that keep the first letter, or swap or drop it, share a
        # chunk with the key; any other first letter only counts for the head
        hits = found & self._chunk(key[0])[1]
        if len(key) > 1:
            hits |= found & self._chunk(key[1])[1]
        return hits | (found & self.head())

    def respaced(self, word: str) -> list[str]:
        """Popular names that are ``word`` with separators added, moved or dropped."""
        from bisect import bisect_left

        flat = word.replace("-", "")
        if not flat:
            return []
        found = [flat] if flat != word and self.contains(flat) else []
        listing = self._chunk(flat[0])[0]
        # a separator after the first i characters: the candidates share the
        # prefix "flat[:i]-flat[i]" and sit together in the sorted listing
        for i in range(1, len(flat)):
            prefix = f"{flat[:i]}-{flat[i]}"
            at = bisect_left(listing, prefix)
            while at < len(listing) and listing[at].startswith(prefix):
                name = listing[at]
                if name != word and name.replace("-", "") == flat:
                    found.append(name)
                at += 1
        return found

    def near(self) -> NearIndex:
        if self._near is None:
            from depfence.squat.distance import NearIndex

            targets = self._top(policy.NEAR_TOP)
            self._near = NearIndex(t for t in targets if len(t) >= policy.NEAR_MIN_LENGTH)
        return self._near


_PYPI: Popular | None = None


def pypi() -> Popular:
    global _PYPI
    if _PYPI is None:
        from depfence import popular

        _PYPI = Popular(popular.prefixed, popular.rank, popular.top)
    return _PYPI


def _transforms(key: str) -> dict[str, str]:
    """Names ``key`` may be a respelling of, each with its mutation class."""
    found: dict[str, str] = {}
    # later families are less specific: keep the first explanation of a name
    for family in (
        dict.fromkeys(edits.unconfuse(key), "look-alike"),
        words.spellings(key),
        words.plurals(key),
        words.reorderings(key),
        words.python_affixes(key),
        words.version_suffix(key),
        words.common_affixes(key),
    ):
        for name, mutation in family.items():
            found.setdefault(name, mutation)
    found.pop(key, None)
    return found


# the families whose stripped cores are also tried with their separators moved
_RESPACED = frozenset({"python-affix", "version-suffix", "common-affix"})


def matches(key: str, source: Popular | None = None) -> list[Match]:
    """Every popular name ``key`` resembles closely enough to report, best first."""
    source = source or pypi()
    if source.contains(key):
        return []
    found: dict[str, str] = {}  # target -> mutation

    def offer(target: str, mutation: str) -> None:
        if target != key:
            old = found.get(target)
            if old is None or policy.COST[mutation] < policy.COST[old]:
                found[target] = mutation

    for target in source.respaced(key):
        offer(target, "separator")
    for name, mutation in _transforms(key).items():
        if source.contains(name):
            offer(name, mutation)
        if mutation in _RESPACED and len(name) < len(key):  # a core with a word stripped
            for target in source.respaced(name):
                offer(target, mutation)
    for name in source.one_edit(key):
        offer(name, edits.classify(key, name))
    if len(key) >= policy.NEAR_MIN_LENGTH - 2:
        for name, distance in source.near().search(key):
            if distance == 2:
                offer(name, "two-edits")
    for part, rest in words.combos(key):
        if source.contains(part) and all(word in words.FILLER_WORDS for word in rest):
            offer(part, "combosquat")

    out: list[Match] = []
    if key in words.stdlib_names():
        out.append(Match(key, key, 0, "stdlib", BLOCK))
    for target, mutation in found.items():
        rank = source.rank(target)
        level = None if rank is None else policy.tier(mutation, key, target, rank)
        if rank is not None and level is not None:
            out.append(Match(key, target, rank, mutation, level))
    out.sort(key=lambda m: (m.tier != BLOCK, policy.COST[m.mutation], m.rank, m.target))
    return out


def detect(key: str, source: Popular | None = None) -> Match | None:
    """The most likely popular name ``key`` imitates, or None."""
    found = matches(key, source)
    if not found:
        return None
    if source is None or source is _PYPI:
        from depfence.squat import legit

        if key in legit.known():
            return None
    return found[0]


def closest(key: str, limit: int = 3) -> list[tuple[str, int]]:
    """Up to ``limit`` popular names within two edits or one disguise of ``key``, best first."""
    ranked: dict[str, tuple[int, int]] = {}
    for match in matches(key):
        ranked.setdefault(match.target, (policy.COST[match.mutation], match.rank))
    return [(name, rank) for name, (_, rank) in sorted(ranked.items(), key=lambda i: i[1])][:limit]
