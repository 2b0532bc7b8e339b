from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from packaging.utils import canonicalize_name

from depfence.names import canonicalize


def test_pep503_examples() -> None:
    assert canonicalize("Python_Dateutil") == "python-dateutil"
    assert canonicalize("zope.interface") == "zope-interface"
    assert canonicalize("a-_.-b") == "a-b"


@given(st.text(alphabet="aZ09-_.", max_size=12))
def test_agrees_with_packaging(name: str) -> None:
    assert canonicalize(name) == canonicalize_name(name)
