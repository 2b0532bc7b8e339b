"""Reading pip command lines: what is typed, which files are named, what pip gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from depfence.pipargs import ArgumentError, classify, parse


def typed(args: list[str]) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in parse(args).typed]


def test_requirements_files_in_every_spelling() -> None:
    inv = parse(
        ["install", "-r", "a.txt", "--requirement=b.txt", "-rc.txt", "--constraint", "k.txt"]
    )
    assert inv.command == "install"
    assert inv.files == [
        ("--requirement", "a.txt"),
        ("--requirement", "b.txt"),
        ("--requirement", "c.txt"),
        ("--constraint", "k.txt"),
    ]
    assert inv.typed == []


def test_clustered_short_options_take_their_value_from_the_next_argument() -> None:
    inv = parse(["install", "-Uqr", "dev.txt", "six"])
    assert inv.files == [("--requirement", "dev.txt")]
    assert inv.has("--upgrade") and inv.has("--quiet")
    assert typed(["install", "-Uqr", "dev.txt", "six"]) == [("requirement", "six")]


def test_values_of_options_are_not_typed_requirements() -> None:
    args = [
        "install",
        "-i",
        "https://example.org/simple",
        "--extra-index-url",
        "https://mirror.example.org/simple",
        "--target",
        "vendor",
        "--no-binary",
        ":all:",
        "--platform",
        "manylinux2014_x86_64",
        "-C",
        "key=value",
        "requests[socks]>=2",
    ]
    inv = parse(args)
    assert typed(args) == [("requirement", "requests[socks]>=2")]
    assert inv.indexes == [
        ("--index-url", "https://example.org/simple"),
        ("--extra-index-url", "https://mirror.example.org/simple"),
    ]
    assert inv.args == args


def test_a_unique_prefix_of_a_long_option_counts_as_the_option() -> None:
    inv = parse(["install", "--constr", "c.txt", "--upgrade-strat", "eager", "x"])
    assert inv.files == [("--constraint", "c.txt")]
    assert typed(["install", "--constr", "c.txt", "--upgrade-strat", "eager", "x"]) == [
        ("requirement", "x")
    ]


def test_python_is_taken_out_wherever_it_is() -> None:
    for args in (
        ["--python", "/env/bin/python", "install", "x"],
        ["install", "--python=/env/bin/python", "x"],
    ):
        inv = parse(args)
        assert inv.python == "/env/bin/python"
        assert inv.args == ["install", "x"]


def test_global_options_before_the_command() -> None:
    inv = parse(["-v", "--log", "pip.log", "--isolated", "install", "attrs"])
    assert inv.command == "install"
    assert typed(["-v", "--log", "pip.log", "install", "attrs"]) == [("requirement", "attrs")]
    assert inv.value("--log") == "pip.log"


def test_editables_urls_and_paths_are_told_apart() -> None:
    args = [
        "install",
        "-e",
        ".",
        "git+https://example.org/repo.git@0123abcd",
        "./vendor/pkg",
        "dist/pkg-1.0-py3-none-any.whl",
        "name @ https://example.org/name-1.0.tar.gz",
        "plain",
    ]
    assert typed(args) == [
        ("editable", "."),
        ("url", "git+https://example.org/repo.git@0123abcd"),
        ("path", "./vendor/pkg"),
        ("path", "dist/pkg-1.0-py3-none-any.whl"),
        ("requirement", "name @ https://example.org/name-1.0.tar.gz"),
        ("requirement", "plain"),
    ]


def test_an_existing_folder_is_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "project").mkdir()
    assert classify("project") == "path"
    assert classify("project2") == "requirement"


def test_after_a_double_dash_everything_is_positional() -> None:
    assert typed(["install", "--", "-odd"]) == [("requirement", "-odd")]


def test_help_and_other_commands() -> None:
    assert parse(["install", "--help"]).has("--help")
    assert parse(["list", "--outdated"]).command == "list"
    assert parse([]).command is None


def test_an_option_without_its_value_is_an_error() -> None:
    with pytest.raises(ArgumentError, match="--requirement needs a value"):
        parse(["install", "--requirement"])
    with pytest.raises(ArgumentError, match="-r needs a value"):
        parse(["install", "-r"])
