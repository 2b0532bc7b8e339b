"""A name with a character no index accepts is reported as such, in every manifest format."""

from __future__ import annotations

from pathlib import Path

import pytest

from depfence import engine
from depfence.config import Resolver
from depfence.files import Files
from depfence.names import ascii_stand_in

CYRILLIC_E = "\u0435"
NAME = f"r{CYRILLIC_E}quests"

CASES = {
    "requirements.txt": (f"{NAME}==2.31.0 ; python_version >= '3.8'\n", 1, 1),
    "pyproject.toml": (f'[project]\nname = "x"\ndependencies = ["{NAME}>=2"]\n', 3, 18),
    "setup.cfg": (f"[options]\ninstall_requires =\n    {NAME}[socks]>=2\n", 3, 5),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_reported_at_the_name_with_the_character_spelled_out(tmp_path: Path, name: str) -> None:
    text, line, column = CASES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = engine.check([str(path)], Resolver(), Files())
    [finding] = result.findings
    assert (finding.code, finding.location.line, finding.location.column) == ("DF102", line, column)
    assert "U+0435 CYRILLIC SMALL LETTER IE" in finding.message
    assert "did you mean requests?" in finding.message
    [dep] = result.manifests[0].dependencies
    assert dep.name == NAME


def test_stand_in_keeps_columns() -> None:
    assert ascii_stand_in(f"{NAME}[a]>=1") == (NAME, "xxxxxxxx[a]>=1")
    assert ascii_stand_in("requests>=1 ; os_name == 'nt'") is None
    assert ascii_stand_in("requests>=1 # caf\u00e9") is None
