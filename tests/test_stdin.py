"""``depfence check --stdin-filename PATH -``: an editor's buffer checked as if it were PATH."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from depfence import cli


def check_stdin(
    data: bytes | str,
    *args: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    raw = data.encode() if isinstance(data, str) else data
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code = cli.main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_buffer_is_checked_not_the_file_on_disk(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (cwd / "requirements.txt").write_text("flask==3.0.3\n")
    code, out, _ = check_stdin(
        "flask==3.0.3\nrequests\n",
        "--stdin-filename",
        "requirements.txt",
        "-",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 1
    assert out.splitlines() == [out.splitlines()[0]]
    assert out.startswith("requirements.txt:2:1: DF201 ")


def test_the_file_need_not_exist(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = check_stdin(
        "requests\n",
        "--stdin-filename",
        "new/requirements.txt",
        "-",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 1
    assert out.startswith("new/requirements.txt:1:1: DF201 ")


def test_configuration_comes_from_the_paths_folder(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (cwd / "app").mkdir()
    (cwd / "app" / "pyproject.toml").write_text('[tool.depfence]\ndisable = ["unpinned"]\n')
    args = ("--stdin-filename", "app/requirements.txt", "-")
    code, out, _ = check_stdin("requests\n", *args, monkeypatch=monkeypatch, capsys=capsys)
    assert (code, out) == (0, "")
    # the same buffer as a file outside app/ is not covered by that configuration
    code, out, _ = check_stdin(
        "requests\n",
        "--stdin-filename",
        "requirements.txt",
        "-",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 1 and "DF201" in out


def test_includes_are_resolved_relative_to_the_path(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (cwd / "app").mkdir()
    (cwd / "app" / "base.txt").write_text("flask\n")
    (cwd / "base.txt").write_text("flask==3.0.3\n")  # a decoy beside the current folder
    code, out, _ = check_stdin(
        "-r base.txt\nrequests==2.31.0\n",
        "--stdin-filename",
        "app/requirements.txt",
        "-",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 1
    assert [line.split(" ")[:2] for line in out.splitlines()] == [
        [f"{os.path.join('app', 'base.txt')}:1:1:", "DF201"]
    ]


def test_an_inline_ignore_in_the_buffer_is_honoured(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = check_stdin(
        "requests  # depfence: ignore[unpinned]\n",
        "--stdin-filename",
        "requirements.txt",
        "-",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert (code, out) == (0, "")


def test_windows_line_endings_and_a_bom_keep_positions(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = check_stdin(
        "\ufeffflask==3.0.3\r\n  requests\r\n".encode(),
        "--stdin-filename",
        "requirements.txt",
        "--format",
        "json",
        "-",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 1
    [finding] = json.loads(out)["findings"]
    assert (finding["line"], finding["column"], finding["code"]) == (2, 3, "DF201")


def test_a_path_that_is_not_a_manifest_has_nothing_to_report(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = check_stdin(
        "requests\n", "--stdin-filename", "notes.md", "-", monkeypatch=monkeypatch, capsys=capsys
    )
    assert (code, out, err) == (0, "", "")


def test_stdin_that_is_not_utf8_is_one_line_of_error(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = check_stdin(
        b"flask==1.0\n\xff\xfe\n",
        "--stdin-filename",
        "requirements.txt",
        "-",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 2 and out == ""
    assert err == "depfence: error: standard input: not UTF-8 text (byte 0xff on line 2)\n"


def test_dash_needs_stdin_filename(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = check_stdin("x\n", "-", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2
    assert "--stdin-filename" in err and err.count("\n") == 1


def test_a_real_process_reads_the_pipe(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "depfence", "check", "--stdin-filename", "requirements.txt", "-"],
        input=b"requests\n",
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stdout.decode().startswith("requirements.txt:1:1: DF201 ")
