"""The typosquat check: findings, severities, allowlist, non-ASCII names."""

from __future__ import annotations

from pathlib import Path

import depfence.checks.typosquat as typosquat
from depfence import rules
from depfence.config import Config
from depfence.model import Dependency, Location, Manifest, Severity


def findings(*names: str, allow: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
    deps = tuple(Dependency(n, Location("requirements.txt", i + 1)) for i, n in enumerate(names))
    manifest = Manifest("requirements.txt", "requirements", deps)
    return [
        (f.code, f.severity.value, f.package or "", f.target or "", f.message)
        for f in typosquat.check(manifest, Config(allow=allow))
    ]


def test_a_transposed_name_blocks_and_says_what_was_meant() -> None:
    [(code, severity, package, target, message)] = findings("reqeusts")
    assert (code, severity, package, target) == ("DF101", "error", "reqeusts", "requests")
    assert message == (
        "'reqeusts' looks like 'requests' (popular #6, transposition): did you mean requests?"
    )


def test_evidence_names_rank_mutation_and_tier() -> None:
    deps = (Dependency("requests-lite", Location("r.txt", 3)),)
    [finding] = typosquat.check(Manifest("r.txt", "requirements", deps), Config())
    assert finding.severity is Severity.WARNING
    assert finding.target == "requests"
    assert finding.evidence == {"rank": 6, "mutation": "combosquat", "tier": "warn"}
    assert finding.location == Location("r.txt", 3)


def test_popular_unknown_and_empty_names_pass() -> None:
    assert findings("requests", "Django", "typing_extensions", "my-internal-lib", "") == []


def test_allowlisted_names_pass() -> None:
    assert findings("reqeusts", allow=frozenset({"reqeusts"})) == []
    # the allowlist holds normalised names, so any spelling of one is allowed
    assert findings("Reqeusts", allow=frozenset({"reqeusts"})) == []


def test_standard_library_name() -> None:
    [(code, severity, _, target, message)] = findings("subprocess")
    assert (code, severity, target) == ("DF101", "error", "subprocess")
    assert "standard-library module" in message


def test_non_ascii_name_names_the_character_and_the_intended_package() -> None:
    [(code, severity, package, target, message)] = findings("r\u0435quests")
    assert (code, severity, package, target) == (
        rules.NON_ASCII_NAME.code,
        "error",
        "r\u0435quests",
        "requests",
    )
    assert "U+0435 CYRILLIC SMALL LETTER IE (looks like 'e')" in message
    assert message.endswith("did you mean requests?")


def test_non_ascii_name_without_an_obvious_reading() -> None:
    [(code, _, _, target, message)] = findings("caf\u20ac")
    assert code == rules.NON_ASCII_NAME.code
    assert target == ""
    assert "U+20AC EURO SIGN" in message
    assert message.endswith("retype the name")


def test_fullwidth_letters_read_as_ascii() -> None:
    [(_, _, _, target, message)] = findings("\uff52equests")
    assert target == "requests"
    assert "FULLWIDTH LATIN SMALL LETTER R (looks like 'r')" in message


def test_dependencies_from_a_local_path_are_not_judged_by_name() -> None:
    deps = tuple(
        Dependency("local", Location("r.txt", i + 1), url=url, editable=editable)
        for i, (url, editable) in enumerate(
            [("file:./local", False), ("./local", False), ("/src/local", False), ("local", True)]
        )
    )
    assert list(typosquat.check(Manifest("r.txt", "requirements", deps), Config())) == []
    # the same name from an index, or from a remote URL, is judged
    remote = (
        Dependency("local", Location("r.txt", 1)),
        Dependency("local", Location("r.txt", 2), url="https://example.org/local.zip"),
    )
    found = typosquat.check(Manifest("r.txt", "requirements", remote), Config())
    assert [(f.code, f.target) for f in found] == [("DF101", "locales"), ("DF101", "locales")]


def test_a_pipfile_path_dependency_is_not_a_look_alike(tmp_path: Path) -> None:
    from depfence import engine
    from depfence.config import Resolver

    pipfile = tmp_path / "Pipfile"
    pipfile.write_text(
        '[packages]\nlocal = {path = "./local"}\nmylib = {path = "./mylib", editable = true}\n'
        'reqeusts = "==2.31.0"\n'
    )
    result = engine.check([str(pipfile)], Resolver())
    assert [(f.code, f.package) for f in result.findings] == [("DF101", "reqeusts")]
