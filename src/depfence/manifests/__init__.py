"""Manifest formats: which files are manifests, and the parser for each kind.

Each parser is a module with ``parse(path, read) -> Manifest``, where ``read``
returns a file's text or raises ``depfence.files.ReadError``.  Parsers are
imported only when a file of their kind is checked (TOML parsing is not free).
"""

from __future__ import annotations

import os

from depfence import rules
from depfence.files import ReadError
from depfence.model import Location, Manifest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    Reader = Callable[[str], str]

KINDS = ("requirements", "pyproject", "setup.cfg", "pipfile")


def _is_requirements_name(base: str) -> bool:
    """requirements*.txt, *-requirements.txt, constraints*.txt, *.in (string tests, not fnmatch:
    fnmatch compiles a regular expression per pattern, a cost paid on every run)."""
    if base.endswith(".in"):
        return True
    return base.endswith(".txt") and (
        base.startswith(("requirements", "constraints")) or base.endswith("-requirements.txt")
    )


def kind_of(path: str) -> str | None:
    """The manifest kind of a path by its name, or ``None`` when it is not a manifest."""
    base = os.path.basename(path)
    if base == "pyproject.toml":
        return "pyproject"
    if base == "setup.cfg":
        return "setup.cfg"
    if base == "Pipfile":
        return "pipfile"
    # The pre-commit hook's `files:` regex in .pre-commit-hooks.yaml matches exactly these.
    if _is_requirements_name(base):
        return "requirements"
    parent = os.path.basename(os.path.dirname(os.path.normpath(path)))
    if parent == "requirements" and base.endswith(".txt"):
        return "requirements"
    return None


def parse(path: str, kind: str, read: Reader) -> Manifest:
    """Parse ``path`` as a manifest of ``kind``; an unreadable file becomes a finding."""
    try:
        read(path)
    except ReadError as exc:
        problem = rules.INVALID_MANIFEST.finding(Location(path, 1, 1), f"{path}: {exc}")
        return Manifest(path, kind, problems=(problem,))
    if kind == "requirements":
        from depfence.manifests import requirements

        return requirements.parse(path, read)
    if kind == "pyproject":
        from depfence.manifests import pyproject

        return pyproject.parse(path, read)
    if kind == "setup.cfg":
        from depfence.manifests import setupcfg

        return setupcfg.parse(path, read)
    if kind == "pipfile":
        from depfence.manifests import pipfile

        return pipfile.parse(path, read)
    raise ValueError(f"unknown manifest kind {kind!r}")
