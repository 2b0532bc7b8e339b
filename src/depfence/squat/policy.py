"""How sure a match is: the tier for a mutation, given the target's rank and the names' lengths.

Rules loosen only as the target gets more popular and the name longer: no
distance rule at all for short names, two edits only for long names against
the most downloaded targets.  scripts/evaluate.py measures every change here,
on real attacks and on legitimate names (including the popular list's own
tail checked against its head).
"""

from __future__ import annotations

from depfence.squat.match import BLOCK, WARN

# one slip of the finger
_TYPOS = frozenset(
    {"omission", "repetition", "insertion", "keyboard-substitution", "transposition"}
)
# words that carry no meaning of their own inside a name ("py-cord" reads as "pycord")
_NOISE_WORDS = frozenset({"py", "python", "python3", "py3"})

# how specific each explanation is: lower wins when several fit one name
COST = {
    "separator": 0,
    "look-alike": 0,
    "spelling": 0,
    "plural": 0,
    "reordering": 0,
    "python-affix": 1,
    "version-suffix": 1,
    "omission": 2,
    "repetition": 2,
    "insertion": 2,
    "keyboard-substitution": 2,
    "transposition": 2,
    "substitution": 3,
    "stdlib": 3,
    "common-affix": 3,
    "two-edits": 4,
    "combosquat": 5,
    "version-number": 9,
}

# slips at a name's first letter are looked for only among the names ranked this or better
FIRST_LETTER_TOP = 2000
# distance two is tried only for names this long against targets ranked this or better
NEAR_TOP = 1000
NEAR_MIN_LENGTH = 8


def _letters(name: str) -> int:
    return len(name) - name.count("-")


def effective_size(key: str, target: str) -> int:
    """How many characters of ``target`` the difference can hide in.

    When two names share all their words but one (``types-boto3-ecr`` and
    ``types-boto3-ec2``), the shared words are a namespace: the names differ
    as much as the odd word out does, however long the whole.
    """
    key_words, target_words = key.split("-"), target.split("-")
    if len(key_words) != len(target_words) or len(key_words) == 1:
        return _letters(target)
    odd = [i for i, (a, b) in enumerate(zip(key_words, target_words, strict=True)) if a != b]
    if len(odd) != 1:
        return _letters(target)
    # "py-cord" is one word with an affix, not a namespace
    noise = len(target_words[1 - odd[0]]) if len(target_words) == 2 else 0
    if target_words[1 - odd[0]] not in _NOISE_WORDS:
        noise = 0
    return len(target_words[odd[0]]) + noise


def _first_letter_differs(key: str, target: str) -> bool:
    """The names differ at their first letter, or at the first after a shared ``py``."""
    if key[:2] == target[:2] == "py":
        key, target = key[2:].lstrip("-"), target[2:].lstrip("-")
    return key[:1] != target[:1]


def _ending_changed(key: str, target: str) -> bool:
    """Only the last two characters differ, or only the first two: a related word."""
    shortest = min(len(key), len(target))
    prefix = next((i for i in range(shortest) if key[i] != target[i]), shortest)
    suffix = next((i for i in range(shortest) if key[-1 - i] != target[-1 - i]), shortest)
    return max(prefix, suffix) >= len(target) - 2


def tier(mutation: str, key: str, target: str, rank: int) -> str | None:
    """``block``, ``warn``, or None when the resemblance is too weak to report."""
    size = _letters(target)
    length = _letters(key)
    if mutation == "stdlib":
        return BLOCK
    if mutation in ("separator", "look-alike", "spelling"):
        if size < 4:
            return None
        return BLOCK if size >= 5 and rank <= 2000 else WARN
    if mutation == "reordering":
        return None if size < 5 else BLOCK
    if mutation == "plural":
        if size < 5:
            return None
        # one word is a word of the language; in a name of several, one form is a typo
        if "-" in target:
            return BLOCK if rank <= 2000 else WARN
        return BLOCK if rank <= 100 and size >= 7 else WARN
    if mutation == "python-affix":
        return _python_affix(key, target, rank)
    if mutation == "version-suffix":
        if size < 4:
            return None
        if length < size:  # the number dropped: usually the original project's name
            return WARN if rank <= 100 else None
        return BLOCK if rank <= 100 and size >= 6 else WARN if rank <= 5000 else None
    if mutation == "common-affix":
        return WARN if size >= 4 and rank <= 2000 else None
    if mutation in _TYPOS or mutation == "substitution":
        level = _one_edit(mutation, effective_size(key, target), length, rank)
        # a name rarely goes wrong at its first letter, but related projects
        # often prefix one (aiocache, ctransformers, ipytest); a slip to a
        # neighbouring key on one of the best-known names is still a slip
        slip = mutation in ("transposition", "repetition") or (
            mutation == "keyboard-substitution" and rank <= 100
        )
        if not slip and _first_letter_differs(key, target):
            level = WARN if level == BLOCK else None
        return level
    if mutation == "two-edits":
        size = effective_size(key, target)
        if length < 6 or size < NEAR_MIN_LENGTH or rank > NEAR_TOP:
            return None
        return BLOCK if rank <= 200 and not _ending_changed(key, target) else WARN
    if mutation == "combosquat":
        return WARN if size >= 4 and rank <= 1000 else None
    return None


def _python_affix(key: str, target: str, rank: int) -> str | None:
    core = min(_letters(key), _letters(target))
    if core < 4:
        return None
    if key.endswith(target) or key.startswith(target):  # an affix added to the name
        return BLOCK if rank <= 100 and core >= 5 else WARN if rank <= 5000 else None
    if target.endswith(key) or target.startswith(key):  # the affix left out
        return WARN if rank <= 1000 and core >= 5 else None
    return WARN if rank <= 5000 else None  # an affix swapped or moved


def _one_edit(mutation: str, size: int, length: int, rank: int) -> str | None:
    if size >= 6 and length >= 5:
        if mutation == "substitution":  # not a neighbouring key: coincidence is likelier
            return BLOCK if rank <= 1000 and size >= 7 else WARN
        return BLOCK if length >= 6 or rank <= 1000 else WARN
    if size == 5 and length >= 5:
        if mutation == "substitution":
            return None
        return BLOCK if rank <= 500 else WARN
    if size == 4 and length >= 4 and mutation != "substitution":
        # four letters leave little room: only the clumsiest slips on the best-known names
        if mutation in ("transposition", "repetition"):
            return WARN if rank <= 2000 else None
        return WARN if rank <= 100 else None
    return None
