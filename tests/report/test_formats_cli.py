"""``depfence check --format sarif|github`` end to end, on a real manifest."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from depfence import cli

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))
MANIFEST = "--extra-index-url https://example.org/simple\nreqeusts==2.31.0\nflask>=2\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "requirements.txt").write_text(MANIFEST)
    return tmp_path


def test_sarif_from_the_cli_is_valid_and_located(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--format", "sarif", "requirements.txt"]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"DF101", "DF201", "DF204"}
    squat = next(r for r in results if r["ruleId"] == "DF101")
    location = squat["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "requirements.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 1}


def test_moving_lines_keeps_sarif_fingerprints(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def fingerprints() -> dict[str, str]:
        cli.main(["check", "--format", "sarif", "requirements.txt"])
        results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
        return {r["ruleId"]: r["partialFingerprints"]["depfence/v1"] for r in results}

    before = fingerprints()
    lines = MANIFEST.splitlines()
    (project / "requirements.txt").write_text("\n".join(["# moved", *reversed(lines)]) + "\n")
    assert fingerprints() == before


def test_github_format_prints_annotations_and_writes_the_summary(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = project / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli.main(["check", "--format", "github", "requirements.txt"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::")
    assert "::error file=requirements.txt,line=2,col=1,title=depfence DF101 (typosquat)::" in out
    text = summary.read_text()
    assert text.startswith("earlier step\n## depfence\n")  # appended, not replaced
    assert "| DF101 typosquat | reqeusts |" in text.replace("2:1 ", "")
    assert "### New dependencies" in text


def test_github_format_without_the_summary_variable_writes_no_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--format", "github", "requirements.txt"]) == 1
    assert capsys.readouterr().out.count("\n") >= 3
    assert sorted(p.name for p in project.iterdir()) == ["requirements.txt"]


def test_an_unwritable_summary_is_one_line_of_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(project / "missing" / "summary.md"))
    assert cli.main(["check", "--format", "github", "requirements.txt"]) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("depfence: error: cannot write $GITHUB_STEP_SUMMARY")
    assert "No such file or directory" in last
