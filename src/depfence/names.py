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
