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
    from collections.abc import Callable, Iterable, Sequence

    from depfence.squat.distance import NearIndex


class Popular:
    """A popularity list to compare names against (the bundled PyPI one by default).

    ``prefixed(p)`` gives the names that start with ``p`` in sorted order,
    ``rank`` one name's rank, ``top(n)`` the names ranked ``n`` or better, best
    first, and ``known(names)`` the popular ones among many names with their
    ranks.  Names are looked up in batches, and read a two-letter prefix at a
    time where many share one, so a process that checks a few names never builds
    the whole table.
    """

    __slots__ = ("_known", "_near", "_prefixed", "_rank", "_starting", "_top")

    def __init__(
        self,
        prefixed: Callable[[str], Sequence[str]],
        rank: Callable[[str], int | None],
        top: Callable[[int], Sequence[str]],
        known: Callable[[Iterable[str]], dict[str, int]] | None = None,
    ) -> None:
        self._prefixed = prefixed
        self._rank = rank
        self._top = top
        self._known = known
        self._starting: dict[str, Sequence[str]] = {}
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

    def contains(self, name: str) -> bool:
        return bool(name) and self._rank(name) is not None

    def rank(self, key: str) -> int | None:
        return self._rank(key)

    def known(self, names: Iterable[str]) -> dict[str, int]:
        """The popular names among ``names``, with their ranks."""
        if self._known is not None:
            return self._known(names)
        ranks = {name: self._rank(name) for name in names if name}
        return {name: rank for name, rank in ranks.items() if rank is not None}

    def _start(self, prefix: str) -> Sequence[str]:
        """The popular names that start with a two-character ``prefix`` (cached)."""
        listing = self._starting.get(prefix)
        if listing is None:
            listing = self._starting[prefix] = self._prefixed(prefix)
        return listing

    def one_edit(self, key: str) -> set[str]:
        """Popular names one edit from ``key``."""
        if not key:
            return set()
        # an edit after the first two characters keeps them: compare the popular
        # names that start alike (a few dozen) rather than generate the
        # thousand-odd edits of a long name
        start = key[:2]
        size = len(key)
        hits = {
            name
            for name in self._start(start)
            if -2 < len(name) - size < 2 and edits.one_apart(key, name)
        }
        # an edit among the first two characters (about 150 of them): a name
        # rarely goes wrong at its first letter, so a neighbour that starts with
        # a third letter counts only among the most downloaded names
        found = [name for name in edits.neighbours(key, 2) if name[:2] != start]
        for name, rank in self.known(found).items():
            if name[:1] in (key[0], key[1:2]) or rank <= policy.FIRST_LETTER_TOP:
                hits.add(name)
        return hits

    def respaced(self, word: str) -> list[str]:
        """Popular names that are ``word`` with separators added, moved or dropped."""
        flat = word.replace("-", "")
        if not flat:
            return []
        found = [flat] if flat != word and self.contains(flat) else []
        if len(flat) < 2:
            return found
        # a separator after the first i characters, followed by the next one: such
        # names start with flat[0] and either "-" or flat[1]; an earlier separator
        # sorts first, so the order is by where the first separator is
        for listing in (self._prefixed(flat[0] + "-"), self._start(flat[:2])):
            for name in listing:
                if name != word and name != flat and name.replace("-", "") == flat:
                    cut = name.index("-")
                    if cut < len(flat) and name[cut + 1 : cut + 2] == flat[cut]:
                        found.append(name)
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

        _PYPI = Popular(popular.prefixed, popular.rank, popular.top, popular.among)
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
    transforms = _transforms(key)
    combos = [
        part for part, rest in words.combos(key) if all(word in words.FILLER_WORDS for word in rest)
    ]
    popular = source.known([*transforms, *combos])
    for name, mutation in transforms.items():
        if name in popular:
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
    for part in combos:
        if part in popular:
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
