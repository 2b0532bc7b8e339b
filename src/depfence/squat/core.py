"""Find the popular name a package name imitates, if any.

Everything works by generating the names the checked one could be a disguise
of and looking them up in the popular set (separators ignored through an index
of squashed names); only the two-edit rule compares against a small set of
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

    ``listing`` gives every name in sorted order, ``rank`` one name's rank,
    ``top(n)`` the names ranked ``n`` or better.  Tables are built on first use.
    """

    __slots__ = ("_listing", "_names", "_near", "_rank", "_sorted", "_top")

    def __init__(
        self,
        listing: Callable[[], Sequence[str]],
        rank: Callable[[str], int | None],
        top: Callable[[int], Iterable[str]],
    ) -> None:
        self._listing = listing
        self._rank = rank
        self._top = top
        self._sorted: Sequence[str] | None = None
        self._names: frozenset[str] | None = None
        self._near: NearIndex | None = None

    @property
    def names(self) -> frozenset[str]:
        if self._names is None:
            self._names = frozenset(self.sorted)
        return self._names

    @property
    def sorted(self) -> Sequence[str]:
        if self._sorted is None:
            self._sorted = self._listing()
        return self._sorted

    def rank(self, key: str) -> int | None:
        return self._rank(key)

    def respaced(self, word: str) -> list[str]:
        """Popular names that are ``word`` with separators added, moved or dropped."""
        from bisect import bisect_left

        flat = word.replace("-", "")
        found = [flat] if flat != word and flat in self.names else []
        listing = self.sorted
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

        # the bundled file is sorted by name
        _PYPI = Popular(lambda: popular.split()[::2], popular.rank, popular.top)
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
    names = source.names
    if key in names:
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
        if name in names:
            offer(name, mutation)
        if mutation in _RESPACED and len(name) < len(key):  # a core with a word stripped
            for target in source.respaced(name):
                offer(target, mutation)
    for name in edits.neighbours(key) & names:
        offer(name, edits.classify(key, name))
    if len(key) >= policy.NEAR_MIN_LENGTH - 2:
        for name, distance in source.near().search(key):
            if distance == 2:
                offer(name, "two-edits")
    for part, rest in words.combos(key):
        if part in names and all(word in words.FILLER_WORDS for word in rest):
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
