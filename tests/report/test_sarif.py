"""SARIF output: valid against the OASIS 2.1.0 schema, and stable across edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from depfence import __version__, rules
from depfence.model import Finding, Location, Severity
from depfence.report import sarif

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))


def _findings(root: Path, *, offset: int = 0) -> list[Finding]:
    req = str(root / "requirements.txt")
    return [
        rules.TYPOSQUAT.finding(
            Location(req, 2 + offset, 1),
            "reqeusts looks like requests",
            package="reqeusts",
            target="requests",
        ),
        rules.UNPINNED.finding(
            Location(req, 3 + offset, 1), "flask has no version", package="Flask"
        ),
        rules.EXTRA_INDEX.finding(
            Location(req, 1, 1), "--extra-index-url https://example.org/simple adds an index"
        ),
        rules.CHANGED_VERSION.finding(
            Location(str(root / "sub dir" / "pyproject.toml"), 7, 5),
            "attrs changed from 22.1 to 23.1",
            package="attrs",
        ),
    ]


def _log(findings: list[Finding], root: Path) -> dict[str, object]:
    log = json.loads(sarif.render(findings, root=str(root)))
    assert isinstance(log, dict)
    return log


def _results(log: dict[str, object]) -> list[dict[str, object]]:
    return log["runs"][0]["results"]  # type: ignore[index,no-any-return]


def test_output_is_valid_sarif_2_1_0(tmp_path: Path) -> None:
    log = _log(_findings(tmp_path), tmp_path)
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_empty_run_is_valid_and_lists_every_rule(tmp_path: Path) -> None:
    log = _log([], tmp_path)
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
    driver = log["runs"][0]["tool"]["driver"]  # type: ignore[index]
    assert driver["name"] == "depfence"
    assert driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == [r.code for r in rules.RULES]
    for entry in driver["rules"]:
        assert entry["shortDescription"]["text"]
        assert entry["fullDescription"]["text"]
        assert f'add "{entry["name"]}" to `disable`' in entry["help"]["text"]
    by_name = {entry["name"]: entry["help"]["text"] for entry in driver["rules"]}
    assert "# depfence: ignore[typosquat]" in by_name["typosquat"]
    assert "# depfence: approve" in by_name["new-dependency"]
    assert _results(log) == []


def test_results_carry_rule_level_region_and_relative_uri(tmp_path: Path) -> None:
    log = _log(_findings(tmp_path), tmp_path)
    driver = log["runs"][0]["tool"]["driver"]  # type: ignore[index]
    results = _results(log)
    assert [r["ruleId"] for r in results] == ["DF101", "DF201", "DF204", "DF302"]
    assert [r["level"] for r in results] == ["error", "error", "warning", "note"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    first = results[0]["locations"][0]["physicalLocation"]  # type: ignore[index]
    assert first["artifactLocation"] == {"uri": "requirements.txt", "uriBaseId": "%SRCROOT%"}
    assert first["region"] == {"startLine": 2, "startColumn": 1}
    last = results[3]["locations"][0]["physicalLocation"]  # type: ignore[index]
    assert last["artifactLocation"]["uri"] == "sub%20dir/pyproject.toml"
    assert last["region"] == {"startLine": 7, "startColumn": 5}
    assert results[0]["message"] == {"text": "reqeusts looks like requests"}
    assert results[0]["properties"]["target"] == "requests"  # type: ignore[index]
    base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]  # type: ignore[index]
    assert base.startswith("file:///") and base.endswith("/")


def test_file_outside_the_root_gets_an_absolute_uri(tmp_path: Path) -> None:
    elsewhere = tmp_path / "other" / "requirements.txt"
    finding = rules.UNPINNED.finding(Location(str(elsewhere), 1, 1), "x", package="x")
    log = _log([finding], tmp_path / "project")
    location = _results(log)[0]["locations"][0]["physicalLocation"]  # type: ignore[index]
    assert location["artifactLocation"] == {"uri": elsewhere.as_uri()}


def test_relative_paths_are_taken_from_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    finding = rules.UNPINNED.finding(Location(os.path.join("a", "req.in"), 1, 1), "x")
    log = json.loads(sarif.render([finding]))
    location = _results(log)[0]["locations"][0]["physicalLocation"]  # type: ignore[index]
    assert location["artifactLocation"] == {"uri": "a/req.in", "uriBaseId": "%SRCROOT%"}


def _fingerprints(log: dict[str, object]) -> list[str]:
    return [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in _results(log)]  # type: ignore[index]


def test_fingerprints_ignore_line_numbers(tmp_path: Path) -> None:
    before = _fingerprints(_log(_findings(tmp_path), tmp_path))
    after = _fingerprints(_log(_findings(tmp_path, offset=10), tmp_path))
    assert before == after
    assert len(set(before)) == len(before)


def test_fingerprints_differ_by_rule_file_and_package(tmp_path: Path) -> None:
    req = str(tmp_path / "requirements.txt")
    base = rules.UNPINNED.finding(Location(req, 1, 1), "m", package="flask")
    other_package = rules.UNPINNED.finding(Location(req, 1, 1), "m", package="django")
    other_rule = rules.TYPOSQUAT.finding(Location(req, 1, 1), "m", package="flask")
    other_file = rules.UNPINNED.finding(
        Location(str(tmp_path / "b.in"), 1, 1), "m", package="flask"
    )
    prints = [_fingerprints(_log([f], tmp_path))[0] for f in (base, other_package, other_rule)]
    prints.append(_fingerprints(_log([other_file], tmp_path))[0])
    assert len(set(prints)) == 4
    # the package's spelling variants are one package
    same = rules.UNPINNED.finding(Location(req, 9, 1), "m", package="Flask")
    assert _fingerprints(_log([same], tmp_path)) == _fingerprints(_log([base], tmp_path))


def test_the_same_package_twice_in_a_file_gets_two_fingerprints(tmp_path: Path) -> None:
    req = str(tmp_path / "requirements.txt")
    twice = [
        rules.UNPINNED.finding(Location(req, line, 1), "m", package="flask") for line in (1, 5)
    ]
    first, second = _fingerprints(_log(twice, tmp_path))
    assert first != second
    assert first.split(":")[0] == second.split(":")[0]


def test_severity_overrides_change_the_level(tmp_path: Path) -> None:
    finding = rules.UNPINNED.finding(Location("r.txt", 1, 1), "m", severity=Severity.INFO)
    assert _results(_log([finding], tmp_path))[0]["level"] == "note"
