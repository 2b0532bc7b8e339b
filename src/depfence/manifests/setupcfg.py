"""setup.cfg: ``[options] install_requires``/``setup_requires`` and ``[options.extras_require]``.

``configparser`` forgets where values came from, so a small line scanner reads
the INI structure the way setuptools' ``ConfigParser`` does (``=`` or ``:``
delimiters, ``#``/``;`` comment lines, indented continuation lines, no
duplicate sections or options) and keeps each line's number and column.  Values
are then split as setuptools splits them: one requirement per line, or a
one-line value at ``;``; an inline `` # comment`` is dropped, as pip and
setuptools drop it.
"""

from __future__ import annotations

import re

from depfence import rules
from depfence.files import ReadError
from depfence.manifests import _pep508
from depfence.manifests._collect import dependency
from depfence.model import Location, Manifest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from depfence.model import Dependency, Finding

_SECTION = re.compile(r"\[(?P<header>.+)\]")
_OPTION = re.compile(r"(?P<option>.*?)\s*(?P<vi>[=:])\s*(?P<value>.*)$")
_COMMENT = re.compile(r"\s#")
_LINE_BREAK = re.compile(r"\r?\n|\r")

# (section, option with - as _ and lowercased) -> (dependency section, group)
_REQUIREMENT_OPTIONS = {
    ("options", "install_requires"): ("runtime", None),
    ("options", "setup_requires"): ("build", None),
    ("options", "tests_require"): ("dev", None),
}
_EXTRAS = "options.extras_require"

# One physical line of a value: line number, 0-based column where the text starts, text.
Line = tuple[int, int, str]


class _IniError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def parse(path: str, read: Callable[[str], str]) -> Manifest:
    try:
        text = read(path)
    except ReadError as exc:
        problem = rules.INVALID_MANIFEST.finding(Location(path, 1, 1), f"{path}: {exc}")
        return Manifest(path, "setup.cfg", problems=(problem,))
    try:
        options = _read_ini(text)
    except _IniError as exc:
        problem = rules.INVALID_MANIFEST.finding(
            Location(path, exc.line, 1), f"{path}: invalid INI: line {exc.line}: {exc}"
        )
        return Manifest(path, "setup.cfg", problems=(problem,))
    dependencies: list[Dependency] = []
    problems: list[Finding] = []
    for (section, option), lines in options.items():
        key = option.lower().replace("-", "_")
        group: str | None
        if section == _EXTRAS:
            kind, group = "optional", option
        elif (section, key) in _REQUIREMENT_OPTIONS:
            kind, group = _REQUIREMENT_OPTIONS[(section, key)]
        else:
            continue
        items = _items(lines)
        misread = _misread_marker(path, lines)
        if misread is not None:  # report the cause once, not the marker as a requirement
            items = items[:1]
            problems.append(misread)
        for line, column, item in items:
            _requirement(path, line, column, item, kind, group, dependencies, problems)
    return Manifest(path, "setup.cfg", dependencies=tuple(dependencies), problems=tuple(problems))


def _read_ini(text: str) -> dict[tuple[str, str], list[Line]]:
    """Every option's value, line by line; ``_IniError`` for what ConfigParser refuses."""
    values: dict[tuple[str, str], list[Line]] = {}
    sections: set[str] = set()
    section: str | None = None
    current: list[Line] | None = None
    indent = 0
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            if not stripped and current is not None:
                current.append((number, 0, ""))  # kept: a blank line does not end a value
            continue
        line_indent = len(line) - len(line.lstrip())
        if current is not None and line_indent > indent:
            current.append((number, line_indent, stripped))
            continue
        indent = line_indent
        header = _SECTION.match(stripped)
        if header is not None:
            section = header["header"]
            if section in sections:
                raise _IniError(number, f"section [{section}] appears twice")
            sections.add(section)
            current = None
            continue
        if section is None:
            raise _IniError(number, "a setting comes before any [section] header")
        option = _OPTION.match(stripped)
        if option is None or not option["option"]:
            raise _IniError(
                number, "expected 'key = value', a [section] header or an indented continuation"
            )
        name = option["option"].rstrip()
        if (section, name) in values:
            raise _IniError(number, f"option {name!r} appears twice in [{section}]")
        current = [(number, line_indent + option.start("value"), option["value"].rstrip())]
        values[(section, name)] = current
    return values


def _items(lines: list[Line]) -> list[Line]:
    """The requirement strings of a value, split as setuptools splits them."""
    if any(text for _, _, text in lines[1:]):
        return [line for line in lines if line[2] and not line[2].startswith("#")]
    number, column, text = lines[0]
    items = []
    for part in re.finditer(r"[^;]+", text):
        item = part[0].strip()
        if item and not item.startswith("#"):
            start = part.start() + len(part[0]) - len(part[0].lstrip())
            items.append((number, column + start, item))
    return items


def _requirement(
    path: str,
    number: int,
    column: int,
    item: str,
    section: str,
    group: str | None,
    dependencies: list[Dependency],
    problems: list[Finding],
) -> None:
    comment = ""
    hash_at = _COMMENT.search(item)
    if hash_at is not None:
        item, comment = item[: hash_at.start()].rstrip(), item[hash_at.end() :].strip()
    if item.startswith("file:"):
        return  # install_requires = file: requirements.txt; that file is checked on its own
    try:
        parsed = _pep508.parse(item)
    except _pep508.InvalidRequirement as exc:
        message = f"{path}: line {number}: invalid requirement {item!r}: {exc}"
        problems.append(rules.INVALID_MANIFEST.finding(Location(path, number, column + 1), message))
        return
    location = Location(path, number, column + parsed.offset + 1)
    dependencies.append(dependency(parsed.name, location, parsed, section, group, comment))


def _misread_marker(path: str, lines: list[Line]) -> Finding | None:
    """``x = name; python_version < "3.8"`` on one line is two requirements to setuptools."""
    if any(text for _, _, text in lines[1:]) or ";" not in lines[0][2]:
        return None
    number, column, text = lines[0]
    hash_at = _COMMENT.search(text)
    # the fast path only: this is a better message for a common slip, not worth packaging
    parsed = _pep508.parse_fast(text[: hash_at.start()] if hash_at else text)
    if parsed is None or not parsed.marker:
        return None
    return rules.INVALID_MANIFEST.finding(
        Location(path, number, column + text.index(";") + 1),
        f"{path}: line {number}: setuptools splits a one-line value at ';', so "
        f"'{parsed.marker}' would be read as a requirement: put the requirement on its "
        "own indented line below the option",
    )
