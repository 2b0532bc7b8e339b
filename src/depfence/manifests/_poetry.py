"""Poetry's dependency entries, translated to PEP 440 specifiers and pip-style URLs.

``^1.2.3`` means ``>=1.2.3,<2.0.0`` and ``~1.2`` means ``>=1.2,<1.3``; a bare
version is an exact pin.  Alternatives (``^1 || ^3``) have no PEP 440 form: they
become the smallest range that covers every alternative.
"""

from __future__ import annotations

import re

from depfence.manifests._collect import (
    Fields,
    InvalidEntry,
    all_of,
    entry_fields,
    file_url,
    string,
    vcs_url,
)

_CLAUSE = re.compile(r"\s*(\^|~=|~|===|==|!=|<>|>=|<=|=|<|>)?\s*([A-Za-z0-9.*+!_-]+)\s*,?")
_RELEASE = re.compile(r"v?(\d+(?:\.\d+)*)")
_VERSION = re.compile(r"[vV]?(?:\d+!)?\d+(?:\.\d+)*(?:\.\*|[A-Za-z0-9.+_-]*)")
_KEEP = ("~=", "===", "==", "!=", ">=", "<=", "<", ">")


def constraint(text: str) -> str:
    """A Poetry version constraint as PEP 440 specifier text (``""`` for any version)."""
    branches = [_all_of(branch) for branch in text.split("||")]
    if len(branches) == 1:
        return ",".join(branches[0])
    return _hull(branches)


def _all_of(text: str) -> list[str]:
    text = text.strip()
    if text in ("", "*"):
        return []
    clauses: list[str] = []
    pos = 0
    while pos < len(text):
        match = _CLAUSE.match(text, pos)
        if match is None or match.end() == pos:
            raise InvalidEntry(f"invalid version constraint {text!r}")
        clauses += _translate(match[1] or "", match[2], text)
        pos = match.end()
    return clauses


def _translate(op: str, version: str, text: str) -> list[str]:
    if version == "*" and not op:
        return []
    if not _VERSION.fullmatch(version):
        raise InvalidEntry(f"invalid version {version!r} in constraint {text!r}")
    if op in ("^", "~"):
        release = _RELEASE.match(version)
        if release is None or version.endswith("*"):
            raise InvalidEntry(f"invalid version {version!r} in constraint {text!r}")
        parts = [int(part) for part in release[1].split(".")]
        if op == "^":  # bump the first non-zero part (the last one when all are zero)
            bump = next((i for i, part in enumerate(parts) if part), len(parts) - 1)
        else:  # bump the minor version, or the major when only that is given
            bump = min(1, len(parts) - 1)
        upper = [*parts[:bump], parts[bump] + 1] + [0] * (len(parts) - bump - 1)
        return [f">={version}", "<" + ".".join(map(str, upper))]
    if op in _KEEP:
        return [op + version]
    if op == "<>":
        return [f"!={version}"]
    return [f"=={version}"]  # a bare version or "=" is an exact pin


def _key(version: str) -> tuple[int, ...]:
    release = _RELEASE.match(version)
    return tuple(int(part) for part in release[1].split(".")) if release else ()


def _hull(branches: list[list[str]]) -> str:
    """The loosest ``>=low,<high`` range covering every alternative (bounds only kept when
    every alternative has one)."""
    lows: list[tuple[tuple[int, ...], str]] = []
    highs: list[tuple[tuple[int, ...], str]] = []
    for clauses in branches:
        low = [c for c in clauses if c.startswith((">", "==", "~="))]
        high = [c for c in clauses if c.startswith(("<", "=="))]
        if low:
            version = low[0].lstrip("<>=~")
            lows.append((_key(version), low[0] if low[0][0] == ">" else f">={version}"))
        if high:
            version = high[0].lstrip("<>=")
            highs.append((_key(version), high[0] if high[0][0] == "<" else f"<={version}"))
    bounds = []
    if lows and len(lows) == len(branches):
        bounds.append(min(lows)[1])
    if highs and len(highs) == len(branches):
        bounds.append(max(highs)[1])
    return ",".join(bounds)


def _python_marker(text: str) -> str:
    """A Poetry ``python = "..."`` constraint as an environment marker."""
    clauses = []
    for clause in constraint(text).split(","):
        if clause:
            op = re.match(r"[<>=!~]+", clause)
            version = clause[op.end() if op else 0 :]
            variable = "python_full_version" if version.count(".") >= 2 else "python_version"
            clauses.append(f'{variable} {op[0] if op else "=="} "{version}"')
    return " and ".join(clauses)


def fields(entry: object) -> Fields:
    """What one entry (a constraint string or a table) says about its dependency."""
    result, table = entry_fields(entry, constraint)
    if table is None:
        return result
    platform = string(table, "platform")
    python = _python_marker(string(table, "python") or "")
    result.marker = all_of(
        [result.marker, f'sys_platform == "{platform}"' if platform else "", python]
    )
    result.optional = table.get("optional") is True
    result.editable = table.get("develop") is True
    git = string(table, "git")
    if git is not None:
        ref = string(table, "rev") or string(table, "tag") or string(table, "branch")
        result.url = vcs_url("git", git, ref, string(table, "subdirectory"))
    elif (url := string(table, "url")) is not None:
        result.url = url
    elif (path := string(table, "path")) is not None:
        result.url = file_url(path)
    return result
