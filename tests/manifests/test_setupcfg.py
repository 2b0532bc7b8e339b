"""The setup.cfg parser: options setuptools reads, INI layout as ConfigParser reads it."""

from __future__ import annotations

import configparser
import textwrap
from pathlib import Path

import pytest

from depfence.files import Files
from depfence.manifests import setupcfg
from depfence.model import Manifest


def parse_text(tmp_path: Path, text: str) -> Manifest:
    path = tmp_path / "setup.cfg"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return setupcfg.parse(str(path), Files().read)


def rows(manifest: Manifest) -> list[tuple[str, int, int, str, str, str | None]]:
    return [
        (d.name, d.location.line, d.location.column, d.specifier, d.section, d.group)
        for d in manifest.dependencies
    ]


def test_options_and_extras(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [metadata]
        install_requires = not-here
        [options]
        install_requires =
            requests>=2,<3
          attrs
        setup_requires = setuptools>=64
        tests_require = pytest
        [options.extras_require]
        cli = click; sys_platform != "win32"
        yaml =
            PyYAML
        """,
    )
    assert rows(manifest) == [
        ("requests", 5, 5, ">=2,<3", "runtime", None),
        ("attrs", 6, 3, "", "runtime", None),
        ("setuptools", 7, 18, ">=64", "build", None),
        ("pytest", 8, 17, "", "dev", None),
        ("click", 10, 7, "", "optional", "cli"),
        ("PyYAML", 12, 5, "", "optional", "yaml"),
    ]
    # setuptools reads the one-line value as two requirements: say so at the ';'
    (problem,) = manifest.problems
    assert (problem.location.line, problem.location.column) == (10, 12)
    assert "splits a one-line value at ';'" in problem.message


def test_option_names_with_dashes_or_capitals_count(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, "[options]\nInstall-Requires = a\nsetup-requires: b\n")
    assert [(d.name, d.section) for d in manifest.dependencies] == [
        ("a", "runtime"),
        ("b", "build"),
    ]


def test_comments_blank_lines_and_inline_comments(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [options]
        # install_requires = commented-out
        install_requires =
            # first = not a requirement
            a==1  # depfence: ignore[typosquat]

            ; also a comment
            b>=2\t# tab before the hash
            c @ https://example.com/c.zip#sha256=00
        """,
    )
    assert not manifest.problems
    assert [(d.name, d.location.line, d.comment) for d in manifest.dependencies] == [
        ("a", 5, "depfence: ignore[typosquat]"),
        ("b", 8, "tab before the hash"),
        ("c", 9, ""),
    ]
    assert manifest.dependencies[2].url == "https://example.com/c.zip#sha256=00"


def test_a_file_reference_is_left_to_that_file(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, "[options]\ninstall_requires = file: requirements.in\n")
    assert manifest.dependencies == () and manifest.problems == ()


def test_invalid_requirement_is_a_problem_at_its_line(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, "[options]\ninstall_requires =\n    ok\n    not ok\n")
    assert [d.name for d in manifest.dependencies] == ["ok"]
    (problem,) = manifest.problems
    assert (problem.location.line, problem.location.column) == (4, 5)
    assert problem.message.startswith(f"{manifest.path}: line 4: invalid requirement 'not ok'")


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("install_requires = a\n[options]\n", 1, "before any [section] header"),
        ("[options]\n[options]\n", 2, "section [options] appears twice"),
        ("[options]\nsetup_requires = a\nsetup_requires = b\n", 3, "appears twice in [options]"),
        ("[options]\ninstall_requires = a\nno delimiter here\n", 3, "expected 'key = value'"),
        ("[options]\n= a\n", 2, "expected 'key = value'"),
    ],
)
def test_malformed_ini_is_one_problem_naming_the_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    manifest = parse_text(tmp_path, text)
    assert manifest.dependencies == ()
    (problem,) = manifest.problems
    assert problem.location.line == line
    assert problem.message.startswith(f"{manifest.path}: invalid INI: line {line}: ")
    assert reason in problem.message
    with pytest.raises(configparser.Error):  # setuptools' ConfigParser refuses it too
        configparser.ConfigParser().read_string(text)


def test_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "setup.cfg"
    path.write_bytes(b"[options]\ninstall_requires = caf\xe9\n")
    (problem,) = setupcfg.parse(str(path), Files().read).problems
    assert "not UTF-8" in problem.message and "line 2" in problem.message


_LAYOUTS = [
    "[options]\ninstall_requires =\n  a\n\n  b\n\n\n[other]\nx=1\n",
    "[options]\ninstall_requires = a\n    b ; python_version < '3'\n  # c\n\td\n",
    "[options]\n  install_requires = a\n   b\n  setup_requires = c\n",
    "[options]\ninstall_requires : a\n ;comment\n e\n[x]\n  y = 1\n",
    "[options]\r\ninstall_requires =\r\n  a\r\n  b\r\n",
]


@pytest.mark.parametrize("text", _LAYOUTS)
def test_values_match_configparser(text: str) -> None:
    """Our line scanner sees the same values as the ConfigParser setuptools uses."""
    reference = configparser.ConfigParser(interpolation=None)
    reference.optionxform = str  # type: ignore[assignment,method-assign]
    reference.read_string(text)
    expected = {
        (section, option): reference.get(section, option)
        for section in reference.sections()
        for option in reference.options(section)
    }
    ours = {
        key: "\n".join(line_text for _, _, line_text in lines).rstrip()
        for key, lines in setupcfg._read_ini(text).items()
    }
    assert ours == expected
