"""The bundled list of popular PyPI names, loaded lazily.

``data/pypi-popular.txt`` holds ``name rank`` lines sorted by name (generated
by scripts/generate_popular.py), under a header that ends with an index: the
first name of every 64th line and where that line starts.  Looking up a name
finds its block in the index and searches that block's bytes, so checking a
manifest of well-known packages decodes and splits nothing but the index; the
detector reads the slices of names it needs, and the full tables are built
only on request.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

_PATH = os.path.join(os.path.dirname(__file__), "data", "pypi-popular.txt")
# the most downloaded names, best first (written by the same script)
_HEAD_PATH = os.path.join(os.path.dirname(__file__), "data", "pypi-popular-head.txt")

# the file's bytes, where its lines start after the header, the index's first
# names and the start of each block (with the end of the file after the last)
_data = b""
_body = -1
_firsts: list[str] = []
_starts: list[int] = []
_words: list[str] | None = None
_names: frozenset[str] | None = None
_ranks: dict[str, int] | None = None
_by_rank: tuple[str, ...] | None = None
_head: str | None = None  # the lines of the head file
_bloom: tuple[tuple[int, ...], bytes] | None = None


def _load() -> None:
    global _data, _body, _firsts, _starts
    with open(_PATH, "rb") as f:
        data = f.read()
    at = 0
    firsts, starts = [""], ["0"]  # one block, the whole list, if the index is missing
    while data.startswith(b"#", at):
        end = data.index(b"\n", at)
        if data.startswith(b"#@names ", at):
            firsts = data[at + 8 : end].decode("utf-8").split()
        elif data.startswith(b"#@starts ", at):
            starts = data[at + 9 : end].decode("ascii").split()
        at = end + 1
    if at == 0:  # no header: every line start must follow a newline, as the first one does
        data, at = b"\n" + data, 1
    _starts = [at + int(start) for start in starts]
    _starts.append(len(data))
    _firsts, _body, _data = firsts, at, data


def _block(key: str) -> int:
    """The index of the last block whose first name sorts at or before ``key`` (0 if none)."""
    if _body < 0:
        _load()
    # a binary search by hand: importing bisect loads an extension module, which costs
    # more than all the lookups of a run
    firsts = _firsts
    lo, hi = 1, len(firsts)
    while lo < hi:
        mid = (lo + hi) // 2
        if key < firsts[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo - 1


def _find(key: str, start: int, end: int) -> int | None:
    """The rank of ``key`` if its line is among the lines from ``start`` to ``end``."""
    name = key.encode("utf-8", "replace")
    if not name or b"\n" in name or b" " in name:
        return None
    needle = b"\n" + name
    data = _data
    # every line start follows a newline; a match must end where the name does
    at = data.find(needle, start - 1, end)
    while at >= 0 and data[at + len(needle) : at + len(needle) + 1] != b" ":
        at = data.find(needle, at + 1, end)
    if at < 0:
        return None
    at += len(needle) + 1
    return int(data[at : data.index(b"\n", at)])


def rank(key: str) -> int | None:
    """The download rank of a PEP 503-normalised name, or None if it is not popular."""
    block = _block(key)
    return _find(key, _starts[block], _starts[block + 1])


def known(keys: Iterable[str]) -> dict[str, int]:
    """The popular names among ``keys``, with their ranks (one pass over the index for all)."""
    if _body < 0:
        _load()
    data, firsts, starts = _data, _firsts, _starts
    last = len(firsts) - 1
    block = 0
    found = {}
    for key in sorted(keys):
        while block < last and firsts[block + 1] <= key:
            block += 1
        # _find inlined: the detector asks about a few hundred names at a time
        name = key.encode("utf-8", "replace")
        if not name or b"\n" in name or b" " in name:
            continue
        needle = b"\n" + name
        at = data.find(needle, starts[block] - 1, starts[block + 1])
        while at >= 0 and data[at + len(needle) : at + len(needle) + 1] != b" ":
            at = data.find(needle, at + 1, starts[block + 1])
        if at >= 0:
            at += len(needle) + 1
            found[key] = int(data[at : data.index(b"\n", at)])
    return found


def _filter() -> tuple[tuple[int, ...], bytes]:
    """The moduli and bits of the list's Bloom filter (see scripts/generate_popular.py)."""
    global _bloom
    if _bloom is None:
        if _body < 0:
            _load()
        marker = b"\n#@filter "
        at = _data.find(marker, 0, _body)
        if at < 0:  # no filter: a modulus of 1 and a set bit let every name through
            _bloom = ((1,), b"\x01")
        else:
            at += len(marker)
            fields = _data[at : _data.index(b"\n", at)].split()
            _bloom = (tuple(map(int, fields[:-1])), bytes.fromhex(fields[-1].decode("ascii")))
    return _bloom


def among(names: Iterable[str]) -> dict[str, int]:
    """Like ``known``, for many names of which few are popular (a detector's guesses).

    The list's Bloom filter rules most of them out for the cost of a few
    arithmetic operations each; only the rest are looked up.
    """
    moduli, bits = _filter()
    maybe = []
    for name in names:
        value = int.from_bytes(name.encode("utf-8", "replace"), "little")
        for modulus in moduli:
            bit = value % modulus
            if not bits[bit >> 3] >> (bit & 7) & 1:
                break
        else:
            maybe.append(name)
    return known(maybe)


def _lower_bound(key: str) -> int:
    """Where the first line whose name sorts at or after ``key`` starts."""
    block = _block(key)
    lo, hi = _starts[block], _starts[block + 1]
    data = _data
    target = key.encode("utf-8", "surrogatepass")
    # lo and hi stay on line starts; every line is "name rank\n"
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", lo, mid) + 1 or lo
        end = data.index(b"\n", start)
        if data[start : data.index(b" ", start, end)] < target:
            lo = end + 1
        else:
            hi = start
    return lo


def prefixed(prefix: str) -> list[str]:
    """Popular names that start with ``prefix``, in name order (a slice of the file)."""
    start = _lower_bound(prefix)
    chunk = _data[start : _lower_bound(prefix + "\uffff")]
    return chunk.decode("utf-8").split()[::2]


def _text() -> str:
    """The list's lines after the header, each ending in a newline."""
    if _body < 0:
        _load()
    return _data[_body:].decode("utf-8")


def split() -> list[str]:
    """The list as ``[name, rank, name, rank, ...]`` (cached: several tables start from it)."""
    global _words
    if _words is None:
        _words = _text().split()
    return _words


def size() -> int:
    """How many names the list holds."""
    if _body < 0:
        _load()
    return _data.count(b"\n", _body)


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
        with open(_HEAD_PATH, encoding="utf-8") as f:
            text = f.read()
        at = 0
        while text.startswith("#", at):
            at = text.index("\n", at) + 1
        _head = text[at:]
    text = _head
    # the lines are best first: find the first one ranked worse than ``limit``
    # and split only what comes before it (lo and hi stay on line starts)
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        start = text.rfind("\n", lo, mid) + 1 or lo
        end = text.index("\n", start)
        if int(text[text.index(" ", start, end) + 1 : end]) <= limit:
            lo = end + 1
        else:
            hi = start
    if lo < len(text):
        return text[:lo].split()[::2]
    table = ranks()  # the head ends before ``limit``: the whole list is needed
    return [name for name in by_rank() if table[name] <= limit]
