"""The tomllib-free reader agrees with tomllib whenever it answers at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomllib
from hypothesis import given, settings
from hypothesis import strategies as st

from depfence.config import ConfigError, load
from depfence.simple_toml import depfence_table

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
MANIFESTS = SHARED / "eval" / "manifests"

DEPFENCE = """
[tool.depfence]
allow = [
    "my-internal-pkg",  # ours
    'Other_Pkg',
]
disable = ["extra-index"]
severity = { typosquat = "warning" }
hashes = "require"

[tool.depfence.pinning]
requirements = "bounded"
"""


def typed(value: Any) -> Any:
    """``value`` with every leaf tagged by its type: ``True == 1`` must not pass for equal."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


def tomllib_table(text: str) -> Any:
    return tomllib.loads(text).get("tool", {}).get("depfence", {})


def assert_agrees(text: str) -> Any:
    """The fast reader's answer; when it gives one, tomllib must accept the text and agree."""
    fast = depfence_table(text)
    if fast is not None:
        assert typed(fast) == typed(tomllib_table(text)), text
    return fast


# -- generated documents in the simple forms: the fast reader must answer, and agree ---------

bare_keys = st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True)
basic = st.text(st.characters(blacklist_characters='"\\\x7f', blacklist_categories=("Cc", "Cs")))
literal = st.text(st.characters(blacklist_characters="'\x7f", blacklist_categories=("Cc", "Cs")))
scalars = st.one_of(
    basic.map(lambda s: (s, f'"{s}"')),
    literal.map(lambda s: (s, f"'{s}'")),
    st.booleans().map(lambda b: (b, "true" if b else "false")),
    st.integers(-(10**20), 10**20).map(lambda i: (i, str(i))),
)
keys = st.one_of(
    bare_keys.map(lambda k: (k, k)),
    basic.map(lambda k: (k, f'"{k}"')),
    literal.map(lambda k: (k, f"'{k}'")),
)
space = st.sampled_from(["", " ", "\t", "  "])
array_space = st.sampled_from(["", " ", "\n    ", "  # note, [x] = 'y'\n  ", "\n\n"])


@st.composite
def inline_tables(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    items = draw(
        st.lists(
            st.tuples(keys, st.one_of(scalars, arrays(scalars))),
            max_size=3,
            unique_by=lambda i: i[0][0],
        )
    )
    body = ",".join(f"{draw(space)}{k[1]}{draw(space)}={draw(space)}{v[1]}" for k, v in items)
    return {k[0]: v[0] for k, v in items}, "{" + body + draw(space) + "}"


@st.composite
def arrays(draw: st.DrawFn, elements: st.SearchStrategy[Any]) -> tuple[list[Any], str]:
    items = draw(st.lists(elements, max_size=4))
    parts = [f"{draw(array_space)}{text}{draw(array_space)}" for _, text in items]
    trailing = "," + draw(array_space) if items and draw(st.booleans()) else ""
    return [value for value, _ in items], "[" + ",".join(parts) + trailing + "]"


values = st.one_of(scalars, inline_tables(), arrays(st.one_of(scalars, inline_tables())))


@st.composite
def tables(draw: st.DrawFn, header: str) -> str:
    lines = [f"{draw(space)}[{draw(space)}{header}{draw(space)}]{draw(space)}"]
    for (_, key), (_, text) in draw(
        st.lists(st.tuples(keys, values), max_size=5, unique_by=lambda i: i[0][0])
    ):
        comment = draw(st.sampled_from(["", "  # why", "#"]))
        lines.append(f"{draw(space)}{key}{draw(space)}={draw(space)}{text}{comment}")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# a comment", "   "])))
    return "\n".join(lines) + "\n"


@st.composite
def documents(draw: st.DrawFn) -> str:
    headers = ["tool.depfence", "tool.depfence.severity", "project", "tool.ruff", "project.urls"]
    chosen = draw(st.permutations(headers))[: draw(st.integers(1, len(headers)))]
    if "tool.depfence" not in chosen:
        chosen.append("tool.depfence")
    text = "".join(draw(tables(header)) for header in chosen)
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=300, deadline=None)
@given(documents())
def test_simple_documents_are_read_as_tomllib_reads_them(text: str) -> None:
    assert assert_agrees(text) is not None, text


# -- anything at all near those forms: the fast reader may decline, never disagree -----------

tricky = [
    'a = "tab\\tescape"',
    'a = """multi\nline"""',
    "a = '''lit'''",
    "a = 1.5",
    "a = 1e3",
    "a = 0x1f",
    "a = 1_000",
    "a = 01",
    "a = inf",
    "a = 1979-05-27",
    "a = 1979-05-27T07:32:00Z",
    "a = [[1, 2], [3]]",
    "a = { b = { c = 1 } }",
    "a = { b.c = 1 }",
    "a = { b = 1, }",
    "a = { b = 1,\n c = 2 }",
    '"quoted" = 1',
    '"quo.ted".x = 1',
    '"a\\"b" = 1',
    "'lit-key' = 1",
    "a.b = 1",
    "tool.depfence.allow = ['x']",
    "[tool]",
    "[tool.depfence]",
    "[tool.depfence.severity]",
    "[[tool.depfence]]",
    "[[tool.depfence.pinning]]",
    "[[a]]",
    "[a.b]",
    "depfence = { allow = ['x'] }",
    "severity.typosquat = 'warning'",
    "a = ",
    "= 1",
    "a = 1 b = 2",
    "a = [",
    "]",
    "a = 'x' # comment",
    "a = true",
    "a = +1",
    "a = -0",
    "a = +true",
    "a = +'1'",
    'a = +"2"',
    "a = -x",
    "a = +-1",
    "a = 1-2",
    "a = falsey",
    'a = "\\u00e9"',
    "a = [1, 'two', true, {x = 'y'}]",
    "  # just a comment",
    "",
    "\ufeffa = 1",
    "a = 'control\x01'",
    "# comment with \x7f",
    "a = 'x'\r",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(tricky), min_size=1, max_size=8))
def test_tricky_lines_are_declined_or_read_alike(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    try:
        assert_agrees(text)
    except tomllib.TOMLDecodeError:
        pytest.fail(f"the fast reader accepted text tomllib rejects: {text!r}")


@settings(max_examples=400, deadline=None)
@given(documents(), st.data())
def test_damaged_documents_are_declined_or_read_alike(text: str, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        if data.draw(st.booleans()):
            text = text[:at] + text[at + 1 :]
        else:
            insert = data.draw(st.sampled_from([*"[]{}=,.#\"'\\\n\r \t0x+-", "1.", '"""']))
            text = text[:at] + insert + text[at:]
    try:
        assert_agrees(text)
    except tomllib.TOMLDecodeError:
        pytest.fail(f"the fast reader accepted text tomllib rejects: {text!r}")


# -- declined on purpose ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '[tool.depfence]\nallow = ["a\\u0062"]\n',
        '[tool.depfence]\nhashes = """require"""\n',
        "[tool.depfence]\nallow = ['a']\n[tool.depfence]\ndisable = []\n",
        "[tool]\ndepfence = { hashes = 'require' }\n[tool.depfence.pinning]\n",
        "tool.depfence.hashes = 'require'\n[tool.depfence.pinning]\n",
        '[tool.depfence]\n"al\\u006cow" = ["a"]\n',
        "[tool.depfence]\nallow = [['a']]\n",
        "[tool.depfence]\nversion = 1.0\n",
        "[tool.depfence]\nwhen = 2024-01-01\n",
        "[tool.depfence]\nseverity.typosquat = 'warning'\n[tool.depfence.severity]\n",
        "[tool.depfence]\nallow = ['a']\n[project\n",  # invalid elsewhere: tomllib says where
        "[tool.depfence]\nallow = ['a',,]\n",
        "[tool.depfence]\nallow = ['a'] extra\n",
        "[tool.depfence]\nhashes = 'require'\n[[tool.depfence]]\n",
        "[tool.depfence]\nhashes = 'a\rb'\n",
    ],
)
def test_unsure_forms_are_left_to_tomllib(text: str) -> None:
    assert depfence_table(text) is None


def test_dotted_keys_and_sub_tables_are_read() -> None:
    text = (
        "[tool.depfence]\nseverity.typosquat = 'warning'\nseverity . unpinned = \"info\"\n"
        "[[tool.mypy.overrides]]\nmodule = ['a']\n[[tool.mypy.overrides]]\nmodule = 'b'\n"
        "[tool.depfence.pinning]\npipfile = 'off'\n"
    )
    assert assert_agrees(text) == {
        "severity": {"typosquat": "warning", "unpinned": "info"},
        "pinning": {"pipfile": "off"},
    }


def test_configuration_read_either_way_is_the_same(tmp_path: Path) -> None:
    fast = tmp_path / "fast" / "pyproject.toml"
    slow = tmp_path / "slow" / "pyproject.toml"
    for path, extra in ((fast, ""), (slow, "[tool.other]\nratio = 0.5\n")):
        path.parent.mkdir()
        path.write_text(DEPFENCE + extra)
    assert depfence_table(fast.read_text()) is not None
    assert depfence_table(slow.read_text()) is None
    a, b = load(str(fast)), load(str(slow))
    assert a is not None and b is not None
    assert (a.allow, a.disabled, a.severity, a.pinning, a.hashes) == (
        b.allow,
        b.disabled,
        b.severity,
        b.pinning,
        b.hashes,
    )
    assert a.allowed("other-pkg")


def test_invalid_document_still_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(DEPFENCE + "[tool.other]\nx = = 1\ny = 2\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml:14: invalid TOML"):
        load(str(path))


@pytest.mark.skipif(not MANIFESTS.is_dir(), reason="no ../shared/eval/manifests beside the repo")
def test_real_pyproject_files_with_a_table_appended() -> None:
    paths = sorted(MANIFESTS.rglob("pyproject.toml"))
    read = 0
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "[tool.depfence" in text:
            continue
        fast = depfence_table(text + DEPFENCE)
        if fast is not None:
            assert typed(fast) == typed(tomllib_table(text + DEPFENCE)), path
            read += 1
    assert paths
    print(f"{read} of {len(paths)} read without tomllib")
