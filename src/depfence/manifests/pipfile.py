"""Pipfile: ``[packages]``, ``[dev-packages]``, custom categories, and ``[[source]]`` indexes."""

from __future__ import annotations

import re

from depfence.manifests import _pep508
from depfence.manifests._collect import (
    Collector,
    Fields,
    InvalidEntry,
    all_of,
    entry_fields,
    file_url,
    parse_toml,
    string,
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
            fields = c.fields((category, name), entry, _fields)
            c.add(name, c.key_location((category, name)), fields, section, group)


def _sources(c: Collector, data: dict[str, Any]) -> None:
    """The first ``[[source]]`` is the index Pipenv installs from (``index``: only its scheme
    matters); every later one is an index beside it (``source``)."""
    sources = data.get("source", [])
    if not isinstance(sources, list):
        c.wrong_type(("source",), sources, "an array of tables ([[source]])")
        return
    for index, source in enumerate(sources):
        url = source.get("url") if isinstance(source, dict) else None
        if not isinstance(url, str):
            c.problem(("source", index), f"[[source]] number {index + 1} has no url string")
        else:
            option = "source" if index else "index"
            c.indexes.append((c.location(("source", index, "url"), 0), option, url))


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
        raise InvalidEntry(f"invalid version specifier {version!r}")
    return parsed.specifier


def _fields(entry: object) -> Fields:
    fields, table = entry_fields(entry, _specifier)
    if table is None:
        return fields
    keys = [f"{key} {string(table, key)}" for key in _MARKER_KEYS if key in table]
    fields.marker = all_of([fields.marker, *keys])
    fields.editable = table.get("editable") is True
    for vcs in _VCS:
        where = string(table, vcs)
        if where is not None:
            fields.url = vcs_url(vcs, where, string(table, "ref"), string(table, "subdirectory"))
            return fields
    where = string(table, "path") or string(table, "file")
    if where is not None:
        fields.url = file_url(where)
    return fields
