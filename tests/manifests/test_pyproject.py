"""The pyproject.toml parser: every section, Poetry's constraints, exact positions, bad input."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from depfence.files import Files, ReadError
from depfence.manifests import _poetry, pyproject
from depfence.model import Manifest


def parse_text(tmp_path: Path, text: str) -> Manifest:
    path = tmp_path / "pyproject.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return pyproject.parse(str(path), Files().read)


def rows(manifest: Manifest) -> list[tuple[str, int, int, str, str, str | None]]:
    return [
        (d.name, d.location.line, d.location.column, d.specifier, d.section, d.group)
        for d in manifest.dependencies
    ]


def problems(manifest: Manifest) -> list[tuple[int, int, str]]:
    return [
        (p.location.line, p.location.column, p.message.split(": ", 1)[1]) for p in manifest.problems
    ]


def test_every_section_kind(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [build-system]
        requires = ["hatchling"]
        [project]
        dependencies = ["attrs>=23"]
        [project.optional-dependencies]
        cli = ["click"]
        [dependency-groups]
        test = ["pytest"]
        [tool.poetry.dependencies]
        python = "^3.10"
        httpx = "^0.27"
        [tool.poetry.dev-dependencies]
        black = "*"
        [tool.poetry.group.docs.dependencies]
        mkdocs = "1.5.3"
        [tool.uv]
        dev-dependencies = ["ruff"]
        [tool.pdm.dev-dependencies]
        lint = ["flake8"]
        """,
    )
    assert not manifest.problems
    assert rows(manifest) == [
        ("hatchling", 2, 14, "", "build", None),
        ("attrs", 4, 18, ">=23", "runtime", None),
        ("click", 6, 9, "", "optional", "cli"),
        ("pytest", 8, 10, "", "dev", "test"),
        ("httpx", 11, 1, ">=0.27,<0.28", "runtime", None),
        ("black", 13, 1, "", "dev", "dev"),
        ("mkdocs", 15, 1, "==1.5.3", "dev", "docs"),
        ("ruff", 17, 22, "", "dev", "dev"),
        ("flake8", 19, 10, "", "dev", "lint"),
    ]


@pytest.mark.parametrize(
    ("poetry", "pep440"),
    [
        ("^1.2.3", ">=1.2.3,<2.0.0"),
        ("^1.2", ">=1.2,<2.0"),
        ("^1", ">=1,<2"),
        ("^0.2.3", ">=0.2.3,<0.3.0"),
        ("^0.0.3", ">=0.0.3,<0.0.4"),
        ("^0.0", ">=0.0,<0.1"),
        ("^0", ">=0,<1"),
        ("^1.2.3b1", ">=1.2.3b1,<2.0.0"),
        ("~1.2.3", ">=1.2.3,<1.3.0"),
        ("~1.2", ">=1.2,<1.3"),
        ("~1", ">=1,<2"),
        ("~=1.2", "~=1.2"),
        ("1.2.3", "==1.2.3"),
        ("==1.2.3", "==1.2.3"),
        ("=1.2.3", "==1.2.3"),
        ("1.2.*", "==1.2.*"),
        ("*", ""),
        ("", ""),
        (">=1,<2", ">=1,<2"),
        (">= 1.2, < 1.5", ">=1.2,<1.5"),
        (">=1.2 <1.5", ">=1.2,<1.5"),
        ("!=1.3", "!=1.3"),
        ("<>1.3", "!=1.3"),
        ("^1.2 || ^3.0", ">=1.2,<4.0"),
        ("1.0 || 1.1", ">=1.0,<=1.1"),
        ("^1.0 || >=3", ">=1.0"),
    ],
)
def test_poetry_constraints(poetry: str, pep440: str) -> None:
    assert _poetry.constraint(poetry) == pep440


@pytest.mark.parametrize("bad", ["^^1", "~x", "^1.*", ">=", "1.0 ; x"])
def test_bad_poetry_constraints(bad: str) -> None:
    with pytest.raises(_poetry.InvalidEntry):
        _poetry.constraint(bad)


def test_poetry_direct_references(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [tool.poetry.dependencies]
        a = { git = "https://github.com/o/a.git" }
        b = { git = "https://github.com/o/b.git", branch = "dev" }
        c = { git = "https://github.com/o/c.git", tag = "v1", subdirectory = "sub" }
        d = { git = "https://github.com/o/d.git", rev = "abc123", tag = "ignored" }
        e = { url = "https://example.com/e-1.0.whl" }
        f = { path = "../f", develop = true }
        """,
    )
    assert [(d.name, d.url, d.editable) for d in manifest.dependencies] == [
        ("a", "git+https://github.com/o/a.git", False),
        ("b", "git+https://github.com/o/b.git@dev", False),
        ("c", "git+https://github.com/o/c.git@v1#subdirectory=sub", False),
        ("d", "git+https://github.com/o/d.git@abc123", False),
        ("e", "https://example.com/e-1.0.whl", False),
        ("f", "file:../f", True),
    ]


def test_a_poetry_table_key_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path, '[tool.poetry.dependencies]\nlib = { version = "^1", git = 2 }\n'
    )
    assert [d.name for d in manifest.dependencies] == ["lib"]
    assert problems(manifest) == [
        (2, 7, "line 2: tool.poetry.dependencies.lib: 'git' must be a string, not a number")
    ]


def test_malformed_toml_is_one_problem_naming_the_line(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, '[project]\ndependencies = [\n  "a",\n  "b" "c",\n]\n')
    assert manifest.dependencies == ()
    (problem,) = manifest.problems
    assert problem.code == "DF001"
    assert problem.location.line == 4
    assert problem.message.startswith(f"{manifest.path}: invalid TOML: ")
    assert "line 4" in problem.message


def test_unterminated_toml_points_at_the_end(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, '[project]\ndependencies = ["a",\n')
    (problem,) = manifest.problems
    assert problem.location.line == 3
    assert "invalid TOML" in problem.message


def test_wrong_types_are_problems_at_their_line(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [project]
        name = "x"
        dependencies = "requests"
        [project.optional-dependencies]
        extra = [1, "fine"]
        [tool]
        uv = "not a table"
        """,
    )
    assert rows(manifest) == [("fine", 5, 14, "", "optional", "extra")]
    assert problems(manifest) == [
        (
            3,
            17,
            "line 3: project.dependencies must be an array of requirement strings, not a string",
        ),
        (
            5,
            10,
            "line 5: project.optional-dependencies.extra[0] must be a requirement string, "
            "not a number",
        ),
        (7, 7, "line 7: tool.uv must be a table, not a string"),
    ]


def test_dependency_group_includes_add_nothing(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [dependency-groups]
        test = ["pytest", {include-group = "Typing"}]
        typing = ["mypy"]
        all = [{include-group = "test"}, {include-group = "typing"}]
        """,
    )
    assert not manifest.problems
    assert [(d.name, d.group) for d in manifest.dependencies] == [
        ("pytest", "test"),
        ("mypy", "typing"),
    ]


def test_uv_sources_give_their_url_to_dependencies(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [project]
        dependencies = ["lib", "other>=1"]
        [tool.uv.sources]
        lib = { git = "https://github.com/o/lib", branch = "main" }
        """,
    )
    assert [(d.name, d.url) for d in manifest.dependencies] == [
        ("lib", "git+https://github.com/o/lib@main"),
        ("other", None),
    ]


def test_names_with_escapes_are_located_at_the_escape(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, '[project]\ndependencies = ["\\u0072equests", "\\tsix"]\n')
    assert rows(manifest) == [
        ("requests", 2, 18, "", "runtime", None),
        ("six", 2, 37, "", "runtime", None),
    ]


def test_a_hash_inside_a_string_is_not_a_comment(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        '[project]\ndependencies = ["a @ https://x.org/a.zip#sha256=00", "b"]  # real\n',
    )
    assert [(d.name, d.comment) for d in manifest.dependencies] == [("a", "real"), ("b", "real")]
    assert manifest.dependencies[0].url == "https://x.org/a.zip#sha256=00"


def test_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b'[project]\ndependencies = ["caf\xe9"]\n')
    manifest = pyproject.parse(str(path), Files().read)
    (problem,) = manifest.problems
    assert "not UTF-8" in problem.message and "line 2" in problem.message

    def refuse(_: str) -> str:
        raise ReadError("permission denied")

    (problem,) = pyproject.parse("pyproject.toml", refuse).problems
    assert problem.message == "pyproject.toml: permission denied"


def test_a_project_without_dependencies_has_none(tmp_path: Path) -> None:
    manifest = parse_text(tmp_path, '[project]\nname = "x"\ndynamic = ["dependencies"]\n')
    assert manifest.dependencies == () and manifest.problems == ()
    assert manifest.kind == "pyproject"


def indexes(manifest: Manifest) -> list[tuple[int, int, str, str]]:
    return [(loc.line, loc.column, option, url) for loc, option, url in manifest.indexes]


def test_poetry_sources_beside_the_first_primary_one_are_extra(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [tool.poetry]
        source = [
            { name = "corp", url = "https://corp.example/simple" },
            { name = "backup", url = "https://backup.example/simple", priority = "supplemental" },
            { name = "torch", url = "https://torch.example/whl", priority = "explicit" },
            { name = "mirror", url = "https://mirror.example/simple", priority = "primary" },
            { name = "old", url = "https://old.example/simple", secondary = true },
        ]
        """,
    )
    assert not manifest.problems
    assert [(line, option, url) for line, _, option, url in indexes(manifest)] == [
        (3, "index", "https://corp.example/simple"),
        (4, "source", "https://backup.example/simple"),
        (5, "index", "https://torch.example/whl"),
        (6, "source", "https://mirror.example/simple"),
        (7, "source", "https://old.example/simple"),
    ]


def test_a_poetry_source_beside_pypi_named_as_primary_is_extra(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [tool.poetry]
        source = [
            { name = "PyPI", priority = "primary" },
            { name = "corp", url = "https://corp.example/simple" },
        ]
        """,
    )
    assert indexes(manifest) == [(4, 29, "source", "https://corp.example/simple")]


@pytest.mark.parametrize(
    ("strategy", "added"), [("", "index"), ('index-strategy = "unsafe-best-match"\n', "source")]
)
def test_uv_indexes_are_extra_only_when_uv_weighs_them_all(
    tmp_path: Path, strategy: str, added: str
) -> None:
    manifest = parse_text(
        tmp_path,
        "[tool.uv]\n" + strategy + 'index-url = "https://default.example/simple"\n'
        'extra-index-url = ["https://extra.example/simple"]\n'
        "[[tool.uv.index]]\n"
        'url = "https://added.example/simple"\n'
        "[[tool.uv.index]]\n"
        'url = "https://own.example/simple"\n'
        "default = true\n"
        "[[tool.uv.index]]\n"
        'url = "https://torch.example/whl"\n'
        "explicit = true\n",
    )
    assert not manifest.problems
    assert [(option, url) for _, option, url in manifest.indexes] == [
        (added, "https://added.example/simple"),
        ("index", "https://own.example/simple"),
        ("index", "https://torch.example/whl"),
        ("index", "https://default.example/simple"),
        (added, "https://extra.example/simple"),
    ]


def test_index_settings_of_the_wrong_type_are_problems(tmp_path: Path) -> None:
    manifest = parse_text(
        tmp_path,
        """\
        [tool.poetry]
        source = { url = "https://corp.example/simple" }
        [tool.uv]
        extra-index-url = "https://extra.example/simple"
        index = [{ url = 3 }, "https://x.example"]
        """,
    )
    assert manifest.indexes == ()
    assert [message for _, _, message in problems(manifest)] == [
        "line 2: tool.poetry.source must be an array of tables, not a table",
        "line 5: tool.uv.index[1] must be a table, not a string",
        "line 5: tool.uv.index[0].url must be a URL string, not a number",
        "line 4: tool.uv.extra-index-url must be an array of URL strings, not a string",
    ]
