"""Turning the values of a TOML manifest into located dependencies and problems.

Shared by the pyproject.toml and Pipfile parsers.  Every problem names the file
and line; nothing here raises for bad input.
"""

from __future__ import annotations

import re

from depfence import rules
from depfence.manifests import _pep508
from depfence.manifests._toml import Path, Positions, TomlError, load
from depfence.model import Dependency, Location, Manifest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

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
        self.dependencies.append(
            Dependency(
                parsed.name,
                location,
                specifier=parsed.specifier,
                extras=parsed.extras,
                marker=parsed.marker,
                url=parsed.url,
                editable=editable,
                section=section,
                group=group,
                comment=self.positions.comment(location.line),
            )
        )

    def add(
        self, name: str, location: Location, fields: Fields, section: str, group: str | None
    ) -> None:
        """A dependency described by ``fields`` rather than by a PEP 508 string."""
        self.dependencies.append(
            Dependency(
                name,
                location,
                specifier=fields.specifier,
                extras=fields.extras,
                marker=fields.marker,
                url=fields.url,
                editable=fields.editable,
                section=section,
                group=group,
                comment=self.positions.comment(location.line),
            )
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
