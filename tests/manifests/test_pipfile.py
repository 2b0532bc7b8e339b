"""The Pipfile parser: categories, version and table entries, sources, bad input."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from depfence.files import Files
from depfence.manifests import pipfile
from depfence.model import Manifest


def parse_text(tmp_path: Path, text: str) -> Manifest:
    path = tmp_path / "Pipfile"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return pipfile.parse(str(path), Files().read)


def test_categories(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [packages]
        requests = "*"
        [dev-packages]
        pytest = "==8.0"
        [docs]
        "Sphinx" = ">=7"
        [requires]
        python_version = "3.12"
        [pipenv]
        allow_prereleases = true
        [scripts]
        test = "pytest -q"
        """,
    )
    assert not manifest.problems
    assert manifest.kind == "pipfile"
    assert [
        (d.name, d.location.line, d.location.column, d.specifier, d.section, d.group)
        for d in manifest.dependencies
    ] == [
        ("requests", 2, 1, "", "runtime", None),
        ("pytest", 4, 1, "==8.0", "dev", None),
        ("Sphinx", 6, 2, ">=7", "dev", "docs"),
    ]


@pytest.mark.parametrize(
    ("entry", "specifier", "url", "marker"),
    [
        ('"*"', "", None, ""),
        ('"==1.0"', "==1.0", None, ""),
        ('">= 1.0, < 2"', ">=1.0,<2", None, ""),
        ('"1.0"', "==1.0", None, ""),
        ('{version = "~=1.4"}', "~=1.4", None, ""),
        (
            '{git = "https://github.com/o/r.git", ref = "v1"}',
            "",
            "git+https://github.com/o/r.git@v1",
            "",
        ),
        ('{git = "git+https://github.com/o/r.git"}', "", "git+https://github.com/o/r.git", ""),
        (
            '{hg = "https://hg.example.com/r", ref = "abc"}',
            "",
            "hg+https://hg.example.com/r@abc",
            "",
        ),
        ('{path = "."}', "", "file:.", ""),
        ('{file = "https://example.com/x.zip"}', "", "https://example.com/x.zip", ""),
        ('{version = "*", markers = "os_name == \'nt\'"}', "", None, "os_name == 'nt'"),
        (
            '{version = "*", os_name = "== \'nt\'", markers = "python_version > \'3\'"}',
            "",
            None,
            "(python_version > '3') and (os_name == 'nt')",
        ),
    ],
)
def test_entries(tmp_path: Path, entry: str, specifier: str, url: str | None, marker: str) -> None:
    manifest = parse_text(tmp_path, f"[packages]\npkg = {entry}\n")
    assert not manifest.problems
    (dep,) = manifest.dependencies
    assert (dep.specifier, dep.url, dep.marker) == (specifier, url, marker)


def test_the_first_source_is_the_index_and_later_ones_are_extra(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [[source]]
        url = "https://pypi.org/simple"
        name = "pypi"
        [[source]]
        name = "corp"
        url = "https://corp.example/simple"
        [[source]]
        url = 'http://mirror.example/simple'
        """,
    )
    assert [(loc.line, loc.column, option, url) for loc, option, url in manifest.indexes] == [
        (2, 8, "index", "https://pypi.org/simple"),
        (6, 8, "source", "https://corp.example/simple"),
        (8, 8, "source", "http://mirror.example/simple"),
    ]


def test_wrong_types_keep_the_name_and_say_where(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, "[packages]\nok = '*'\nodd = 3\n[dev-packages]\nx = 1\n")
    assert [d.name for d in manifest.dependencies] == ["ok", "odd", "x"]
    assert [(p.location.line, p.location.column) for p in manifest.problems] == [(3, 7), (5, 5)]
    assert manifest.problems[0].message == (
        f"{manifest.path}: line 3: packages.odd: must be a version string or a table, not a number"
    )


def test_a_table_key_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, "[packages]\nlib = { version = '*', git = 3 }\n")
    assert [d.name for d in manifest.dependencies] == ["lib"]
    assert [p.message.split(": ", 2)[2] for p in manifest.problems] == [
        "packages.lib: 'git' must be a string, not a number"
    ]


def test_a_category_that_is_not_a_table(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, 'packages = "requests"\n')
    (problem,) = manifest.problems
    assert problem.location.line == 1
    assert "packages must be a table of packages, not a string" in problem.message


def test_malformed_toml_is_one_problem_naming_the_line(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, '[packages]\nrequests = "*"\nflask = \n')
    (problem,) = manifest.problems
    assert problem.location.line == 3
    assert problem.message.startswith(f"{manifest.path}: invalid TOML: ")
    assert manifest.dependencies == ()
