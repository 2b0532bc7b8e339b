"""Package-name helpers (PEP 503 normalisation without importing ``packaging``).

``packaging.utils`` costs more to import than a whole interpreter start; the
rule it implements needs no regular expression either (compiling one at
import time costs as much as this whole module).
"""

from __future__ import annotations


def canonicalize(name: str) -> str:
    """The PEP 503 normal form: lowercase, runs of ``-_.`` become one ``-``."""
    key = name.lower().replace("_", "-").replace(".", "-")
    while "--" in key:
        key = key.replace("--", "-")
    return key


_NAME_END = frozenset(" \t[(;<>=!~,@")


def ascii_stand_in(text: str) -> tuple[str, str] | None:
    """For a requirement whose name has non-ASCII characters: ``(name, text with the name
    replaced by as many x's)``, so the rest parses in place and columns stay right; else None.

    No index accepts such a name, so parsers would call the line invalid; the typosquat
    check must see it instead, since it is there to fool a reader (``requests`` spelt with
    a Cyrillic ``U+0435`` for its ``e``).
    """
    if text.isascii():
        return None
    start = len(text) - len(text.lstrip(" \t"))
    end = start
    while end < len(text) and text[end] not in _NAME_END:
        end += 1
    name = text[start:end]
    if not name or name.isascii() or not all(c.isalnum() or c in "-_." for c in name):
        return None
    return name, text[:start] + "x" * len(name) + text[end:]
