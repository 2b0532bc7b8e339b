"""GitHub Actions annotations and the job summary."""

from __future__ import annotations

from pathlib import Path

from depfence import rules
from depfence.model import Finding, Location, Severity
from depfence.report import github


def _squat(path: str = "requirements.txt", line: int = 2) -> Finding:
    return rules.TYPOSQUAT.finding(
        Location(path, line, 1), "reqeusts looks like requests", package="reqeusts"
    )


def test_one_annotation_per_finding() -> None:
    extra = rules.EXTRA_INDEX.finding(Location("requirements.txt", 1, 1), "adds an index")
    changed = rules.CHANGED_VERSION.finding(Location("Pipfile", 4, 3), "attrs changed")
    assert github.render([_squat(), extra, changed]).splitlines() == [
        "::error file=requirements.txt,line=2,col=1,title=depfence DF101 (typosquat)"
        "::reqeusts looks like requests",
        "::warning file=requirements.txt,line=1,col=1,title=depfence DF204 (extra-index)"
        "::adds an index",
        "::notice file=Pipfile,line=4,col=3,title=depfence DF302 (changed-version)::attrs changed",
    ]


def test_message_escapes_percent_and_line_breaks() -> None:
    finding = rules.UNPINNED.finding(
        Location("r.txt", 1, 1), "100% bad\r\n::set-env name=X::1", severity=Severity.WARNING
    )
    out = github.render([finding])
    assert out.count("\n") == 1
    assert out.endswith("::100%25 bad%0D%0A::set-env name=X::1\n")


def test_properties_also_escape_colon_and_comma() -> None:
    finding = rules.UNPINNED.finding(Location("a,b:c%d/requirements.txt", 3, 2), "m")
    out = github.render([finding])
    assert out.startswith("::error file=a%2Cb%3Ac%25d/requirements.txt,line=3,col=2,")
    assert github.escape_property("x\ny") == "x%0Ay"


def test_absolute_paths_inside_the_root_become_relative(tmp_path: Path) -> None:
    finding = _squat(str(tmp_path / "sub" / "requirements.txt"))
    out = github.render([finding], root=str(tmp_path))
    assert out.startswith("::error file=sub/requirements.txt,")


def test_summary_lists_findings_and_new_dependencies() -> None:
    new = rules.NEW_DEPENDENCY.finding(
        Location("requirements.txt", 5, 1), "leftpad is new", package="leftpad"
    )
    text = github.summary([_squat(), new])
    assert "**2 problems** (2 blocking) in 1 file." in text
    assert (
        "| error | requirements.txt:2:1 | DF101 typosquat | reqeusts "
        "| reqeusts looks like requests |"
    ) in text
    assert "### New dependencies (1)" in text
    assert "| leftpad | requirements.txt | 5 |" in text


def test_summary_without_findings() -> None:
    text = github.summary([])
    assert "No problems found." in text
    assert "### New dependencies (0)" in text


def test_summary_cells_cannot_inject_markup() -> None:
    finding = rules.EXTRA_INDEX.finding(
        Location("requirements.txt", 1, 1), "index [click](https://evil.example) | <img src=x>\nx"
    )
    text = github.summary([finding])
    row = next(line for line in text.splitlines() if line.startswith("| warning"))
    assert row.count("|") == 6  # five cells, no extra column
    assert "[click]" not in row and "<img" not in row
    assert "&#91;click&#93;" in row and "&#60;img" in row


def test_summary_is_capped() -> None:
    findings = [_squat(line=n) for n in range(1, github.MAX_ROWS + 11)]
    text = github.summary(findings)
    assert "and 10 more" in text
    assert text.count("| error |") == github.MAX_ROWS
