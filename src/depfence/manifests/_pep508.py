"""Split a PEP 508 requirement string into name, extras, specifier, marker and URL.

A few small regular expressions handle the everyday forms strictly (they accept
nothing ``packaging`` refuses, and compile in well under a millisecond); any
other string is handed to ``packaging`` (imported then: it costs twice an
interpreter start), which either parses it or says why it is invalid.
"""

from __future__ import annotations

import re

from depfence.names import ascii_stand_in

_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_HEAD = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\]\s*)?")
_URL = re.compile(r"@\s*([A-Za-z][A-Za-z0-9+.-]*:\S+)(?:\s+;([\s\S]*))?\s*")
_CLAUSE = re.compile(r"\s*(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;()]+)\s*")
# the common spellings of a version only; anything else is left to packaging
_VERSION = re.compile(r"\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?")
_RELEASE = re.compile(r"\d+(?:\.\d+)*")
_MARKER_TOKEN = re.compile(
    r"""\s*(?:('[^']*'|"[^"]*")|([a-z_]+)|(<=|>=|===|==|!=|~=|<|>)|([()]))"""
)
_VARIABLES = frozenset(
    (
        "python_version",
        "python_full_version",
        "os_name",
        "sys_platform",
        "platform_release",
        "platform_system",
        "platform_version",
        "platform_machine",
        "platform_python_implementation",
        "implementation_name",
        "implementation_version",
        "extra",
    )
)


class InvalidRequirement(ValueError):
    """``str()`` is a one-line reason."""


class Requirement:
    """The parts of a requirement string; ``offset`` is where the name starts in it."""

    __slots__ = ("extras", "marker", "name", "offset", "specifier", "url")

    def __init__(
        self,
        name: str,
        offset: int,
        extras: tuple[str, ...] = (),
        specifier: str = "",
        marker: str = "",
        url: str | None = None,
    ) -> None:
        self.name = name
        self.offset = offset
        self.extras = extras
        self.specifier = specifier
        self.marker = marker
        self.url = url


def parse(text: str) -> Requirement:
    """The parts of ``text``, or ``InvalidRequirement`` saying why it is not a requirement."""
    stand_in = ascii_stand_in(text)
    if stand_in is not None:
        requirement = parse(stand_in[1])
        requirement.name = stand_in[0]
        return requirement
    return parse_fast(text) or _parse_slowly(text)


def parse_fast(text: str) -> Requirement | None:
    """The everyday forms, with the same result as packaging; ``None`` for anything else."""
    head = _HEAD.match(text)
    if head is None:
        return None
    extras: tuple[str, ...] = ()
    if head[2] is not None and head[2].strip():
        extras = tuple(extra.strip() for extra in head[2].split(","))
        if not all(_NAME.fullmatch(extra) for extra in extras):
            return None
    rest = text[head.end() :]
    if rest.startswith("@"):
        url = _URL.fullmatch(rest)
        if url is None or (url[2] is not None and not _marker_ok(url[2])):
            return None
        return Requirement(head[1], head.start(1), extras, "", (url[2] or "").strip(), url[1])
    spec, semicolon, marker = rest.partition(";")
    specifier = _specifier(spec)
    if specifier is None or (semicolon and not _marker_ok(marker)):
        return None
    return Requirement(head[1], head.start(1), extras, specifier, marker.strip())


def _specifier(text: str) -> str | None:
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
        if not text:
            return None
    elif not text:
        return ""
    clauses = []
    for clause in text.split(","):
        match = _CLAUSE.fullmatch(clause)
        if match is None:
            return None
        op, version = match.groups()
        if op == "===":
            pass
        elif version.endswith(".*"):
            if op not in ("==", "!=") or _RELEASE.fullmatch(version[:-2]) is None:
                return None
        elif _VERSION.fullmatch(version) is None or (op == "~=" and "." not in version):
            return None
        clauses.append(op + version)
    return ",".join(clauses)


def _marker_ok(marker: str) -> bool:
    """Whether ``marker`` is a plain ``variable op 'value'`` expression with and/or/parens."""
    depth = 0
    state = 0  # 0: a comparison or "(" next, 1: an operator, 2: its right side, 3: after one
    pos = 0
    while True:
        token = _MARKER_TOKEN.match(marker, pos)
        if token is None:
            return state == 3 and depth == 0 and not marker[pos:].strip()
        pos = token.end()
        string, word, op, paren = token.groups()
        if state in (0, 2) and (string or word in _VARIABLES):
            state += 1
        elif state == 0 and paren == "(":
            depth += 1
        elif state == 1 and (op or word == "in"):
            state = 2
        elif state == 1 and word == "not":
            token = _MARKER_TOKEN.match(marker, pos)
            if token is None or token[2] != "in":
                return False
            pos, state = token.end(), 2
        elif state == 3 and paren == ")" and depth > 0:
            depth -= 1
        elif state == 3 and word in ("and", "or"):
            state = 0
        else:
            return False


def _parse_slowly(text: str) -> Requirement:
    from packaging.requirements import InvalidRequirement as Invalid
    from packaging.requirements import Requirement as Parsed

    try:
        parsed = Parsed(text)
    except Invalid as exc:
        raise InvalidRequirement(str(exc).splitlines()[0]) from None
    return Requirement(
        parsed.name,
        len(text) - len(text.lstrip()),
        tuple(sorted(parsed.extras)),
        str(parsed.specifier),
        str(parsed.marker) if parsed.marker is not None else "",
        parsed.url,
    )
