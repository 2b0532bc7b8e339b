from __future__ import annotations

import pytest

from depfence.checks import indexes, references
from depfence.config import Config
from depfence.model import Dependency, Location, Manifest

SHA = "0123456789abcdef0123456789abcdef01234567"


def problem(url: str, hashes: tuple[str, ...] = ()) -> str | None:
    return references.problem(Dependency("pkg", Location("m"), url=url, hashes=hashes))


@pytest.mark.parametrize(
    "url",
    [
        f"git+https://github.com/org/pkg@{SHA}",
        f"git+ssh://git@github.com/org/pkg.git@{SHA}#egg=pkg",
        "svn+https://svn.example.org/pkg@1234",
        "https://files.example.org/pkg-1.0.tar.gz#sha256=" + "ab" * 32,
        "file:///srv/wheels/pkg-1.0-py3-none-any.whl",
        "./local/pkg",
    ],
)
def test_immutable_references_pass(url: str) -> None:
    assert problem(url) is None


def test_archive_with_a_hash_option_passes() -> None:
    assert problem("https://example.org/pkg-1.0.tar.gz", ("sha256:" + "0" * 64,)) is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("git+https://github.com/org/pkg", "default branch"),
        ("git+https://github.com/org/pkg@main", "'main', a branch"),
        ("git+https://github.com/org/pkg@v1.2.0#egg=pkg", "'v1.2.0'"),
        ("git+https://github.com/org/pkg@0123abc", "short hash"),
        ("git+ssh://git@github.com/org/pkg.git", "default branch"),
        (f"git+http://example.org/pkg@{SHA}", "plain http"),
        ("http://example.org/pkg-1.0.tar.gz#sha256=" + "ab" * 32, "plain http"),
        ("https://example.org/pkg-1.0.tar.gz", "no hash"),
    ],
)
def test_mutable_references_are_reported(url: str, says: str) -> None:
    message = problem(url)
    assert message is not None
    assert says in message


def test_check_yields_findings_at_the_dependency() -> None:
    dep = Dependency("pkg", Location("r.txt", 3, 1), url="git+https://github.com/org/pkg@main")
    [finding] = references.check(Manifest("r.txt", "requirements", (dep,)), Config())
    assert (finding.code, finding.location.line) == ("DF203", 3)


def test_extra_index_is_a_warning_and_http_index_an_error() -> None:
    m = Manifest(
        "r.txt",
        "requirements",
        indexes=(
            (Location("r.txt", 1, 1), "--index-url", "https://pypi.org/simple"),
            (Location("r.txt", 2, 1), "--extra-index-url", "http://internal.example/simple"),
        ),
    )
    found = sorted((f.location.line, f.name, f.severity.value) for f in indexes.check(m, Config()))
    assert found == [(2, "extra-index", "warning"), (2, "mutable-reference", "error")]
