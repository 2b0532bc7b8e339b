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


def test_poetry_an_http_primary_source_and_a_supplemental_one(
    check: Callable[[str, str], list[str]],
) -> None:
    pyproject = """\
        [tool.poetry.dependencies]
        python = "^3.11"
        [[tool.poetry.source]]
        name = "corp"
        url = "http://pkgs.example.internal/simple"
        [[tool.poetry.source]]
        name = "fallback"
        url = "https://fallback.example/simple"
        priority = "supplemental"
        """
    assert check("pyproject.toml", pyproject) == [
        "pyproject.toml:5:8: DF203 index http://pkgs.example.internal/simple",
        "pyproject.toml:8:8: DF204 source https://fallback.example/simple",
    ]


@pytest.mark.parametrize(
    ("strategy", "extra"),
    [
        ("first-index", []),  # uv's default
        ("unsafe-best-match", ["pyproject.toml:4:8: DF204 source https://corp.example/simple"]),
    ],
)
def test_uv_an_added_index_is_extra_only_when_uv_weighs_every_index(
    check: Callable[[str, str], list[str]], strategy: str, extra: list[str]
) -> None:
    pyproject = f"""\
        [tool.uv]
        index-strategy = "{strategy}"
        [[tool.uv.index]]
        url = "https://corp.example/simple"
        [[tool.uv.index]]
        url = "http://own.example/simple"
        default = true
        """
    assert check("pyproject.toml", pyproject) == [
        *extra,
        "pyproject.toml:6:8: DF203 index http://own.example/simple",
    ]
