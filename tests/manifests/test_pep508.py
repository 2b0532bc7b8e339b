"""The PEP 508 splitter: its fast path never disagrees with packaging."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.markers import Marker
from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement as Reference
from packaging.specifiers import SpecifierSet

from depfence.manifests import _pep508


@pytest.mark.parametrize(
    ("text", "name", "offset", "extras", "specifier", "marker", "url"),
    [
        ("requests", "requests", 0, (), "", "", None),
        (
            "  Flask [async, dotenv] >= 2.0 , <3",
            "Flask",
            2,
            ("async", "dotenv"),
            ">=2.0,<3",
            "",
            None,
        ),
        ("pkg (==1.0.*)", "pkg", 0, (), "==1.0.*", "", None),
        ("x; python_version < '3.11'", "x", 0, (), "", "python_version < '3.11'", None),
        (
            "x @ https://h/x.whl ; os_name == 'nt'",
            "x",
            0,
            (),
            "",
            "os_name == 'nt'",
            "https://h/x.whl",
        ),
        ("x===weird-1", "x", 0, (), "===weird-1", "", None),
        # forms the fast path leaves to packaging: still parsed
        ("x>=1.0RC1", "x", 0, (), ">=1.0RC1", "", None),
        ("x; os.name == 'nt'", "x", 0, (), "", 'os_name == "nt"', None),
    ],
)
def test_parts(
    text: str,
    name: str,
    offset: int,
    extras: tuple[str, ...],
    specifier: str,
    marker: str,
    url: str | None,
) -> None:
    parsed = _pep508.parse(text)
    assert (parsed.name, parsed.offset, parsed.extras, parsed.specifier) == (
        name,
        offset,
        extras,
        specifier,
    )
    assert (parsed.marker, parsed.url) == (marker, url)


@pytest.mark.parametrize(
    "text", ["", "bad name", "x>=1.*", "x~=1", "x<=1.0+local", "x; python_version", "x[a"]
)
def test_invalid(text: str) -> None:
    with pytest.raises(_pep508.InvalidRequirement) as raised:
        _pep508.parse(text)
    assert "\n" not in str(raised.value)


_SPACE = st.sampled_from(["", " ", "  ", "\t"])
_NAME = st.sampled_from(["a", "Foo.Bar", "x_1", "9", "-x", "x-", "a b"])
_EXTRAS = st.sampled_from(["", "[x]", "[ x , y_z ]", "[]", "[-x]", "[x", "[x,]"])
_OP = st.sampled_from(["==", "!=", "~=", "===", ">=", "<=", "<", ">", "=", "<>", "~", ""])
_VERSION = st.sampled_from(
    ["1", "1.0", "1.0.*", "1.*", "1.0a1", "1.0.post1", "1.0.dev0", "1.0+loc", "1!2.0", "v1.0",
     "1.0RC1", "abc", "1..0", "1.0a1.*", "*", "1.0_post_2", "1.0-1"]
)  # fmt: skip
_MARKER = st.sampled_from(
    ["python_version < '3.8'", 'os_name=="nt"', "extra == 'x'", "'linux' in sys_platform",
     "python_version<'3'and os_name=='nt'", "(os_name == 'a' or os_name == 'b') and extra == 'c'",
     "'a' not in platform_release", "python_version", "foo == 'x'", "(os_name == 'nt'",
     "os_name == 'nt')", "os_name == 'nt' and", "python_version >< '3'", "os.name == 'nt'"]
)  # fmt: skip
_URL = st.sampled_from(["https://h/p.whl", "git+https://h/r@v1", "file:///tmp/x", "x", "h://a;b"])


@st.composite
def requirements(draw: st.DrawFn) -> str:
    text = draw(_SPACE) + draw(_NAME) + draw(_SPACE) + draw(_EXTRAS) + draw(_SPACE)
    if draw(st.integers(0, 4)) == 0:
        text += "@" + draw(_SPACE) + draw(_URL)
        if draw(st.booleans()):
            text += draw(_SPACE) + ";" + draw(_SPACE) + draw(_MARKER)
        return text + draw(_SPACE)
    clauses = [
        draw(_SPACE) + draw(_OP) + draw(_SPACE) + draw(_VERSION)
        for _ in range(draw(st.integers(0, 3)))
    ]
    spec = ",".join(clauses)
    text += f"({spec})" if clauses and draw(st.integers(0, 5)) == 0 else spec
    if draw(st.booleans()):
        text += draw(_SPACE) + ";" + draw(_SPACE) + draw(_MARKER)
    return text + draw(_SPACE)


@settings(max_examples=3000, deadline=None)
@given(requirements())
def test_fast_path_agrees_with_packaging(text: str) -> None:
    fast = _pep508.parse_fast(text)
    if fast is None:
        return
    reference = _reference(text)
    assert reference is not None, f"fast path accepted {text!r}, packaging refuses it"
    assert fast.name == reference.name and text[fast.offset :].startswith(fast.name)
    assert set(fast.extras) == reference.extras
    assert SpecifierSet(fast.specifier) == reference.specifier
    assert fast.url == reference.url
    expected_marker = str(reference.marker) if reference.marker else ""
    assert (str(Marker(fast.marker)) if fast.marker else "") == expected_marker


def _reference(text: str) -> Reference | None:
    try:
        return Reference(text)
    except InvalidRequirement:
        return None
