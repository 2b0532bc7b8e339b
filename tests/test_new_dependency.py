"""`depfence check` on real git repositories: what is new, what a reviewer sees, what blocks."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from depfence import git
from depfence.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

UNKNOWN = "zqxv-internal-widget"  # a name no popular-package list holds
APP = '[project]\nname = "app"\nversion = "1"\n'  # a pyproject.toml with no dependency


# tests/gitrepo.py, loaded by path (tests/ is not a package under --import-mode=importlib)
_gitrepo = runpy.run_path(str(Path(__file__).with_name("gitrepo.py")))
GitRepo, isolate = _gitrepo["GitRepo"], _gitrepo["isolate"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = _gitrepo["chdir_to_new_repo"](tmp_path, monkeypatch)
    return repo


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    """Exit code, the DF3xx lines (the new-dependency rules), and stderr."""
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, [line for line in out.splitlines() if " DF3" in line], err


def check_change(
    repo: GitRepo,
    capsys: pytest.CaptureFixture[str],
    before: str,
    after: str,
    name: str = "requirements.txt",
) -> tuple[int, list[str]]:
    """Commit ``before`` as ``name``, change it to ``after``, check it: exit code, DF3xx lines."""
    repo.commit(files={name: before})
    repo.write(name, after)
    code, lines, _ = check(capsys, name)
    return code, lines


# --- what is new --------------------------------------------------------------------------


def test_a_popular_pinned_new_dependency_is_shown_and_passes(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = check_change(repo, capsys, "flask==3.0.3\n", "flask==3.0.3\nrequests==2.32.3\n")
    assert code == 0
    [line] = lines
    assert line.startswith("requirements.txt:2:1: DF301 new dependency 'requests' (runtime): #")
    assert "most downloaded" in line
    assert line.endswith("; pinned ==2.32.3")


def test_an_unknown_new_dependency_blocks_and_says_what_to_do(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, [line] = check_change(repo, capsys, "flask==3.0.3\n", f"flask==3.0.3\n{UNKNOWN}==1.0\n")
    assert code == 1
    assert f"DF301 new dependency '{UNKNOWN}' (runtime): not among the " in line
    assert "pinned ==1.0" in line
    assert line.endswith(f"review it, then approve it: depfence approve {UNKNOWN}")


@pytest.mark.parametrize(
    ("added", "why"),
    [
        pytest.param("requestz==2.32.3", "closest popular: requests (#", id="near-miss"),
        pytest.param("requests", "not pinned (any version); also unpinned", id="unpinned"),
    ],
)
def test_a_blocked_new_dependency_says_why(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], added: str, why: str
) -> None:
    code, [line] = check_change(repo, capsys, "flask==3.0.3\n", f"flask==3.0.3\n{added}\n")
    assert code == 1
    assert why in line


def test_a_changed_pin_is_shown_and_a_removal_is_silent(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = check_change(repo, capsys, "flask==3.0.2\nrequests==2.32.3\n", "flask==3.0.3\n")
    assert code == 0
    assert lines == ["requirements.txt:1:1: DF302 'flask' changed from ==3.0.2 to ==3.0.3"]


def test_once_committed_a_dependency_is_no_longer_new(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"requirements.txt": f"{UNKNOWN}==1.0  # depfence: approve\n"})
    code, lines, _ = check(capsys, "requirements.txt")
    assert (code, lines) == (0, [])


def test_moving_between_sections_of_one_file_is_not_new(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (
        f'{APP}dependencies = ["flask>=3"]\n'
        f'[project.optional-dependencies]\nextra = ["{UNKNOWN}>=1"]\n'
    )
    after = f'{APP}dependencies = ["flask>=3", "{UNKNOWN}>=1"]\n'
    assert check_change(repo, capsys, before, after, "pyproject.toml") == (0, [])


def test_the_section_a_dependency_was_added_to_is_shown(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    after = f'{APP}[project.optional-dependencies]\nsocks = ["pysocks>=1.7"]\n'
    _, [line] = check_change(repo, capsys, APP, after, "pyproject.toml")
    assert "new dependency 'pysocks' (optional: socks)" in line


@pytest.mark.parametrize(
    "checked", [["requirements.txt"], ["requirements.txt", "requirements-common.txt"]]
)
def test_moving_into_an_included_file_is_not_new(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], checked: list[str]
) -> None:
    # pre-commit passes both changed files; the included one is new on its own, but what
    # it holds was in the base of the manifest that includes it
    repo.commit(files={"requirements.txt": f"flask==3.0.3\n{UNKNOWN}==1.0\n"})
    repo.write("requirements.txt", "-r requirements-common.txt\nflask==3.0.3\n")
    repo.write("requirements-common.txt", f"{UNKNOWN}==1.0\n")
    code, lines, _ = check(capsys, *checked)
    assert (code, lines) == (0, [])


def test_includes_of_the_base_are_read_from_the_base(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(
        files={"requirements.txt": "-r base-requirements.txt\n", "base-requirements.txt": ""}
    )
    # added to the included file in the work tree: new, although the work tree's include has it
    repo.write("base-requirements.txt", f"{UNKNOWN}==1.0\n")
    code, [line], _ = check(capsys, "requirements.txt")
    assert code == 1
    assert line.startswith(f"base-requirements.txt:1:1: DF301 new dependency '{UNKNOWN}'")


def test_a_new_manifest_makes_every_dependency_new(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"README": "x\n"})
    repo.write("requirements-dev.txt", "pytest==8.3.3\nrequests==2.32.3\n")
    code, lines, _ = check(capsys, "requirements-dev.txt")
    assert code == 0
    assert [line.split(" (")[0].split("new dependency ")[1] for line in lines] == [
        "'pytest'",
        "'requests'",
    ]
    assert all("(dev)" in line for line in lines)


def test_a_renamed_manifest_is_followed(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    text = "flask==3.0.3\nrequests==2.32.3\nclick==8.1.7\njinja2==3.1.4\n"
    repo.commit(files={"requirements.txt": text})
    (repo.path / "requirements").mkdir()
    repo.git("mv", "requirements.txt", "requirements/base.txt")
    repo.write("requirements/base.txt", text + f"{UNKNOWN}==1.0\n")
    repo.git("add", "requirements/base.txt")
    code, [line], _ = check(capsys, "requirements/base.txt")
    assert code == 1
    assert f"requirements/base.txt:5:1: DF301 new dependency '{UNKNOWN}'" in line


def test_a_repository_with_no_commit_yet(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("requirements.txt", f"flask==3.0.3\n{UNKNOWN}==1.0\n")
    code, lines, _ = check(capsys, "requirements.txt")
    assert code == 1
    assert len(lines) == 2


def test_stdin_is_compared_with_head(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(f"flask==3.0.3\n{UNKNOWN}==1.0\n".encode()))
    try:
        code, [line], _ = check(capsys, "-", "--stdin-filename", "requirements.txt")
    finally:
        sys.stdin = old_stdin
    assert code == 1
    assert line.startswith("requirements.txt:2:1: DF301")


# --- approval -----------------------------------------------------------------------------


def test_an_inline_approval_turns_the_block_into_information(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, [line] = check_change(
        repo, capsys, "flask==3.0.3\n", f"flask==3.0.3\n{UNKNOWN}==1.0  # depfence: approve\n"
    )
    assert code == 0
    assert f"new dependency '{UNKNOWN}' (runtime), approved: not among" in line


def test_an_approval_naming_another_package_does_not_count(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    after = f'{APP}dependencies = ["flask>=3", "{UNKNOWN}>=1"]  # depfence: approve[flask]\n'
    code, lines = check_change(repo, capsys, APP, after, "pyproject.toml")
    assert code == 1
    assert [", approved" in line for line in lines] == [True, False]


# --- policy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "code", "severities"),
    [
        ("block-unknown", 1, ["info", "error"]),
        ("block-all", 1, ["error", "error"]),
        ("warn", 0, ["warning", "warning"]),
        ("off", 0, []),
    ],
)
def test_the_new_dependencies_policy(
    repo: GitRepo,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    policy: str,
    code: int,
    severities: list[str],
) -> None:
    import json

    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    repo.write("pyproject.toml", f'[tool.depfence]\nnew-dependencies = "{policy}"\n')
    repo.write("requirements.txt", f"flask==3.0.3\nrequests==2.32.3\n{UNKNOWN}==1.0\n")
    spawned: list[object] = []
    real = git._Process.__init__
    monkeypatch.setattr(
        git._Process, "__init__", lambda self, *a: (spawned.append(a), real(self, *a))[1]
    )
    assert main(["check", "--format", "json", "requirements.txt"]) == code
    out = json.loads(capsys.readouterr().out)
    findings = out if isinstance(out, list) else out["findings"]
    assert [f["severity"] for f in findings if f["code"] == "DF301"] == severities
    # with the check off, git is not even started
    assert bool(spawned) == (policy != "off")


def test_a_folder_that_is_not_a_repository_skips_the_check_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "requirements.txt").write_text(f"flask\n{UNKNOWN}==1.0\n")
    monkeypatch.chdir(folder)
    code = main(["check", "requirements.txt"])
    out, err = capsys.readouterr()
    assert code == 1  # the other checks still run: flask is unpinned
    assert "DF201" in out
    assert "DF301" not in out
    assert "not in a git repository: the new-dependency check is skipped" in err


def test_a_broken_dot_git_skips_the_check_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    (tmp_path / ".git").mkdir()  # looks like a repository until git is asked
    (tmp_path / "requirements.txt").write_text(f"{UNKNOWN}==1.0\n")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "requirements.txt"])
    out, err = capsys.readouterr()
    assert (code, out) == (0, "")
    assert err == "depfence: not in a git repository: the new-dependency check is skipped\n"


def test_an_explicit_base_outside_a_repository_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--base", "main", "requirements.txt"]) == 2
    assert "not in a git repository" in capsys.readouterr().err


# --- which base ---------------------------------------------------------------------------


def test_committing_a_merge_does_not_report_what_the_merged_branch_added(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(files={"requirements.txt": f"flask==3.0.3\n{UNKNOWN}==1.0\n"})
    repo.git("checkout", "-q", "main")
    repo.commit(files={"other.txt": "x\n"})
    repo.git("merge", "-q", "--no-commit", "--no-ff", "feature")
    assert check(capsys, "requirements.txt")[:2] == (0, [])
    # a dependency added while resolving the merge is new
    repo.write("requirements.txt", f"flask==3.0.3\n{UNKNOWN}==1.0\nzqxv-other==2.0\n")
    code, [line], _ = check(capsys, "requirements.txt")
    assert code == 1
    assert "'zqxv-other'" in line


def test_a_detached_head_is_compared_like_a_branch(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    repo.commit(files={"README": "x\n"})
    repo.git("checkout", "-q", "--detach", "HEAD~1")
    repo.write("requirements.txt", f"flask==3.0.3\n{UNKNOWN}==1.0\n")
    code, [line], _ = check(capsys, "requirements.txt")
    assert code == 1
    assert f"'{UNKNOWN}'" in line


def test_a_pre_commit_range_checks_the_to_ref_against_the_merge_base(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    repo.git("checkout", "-q", "-b", "feature")
    to_ref = repo.commit(files={"requirements.txt": f"flask==3.0.3\n\n{UNKNOWN}==1.0\n"})
    repo.git("checkout", "-q", "main")
    from_ref = repo.commit(files={"requirements.txt": "flask==3.0.3\nrequests==2.32.3\n"})
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", from_ref)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", to_ref)
    code, lines, _ = check(capsys, "requirements.txt")
    assert code == 1
    # located in the to-ref's version; main's requests (the from side) is not new
    assert [line.split(" (")[0] for line in lines] == [
        f"requirements.txt:3:1: DF301 new dependency '{UNKNOWN}'"
    ]


def test_base_ref_reports_what_a_pull_request_adds(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(files={"requirements.txt": f"flask==3.0.3\n{UNKNOWN}==1.0\n"})
    repo.commit(files={"README": "x\n"})
    # against HEAD nothing is new; against main, the branch's addition is
    assert check(capsys, "requirements.txt")[:2] == (0, [])
    code, [line], _ = check(capsys, "--base", "main", "requirements.txt")
    assert code == 1
    assert f"'{UNKNOWN}'" in line


def test_a_shallow_clone_without_the_base_fails_with_how_to_fetch_it(
    repo: GitRepo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(files={"requirements.txt": f"flask==3.0.3\n{UNKNOWN}==1.0\n"})
    clone = repo.clone(tmp_path / "clone", "--depth", "1", "--branch", "feature")
    monkeypatch.chdir(clone.path)
    assert main(["check", "--base", "origin/main", "requirements.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("depfence: error: cannot compare with origin/main")
    assert "git fetch origin main:refs/remotes/origin/main" in err
    assert err.count("\n") == 1


# --- pre-commit and the whole process -----------------------------------------------------


def _pre_commit_config(repo: GitRepo) -> None:
    entry = f"{sys.executable} -m depfence check"
    repo.commit(
        files={
            ".pre-commit-config.yaml": "repos:\n- repo: local\n  hooks:\n"
            f"  - id: depfence\n    name: depfence\n    entry: {entry}\n"
            "    language: system\n    files: requirements.*\\.txt$\n",
            "requirements.txt": "flask==3.0.3\n",
        }
    )


def _run(cmd: list[str], cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_under_pre_commit_only_the_staged_part_is_checked(repo: GitRepo, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    _pre_commit_config(repo)
    repo.write("requirements.txt", "flask==3.0.3\nrequests==2.32.3\n")
    repo.git("add", "requirements.txt")
    # unstaged: pre-commit stashes it before the hook runs, so it is not checked
    repo.write("requirements.txt", f"flask==3.0.3\nrequests==2.32.3\n{UNKNOWN}==1.0\n")
    done = _run([sys.executable, "-m", "pre_commit", "run"], repo.path, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (repo.path / "requirements.txt").read_text().endswith(f"{UNKNOWN}==1.0\n")

    repo.git("add", "requirements.txt")
    done = _run([sys.executable, "-m", "pre_commit", "run"], repo.path, tmp_path)
    assert done.returncode == 1
    assert f"DF301 new dependency '{UNKNOWN}'" in done.stdout


def test_pre_commit_run_with_a_ref_range(repo: GitRepo, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    _pre_commit_config(repo)
    start = repo.git("rev-parse", "HEAD").strip()
    repo.commit(files={"requirements.txt": f"flask==3.0.3\n{UNKNOWN}==1.0\n"})
    repo.commit(files={"README": "x\n"})
    cmd = [sys.executable, "-m", "pre_commit", "run", "--from-ref", start, "--to-ref", "HEAD"]
    done = _run(cmd, repo.path, tmp_path)
    assert done.returncode == 1
    assert f"requirements.txt:2:1: DF301 new dependency '{UNKNOWN}'" in done.stdout


def test_end_to_end_in_a_subprocess(repo: GitRepo) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0.3\n"})
    repo.write("requirements.txt", f"flask==3.0.3\n{UNKNOWN}==1.0\n")
    cmd = [sys.executable, "-m", "depfence", "check", "requirements.txt"]
    done = subprocess.run(cmd, cwd=repo.path, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout.startswith(f"requirements.txt:2:1: DF301 new dependency '{UNKNOWN}'")


def test_a_commit_touching_one_manifest_costs_one_git_process(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit(
        files={"requirements.txt": "-r requirements-common.txt\n", "requirements-common.txt": ""}
    )
    repo.write("requirements-common.txt", "flask==3.0.3\n")
    spawned: list[list[str]] = []
    real = git._Process.__init__
    monkeypatch.setattr(
        git._Process,
        "__init__",
        lambda self, args, env: (spawned.append(args), real(self, args, env))[1],
    )
    code, lines, _ = check(capsys, "requirements.txt", "requirements-common.txt")
    assert (code, len(lines)) == (0, 1)
    assert [args[2:] for args in spawned] == [["cat-file", "--batch"]]
