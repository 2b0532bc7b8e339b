"""``[tool.depfence]`` read without ``tomllib``, from documents in TOML's simplest forms.

Importing ``tomllib`` costs almost as much as an interpreter start, and an
ordinary pyproject.toml uses little of TOML: table headers, bare or quoted
keys, strings without escapes, booleans, decimal integers, arrays and one-line
inline tables of those.  ``depfence_table`` reads a whole document made only of
such forms and returns its ``[tool.depfence]`` table.  On anything else
(escapes, multi-line strings, floats, dates, arrays of arrays, a table declared
twice, a dotted key reopening a table, anything invalid) it returns ``None`` and
the caller parses with ``tomllib``: this reader must never accept what
``tomllib`` rejects, nor read anything differently.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# control characters TOML forbids everywhere (a CR only before LF, and those go first)
_CONTROL = [chr(c) for c in (*range(0x09), *range(0x0B, 0x20), 0x7F)]
_AFTER_VALUE = ("", " ", "\t", "\n", "#", ",", "]", "}")

# one token: a bare key (or true, false, a decimal integer) or a string without
# escapes; compiled on first use, the rest is plain string scanning
_token: re.Pattern[str] | None = None


class _Unsure(Exception):
    """The document uses a form this reader does not handle."""


# how a table came to be, by id(): tables made by dotted keys are kept as the
# number (>= 0) of the section whose keys made them
_IMPLICIT, _DECLARED, _ARRAY_OF_TABLES = -1, -2, -3


def depfence_table(text: str) -> dict[str, Any] | None:
    """``tool.depfence`` of the document, ``{}`` when absent; ``None`` when not sure."""
    global _token
    if _token is None:
        _token = re.compile(r"[A-Za-z0-9_-]+|\"[^\"\\\n]*\"|'[^'\n]*'")
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    if any(c in text for c in _CONTROL):
        return None
    try:
        document = _Reader(text, _token).document()
    except _Unsure:
        return None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        return None
    table = tool.get("depfence", {})
    return table if isinstance(table, dict) else None


class _Reader:
    def __init__(self, text: str, token: re.Pattern[str]) -> None:
        self.text = text
        self.token = token
        self.pos = 0

    def document(self) -> dict[str, Any]:
        text = self.text
        root: dict[str, Any] = {}
        kinds: dict[int, int] = {id(root): _DECLARED}
        current = root
        section = 0
        while self.pos < len(text):
            if self._line_end():
                continue
            if text.startswith("[", self.pos):
                array = text.startswith("[[", self.pos)
                self.pos += 2 if array else 1
                self._space()
                keys = self._key()
                self._expect("]]" if array else "]")
                if not self._line_end():
                    raise _Unsure
                section += 1
                current = _open(root, kinds, keys, array)
                continue
            *parents, last = self._key()
            self._expect("=")
            self._space()
            value = self._value(0, False)
            if not self._line_end():
                raise _Unsure
            table = current
            for key in parents:
                if key not in table:
                    table[key] = {}
                    kinds[id(table[key])] = section
                table = table[key]
                if not isinstance(table, dict) or kinds.get(id(table)) != section:
                    raise _Unsure
            if last in table:
                raise _Unsure
            table[last] = value
        return root

    def _space(self) -> None:
        text, pos = self.text, self.pos
        while text.startswith((" ", "\t"), pos):
            pos += 1
        self.pos = pos

    def _array_space(self) -> None:
        """Spaces, line ends and comments, as arrays allow between their items."""
        text = self.text
        while True:
            self._space()
            if text.startswith("#", self.pos):
                end = text.find("\n", self.pos)
                self.pos = len(text) if end == -1 else end
            if not text.startswith("\n", self.pos):
                return
            self.pos += 1

    def _line_end(self) -> bool:
        """Past spaces, a comment and the line end at ``pos``; False if there is no line end."""
        self._space()
        text = self.text
        if text.startswith("#", self.pos):
            end = text.find("\n", self.pos)
            self.pos = len(text) if end == -1 else end
        if self.pos == len(text):
            return True
        if text.startswith("\n", self.pos):
            self.pos += 1
            return True
        return False

    def _expect(self, what: str) -> None:
        """``what`` after optional spaces, and the spaces after it."""
        self._space()
        if not self.text.startswith(what, self.pos):
            raise _Unsure
        self.pos += len(what)
        self._space()

    def _part(self) -> str:
        match = self.token.match(self.text, self.pos)
        if match is None:
            raise _Unsure
        self.pos = match.end()
        part = match.group()
        return part[1:-1] if part[0] in "\"'" else part

    def _key(self) -> list[str]:
        """A key, dotted or not, and the spaces after it."""
        keys = [self._part()]
        self._space()
        while self.text.startswith(".", self.pos):
            self.pos += 1
            self._space()
            keys.append(self._part())
            self._space()
        return keys

    def _value(self, depth: int, in_array: bool) -> Any:
        """The value at ``pos``, ``depth`` arrays and inline tables deep; none in an array."""
        text = self.text
        first = text[self.pos : self.pos + 1]
        if first == "[" and not in_array and depth < 4:
            self.pos += 1
            items: list[Any] = []
            while True:
                self._array_space()
                if text.startswith("]", self.pos):
                    break
                items.append(self._value(depth + 1, True))
                self._array_space()
                if text.startswith("]", self.pos):
                    break
                self._expect(",")
            self.pos += 1
            return items
        if first == "{" and depth < 4:
            self.pos += 1
            table: dict[str, Any] = {}
            self._space()
            if not text.startswith("}", self.pos):
                while True:
                    key = self._part()
                    if key in table:
                        raise _Unsure
                    self._expect("=")
                    table[key] = self._value(depth + 1, False)
                    self._space()
                    if text.startswith("}", self.pos):
                        break
                    self._expect(",")
            self.pos += 1
            return table
        start = self.pos
        if first == "+":
            self.pos += 1
        raw = self._part()
        # what follows a value must end it: "1.5", "1:00", '"""' leave text behind
        if text[self.pos : self.pos + 1] not in _AFTER_VALUE:
            raise _Unsure
        if text[self.pos - 1] in "\"'":
            if first == "+":
                raise _Unsure
            return raw
        if first != "+" and raw in ("true", "false"):
            return raw == "true"
        digits = raw[1:] if raw.startswith("-") and first != "+" else raw
        if not digits.isdigit() or (digits.startswith("0") and digits != "0"):
            raise _Unsure
        return int(text[start : self.pos])


def _open(root: dict[str, Any], kinds: dict[int, int], keys: list[str], array: bool) -> Any:
    """The table a ``[header]`` (``[[header]]`` when ``array``) opens; only plain cases."""
    table = root
    *parents, last = keys
    for key in parents:
        if key not in table:
            table[key] = {}
            kinds[id(table[key])] = _IMPLICIT
        table = table[key]
        kind = kinds.get(id(table))
        if kind == _ARRAY_OF_TABLES:
            table = table[-1]
        elif kind not in (_IMPLICIT, _DECLARED):
            raise _Unsure
    # ids are recorded only for objects the document keeps: a freed object's id is reused
    existing = table.get(last)
    kind = None if existing is None else kinds.get(id(existing))
    if existing is None or (array and kind == _ARRAY_OF_TABLES):
        opened: dict[str, Any] = {}
        kinds[id(opened)] = _DECLARED
        if existing is not None:
            existing.append(opened)
        elif array:
            table[last] = [opened]
            kinds[id(table[last])] = _ARRAY_OF_TABLES
        else:
            table[last] = opened
        return opened
    if not array and kind == _IMPLICIT:
        kinds[id(existing)] = _DECLARED
        return existing
    raise _Unsure
