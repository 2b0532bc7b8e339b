"""TOML with positions: ``tomllib`` gives the values, a small scanner says where they are.

``tomllib`` (``tomli`` before Python 3.11) is imported only when a TOML file is
parsed: it costs almost as much as an interpreter start.  It keeps no
positions, so ``Positions`` walks the same text once and records where every
key and value starts, by its path of keys and array indexes.  The scanner
validates nothing: it runs only on text ``tomllib`` accepted.  If it ever meets
something it does not understand it stops, and what it has not reached yet is
simply not located (callers then fall back to an enclosing key or table).
"""

from __future__ import annotations

import re
import sys
from functools import cached_property

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Path = tuple[str | int, ...]

_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b"}


class _Patterns:
    """The scanner's patterns, each compiled on first use: compiling them all costs about
    a millisecond, and loading a configuration (``load`` alone) needs none of them."""

    @cached_property
    def ws(self) -> re.Pattern[str]:
        return re.compile(r"(?:[ \t]+|\r?\n|#[^\n]*)*")

    @cached_property
    def space(self) -> re.Pattern[str]:
        return re.compile(r"[ \t]*")

    @cached_property
    def bare(self) -> re.Pattern[str]:
        return re.compile(r"[A-Za-z0-9_-]+")

    @cached_property
    def basic(self) -> re.Pattern[str]:
        return re.compile(r'"((?:[^"\\\n]|\\.)*)"')

    @cached_property
    def literal(self) -> re.Pattern[str]:
        return re.compile(r"'([^'\n]*)'")

    # up to two quotes right before the closing delimiter belong to the string
    @cached_property
    def ml_basic(self) -> re.Pattern[str]:
        return re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}')

    @cached_property
    def ml_literal(self) -> re.Pattern[str]:
        return re.compile(r"'''(?:[^']|'(?!''))*'{3,5}")

    # numbers, booleans, dates; a date-time may have a space before its time
    @cached_property
    def scalar(self) -> re.Pattern[str]:
        return re.compile(r"[^\s,\]}#]+(?: \d\d:[^\s,\]}#]*)?")

    @cached_property
    def escape(self) -> re.Pattern[str]:
        return re.compile(
            r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|(?P<cont>[ \t]*\r?\n\s*)|.)"
        )


_RE = _Patterns()
_ERROR_AT = r"\(at line (\d+), column (\d+)\)"  # compiled (and cached) by re when needed

# kinds of located values
BASIC, LITERAL, ML_BASIC, ML_LITERAL, ARRAY, TABLE, SCALAR = range(7)


class TomlError(ValueError):
    """Invalid TOML; ``str()`` is tomllib's one-line message, ``line``/``column`` where."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def load(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "invalid TOML"
        at = re.search(_ERROR_AT, message)
        if at is not None:
            raise TomlError(message, int(at[1]), int(at[2])) from None
        lines = text.split("\n")  # "at end of document"
        raise TomlError(message, len(lines), len(lines[-1]) + 1) from None


def _unescape(raw: str) -> str:
    def one(match: re.Match[str]) -> str:
        escape = match.group()
        if match["cont"] is not None:
            return ""
        kind = escape[1]
        if kind in "uUx":
            return chr(int(escape[2:], 16))
        return _SIMPLE_ESCAPES.get(kind, kind)

    return _RE.escape.sub(one, raw) if "\\" in raw else raw


class _Stop(Exception):
    """The scanner met text it does not understand."""


class Positions:
    """Where each key and value of a TOML document starts (character offsets)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.keys: dict[Path, int] = {}
        self.values: dict[Path, tuple[int, int, int]] = {}
        self._comments: dict[int, str] = {}
        self._arrays_of_tables: dict[Path, int] = {}
        self._pos = 0
        self._line_starts: list[int] | None = None
        self._comment_lines: dict[int, str] | None = None
        # False when the scanner gave up part-way (text it does not understand)
        self.complete = True
        try:
            self._document()
        except (_Stop, IndexError):
            self.complete = False

    # -- queries ---------------------------------------------------------------

    def char(self, path: Path, index: int) -> int | None:
        """The offset of character ``index`` of the (decoded) string value at ``path``."""
        located = self.values.get(path)
        if located is None or located[2] > ML_LITERAL:
            return None
        start, end, kind = located
        text = self.text
        raw = text[start:end]
        if kind == LITERAL or (
            "\r" not in raw if kind == ML_LITERAL else "\\" not in raw and "\r" not in raw
        ):
            return start + index if start + index < end else None
        pos = start
        while pos < end:
            if kind != ML_LITERAL and text[pos] == "\\":
                match = _RE.escape.match(text, pos)
                if match is None:
                    return None
                if match["cont"] is None:  # an escape is one character; a line-end one none
                    if index == 0:
                        return pos
                    index -= 1
                pos = match.end()
                continue
            if index == 0:
                return pos
            index -= 1
            pos += 2 if text.startswith("\r\n", pos) else 1
        return None

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an offset."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        from bisect import bisect_right

        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def comment(self, line: int) -> str:
        """The text of the comment on ``line`` (without ``#``, stripped), or ``""``."""
        if self._comment_lines is None:
            self._comment_lines = {
                self.line_column(offset)[0]: text.strip() for offset, text in self._comments.items()
            }
        return self._comment_lines.get(line, "")

    # -- the scanner -------------------------------------------------------------

    def _skip(self) -> None:
        """Skip whitespace, newlines and comments, remembering the comments."""
        text = self.text
        start = self._pos
        match = _RE.ws.match(text, start)
        end = match.end() if match else start
        hash_at = text.find("#", start, end)
        while hash_at != -1:
            line_end = text.find("\n", hash_at, end)
            line_end = end if line_end == -1 else line_end
            self._comments[hash_at] = text[hash_at + 1 : line_end]
            hash_at = text.find("#", line_end, end)
        self._pos = end

    def _spaces(self) -> None:
        match = _RE.space.match(self.text, self._pos)
        self._pos = match.end() if match else self._pos

    def _expect(self, token: str) -> None:
        if not self.text.startswith(token, self._pos):
            raise _Stop
        self._pos += len(token)

    def _document(self) -> None:
        text = self.text
        table: Path = ()
        while True:
            self._skip()
            if self._pos >= len(text):
                return
            if text[self._pos] == "[":
                many = text.startswith("[[", self._pos)
                self._pos += 2 if many else 1
                self._spaces()
                keys = self._key()
                self._spaces()
                self._expect("]]" if many else "]")
                table = self._table(keys, many)
            else:
                self._key_value(table)

    def _table(self, keys: list[tuple[str, int]], many: bool) -> Path:
        """The path of a table header, with the current index of each array of tables."""
        path: Path = ()
        last = len(keys) - 1
        for i, (key, offset) in enumerate(keys):
            path = (*path, key)
            self.keys.setdefault(path, offset)
            count = self._arrays_of_tables.get(path)
            if many and i == last:
                count = count or 0
                self._arrays_of_tables[path] = count + 1
                path = (*path, count)
                self.keys[path] = offset
            elif count is not None:
                path = (*path, count - 1)
        return path

    def _key(self) -> list[tuple[str, int]]:
        """A dotted key: each part decoded, with the offset of its first character."""
        text = self.text
        parts = []
        while True:
            char = text[self._pos]
            if char == '"':
                match = _RE.basic.match(text, self._pos)
                if match is None:
                    raise _Stop
                parts.append((_unescape(match[1]), self._pos + 1))
            elif char == "'":
                match = _RE.literal.match(text, self._pos)
                if match is None:
                    raise _Stop
                parts.append((match[1], self._pos + 1))
            else:
                match = _RE.bare.match(text, self._pos)
                if match is None:
                    raise _Stop
                parts.append((match[0], self._pos))
            self._pos = match.end()
            self._spaces()
            if not text.startswith(".", self._pos):
                return parts
            self._pos += 1
            self._spaces()

    def _key_value(self, table: Path) -> None:
        path = table
        for key, offset in self._key():
            path = (*path, key)
            self.keys.setdefault(path, offset)
        self._spaces()
        self._expect("=")
        self._spaces()
        self._value(path)

    def _value(self, path: Path) -> None:
        text = self.text
        pos = self._pos
        char = text[pos]
        if char == "[":
            self.values[path] = (pos, pos, ARRAY)
            self._pos += 1
            self._items(path)
            return
        if char == "{":
            self.values[path] = (pos, pos, TABLE)
            self._pos += 1
            self._inline_table(path)
            return
        if text.startswith('"""', pos) or text.startswith("'''", pos):
            match = (_RE.ml_basic if char == '"' else _RE.ml_literal).match(text, pos)
            if match is None:
                raise _Stop
            start = pos + 3
            # a newline right after the opening delimiter is not part of the string
            if text.startswith("\n", start):
                start += 1
            elif text.startswith("\r\n", start):
                start += 2
            located = (start, match.end() - 3, ML_BASIC if char == '"' else ML_LITERAL)
        elif char in "\"'":
            match = (_RE.basic if char == '"' else _RE.literal).match(text, pos)
            if match is None:
                raise _Stop
            located = (pos + 1, match.end() - 1, BASIC if char == '"' else LITERAL)
        else:
            match = _RE.scalar.match(text, pos)
            if match is None:
                raise _Stop
            located = (pos, match.end(), SCALAR)
        self.values[path] = located
        self._pos = match.end()

    def _items(self, path: Path) -> None:
        index = 0
        while True:
            self._skip()
            if self.text[self._pos] == "]":
                self._pos += 1
                return
            self._value((*path, index))
            index += 1
            self._skip()
            if self.text[self._pos] == ",":
                self._pos += 1

    def _inline_table(self, path: Path) -> None:
        while True:
            self._skip()  # TOML 1.1 allows newlines in inline tables; harmless for 1.0
            if self.text[self._pos] == "}":
                self._pos += 1
                return
            self._key_value(path)
            self._skip()
            if self.text[self._pos] == ",":
                self._pos += 1
