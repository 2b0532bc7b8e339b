"""What the detector found: the popular name a name imitates, and how."""

from __future__ import annotations

BLOCK = "block"
WARN = "warn"

# every mutation class the detector reports, with a phrase for messages
MUTATIONS = {
    "omission": "a character left out",
    "repetition": "a character doubled",
    "insertion": "a character added",
    "keyboard-substitution": "a neighbouring key",
    "substitution": "a character replaced",
    "transposition": "two characters swapped",
    "two-edits": "two typos",
    "separator": "separators changed",
    "look-alike": "look-alike characters",
    "python-affix": "a py/python affix",
    "version-suffix": "a version number",
    "common-affix": "a companion-package word",
    "reordering": "words reordered",
    "plural": "singular/plural",
    "spelling": "British/American spelling",
    "stdlib": "a standard-library module name",
    "combosquat": "a word added",
}


class Match:
    """``key`` looks like popular ``target`` (download ``rank``; 0 for the standard library)."""

    __slots__ = ("key", "mutation", "rank", "target", "tier")

    def __init__(self, key: str, target: str, rank: int, mutation: str, tier: str) -> None:
        self.key = key
        self.target = target
        self.rank = rank
        self.mutation = mutation
        self.tier = tier

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Match) and self._tuple() == other._tuple()

    def __hash__(self) -> int:
        return hash(self._tuple())

    def _tuple(self) -> tuple[str, str, int, str, str]:
        return (self.key, self.target, self.rank, self.mutation, self.tier)

    def __repr__(self) -> str:
        return f"<Match {self.key!r} ~ {self.target!r} #{self.rank} {self.mutation} {self.tier}>"
