"""Package-name helpers (PEP 503 normalisation without importing ``packaging``).

``packaging.utils`` costs more to import than a whole interpreter start; the
rule it implements is one regular expression.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[-_.]+")
# PEP 508 names: ASCII letters and digits, with . _ - inside
_VALID = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)


def canonicalize(name: str) -> str:
    """The PEP 503 normal form: lowercase, runs of ``-_.`` become one ``-``."""
    return _SEPARATORS.sub("-", name).lower()


def is_valid(name: str) -> bool:
    return _VALID.match(name) is not None
