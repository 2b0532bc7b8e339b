"""The TOML position locator: every key and string tomllib reads is found where it is written.

Random documents are written in random layouts (every string and key style, escapes,
line-ending backslashes, dotted keys, headers, arrays of tables, comments, CRLF), and
each character of each string must map back to that character in the source (or to
the backslash of its escape).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from depfence.manifests._toml import Path as KeyPath
from depfence.manifests._toml import Positions, TomlError, load

CASES = Path(__file__).parent / "cases"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "manifests"

Data = dict[str, object]


def _flatten(value: object, path: KeyPath = ()) -> list[tuple[KeyPath, object]]:
    found: list[tuple[KeyPath, object]] = [(path, value)] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _flatten(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _flatten(item, (*path, index))
    return found


def assert_located(text: str) -> None:
    positions = Positions(text)
    assert positions.complete
    for path, value in _flatten(load(text)):
        assert path in positions.values or path in positions.keys, path
        if isinstance(path[-1], str) and path in positions.keys:
            offset = positions.keys[path]
            # a key points at its first character (inside quotes), or at an escape
            assert text.startswith(path[-1][:1], offset) or text[offset] in "\\[", path
        if isinstance(value, str):
            for index, char in enumerate(value):
                found = positions.char(path, index)
                assert found is not None, (path, index)
                source = text[found]
                crlf = char == "\n" and text.startswith("\r\n", found)
                assert source == char or source == "\\" or crlf, (path, index, text[found:])


def test_case_files() -> None:
    for path in sorted(CASES.glob("*/pyproject.toml")) + sorted(CASES.glob("*/Pipfile")):
        assert_located(path.read_text(encoding="utf-8"))


def test_real_files() -> None:
    if not SHARED.is_dir():
        pytest.skip("needs the evaluation data in ../shared/eval/manifests (absent here)")
    for path in sorted(SHARED.rglob("pyproject.toml")):
        assert_located(path.read_text(encoding="utf-8"))


def test_comments_by_line() -> None:
    text = 'a = "# no"  # one\nb = [\n  "x", # two\n]\n# three\nc = \'#\'\n'
    positions = Positions(text)
    assert [positions.comment(n) for n in range(1, 7)] == ["one", "", "two", "", "three", ""]


def test_values_after_unsupported_text_are_not_located() -> None:
    positions = Positions('a = "x"\nb = ]\nc = "y"\n')  # not TOML: the scanner stops
    assert not positions.complete
    assert ("a",) in positions.values and ("c",) not in positions.values


# --- random documents in random layouts ------------------------------------------------

_KEY_CHARS = st.sampled_from([*"abz_-09", ".", " ", '"', "'", "\\", "é"])
_STRING_CHARS = st.sampled_from([*"ab #=[]{},.", '"', "'", "\\", "\n", "\t", "é", "😀"])
keys = st.text(_KEY_CHARS, min_size=1, max_size=6)
strings = st.text(_STRING_CHARS, max_size=12)
scalars = st.one_of(strings, st.integers(-5, 5), st.booleans())
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=3)),
    max_leaves=8,
)
documents = st.dictionaries(keys, values, max_size=5)


def _write_key(draw: st.DrawFn, key: str) -> str:
    if (
        key.replace("_", "a").replace("-", "a").isascii()
        and key.replace("_", "").replace("-", "").isalnum()
    ):
        return key if draw(st.booleans()) else f'"{key}"'
    if "'" not in key and draw(st.booleans()):
        return f"'{key}'"
    return '"' + "".join(_escape(draw, c) for c in key) + '"'


def _escape(draw: st.DrawFn, char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char == "\n":
        return "\\n"
    if char == "\t":
        return draw(st.sampled_from(["\\t", "\t"]))
    if draw(st.integers(0, 5)) == 0:
        return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
    return char


def _write_string(draw: st.DrawFn, value: str, newline: str) -> str:
    style = draw(st.integers(0, 3))
    if style == 1 and not any(c in value for c in "'\n"):
        return f"'{value}'"
    if style == 2 and "'''" not in value and not value.endswith("'"):
        lead = newline if draw(st.booleans()) else ""
        return "'''" + lead + value.replace("\n", newline) + "'''"
    if style == 3:
        lead = newline if draw(st.booleans()) else ""
        body = ""
        for char in value:
            if char != "\n" and not char.isspace() and draw(st.integers(0, 6)) == 0:
                body += "\\" + newline + draw(st.sampled_from(["", "  ", newline + " "]))
            body += newline if char == "\n" else _escape(draw, char)
        return '"""' + lead + body + '"""'
    return '"' + "".join(_escape(draw, c) for c in value) + '"'


def _gap(draw: st.DrawFn, newline: str, multiline: bool) -> str:
    choice = draw(st.integers(0, 3 if multiline else 1))
    return ["", " ", newline + "  ", f" # c [x] 'q' \"{newline}"][choice]


def _write_value(draw: st.DrawFn, value: object, newline: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _write_string(draw, value, newline)
    if isinstance(value, list):
        items = [_gap(draw, newline, True) + _write_value(draw, item, newline) for item in value]
        trailing = "," if draw(st.booleans()) and items else ""
        return "[" + ",".join(items) + trailing + _gap(draw, newline, True) + "]"
    assert isinstance(value, dict)
    pairs = [f"{_write_key(draw, k)} = {_write_value(draw, v, newline)}" for k, v in value.items()]
    return "{" + draw(st.sampled_from(["", " "])) + ", ".join(pairs) + " }"


@st.composite
def layouts(draw: st.DrawFn) -> str:
    data = draw(documents)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    tables: list[tuple[str, object]] = []
    for key, value in data.items():
        as_table = isinstance(value, dict) and bool(value)
        as_tables = isinstance(value, list) and all(isinstance(v, dict) for v in value)
        if (as_table or (as_tables and value)) and draw(st.booleans()):
            tables.append((key, value))
        elif isinstance(value, dict) and value and draw(st.booleans()):
            for sub, item in value.items():  # dotted keys: key . sub = item
                dotted = f"{_write_key(draw, key)} . {_write_key(draw, sub)}"
                lines.append(f"{dotted} = {_write_value(draw, item, newline)}")
        else:
            lines.append(f"{_write_key(draw, key)} = {_write_value(draw, value, newline)}")
    for key, value in tables:
        header = _write_key(draw, key)
        for table in value if isinstance(value, list) else [value]:
            assert isinstance(table, dict)
            many = isinstance(value, list)
            lines.append(f"[[{header}]]" if many else f"[ {header} ]")
            for sub, item in table.items():
                written = _write_value(draw, item, newline)
                lines.append(f"{_write_key(draw, sub)}={written}  # after")
    return newline.join(lines) + newline


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_random_layouts(text: str) -> None:
    try:
        load(text)
    except TomlError:
        return  # the writer above is not perfect (e.g. a key written twice); not our case
    assert_located(text)
