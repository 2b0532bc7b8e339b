"""The records that cross module boundaries.

These are plain slotted classes rather than dataclasses or NamedTuples: importing
``dataclasses`` or ``typing`` costs more than a bare interpreter start on the
machines we measured, and ``depfence check`` has a latency budget of 1.5x a bare
``python -c pass`` (see scripts/bench.py).  ``enum`` is free: ``re`` imports it.
"""

from __future__ import annotations

import enum

from depfence.names import canonicalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def blocks(self) -> bool:
        return self is Severity.ERROR


class Location:
    """A 1-based line and column in a file; sorts by path, line, column."""

    __slots__ = ("path", "line", "column")

    def __init__(self, path: str, line: int = 1, column: int = 1) -> None:
        self.path = path
        self.line = line
        self.column = column

    def _key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and self._key() == other._key()

    def __lt__(self, other: Location) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Dependency:
    """One declared dependency, located at the first character of its name.

    ``section`` is one of ``runtime``, ``optional``, ``dev``, ``build``;
    ``group`` names the extra or group it belongs to, if any.  ``comment`` is the
    text of the comment on the dependency's line (where inline directives live).
    """

    __slots__ = (
        "name",
        "key",
        "location",
        "specifier",
        "extras",
        "marker",
        "url",
        "editable",
        "hashes",
        "section",
        "group",
        "comment",
        "constraint",
    )

    def __init__(
        self,
        name: str,
        location: Location,
        *,
        specifier: str = "",
        extras: tuple[str, ...] = (),
        marker: str = "",
        url: str | None = None,
        editable: bool = False,
        hashes: tuple[str, ...] = (),
        section: str = "runtime",
        group: str | None = None,
        comment: str = "",
        constraint: bool = False,
    ) -> None:
        self.name = name
        self.key = canonicalize(name)
        self.location = location
        self.specifier = specifier
        self.extras = extras
        self.marker = marker
        self.url = url
        self.editable = editable
        self.hashes = hashes
        self.section = section
        self.group = group
        self.comment = comment
        self.constraint = constraint

    @property
    def local(self) -> bool:
        """Whether it comes from a local path (a ``file:`` URL, a path, or an editable folder)."""
        url = self.url or ""
        return url.startswith(("file:", ".", "/")) or (self.editable and "://" not in url)

    def __repr__(self) -> str:
        spec = f" @ {self.url}" if self.url else self.specifier
        return f"<Dependency {self.name}{spec} at {self.location!r}>"


class Finding:
    """A rule's verdict on one place in a manifest."""

    __slots__ = (
        "location",
        "code",
        "name",
        "severity",
        "message",
        "package",
        "target",
        "evidence",
    )

    def __init__(
        self,
        location: Location,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        *,
        package: str | None = None,
        target: str | None = None,
        evidence: dict[str, object] | None = None,
    ) -> None:
        self.location = location
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.package = package
        self.target = target
        self.evidence = evidence or {}

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.package or "")

    def with_severity(self, severity: Severity) -> Finding:
        return Finding(
            self.location,
            self.code,
            self.name,
            severity,
            self.message,
            package=self.package,
            target=self.target,
            evidence=self.evidence,
        )

    def __repr__(self) -> str:
        return f"<Finding {self.location!r} {self.code} {self.message!r}>"


class Manifest:
    """A parsed manifest: its dependencies, index options, and parse problems.

    ``kind`` is one of ``requirements``, ``pyproject``, ``setup.cfg``, ``pipfile``.
    ``problems`` are findings the parser made itself (malformed file, include
    loop, missing include); ``indexes`` are ``(location, option, url)`` triples
    for ``--index-url`` / ``--extra-index-url`` style options.
    """

    __slots__ = ("path", "kind", "dependencies", "problems", "indexes", "files")

    def __init__(
        self,
        path: str,
        kind: str,
        dependencies: tuple[Dependency, ...] = (),
        problems: tuple[Finding, ...] = (),
        indexes: tuple[tuple[Location, str, str], ...] = (),
        files: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.kind = kind
        self.dependencies = dependencies
        self.problems = problems
        self.indexes = indexes
        # every file read to build this manifest (the file itself and its includes)
        self.files = files or (path,)

    def __iter__(self) -> Iterator[Dependency]:
        return iter(self.dependencies)
