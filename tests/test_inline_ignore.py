"""``# depfence: ignore[...]`` on a dependency's own line, in every manifest format."""

from __future__ import annotations

from pathlib import Path

import pytest

from depfence import engine
from depfence.config import Resolver
from depfence.files import Files

CASES = {
    "pyproject.toml": (
        '[project]\nname = "x"\ndependencies = [\n'
        '  "reqeusts>=2",  # depfence: ignore[typosquat]\n'
        '  "reqeusts>=2",\n'
        "]\n"
    ),
    "setup.cfg": (
        "[options]\ninstall_requires =\n"
        "    reqeusts>=2  # depfence: ignore[DF101]\n"
        "    reqeusts>=2\n"
    ),
    "Pipfile": (
        '[packages]\nreqeusts = ">=2"  # depfence: ignore\n\n[dev-packages]\nreqeusts = ">=2"\n'
    ),
    "requirements.txt": "reqeusts==2.31.0  # depfence: ignore[typosquat]\nreqeusts==2.31.0\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_only_the_commented_line_is_silenced(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(CASES[name])
    result = engine.check([str(path)], Resolver(), Files())
    typosquats = [f for f in result.findings if f.name == "typosquat"]
    [finding] = typosquats
    silenced_line = next(
        i for i, line in enumerate(CASES[name].splitlines(), 1) if "depfence: ignore" in line
    )
    assert finding.location.line != silenced_line
    assert finding.target == "requests"


def test_an_ignore_for_another_rule_silences_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_text("reqeusts  # depfence: ignore[unpinned]\n")
    result = engine.check([str(path)], Resolver(), Files())
    assert [f.name for f in result.findings] == ["typosquat"]
