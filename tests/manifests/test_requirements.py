"""The requirements-file parser: what it finds, and exactly where."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pip_requirements_parser import RequirementsFile

from depfence.files import Files, ReadError
from depfence.manifests import requirements
from depfence.model import Dependency, Location, Manifest


def parse_text(tmp_path: Path, text: str, name: str = "requirements.txt") -> Manifest:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return requirements.parse(str(path), Files().read)


def only(manifest: Manifest) -> Dependency:
    assert not manifest.problems, manifest.problems
    (dep,) = manifest.dependencies
    return dep


def where(dep: Dependency) -> tuple[int, int]:
    return dep.location.line, dep.location.column


def problems(manifest: Manifest) -> list[tuple[str, int, int, str]]:
    return [
        (Path(p.location.path).name, p.location.line, p.location.column, p.message)
        for p in manifest.problems
    ]


class TestRequirementForms:
    def test_pinned_name_is_located_at_its_first_character(self, tmp_path: Path) -> None:
        dep = only(parse_text(tmp_path, "\n\n   requests==2.31.0\n"))
        assert (dep.name, dep.key, dep.specifier) == ("requests", "requests", "==2.31.0")
        assert where(dep) == (3, 4)
        assert dep.location.path == str(tmp_path / "requirements.txt")

    def test_specifier_is_normalised_like_packaging(self, tmp_path: Path) -> None:
        dep = only(parse_text(tmp_path, "Foo_Bar[b, a] >= 1.0 , < 2,!=1.5.*\n"))
        assert dep.name == "Foo_Bar"
        assert dep.key == "foo-bar"
        assert dep.specifier == "!=1.5.*,<2,>=1.0"
        assert dep.extras == ("a", "b")

    def test_equal_specifiers_are_kept_once(self, tmp_path: Path) -> None:
        assert only(parse_text(tmp_path, "foo>=1.0,>=1.0.0,>=1\n")).specifier == ">=1"

    def test_unusual_forms_go_through_packaging(self, tmp_path: Path) -> None:
        assert only(parse_text(tmp_path, "foo (>=1.0RC1)\n")).specifier == ">=1.0RC1"
        assert only(parse_text(tmp_path, "bar===weird-1\n")).specifier == "===weird-1"

    def test_marker_is_normalised_like_packaging(self, tmp_path: Path) -> None:
        dep = only(parse_text(tmp_path, "foo ; python_version<'3.8' and os.name == \"nt\"\n"))
        assert dep.marker == 'python_version < "3.8" and os_name == "nt"'
        assert where(dep) == (1, 1)

    def test_nested_marker(self, tmp_path: Path) -> None:
        text = "foo>=1; python_version < '3' or (sys_platform=='linux' and extra == 'A_b')\n"
        dep = only(parse_text(tmp_path, text))
        assert dep.marker == 'python_version < "3" or (sys_platform == "linux" and extra == "a-b")'

    def test_direct_reference(self, tmp_path: Path) -> None:
        dep = only(
            parse_text(tmp_path, "  pkg[x] @ https://example.org/pkg-1.0.tar.gz ; os_name=='nt'\n")
        )
        assert (dep.name, dep.extras, dep.specifier) == ("pkg", ("x",), "")
        assert dep.url == "https://example.org/pkg-1.0.tar.gz"
        assert dep.marker == 'os_name == "nt"'
        assert where(dep) == (1, 3)

    def test_bare_url_takes_its_name_from_the_egg_fragment(self, tmp_path: Path) -> None:
        text = "x==1\n  git+https://example.org/r.git@v1#egg=thing[a]\n"
        dep = parse_text(tmp_path, text).dependencies[1]
        assert (dep.name, dep.extras, dep.url) == (
            "thing",
            ("a",),
            "git+https://example.org/r.git@v1#egg=thing[a]",
        )
        assert where(dep) == (2, 3)
        assert not dep.editable

    def test_wheel_url_is_named_and_pinned_by_its_file_name(self, tmp_path: Path) -> None:
        dep = only(parse_text(tmp_path, "https://example.org/Foo_Bar-2.0-py3-none-any.whl\n"))
        assert (dep.name, dep.specifier) == ("Foo-Bar", "==2.0")

    def test_unnamed_url_and_local_paths(self, tmp_path: Path) -> None:
        manifest = parse_text(
            tmp_path, "https://example.org/x.tar.gz\n./vendor/pkg[extra]\npkg-1.0.zip\n"
        )
        assert not manifest.problems
        assert [(d.name, d.url, d.extras, where(d)) for d in manifest.dependencies] == [
            ("", "https://example.org/x.tar.gz", (), (1, 1)),
            ("", "./vendor/pkg", ("extra",), (2, 1)),
            ("", "pkg-1.0.zip", (), (3, 1)),
        ]

    def test_environment_variables_are_kept_as_written(self, tmp_path: Path) -> None:
        text = "https://${TOKEN}@example.org/x.tar.gz#egg=private\n-i https://${USER}@example.org/simple\n"
        manifest = parse_text(tmp_path, text)
        assert only(manifest).url == "https://${TOKEN}@example.org/x.tar.gz#egg=private"
        assert manifest.indexes[0][2] == "https://${USER}@example.org/simple"


class TestComments:
    def test_inline_comment_is_kept_without_hash_sign(self, tmp_path: Path) -> None:
        dep = only(parse_text(tmp_path, "# header\nfoo==1  #  depfence: ignore[unpinned]  \n"))
        assert dep.comment == "depfence: ignore[unpinned]"
        assert where(dep) == (2, 1)

    def test_hash_sign_inside_a_word_is_not_a_comment(self, tmp_path: Path) -> None:
        dep = only(parse_text(tmp_path, "https://example.org/a.tar.gz#egg=foo\n"))
        assert (dep.name, dep.comment) == ("foo", "")

    def test_comment_line_ends_a_continuation(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "foo==1 \\\n  # why\nbar==2\n")
        assert [(d.name, d.comment, where(d)) for d in manifest.dependencies] == [
            ("foo", "why", (1, 1)),
            ("bar", "", (3, 1)),
        ]


class TestContinuations:
    def test_hashes_on_continuation_lines(self, tmp_path: Path) -> None:
        text = """\
            foo==1.0 \\
                --hash=sha256:aa \\
                --hash sha256:bb   # locked
            bar==2
            """
        manifest = parse_text(tmp_path, textwrap.dedent(text))
        foo, bar = manifest.dependencies
        assert foo.hashes == ("sha256:aa", "sha256:bb")
        assert foo.comment == "locked"
        assert where(foo) == (1, 1)
        assert where(bar) == (4, 1)

    def test_name_on_a_continuation_line_is_located_on_that_line(self, tmp_path: Path) -> None:
        manifest = parse_text(
            tmp_path, "  \\\n   foo==1\n-e \\\n  git+https://example.org/r#egg=bar\n"
        )
        foo, bar = manifest.dependencies
        assert where(foo) == (2, 4)
        assert (bar.name, where(bar)) == ("bar", (4, 3))

    def test_requirement_split_across_lines(self, tmp_path: Path) -> None:
        dep = only(parse_text(tmp_path, "foo \\\n  >=1.0 \\\n  ; python_version<'3'\n"))
        assert (dep.specifier, dep.marker) == (">=1.0", 'python_version < "3"')

    def test_problem_on_a_continuation_line_points_at_that_line(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "foo==1 \\\n  --hash=nodigest\n")
        assert problems(manifest) == [
            (
                "requirements.txt",
                2,
                10,
                "--hash needs an algorithm and a digest, like sha256:<hex>, not 'nodigest'",
            )
        ]


class TestOptions:
    def test_index_options_in_long_form_at_the_option(self, tmp_path: Path) -> None:
        text = """\
            -i https://a.example/simple
            --index-url=https://b.example/simple
              --extra-index-url https://c.example/simple
            --extra-index=https://d.example/simple
            -fhttps://e.example/links
            --trusted-host c.example
            """
        path = str(tmp_path / "requirements.txt")
        assert parse_text(tmp_path, textwrap.dedent(text)).indexes == (
            (Location(path, 1, 1), "--index-url", "https://a.example/simple"),
            (Location(path, 2, 1), "--index-url", "https://b.example/simple"),
            (Location(path, 3, 3), "--extra-index-url", "https://c.example/simple"),
            (Location(path, 4, 1), "--extra-index-url", "https://d.example/simple"),
            (Location(path, 5, 1), "--find-links", "https://e.example/links"),
        )

    def test_other_and_unknown_options_are_tolerated(self, tmp_path: Path) -> None:
        text = "--pre\n--no-binary :all:\n--use-deprecated=legacy-resolver\n--future x\nfoo==1\n"
        manifest = parse_text(tmp_path, text)
        assert [d.name for d in only_deps(manifest)] == ["foo"]

    def test_per_requirement_options(self, tmp_path: Path) -> None:
        text = 'foo==1 --config-settings="--build-option=--x" --global-option=-q --hash=sha512:ff\n'
        dep = only(parse_text(tmp_path, text))
        assert (dep.name, dep.hashes) == ("foo", ("sha512:ff",))

    def test_option_without_its_value(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "-r\nfoo==1\n")
        assert problems(manifest) == [("requirements.txt", 1, 1, "option -r needs a value")]
        assert [d.name for d in manifest.dependencies] == ["foo"]


def only_deps(manifest: Manifest) -> tuple[Dependency, ...]:
    assert not manifest.problems, manifest.problems
    return manifest.dependencies


class TestEditables:
    def test_vcs_editable_is_named_by_egg_and_located_at_the_url(self, tmp_path: Path) -> None:
        dep = only(parse_text(tmp_path, "-e git+https://example.org/r.git@abc#egg=tool\n"))
        assert (dep.name, dep.editable, dep.url) == (
            "tool",
            True,
            "git+https://example.org/r.git@abc#egg=tool",
        )
        assert where(dep) == (1, 4)

    def test_local_editable_with_extras(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "--editable=.[dev,test]\n-e./lib\n")
        assert [(d.name, d.url, d.extras, d.editable, where(d)) for d in only_deps(manifest)] == [
            ("", ".", ("dev", "test"), True, (1, 12)),
            ("", "./lib", (), True, (2, 3)),
        ]


class TestInvalidLines:
    def test_bad_line_is_a_problem_and_parsing_goes_on(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "foo==1\n  bar>=>2\nbaz==3\n")
        assert [d.name for d in manifest.dependencies] == ["foo", "baz"]
        ((name, line, column, message),) = problems(manifest)
        assert (name, line, column) == ("requirements.txt", 2, 3)
        assert message.startswith("invalid requirement 'bar>=>2': ")
        assert "\n" not in message

    def test_bad_marker_is_located_at_the_marker(self, tmp_path: Path) -> None:
        ((_, line, column, message),) = problems(parse_text(tmp_path, "foo==1; python_version <\n"))
        assert (line, column) == (1, 9)
        assert message.startswith("invalid marker 'python_version <': ")

    def test_marker_packaging_cannot_print_is_a_problem(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "foo; os_name == '\\x22\\x27'\nbar\n")
        assert [d.name for d in manifest.dependencies] == ["bar"]
        ((_, line, column, message),) = problems(manifest)
        assert (line, column) == (1, 6)
        assert "Cannot serialize marker value containing both quote characters" in message

    def test_invalid_wheel_file_name(self, tmp_path: Path) -> None:
        assert problems(parse_text(tmp_path, "https://example.org/x.whl\n")) == [
            ("requirements.txt", 1, 1, "x.whl is not a valid wheel file name")
        ]

    def test_unreadable_file_is_a_problem_not_an_exception(self, tmp_path: Path) -> None:
        (tmp_path / "requirements.txt").write_bytes(b"foo==1\n\xff\xfe\n")
        manifest = requirements.parse(str(tmp_path / "requirements.txt"), Files().read)
        assert manifest.dependencies == ()
        ((_, line, column, message),) = problems(manifest)
        assert (line, column) == (1, 1)
        assert "not UTF-8" in message


class TestIncludes:
    def test_include_forms_resolve_against_the_including_folder(self, tmp_path: Path) -> None:
        (tmp_path / "base.txt").write_text("wrong==1\n")
        reqs = tmp_path / "reqs"
        reqs.mkdir()
        (reqs / "base.txt").write_text("right==1\n")
        (reqs / "a.txt").write_text("a==1\n")
        (reqs / "b.txt").write_text("b==1\n")
        manifest = parse_text(
            tmp_path, "-rbase.txt\n-r a.txt\n--requirement=b.txt\n", "reqs/dev.txt"
        )
        assert [(d.name, Path(d.location.path).name, where(d)) for d in only_deps(manifest)] == [
            ("right", "base.txt", (1, 1)),
            ("a", "a.txt", (1, 1)),
            ("b", "b.txt", (1, 1)),
        ]
        assert manifest.dependencies[0].location.path == str(reqs / "base.txt")
        assert manifest.files == tuple(
            str(reqs / n) for n in ("dev.txt", "base.txt", "a.txt", "b.txt")
        )

    def test_constraints_and_what_they_include_are_constraints(self, tmp_path: Path) -> None:
        (tmp_path / "constraints.txt").write_text("pinned==1\n-r more.txt\n")
        (tmp_path / "more.txt").write_text("also==2\n")
        manifest = parse_text(tmp_path, "-c constraints.txt\nfoo\n")
        assert [(d.name, d.constraint) for d in only_deps(manifest)] == [
            ("pinned", True),
            ("also", True),
            ("foo", False),
        ]

    def test_loop_is_reported_once_at_the_include_that_closes_it(self, tmp_path: Path) -> None:
        (tmp_path / "b.txt").write_text("b==1\n  -r a.txt\n")
        manifest = parse_text(tmp_path, "a==1\n-r b.txt\n", "a.txt")
        assert [d.name for d in manifest.dependencies] == ["a", "b"]
        a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
        assert problems(manifest) == [("b.txt", 2, 6, f"include loop: {a} -> {b} -> {a}")]

    def test_self_include(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "foo==1\n-r ./requirements.txt\n")
        path = str(tmp_path / "requirements.txt")
        assert problems(manifest) == [("requirements.txt", 2, 4, f"{path} includes itself")]
        assert [d.name for d in manifest.dependencies] == ["foo"]

    def test_missing_include(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "foo==1\n--requirement  nope.txt\nbar==1\n")
        missing = tmp_path / "nope.txt"
        assert problems(manifest) == [
            ("requirements.txt", 2, 16, f"cannot read included file {missing}: file not found")
        ]
        assert [d.name for d in manifest.dependencies] == ["foo", "bar"]
        assert manifest.files == (str(tmp_path / "requirements.txt"),)

    def test_non_utf8_include(self, tmp_path: Path) -> None:
        (tmp_path / "latin1.txt").write_bytes("caf\xe9==1\n".encode("latin-1"))
        manifest = parse_text(tmp_path, "-c latin1.txt\n")
        ((name, line, column, message),) = problems(manifest)
        assert (name, line, column) == ("requirements.txt", 1, 4)
        assert message == (
            f"cannot read included file {tmp_path / 'latin1.txt'}: "
            "not UTF-8 text (byte 0xe9 on line 1)"
        )

    def test_remote_include_is_not_fetched(self, tmp_path: Path) -> None:
        manifest = parse_text(tmp_path, "-r https://example.org/requirements.txt\n")
        assert problems(manifest) == [
            (
                "requirements.txt",
                1,
                4,
                "remote include https://example.org/requirements.txt is not checked: "
                "depfence reads no URLs",
            )
        ]

    def test_file_url_include_is_read(self, tmp_path: Path) -> None:
        (tmp_path / "base.txt").write_text("foo==1\n")
        manifest = parse_text(tmp_path, f"-r file://{tmp_path / 'base.txt'}\n")
        assert [d.name for d in only_deps(manifest)] == ["foo"]

    def test_diamond_is_read_once(self, tmp_path: Path) -> None:
        (tmp_path / "common.txt").write_text("common==1\n")
        (tmp_path / "x.txt").write_text("-r common.txt\n")
        (tmp_path / "y.txt").write_text("-r common.txt\n")
        manifest = parse_text(tmp_path, "-r x.txt\n-r y.txt\n")
        assert [d.name for d in only_deps(manifest)] == ["common"]


@pytest.mark.parametrize(
    ("name", "section"),
    [
        ("requirements.txt", "runtime"),
        ("requirements-dev.txt", "dev"),
        ("dev-requirements.in", "dev"),
        ("requirements_test.txt", "dev"),
        ("requirements/tests.txt", "dev"),
        ("requirements/lint.txt", "dev"),
        ("docs/requirements.txt", "dev"),
        ("requirements-typing.txt", "dev"),
        ("build-requirements.txt", "build"),
        ("requirements/build.txt", "build"),
        ("requirements/latest.txt", "runtime"),
        ("contest/requirements.txt", "runtime"),
    ],
)
def test_section_comes_from_the_file_name(tmp_path: Path, name: str, section: str) -> None:
    assert only(parse_text(tmp_path, "foo==1\n", name)).section == section


def test_included_file_has_its_own_section(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("runtime-dep==1\n")
    manifest = parse_text(tmp_path, "-r requirements.txt\npytest==8\n", "requirements-dev.txt")
    assert [(d.name, d.section) for d in only_deps(manifest)] == [
        ("runtime-dep", "runtime"),
        ("pytest", "dev"),
    ]


ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("aZ09=<>~!;[](),@.-_ '\"#\\\n\t/:+*${}%")), st.characters()
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(ANY_TEXT)
def test_any_text_gives_located_one_line_problems_never_an_exception(text: str) -> None:
    def read(path: str) -> str:
        if path == "requirements.txt":
            return text
        raise ReadError("file not found")

    manifest = requirements.parse("requirements.txt", read)
    last_line = max(1, len(text.splitlines()))
    for problem in manifest.problems:
        assert problem.message and "\n" not in problem.message
        assert 1 <= problem.location.line <= last_line and problem.location.column >= 1
    for dep in manifest.dependencies:
        assert 1 <= dep.location.line <= last_line and dep.location.column >= 1


def _imports_packaging(tmp_path: Path, text: str) -> bool:
    path = tmp_path / "requirements.txt"
    path.write_text(text, encoding="utf-8")
    code = (
        "import sys\n"
        "from depfence.files import Files\n"
        "from depfence.manifests import requirements\n"
        f"m = requirements.parse({str(path)!r}, Files().read)\n"
        "assert len(m.dependencies) > 0 and not m.problems, m.problems\n"
        "print('packaging' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


def test_common_files_are_parsed_without_importing_packaging(tmp_path: Path) -> None:
    lines = [f"package-{i}==1.{i}.0" for i in range(40)]
    lines += [
        "# a comment",
        "Django[argon2, bcrypt]>=4.2,<5  # web",
        "uvloop==0.19.0; sys_platform != 'win32' and implementation_name == 'cpython'",
        'tomli==2.0.1 ; python_version < "3.11"',
        "urllib3==2.2.1 \\",
        "    --hash=sha256:450b20ec296a467077128bff42b73080516e71b56ff59a60a02bef2232c4fa9d",
        "numpy~=1.26.4",
        "torch==2.2.1+cpu",
        "setuptools===69.1.1",
        "-i https://pypi.org/simple",
    ]
    assert len(lines) == 50
    assert not _imports_packaging(tmp_path, "\n".join(lines) + "\n")
    # and the check can tell: a form the fast path leaves to packaging does import it
    assert _imports_packaging(tmp_path, "foo (>=1.0)\n")


class TestDeliberateDifferences:
    """Where depfence and pip-requirements-parser part ways, on purpose."""

    @staticmethod
    def reference(tmp_path: Path, text: str, nested: bool = False) -> RequirementsFile:
        path = tmp_path / "ref" / "requirements.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return RequirementsFile.from_file(str(path), include_nested=nested)

    def test_missing_include_is_a_finding_where_the_reference_raises(self, tmp_path: Path) -> None:
        with pytest.raises(Exception, match=r"nope\.txt"):
            self.reference(tmp_path, "-r nope.txt\n", nested=True)
        assert len(parse_text(tmp_path, "-r nope.txt\n").problems) == 1

    def test_non_ascii_name_is_a_dependency_not_an_invalid_line(self, tmp_path: Path) -> None:
        # no index accepts the name, but the non-ascii-name rule must see it to say why
        text = "r\u0435quests==2.31.0\n"
        assert len(self.reference(tmp_path, text).invalid_lines) == 1
        dep = only(parse_text(tmp_path, text))
        assert (dep.name, dep.specifier) == ("r\u0435quests", "==2.31.0")

    def test_name_at_any_url_is_a_pep508_direct_reference(self, tmp_path: Path) -> None:
        # the reference takes "foo @ ./lib" for an unnamed path; PEP 508 (and pip) name it foo
        (ref,) = self.reference(tmp_path, "foo @ ./lib\n").requirements
        assert ref.name is None
        dep = only(parse_text(tmp_path, "foo @ ./lib\n"))
        assert (dep.name, dep.url) == ("foo", "./lib")

    def test_options_pip_ignores_on_a_requirement_line(self, tmp_path: Path) -> None:
        # pip (>= 22) knows --config-settings and ignores --pre here; the reference flags both
        text = "foo==1 --config-settings=a=b\nbar==1 --pre\n-e ./x --hash=sha256:aa\n"
        assert len(self.reference(tmp_path, text).invalid_lines) == 3
        assert [(d.name, d.hashes) for d in only_deps(parse_text(tmp_path, text))] == [
            ("foo", ()),
            ("bar", ()),
            ("", ()),
        ]

    def test_words_after_options_are_ignored_like_pip_does(self, tmp_path: Path) -> None:
        assert len(self.reference(tmp_path, "--pre foo\n").invalid_lines) == 1
        assert parse_text(tmp_path, "--pre foo\n").dependencies == ()
        assert parse_text(tmp_path, "--pre foo\n").problems == ()

    def test_malformed_hash_is_a_problem(self, tmp_path: Path) -> None:
        # pip refuses such a line; the reference accepts it
        (ref,) = self.reference(tmp_path, "foo==1 --hash=abc\n").requirements
        assert ref.hash_options == ["abc"]
        assert len(parse_text(tmp_path, "foo==1 --hash=abc\n").problems) == 1

    def test_relative_file_url_is_kept_as_written(self, tmp_path: Path) -> None:
        (ref,) = self.reference(tmp_path, "file:../x/y.tar.gz\n").requirements
        assert ref.link.url == "../x/y.tar.gz"
        assert only(parse_text(tmp_path, "file:../x/y.tar.gz\n")).url == "file:../x/y.tar.gz"


# the string-method fast paths stand in for these regular expressions: they must agree
_HEAD_PATTERN = r"([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)[ \t]*(?:\[([^\]]*)\][ \t]*)?"
_COMMENT_PATTERN = r"(?<!\S)#"
fragments = st.lists(
    st.sampled_from(["a", "Z", "0", ".", "_", "-", " ", "\t", "[", "]", ",", "#", "=", "<", "é"])
    | st.sampled_from(["==", "===", "~=", "!=", ">=", "1.0", "1.", "..", "*", "\u00a0", "\u2003"]),
    max_size=10,
).map("".join)


@given(fragments)
@settings(max_examples=1000)
def test_name_head_reads_what_its_pattern_matches(text: str) -> None:
    match = re.match(_HEAD_PATTERN, text)
    expected = None if match is None else (match.group(1), match.group(2), match.end())
    assert requirements._head(text) == expected


@given(fragments)
@settings(max_examples=1000)
def test_comment_start_is_a_hash_after_whitespace(text: str) -> None:
    match = re.search(_COMMENT_PATTERN, text)
    assert requirements._comment_start(text) == (-1 if match is None else match.start())


@given(fragments)
@settings(max_examples=1000)
def test_plain_pins_read_as_the_specifier_pattern_reads_them(text: str) -> None:
    plain = requirements._plain_item(text)
    if plain is not None:
        match = re.match(requirements._SPEC_ITEM, text)
        assert match is not None and match.groups() == plain
