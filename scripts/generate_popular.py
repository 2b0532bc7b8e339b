"""Regenerate depfence's bundled list of popular PyPI names.

Usage: python scripts/generate_popular.py SOURCE [--output FILE] [--head-output FILE] [--limit N]

SOURCE is either a tab-separated file with a header naming a ``name`` column and
a ``rank`` column (rank 1 = most downloaded) or a download-count column, or the
public "top PyPI packages" JSON format::

    {"last_update": "...", "rows": [{"project": "boto3", "download_count": 123}, ...]}

The output lists every name once, PEP 503-normalised, as ``name rank`` lines
sorted by name, under a header that says what it was made from and ends with
an index of the list (the first name of every 64th line and where that line
starts), so depfence finds a name by reading one block, and a Bloom filter
that rules out most other names without a lookup.  When two names normalise
alike the better rank wins.  A second, small file lists the
head of the list (the most downloaded names, best first), which the detector
reads for the rules that apply only to the most popular targets.  The result
depends only on the source's content: the same snapshot gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "depfence", "data")
DEFAULT_OUTPUT = os.path.join(DATA, "pypi-popular.txt")
DEFAULT_HEAD_OUTPUT = os.path.join(DATA, "pypi-popular-head.txt")
HEAD_SIZE = 2000
# lines per block of the list's index (see render)
BLOCK = 64
# primes just below 2**17: a 16 KiB filter with two bits per name, about 4% false positives
FILTER_MODULI = (131071, 131063)
_SEPARATORS = re.compile(r"[-_.]+")


class SourceError(Exception):
    """The source cannot be read as a popularity list."""


def canonicalize(name: str) -> str:
    return _SEPARATORS.sub("-", name).lower()


def _by_count(pairs: list[tuple[str, int]]) -> list[str]:
    # most downloaded first; equal counts keep the source's order
    order = sorted(range(len(pairs)), key=lambda i: -pairs[i][1])
    return [pairs[i][0] for i in order]


def parse_json(text: str, source: str) -> tuple[list[tuple[str, int]], str]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SourceError(f"{source}: not valid JSON: {exc}") from None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise SourceError(f'{source}: expected an object with a "rows" list')
    pairs: list[tuple[str, int]] = []
    for number, row in enumerate(rows, 1):
        project = row.get("project") if isinstance(row, dict) else None
        count = row.get("download_count") if isinstance(row, dict) else None
        if not isinstance(project, str) or not isinstance(count, int):
            raise SourceError(f'{source}: row {number}: needs "project" and "download_count"')
        pairs.append((project, count))
    names = _by_count(pairs)
    note = f"last_update {data['last_update']}" if data.get("last_update") else ""
    return [(name, position) for position, name in enumerate(names, 1)], note


def parse_tsv(text: str, source: str) -> list[tuple[str, int]]:
    lines = text.splitlines()
    if not lines:
        raise SourceError(f"{source}: empty file")
    header = lines[0].split("\t")
    if "name" not in header:
        raise SourceError(f"{source}:1: header has no 'name' column")
    name_col = header.index("name")
    rank_col = header.index("rank") if "rank" in header else None
    count_col = next((i for i, h in enumerate(header) if h != "name" and h != "rank"), None)
    if rank_col is None and count_col is None:
        raise SourceError(f"{source}:1: header needs a 'rank' or a download-count column")
    pairs: list[tuple[str, int]] = []
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        column = rank_col if rank_col is not None else count_col
        assert column is not None
        try:
            name, value = cells[name_col].strip(), int(cells[column])
        except (IndexError, ValueError):
            raise SourceError(f"{source}:{number}: expected a name and a number") from None
        if not name:
            raise SourceError(f"{source}:{number}: empty name")
        pairs.append((name, value))
    if rank_col is not None:
        return pairs
    return [(name, position) for position, name in enumerate(_by_count(pairs), 1)]


def build(pairs: list[tuple[str, int]]) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for name, rank in pairs:
        key = canonicalize(name)
        if key not in ranks or rank < ranks[key]:
            ranks[key] = rank
    return ranks


def render(ranks: dict[str, int], made_from: str, block: int = BLOCK) -> str:
    lines = [f"{name} {ranks[name]}\n" for name in sorted(ranks)]
    # the index: the first name of every block of lines, and where each block starts
    # (in bytes after the header), so a lookup reads one block instead of the list
    starts = []
    offset = 0
    for i, line in enumerate(lines):
        if i % block == 0:
            starts.append(offset)
        offset += len(line.encode("utf-8"))
    header = (
        "# Popular PyPI names for depfence: '<name> <download rank>' per line,\n"
        "# PEP 503-normalised, sorted by name.\n"
        f"# Generated by scripts/generate_popular.py from {made_from}.\n"
        f"# {len(ranks)} names. Do not edit: regenerate.\n"
        f"# The index: the first name of every {block}th line, then where those lines start.\n"
        f"#@names {' '.join(line.split(' ')[0] for line in lines[::block])}\n"
        f"#@starts {' '.join(map(str, starts))}\n"
        "# A filter that rules out most names that are not in the list without a lookup:\n"
        "# the moduli, then the bits (hex, lowest bit of each byte first) (see bloom_filter).\n"
        f"#@filter {' '.join(map(str, FILTER_MODULI))} {bloom_filter(ranks).hex()}\n"
    )
    return header + "".join(lines)


def bloom_filter(names: Iterable[str], moduli: tuple[int, ...] = FILTER_MODULI) -> bytes:
    """A Bloom filter of ``names``: for each modulus, the bit at the name's UTF-8 bytes,
    read as a little-endian number, modulo it (what depfence.popular.among computes)."""
    bits = bytearray((max(moduli) + 7) // 8)
    for name in names:
        value = int.from_bytes(name.encode("utf-8"), "little")
        for modulus in moduli:
            bit = value % modulus
            bits[bit >> 3] |= 1 << (bit & 7)
    return bytes(bits)


def render_head(ranks: dict[str, int], made_from: str, size: int = HEAD_SIZE) -> str:
    head = sorted(ranks, key=lambda name: (ranks[name], name))[:size]
    header = (
        f"# The {len(head)} most downloaded PyPI names, best first: '<name> <download rank>'.\n"
        f"# Generated by scripts/generate_popular.py from {made_from}.\n"
        "# Do not edit: regenerate.\n"
    )
    return header + "".join(f"{name} {ranks[name]}\n" for name in head)


def generate(source: str, limit: int | None = None) -> tuple[str, str]:
    """The list and its head, as the texts of the two data files."""
    try:
        with open(source, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise SourceError(f"{source}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{source}: not UTF-8 text") from None
    note = ""
    if text.lstrip().startswith("{"):
        pairs, note = parse_json(text, source)
    else:
        pairs = parse_tsv(text, source)
    if limit is not None:
        pairs = [(name, rank) for name, rank in pairs if rank <= limit]
    digest = hashlib.sha256(raw).hexdigest()
    details = f"sha256 {digest[:16]}, {len(pairs)} rows" + (f", {note}" if note else "")
    made_from = f"{os.path.basename(source)} ({details})"
    ranks = build(pairs)
    return render(ranks, made_from), render_head(ranks, made_from)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", help="pypi-top.tsv or top-pypi-packages JSON")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="where to write the list")
    parser.add_argument(
        "--head-output", default=DEFAULT_HEAD_OUTPUT, help="where to write the head of the list"
    )
    parser.add_argument("--limit", type=int, help="keep only names ranked this or better")
    args = parser.parse_args(argv)
    try:
        texts = generate(args.source, args.limit)
    except SourceError as exc:
        print(f"generate_popular: {exc}", file=sys.stderr)
        return 2
    for path, text in zip((args.output, args.head_output), texts, strict=True):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"wrote {os.path.normpath(path)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
