"""``depfence check`` as a user runs it: arguments, output, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from depfence.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_clean_file_exits_0_and_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    Path("requirements.txt").write_text("requests==2.32.3\nflask==3.0.3\n")
    assert main(["check", "requirements.txt"]) == 0
    assert capsys.readouterr().out == ""


def test_findings_are_sorted_lines_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    Path("requirements.txt").write_text("flask\nreqeusts==2.31.0\n")
    Path("requirements-dev.txt").write_text("pytest>=8\n")
    assert main(["check", "requirements.txt", "requirements-dev.txt"]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert [line.split(" ")[0:2] for line in lines] == [
        ["requirements-dev.txt:1:1:", "DF201"],
        ["requirements.txt:1:1:", "DF201"],
        ["requirements.txt:2:1:", "DF101"],
    ]
    assert "did you mean requests?" in lines[2]
    assert "Found 3 problems (3 blocking)." in out.err


def test_warnings_alone_do_not_block(capsys: pytest.CaptureFixture[str]) -> None:
    Path("pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["flask"]\n')
    assert main(["check", "pyproject.toml"]) == 0
    assert "pyproject.toml:3:18: DF201" in capsys.readouterr().out


def test_json_output_fields(capsys: pytest.CaptureFixture[str]) -> None:
    Path("requirements.txt").write_text("reqeusts==2.31.0\n")
    assert main(["check", "--format", "json", "requirements.txt"]) == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert {k: finding[k] for k in ("code", "name", "severity", "path", "line", "column")} == {
        "code": "DF101",
        "name": "typosquat",
        "severity": "error",
        "path": "requirements.txt",
        "line": 1,
        "column": 1,
    }
    assert (finding["package"], finding["target"]) == ("reqeusts", "requests")
    assert "did you mean requests?" in finding["message"]


def test_color_only_when_asked_or_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    Path("requirements.txt").write_text("flask\n")
    main(["check", "requirements.txt"])
    assert "\033[" not in capsys.readouterr().out
    main(["check", "--color=always", "requirements.txt"])
    assert "\033[1;31mDF201" in capsys.readouterr().out


def test_no_color_is_honoured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from depfence import cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli._use_color("auto")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._use_color("auto")
    assert cli._use_color("always")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--bogus"], "unrecognized argument: --bogus"),
        (["check", "--config"], "expected one argument"),
        (["check", "-"], "needs --stdin-filename"),
    ],
)
def test_bad_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    assert main(args) == 2
    assert says in capsys.readouterr().err


def test_option_abbreviations_and_equals(capsys: pytest.CaptureFixture[str]) -> None:
    Path("requirements.txt").write_text("flask\n")
    assert main(["check", "--form=json", "requirements.txt"]) == 1
    assert json.loads(capsys.readouterr().out)["findings"][0]["code"] == "DF201"


def test_help_lists_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    from depfence.checkargs import _OPTIONS

    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    for option in _OPTIONS:
        assert option in out


def test_bad_config_exits_2_naming_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    Path("pyproject.toml").write_text('[tool.depfence]\ndisable = ["typosqaut"]\n')
    Path("requirements.txt").write_text("flask==3.0.3\n")
    assert main(["check", "requirements.txt"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("depfence: error: ")
    assert "pyproject.toml" in err and "typosqaut" in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\xff\xfeflask\n", "not UTF-8 text"),
        (b"flask==1\n\0\0binary", "binary file (NUL byte on line 2)"),
    ],
)
def test_unreadable_manifests_are_findings_not_tracebacks(
    capsys: pytest.CaptureFixture[str], content: bytes, says: str
) -> None:
    Path("requirements.txt").write_bytes(content)
    assert main(["check", "requirements.txt"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("requirements.txt:1:1: DF001 ")
    assert says in out


def test_missing_file_is_a_finding(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "requirements.txt"]) == 1
    assert "requirements.txt:1:1: DF001 requirements.txt: file not found" in capsys.readouterr().out


def test_config_allowlist_and_inline_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    Path("pyproject.toml").write_text('[tool.depfence]\nallow = ["reqeusts"]\n')
    Path("requirements.txt").write_text(
        "reqeusts==2.31.0\nflask  # depfence: ignore[unpinned]\ndjango  # depfence: ignore\n"
    )
    assert main(["check", "requirements.txt"]) == 0
    assert capsys.readouterr().out == ""


def test_disable_and_severity_override(capsys: pytest.CaptureFixture[str]) -> None:
    Path("requirements.txt").write_text("flask\nreqeusts==2.31.0\n")
    Path("pyproject.toml").write_text(
        '[tool.depfence]\ndisable = ["DF201"]\nseverity = { typosquat = "warning" }\n'
    )
    assert main(["check", "--format=json", "requirements.txt"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["name"], f["severity"]) for f in findings] == [("typosquat", "warning")]


def test_without_files_checks_the_manifests_under_the_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("sub").mkdir()
    Path("sub/requirements.txt").write_text("flask\n")
    Path("README.md").write_text("flask\n")
    Path(".venv").mkdir()
    Path(".venv/requirements.txt").write_text("flask\n")
    assert main(["check"]) == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .startswith(os.path.join("sub", "requirements.txt") + ":1:1: DF201")
    )


def test_without_files_in_git_checks_tracked_manifests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}
    subprocess.run(["git", "init", "-q"], check=True, env=env)
    Path(".gitignore").write_text("ignored/\n")
    Path("ignored").mkdir()
    Path("ignored/requirements.txt").write_text("flask\n")
    Path("requirements.txt").write_text("django\n")
    main(["check", "--format=json"])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {"requirements.txt"}


def test_python_m_depfence_and_the_example() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "depfence", "check", str(REPO / "examples" / "requirements.txt")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 1
    codes = {line.split(" ")[1] for line in result.stdout.splitlines()}
    assert codes >= {"DF101", "DF201", "DF203", "DF204"}
    assert "Traceback" not in result.stderr


def test_a_folder_argument_checks_the_manifests_inside(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("svc/requirements").mkdir(parents=True)
    Path("svc/requirements/base.txt").write_text("flask\n")
    Path("svc/notes.txt").write_text("flask\n")
    Path("requirements.txt").write_text("django\n")
    assert main(["check", "svc"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(os.path.join("svc", "requirements", "base.txt") + ":1:1: DF201")
    assert len(out.splitlines()) == 1
