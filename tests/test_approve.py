"""`depfence approve NAME...`: one comment on the dependency's line, nothing else touched."""

from __future__ import annotations

import os
import runpy
import shutil
from pathlib import Path

import pytest

from depfence.approve import annotate
from depfence.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

UNKNOWN = "zqxv-internal-widget"  # a name no popular-package list holds
HASH = "sha256:" + "0" * 64


# tests/gitrepo.py, loaded by path (tests/ is not a package under --import-mode=importlib)
_gitrepo = runpy.run_path(str(Path(__file__).with_name("gitrepo.py")))
GitRepo, isolate = _gitrepo["GitRepo"], _gitrepo["isolate"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = _gitrepo["chdir_to_new_repo"](tmp_path, monkeypatch)
    repo.commit(files={"README": "x\n"})
    return repo


def approve(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["approve", *args])
    out, err = capsys.readouterr()
    return code, out, err


def passes(capsys: pytest.CaptureFixture[str], *files: str) -> bool:
    code = main(["check", *files])
    capsys.readouterr()
    return code == 0


def test_approve_appends_the_comment_and_the_check_passes(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo.write("requirements.txt", f"# app\nflask==3.0.3  # web\n{UNKNOWN}==1.0\n")
    assert not passes(capsys, "requirements.txt")
    code, out, _ = approve(capsys, UNKNOWN)
    assert code == 0
    assert out == f"requirements.txt:3: approved '{UNKNOWN}'\n"
    assert path.read_text() == f"# app\nflask==3.0.3  # web\n{UNKNOWN}==1.0  # depfence: approve\n"
    assert passes(capsys, "requirements.txt")
    # the approval is part of the change a reviewer sees
    repo.git("add", "requirements.txt")
    assert f"\n+{UNKNOWN}==1.0  # depfence: approve\n" in repo.git("diff", "--cached")
    code, out, _ = approve(capsys, UNKNOWN)
    assert (code, out) == (0, f"requirements.txt:3: already approved '{UNKNOWN}'\n")


def test_line_endings_bom_comments_and_a_missing_final_newline_are_kept(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo.path / "requirements.txt"
    original = f"\ufeffflask==3.0.3\r\n{UNKNOWN}==1.0   # internal, see wiki\r\nclick==8.1.7"
    path.write_bytes(original.encode("utf-8"))
    assert approve(capsys, UNKNOWN)[0] == 0
    expected = original.replace(
        "# internal, see wiki\r", "# internal, see wiki  # depfence: approve\r"
    )
    assert path.read_bytes() == expected.encode("utf-8")


def test_a_continued_requirement_takes_the_comment_on_its_last_line(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo.write(
        "requirements.txt",
        f"flask==3.0.3 --hash={HASH}\n"
        f"{UNKNOWN}==1.0 \\\n    --hash={HASH}\n"
        f"click==8.1.7 --hash={HASH}\n",
    )
    assert approve(capsys, UNKNOWN)[0] == 0
    assert path.read_text().splitlines()[1:3] == [
        f"{UNKNOWN}==1.0 \\",
        f"    --hash={HASH}  # depfence: approve",
    ]
    assert passes(capsys, "requirements.txt")


def test_several_dependencies_on_one_line_are_approved_by_name(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    head = '[project]\nname = "app"\nversion = "1"\n'
    path = repo.write("pyproject.toml", head + f'dependencies = ["{UNKNOWN}>=1", "zqxv-b>=2"]\n')
    assert approve(capsys, UNKNOWN)[0] == 0
    assert path.read_text().endswith(f'"zqxv-b>=2"]  # depfence: approve[{UNKNOWN}]\n')
    assert not passes(capsys, "pyproject.toml")
    assert approve(capsys, "zqxv-b")[0] == 0
    assert path.read_text().endswith(f"# depfence: approve[{UNKNOWN}, zqxv-b]\n")
    assert passes(capsys, "pyproject.toml")


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        (
            "pyproject.toml",
            '[project]\nname = "app"\nversion = "1"\ndependencies = [\n'
            f'    "flask>=3",\n    "{UNKNOWN}>=1",  # ours\n]\n',
            f'    "{UNKNOWN}>=1",  # ours  # depfence: approve',
        ),
        (
            "setup.cfg",
            f"[metadata]\nname = app\n\n[options]\ninstall_requires =\n    {UNKNOWN}>=1\n",
            f"    {UNKNOWN}>=1  # depfence: approve",
        ),
        (
            "Pipfile",
            f'[packages]\n{UNKNOWN} = ">=1"\n\n[dev-packages]\n',
            f'{UNKNOWN} = ">=1"  # depfence: approve',
        ),
    ],
)
def test_every_manifest_format(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], name: str, before: str, after: str
) -> None:
    path = repo.write(name, before)
    assert approve(capsys, UNKNOWN)[0] == 0
    changed = [line for line in path.read_text().splitlines() if line not in before.splitlines()]
    assert changed == [after]
    assert passes(capsys, name)


def test_a_name_that_is_not_new_is_reported_and_nothing_changes(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    path = repo.write("requirements.txt", f"flask==3.0.3\n{UNKNOWN}==1.0\n")
    code, out, err = approve(capsys, "flask", UNKNOWN)
    assert code == 1
    assert out == f"requirements.txt:2: approved '{UNKNOWN}'\n"
    assert err == "depfence: 'flask' is not a new dependency in these manifests\n"
    assert path.read_text() == f"flask==3.0.3\n{UNKNOWN}==1.0  # depfence: approve\n"


def test_only_the_named_file(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    one = repo.write("requirements.txt", f"{UNKNOWN}==1.0\n")
    two = repo.write("requirements-dev.txt", f"{UNKNOWN}==1.0\n")
    assert approve(capsys, UNKNOWN, "--file", "requirements-dev.txt")[0] == 0
    assert "approve" not in one.read_text()
    assert "approve" in two.read_text()


def test_a_failed_write_leaves_the_original_untouched(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = repo.write("requirements.txt", f"{UNKNOWN}==1.0\n")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = approve(capsys, UNKNOWN)
    assert code == 2
    assert err == "depfence: error: requirements.txt: cannot write: No space left on device\n"
    assert path.read_text() == f"{UNKNOWN}==1.0\n"
    assert sorted(p.name for p in repo.path.iterdir()) == [".git", "README", "requirements.txt"]


def test_a_line_that_cannot_take_a_comment_is_refused_and_left_alone(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # the requirement ends inside a multi-line string: a comment would become part of it
    text = '[project]\nname = "app"\nversion = "1"\ndependencies = ["""zqxv-y>=1\n"""]\n'
    path = repo.write("pyproject.toml", text)
    code, out, err = approve(capsys, "zqxv-y")
    assert (code, out) == (2, "")
    assert err.startswith("depfence: error: pyproject.toml:4: a comment there would change")
    assert path.read_text() == text


def test_a_symlinked_manifest_stays_a_link_and_the_mode_is_kept(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    real = repo.write("deps/real-requirements.txt", f"{UNKNOWN}==1.0\n")
    real.chmod(0o640)
    (repo.path / "requirements.txt").symlink_to("deps/real-requirements.txt")
    assert approve(capsys, UNKNOWN, "--file", "requirements.txt")[0] == 0
    assert (repo.path / "requirements.txt").is_symlink()
    assert real.read_text() == f"{UNKNOWN}==1.0  # depfence: approve\n"
    assert real.stat().st_mode & 0o777 == 0o640


def test_outside_a_repository_approve_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    path = tmp_path / "requirements.txt"
    path.write_text(f"{UNKNOWN}==1.0\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = approve(capsys, UNKNOWN, "--file", "requirements.txt")
    assert code == 2
    assert "not in a git repository" in err
    assert path.read_text() == f"{UNKNOWN}==1.0\n"


@pytest.mark.parametrize(
    ("line", "shared", "expected"),
    [
        ("a==1", False, "a==1  # depfence: approve"),
        ("a==1   \r", False, "a==1  # depfence: approve\r"),
        ("a==1  # depfence: approve", False, "a==1  # depfence: approve"),
        ('["a", "b"]', True, '["a", "b"]  # depfence: approve[a]'),
        ('["a", "b"]  # depfence: approve[b]', True, '["a", "b"]  # depfence: approve[b, a]'),
        (
            "a==1  # depfence: ignore[unpinned]",
            False,
            "a==1  # depfence: ignore[unpinned]  # depfence: approve",
        ),
    ],
)
def test_annotate(line: str, shared: bool, expected: str) -> None:
    assert annotate(line, "a", shared) == expected
