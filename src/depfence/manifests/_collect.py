"""Turning the values of a TOML manifest into located dependencies and problems.

Shared by the pyproject.toml and Pipfile parsers (and ``dependency`` by setup.cfg's).
Every problem names the file and line; nothing here raises for bad input.
"""

from __future__ import annotations

import re

from depfence import rules
from depfence.manifests import _pep508
from depfence.model import Dependency, Location, Manifest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from depfence.manifests._toml import Path, Positions
    from depfence.model import Finding

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def describe(value: object) -> str:
    """A value's TOML type, with an article, for messages."""
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def dotted(path: Path) -> str:
    """A key path as written in TOML: ``project.optional-dependencies.test[2]``."""
    shown = ""
    for part in path:
        if isinstance(part, int):
            shown += f"[{part}]"
        else:
            key = part if _PLAIN_KEY.fullmatch(part) else '"' + part.replace('"', '\\"') + '"'
            shown += f".{key}" if shown else key
    return shown


def vcs_url(vcs: str, where: str, ref: str | None, subdirectory: str | None = None) -> str:
    """A pip-style VCS URL: ``git+https://host/repo@ref#subdirectory=...``."""
    url = where if where.lower().startswith(f"{vcs}+") else f"{vcs}+{where}"
    if ref:
        url += f"@{ref}"
    if subdirectory:
        url += f"#subdirectory={subdirectory}"
    return url


def file_url(path: str) -> str:
    """A local path as a ``file:`` URL (a value that already has a scheme is kept)."""
    return path if re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", path) else f"file:{path}"


class Fields:
    """What a table-style entry says about a dependency, besides its name."""

    __slots__ = ("editable", "extras", "marker", "optional", "specifier", "url")

    def __init__(self) -> None:
        self.specifier = ""
        self.extras: tuple[str, ...] = ()
        self.marker = ""
        self.url: str | None = None
        self.editable = False
        self.optional = False


class InvalidEntry(ValueError):
    """A table-style entry (Poetry, Pipfile) that says nothing usable; ``str()`` says why."""


def string(entry: dict[str, Any], key: str) -> str | None:
    """``entry[key]``: a string, or ``None`` when absent (``InvalidEntry`` for anything else)."""
    value = entry.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InvalidEntry(f"'{key}' must be a string, not {describe(value)}")


def entry_fields(
    entry: object, specifier: Callable[[str], str]
) -> tuple[Fields, dict[str, Any] | None]:
    """What Poetry and Pipfile entries have in common: a version string, or a table with
    ``version``, ``extras`` and ``markers``; the table is returned for the format's own keys.
    ``specifier`` turns the format's version text into a PEP 440 specifier."""
    fields = Fields()
    if isinstance(entry, str):
        fields.specifier = specifier(entry)
        return fields, None
    if not isinstance(entry, dict):
        raise InvalidEntry(f"must be a version string or a table, not {describe(entry)}")
    fields.specifier = specifier(string(entry, "version") or "")
    extras = entry.get("extras", [])
    if not isinstance(extras, list) or not all(isinstance(e, str) for e in extras):
        raise InvalidEntry("'extras' must be an array of strings")
    fields.extras = tuple(extras)
    fields.marker = string(entry, "markers") or ""
    return fields, entry


def all_of(markers: list[str]) -> str:
    """The non-empty markers joined with ``and`` (each in parentheses when there are several)."""
    markers = [marker for marker in markers if marker]
    return " and ".join(f"({m})" if len(markers) > 1 else m for m in markers)


def dependency(
    name: str,
    location: Location,
    parts: _pep508.Requirement | Fields,
    section: str,
    group: str | None,
    comment: str,
    editable: bool = False,
) -> Dependency:
    """A Dependency from a parsed requirement string or from a table-style entry's fields."""
    return Dependency(
        name,
        location,
        specifier=parts.specifier,
        extras=parts.extras,
        marker=parts.marker,
        url=parts.url,
        editable=editable,
        section=section,
        group=group,
        comment=comment,
    )


class Collector:
    """The dependencies, problems and indexes found so far in one TOML manifest."""

    def __init__(self, path: str, positions: Positions) -> None:
        self.path = path
        self.positions = positions
        self.dependencies: list[Dependency] = []
        self.problems: list[Finding] = []
        self.indexes: list[tuple[Location, str, str]] = []

    def location(self, path: Path, index: int | None = None) -> Location:
        """Where a key path is: character ``index`` of its string value, or the value, or
        its key, or else the nearest enclosing key that was located."""
        positions = self.positions
        offset = None if index is None else positions.char(path, index)
        while offset is None and path:
            located = positions.values.get(path)
            offset = located[0] if located is not None else positions.keys.get(path)
            path = path[:-1]
        line, column = positions.line_column(offset or 0)
        return Location(self.path, line, column)

    def key_location(self, path: Path) -> Location:
        """Where the key of ``path`` is (for a table-style entry, the package name)."""
        if path in self.positions.keys:
            return Location(self.path, *self.positions.line_column(self.positions.keys[path]))
        return self.location(path)

    def problem(self, path: Path, message: str, location: Location | None = None) -> None:
        location = location or self.location(path)
        problem = rules.INVALID_MANIFEST.finding(
            location, f"{self.path}: line {location.line}: {message}"
        )
        # a table is looked up once per thing read from it; say what is wrong with it once
        if not any(p.message == problem.message for p in self.problems):
            self.problems.append(problem)

    def wrong_type(self, path: Path, value: object, wanted: str) -> None:
        self.problem(path, f"{dotted(path)} must be {wanted}, not {describe(value)}")

    def fields(self, path: Path, entry: object, read: Callable[[object], Fields]) -> Fields:
        """``read(entry)``; for an invalid entry, a problem at ``path`` and empty fields."""
        try:
            return read(entry)
        except InvalidEntry as exc:
            # the name is still checked: it is the key, whatever the value says
            self.problem(path, f"{dotted(path)}: {exc}")
            return Fields()

    def table(self, data: dict[str, Any], path: Path) -> dict[str, Any] | None:
        """The table at ``path`` (``None`` when absent; a problem when not a table)."""
        value: Any = data
        for i, key in enumerate(path):
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
            if not isinstance(value, dict):
                self.wrong_type(path[: i + 1], value, "a table")
                return None
        return value  # type: ignore[no-any-return]

    def tables(self, data: dict[str, Any], path: Path) -> list[tuple[int, dict[str, Any]]]:
        """The array of tables at ``path`` with each one's position (a problem for each wrong
        type; an empty list when absent)."""
        parent = self.table(data, path[:-1]) or {}
        value = parent.get(str(path[-1]), [])
        if not isinstance(value, list):
            self.wrong_type(path, value, "an array of tables")
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                found.append((index, item))
            else:
                self.wrong_type((*path, index), item, "a table")
        return found

    def requirements(
        self, path: Path, value: object, section: str, group: str | None = None
    ) -> None:
        """An array of PEP 508 strings."""
        if not isinstance(value, list):
            self.wrong_type(path, value, "an array of requirement strings")
            return
        for index, item in enumerate(value):
            if isinstance(item, str):
                self.requirement((*path, index), item, section, group)
            else:
                self.wrong_type((*path, index), item, "a requirement string")

    def requirement(
        self,
        path: Path,
        text: str,
        section: str,
        group: str | None,
        *,
        start: int = 0,
        editable: bool = False,
    ) -> None:
        """The PEP 508 string ``text[start:]``, located at the first character of its name."""
        try:
            parsed = _pep508.parse(text[start:])
        except _pep508.InvalidRequirement as exc:
            self.problem(path, f"invalid requirement {text!r}: {exc}")
            return
        location = self.location(path, start + parsed.offset)
        comment = self.positions.comment(location.line)
        self.dependencies.append(
            dependency(parsed.name, location, parsed, section, group, comment, editable)
        )

    def add(
        self, name: str, location: Location, fields: Fields, section: str, group: str | None
    ) -> None:
        """A dependency described by ``fields`` rather than by a PEP 508 string."""
        comment = self.positions.comment(location.line)
        self.dependencies.append(
            dependency(name, location, fields, section, group, comment, fields.editable)
        )

    def manifest(self, kind: str) -> Manifest:
        return Manifest(
            self.path,
            kind,
            dependencies=tuple(self.dependencies),
            problems=tuple(self.problems),
            indexes=tuple(self.indexes),
        )


def parse_toml(
    path: str,
    kind: str,
    read: Callable[[str], str],
    collect: Callable[[Collector, dict[str, Any]], None],
) -> Manifest:
    """Read and load a TOML manifest, then let ``collect`` fill a Collector from it."""
    from depfence.files import ReadError
    from depfence.manifests._toml import Positions, TomlError, load

    try:
        text = read(path)
    except ReadError as exc:
        problem = rules.INVALID_MANIFEST.finding(Location(path, 1, 1), f"{path}: {exc}")
        return Manifest(path, kind, problems=(problem,))
    try:
        data = load(text)
    except TomlError as exc:
        problem = rules.INVALID_MANIFEST.finding(
            Location(path, exc.line, exc.column), f"{path}: invalid TOML: {exc}"
        )
        return Manifest(path, kind, problems=(problem,))
    collector = Collector(path, Positions(text))
    collect(collector, data)
    return collector.manifest(kind)
