"""Pipfile: ``[packages]``, ``[dev-packages]``, custom categories, and ``[[source]]`` indexes."""

from __future__ import annotations

import re

from depfence.manifests import _pep508
from depfence.manifests._collect import (
    Collector,
    Fields,
    describe,
    dotted,
    file_url,
    parse_toml,
    vcs_url,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from depfence.model import Manifest

# top-level tables that are not package categories
_NOT_CATEGORIES = ("source", "requires", "scripts", "pipenv")
_VCS = ("git", "hg", "svn", "bzr")
# keys of a package table that are environment marker variables: {sys_platform = "== 'win32'"}
_MARKER_KEYS = (
    "os_name",
    "sys_platform",
    "platform_machine",
    "platform_python_implementation",
    "platform_release",
    "platform_system",
    "platform_version",
    "python_version",
    "python_full_version",
    "implementation_name",
    "implementation_version",
)
_BARE_VERSION = re.compile(r"\s*v?\d")


class _Invalid(ValueError):
    pass


def parse(path: str, read: Callable[[str], str]) -> Manifest:
    return parse_toml(path, "pipfile", read, _collect)


def _collect(c: Collector, data: dict[str, Any]) -> None:
    _sources(c, data)
    for category, packages in data.items():
        if category in _NOT_CATEGORIES:
            continue
        if not isinstance(packages, dict):
            c.wrong_type((category,), packages, "a table of packages")
            continue
        if category == "packages":
            section, group = "runtime", None
        else:
            section, group = "dev", None if category == "dev-packages" else category
        for name, entry in packages.items():
            try:
                fields = _fields(entry)
            except _Invalid as exc:
                # the name is still checked: it is the key, whatever the value says
                c.problem((category, name), f"{dotted((category, name))}: {exc}")
                fields = Fields()
            c.add(name, c.key_location((category, name)), fields, section, group)


def _sources(c: Collector, data: dict[str, Any]) -> None:
    """Every ``[[source]]`` after the first is an index beside the default one."""
    sources = data.get("source", [])
    if not isinstance(sources, list):
        c.wrong_type(("source",), sources, "an array of tables ([[source]])")
        return
    for index, source in enumerate(sources):
        url = source.get("url") if isinstance(source, dict) else None
        if not isinstance(url, str):
            c.problem(("source", index), f"[[source]] number {index + 1} has no url string")
        elif index > 0:
            c.indexes.append((c.location(("source", index, "url"), 0), "source", url))


def _specifier(version: str) -> str:
    version = version.strip()
    if version in ("", "*"):
        return ""
    if _BARE_VERSION.match(version):
        version = f"=={version}"
    try:
        parsed = _pep508.parse(f"x {version}")
    except _pep508.InvalidRequirement:
        parsed = None
    if parsed is None or parsed.extras or parsed.marker or parsed.url is not None:
        raise _Invalid(f"invalid version specifier {version!r}")
    return parsed.specifier


def _string(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _Invalid(f"'{key}' must be a string, not {describe(value)}")


def _fields(entry: object) -> Fields:
    fields = Fields()
    if isinstance(entry, str):
        fields.specifier = _specifier(entry)
        return fields
    if not isinstance(entry, dict):
        raise _Invalid(f"must be a version string or a table, not {describe(entry)}")
    fields.specifier = _specifier(_string(entry, "version") or "")
    extras = entry.get("extras", [])
    if not isinstance(extras, list) or not all(isinstance(e, str) for e in extras):
        raise _Invalid("'extras' must be an array of strings")
    fields.extras = tuple(extras)
    markers = [m for m in (_string(entry, "markers"),) if m]
    markers += [f"{key} {_string(entry, key)}" for key in _MARKER_KEYS if key in entry]
    fields.marker = " and ".join(f"({m})" if len(markers) > 1 else m for m in markers)
    fields.editable = entry.get("editable") is True
    for vcs in _VCS:
        where = _string(entry, vcs)
        if where is not None:
            ref = _string(entry, "ref")
            fields.url = vcs_url(vcs, where, ref, _string(entry, "subdirectory"))
            return fields
    where = _string(entry, "path") or _string(entry, "file")
    if where is not None:
        fields.url = file_url(where)
    return fields
