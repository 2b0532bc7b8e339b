"""``depfence check --stdin-filename PATH -``: an editor's buffer checked as if it were PATH."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from depfence import cli

CheckBuffer = Callable[..., tuple[int, str, str]]


@pytest.fixture
def check_buffer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> CheckBuffer:
    """``check_buffer(data, path, *options)`` runs ``depfence check --stdin-filename path
    *options -`` in tmp_path with ``data`` on standard input: exit code, stdout, stderr.
    ``path=None`` leaves out ``--stdin-filename``."""
    monkeypatch.chdir(tmp_path)

    def run(data: bytes | str, path: str | None, *options: str) -> tuple[int, str, str]:
        raw = data.encode() if isinstance(data, str) else data
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
        named = ("--stdin-filename", path) if path is not None else ()
        code = cli.main(["check", *named, *options, "-"])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_the_buffer_is_checked_not_the_file_on_disk(
    tmp_path: Path, check_buffer: CheckBuffer
) -> None:
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\n")
    code, out, _ = check_buffer("flask==3.0.3\nrequests\n", "requirements.txt")
    assert code == 1
    assert out.splitlines() == [out.splitlines()[0]]
    assert out.startswith("requirements.txt:2:1: DF201 ")


def test_the_file_need_not_exist(check_buffer: CheckBuffer) -> None:
    code, out, _ = check_buffer("requests\n", "new/requirements.txt")
    assert code == 1
    assert out.startswith("new/requirements.txt:1:1: DF201 ")


def test_configuration_comes_from_the_paths_folder(
    tmp_path: Path, check_buffer: CheckBuffer
) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "pyproject.toml").write_text('[tool.depfence]\ndisable = ["unpinned"]\n')
    assert check_buffer("requests\n", "app/requirements.txt")[:2] == (0, "")
    # the same buffer as a file outside app/ is not covered by that configuration
    code, out, _ = check_buffer("requests\n", "requirements.txt")
    assert code == 1 and "DF201" in out


def test_includes_are_resolved_relative_to_the_path(
    tmp_path: Path, check_buffer: CheckBuffer
) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "base.txt").write_text("flask\n")
    (tmp_path / "base.txt").write_text("flask==3.0.3\n")  # a decoy beside the current folder
    code, out, _ = check_buffer("-r base.txt\nrequests==2.31.0\n", "app/requirements.txt")
    assert code == 1
    assert [line.split(" ")[:2] for line in out.splitlines()] == [
        [f"{os.path.join('app', 'base.txt')}:1:1:", "DF201"]
    ]


def test_an_inline_ignore_in_the_buffer_is_honoured(check_buffer: CheckBuffer) -> None:
    code, out, _ = check_buffer("requests  # depfence: ignore[unpinned]\n", "requirements.txt")
    assert (code, out) == (0, "")


def test_windows_line_endings_and_a_bom_keep_positions(check_buffer: CheckBuffer) -> None:
    data = "\ufeffflask==3.0.3\r\n  requests\r\n".encode()
    code, out, _ = check_buffer(data, "requirements.txt", "--format", "json")
    assert code == 1
    [finding] = json.loads(out)["findings"]
    assert (finding["line"], finding["column"], finding["code"]) == (2, 3, "DF201")


def test_a_path_that_is_not_a_manifest_has_nothing_to_report(check_buffer: CheckBuffer) -> None:
    assert check_buffer("requests\n", "notes.md") == (0, "", "")


def test_stdin_that_is_not_utf8_is_one_line_of_error(check_buffer: CheckBuffer) -> None:
    code, out, err = check_buffer(b"flask==1.0\n\xff\xfe\n", "requirements.txt")
    assert code == 2 and out == ""
    assert err == "depfence: error: standard input: not UTF-8 text (byte 0xff on line 2)\n"


def test_dash_needs_stdin_filename(check_buffer: CheckBuffer) -> None:
    code, _, err = check_buffer("x\n", None)
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
