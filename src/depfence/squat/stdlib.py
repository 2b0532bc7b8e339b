"""Standard-library module names, as a PyPI name would spell them.

Installing a package named like a standard-library module is never needed:
the import resolves to the standard library anyway, or the package shadows it.
Popular backports (``typing``, ``dataclasses``...) are on the popular list and
so never reach this check.
"""

from __future__ import annotations

import sys

# removed from the standard library in 3.12 and 3.13 (PEP 594 and PEP 632), still
# names an old script may import and an attacker may publish
_REMOVED = [
    "aifc",
    "asynchat",
    "asyncore",
    "audioop",
    "cgi",
    "cgitb",
    "chunk",
    "crypt",
    "distutils",
    "imghdr",
    "imp",
    "lib2to3",
    "mailcap",
    "msilib",
    "nis",
    "nntplib",
    "ossaudiodev",
    "pipes",
    "smtpd",
    "sndhdr",
    "spwd",
    "sunau",
    "telnetlib",
    "uu",
    "xdrlib",
]

_NAMES: frozenset[str] | None = None


def names() -> frozenset[str]:
    global _NAMES
    if _NAMES is None:
        modules = set(sys.stdlib_module_names) | set(_REMOVED)
        _NAMES = frozenset(
            name.replace("_", "-").lower() for name in modules if not name.startswith("_")
        )
    return _NAMES
