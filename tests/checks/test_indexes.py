"""Package indexes named in Pipfile and pyproject.toml, end to end through ``depfence check``."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from depfence.cli import main


@pytest.fixture
def check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[[str, str], list[str]]:
    """``check(name, text)``: ``depfence check`` on a file ``name`` holding ``text``; the
    DF203/DF204 lines, without their advice."""
    monkeypatch.chdir(tmp_path)

    def run(name: str, text: str) -> list[str]:
        Path(name).write_text(textwrap.dedent(text), encoding="utf-8")
        main(["check", name])
        lines = [
            line
            for line in capsys.readouterr().out.splitlines()
            if " DF203 " in line or " DF204 " in line
        ]
        return [line.split(" is plain")[0].split(": pip takes")[0] for line in lines]

    return run


def test_an_http_primary_pipfile_source_is_a_mutable_reference(
    check: Callable[[str, str], list[str]],
) -> None:
    pipfile = """\
        [[source]]
        name = "corp"
        url = "http://pkgs.example.internal/simple"
        verify_ssl = false

        [packages]
        requests = "==2.32.3"
        """
    assert check("Pipfile", pipfile) == [
        "Pipfile:3:8: DF203 index http://pkgs.example.internal/simple"
    ]


def test_pipfile_sources_after_the_first_are_extra_indexes(
    check: Callable[[str, str], list[str]],
) -> None:
    pipfile = """\
        [[source]]
        url = "https://pypi.org/simple"
        [[source]]
        url = "http://pkgs.example.internal/simple"
        """
    assert check("Pipfile", pipfile) == [
        "Pipfile:4:8: DF203 source http://pkgs.example.internal/simple",
        "Pipfile:4:8: DF204 source http://pkgs.example.internal/simple",
    ]
