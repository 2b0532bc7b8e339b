"""pyproject.toml: PEP 621 metadata, PEP 735 groups, build requirements, Poetry, uv, PDM."""

from __future__ import annotations

import re

from depfence.manifests import _indexes
from depfence.manifests._collect import (
    Collector,
    Fields,
    dotted,
    file_url,
    parse_toml,
    vcs_url,
)
from depfence.names import canonicalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from depfence.manifests._toml import Path
    from depfence.model import Manifest

_EGG = re.compile(r"#(?:.*&)?egg=([A-Za-z0-9][A-Za-z0-9._-]*)")


def parse(path: str, read: Callable[[str], str]) -> Manifest:
    return parse_toml(path, "pyproject", read, _collect)


def _collect(c: Collector, data: dict[str, Any]) -> None:
    build = c.table(data, ("build-system",))
    if build is not None and "requires" in build:
        c.requirements(("build-system", "requires"), build["requires"], "build")
    project = c.table(data, ("project",))
    if project is not None and "dependencies" in project:
        c.requirements(("project", "dependencies"), project["dependencies"], "runtime")
    extras = c.table(data, ("project", "optional-dependencies")) or {}
    for extra, value in extras.items():
        c.requirements(("project", "optional-dependencies", extra), value, "optional", extra)
    _dependency_groups(c, data)
    _poetry_tables(c, data)
    uv = c.table(data, ("tool", "uv")) or {}
    if "dev-dependencies" in uv:
        c.requirements(("tool", "uv", "dev-dependencies"), uv["dev-dependencies"], "dev", "dev")
    pdm_groups = c.table(data, ("tool", "pdm", "dev-dependencies")) or {}
    for group, value in pdm_groups.items():
        _pdm_group(c, ("tool", "pdm", "dev-dependencies", group), value, group)
    _uv_sources(c, data)
    _indexes.collect(c, data)


def _dependency_groups(c: Collector, data: dict[str, Any]) -> None:
    """PEP 735 groups; an ``{include-group = ...}`` entry adds nothing of its own."""
    groups = c.table(data, ("dependency-groups",)) or {}
    names: dict[str, str] = {}
    includes: dict[str, list[tuple[str, Path]]] = {}
    for group in groups:
        if canonicalize(group) in names:
            c.problem(
                ("dependency-groups", group),
                f"dependency group {group!r} repeats {names[canonicalize(group)]!r}",
                c.key_location(("dependency-groups", group)),
            )
        names.setdefault(canonicalize(group), group)
    for group, value in groups.items():
        path: Path = ("dependency-groups", group)
        if not isinstance(value, list):
            c.wrong_type(path, value, "an array of requirement strings")
            continue
        for index, item in enumerate(value):
            item_path = (*path, index)
            if isinstance(item, str):
                c.requirement(item_path, item, "dev", group)
            elif isinstance(item, dict) and list(item) == ["include-group"]:
                target = item["include-group"]
                if not isinstance(target, str) or canonicalize(target) not in names:
                    c.problem(item_path, f"{dotted(path)} includes unknown group {target!r}")
                else:
                    entry = (canonicalize(target), item_path)
                    includes.setdefault(canonicalize(group), []).append(entry)
            else:
                c.wrong_type(item_path, item, "a requirement string or {include-group = ...}")
    _include_cycles(c, includes, names)


def _include_cycles(
    c: Collector, includes: dict[str, list[tuple[str, Path]]], names: dict[str, str]
) -> None:
    """Report each include that closes a cycle, once."""
    done: set[str] = set()

    def visit(group: str, trail: list[str]) -> None:
        trail.append(group)
        for target, item_path in includes.get(group, ()):
            if target in trail:
                cycle = " -> ".join(names[g] for g in [*trail[trail.index(target) :], target])
                c.problem(item_path, f"dependency groups include each other: {cycle}")
            elif target not in done:
                visit(target, trail)
        trail.pop()
        done.add(group)

    for group in includes:
        if group not in done:
            visit(group, [])


def _poetry_tables(c: Collector, data: dict[str, Any]) -> None:
    if c.table(data, ("tool", "poetry")) is None:
        return
    extra_of: dict[str, str] = {}
    for extra, members in (c.table(data, ("tool", "poetry", "extras")) or {}).items():
        for member in members if isinstance(members, list) else ():
            if isinstance(member, str):
                extra_of.setdefault(canonicalize(member), extra)
    _poetry_table(c, data, ("tool", "poetry", "dependencies"), None, extra_of)
    _poetry_table(c, data, ("tool", "poetry", "dev-dependencies"), "dev", {})
    for group in c.table(data, ("tool", "poetry", "group")) or {}:
        _poetry_table(c, data, ("tool", "poetry", "group", group, "dependencies"), group, {})


def _poetry_table(
    c: Collector, data: dict[str, Any], path: Path, group: str | None, extra_of: dict[str, str]
) -> None:
    from depfence.manifests import _poetry  # only projects that use Poetry pay for it

    for name, value in (c.table(data, path) or {}).items():
        if name == "python":  # the interpreter, not a package
            continue
        entries = value if isinstance(value, list) else [value]
        for index, entry in enumerate(entries):
            entry_path = (*path, name, index) if isinstance(value, list) else (*path, name)
            fields = c.fields(entry_path, entry, _poetry.fields)
            location = c.key_location((*path, name))
            if group is not None:
                c.add(name, location, fields, "dev", group)
            elif fields.optional:
                c.add(name, location, fields, "optional", extra_of.get(canonicalize(name)))
            else:
                c.add(name, location, fields, "runtime", None)


def _pdm_group(c: Collector, path: Path, value: object, group: str) -> None:
    """PDM's legacy dev groups: PEP 508 strings, or ``-e`` and a requirement, path or URL."""
    if not isinstance(value, list):
        c.wrong_type(path, value, "an array of requirement strings")
        return
    for index, item in enumerate(value):
        item_path = (*path, index)
        if not isinstance(item, str):
            c.wrong_type(item_path, item, "a requirement string")
            continue
        start = len(item) - len(item.lstrip())
        if not item.startswith("-e", start):
            c.requirement(item_path, item, "dev", group)
            continue
        start += 2
        start += len(item[start:]) - len(item[start:].lstrip())
        target = item[start:].rstrip()
        egg = _EGG.search(target)
        if egg is not None:
            fields = Fields()
            fields.url = target
            fields.editable = True
            location = c.location(item_path, start + egg.start(1))
            c.add(egg[1], location, fields, "dev", group)
        elif not re.match(r"[./~]|[A-Za-z][A-Za-z0-9+.-]+:", target):  # a path names nothing
            c.requirement(item_path, item, "dev", group, start=start, editable=True)


def _uv_sources(c: Collector, data: dict[str, Any]) -> None:
    """``[tool.uv.sources]`` gives a URL to dependencies declared elsewhere by name."""
    sources = c.table(data, ("tool", "uv", "sources")) or {}
    urls: dict[str, str] = {}
    for name, value in sources.items():
        first = value[0] if isinstance(value, list) and value else value
        if not isinstance(first, dict):
            continue
        if isinstance(first.get("git"), str):
            ref = first.get("rev") or first.get("tag") or first.get("branch")
            sub = first.get("subdirectory")
            urls[canonicalize(name)] = vcs_url(
                "git",
                first["git"],
                ref if isinstance(ref, str) else None,
                sub if isinstance(sub, str) else None,
            )
        elif isinstance(first.get("url"), str):
            urls[canonicalize(name)] = first["url"]
        elif isinstance(first.get("path"), str):
            urls[canonicalize(name)] = file_url(first["path"])
    for dep in c.dependencies:
        if dep.url is None and dep.key in urls:
            dep.url = urls[dep.key]
