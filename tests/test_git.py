"""depfence.git against real repositories: which base, which new side, and clear errors."""

from __future__ import annotations

import os
import runpy
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from depfence import git
from depfence.files import ReadError

# tests/gitrepo.py, loaded by path (tests/ is not a package under --import-mode=importlib)
_gitrepo = runpy.run_path(str(Path(__file__).with_name("gitrepo.py")))
GitRepo, isolate = _gitrepo["GitRepo"], _gitrepo["isolate"]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = _gitrepo["chdir_to_new_repo"](tmp_path, monkeypatch)
    return repo


_OPENED: list[git.Base] = []


@pytest.fixture(autouse=True)
def _close_bases() -> Iterator[None]:
    yield
    while _OPENED:
        _OPENED.pop().close()


def opened(*paths: str, ref: str | None = None) -> git.Base:
    base = git.Base(ref)
    _OPENED.append(base)
    base.open(paths)
    return base


def test_base_is_head_and_the_new_side_is_the_file_as_given(repo: GitRepo) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0\n"})
    repo.write("requirements.txt", "flask==3.0\nrequests==2.31\n")
    base = opened("requirements.txt")
    [head] = base.old()
    assert head.read("requirements.txt") == "flask==3.0\n"
    assert base.new() is None
    base.close()


def test_the_repository_is_the_one_holding_the_files(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit(files={"requirements.txt": "flask\n"})
    monkeypatch.chdir(tmp_path)
    [head] = opened(str(repo.path / "requirements.txt")).old()
    assert head.read(str(repo.path / "requirements.txt")) == "flask\n"


def test_paths_are_relative_to_the_current_folder(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit(files={"top.txt": "top\n", "sub/inner.txt": "inner\n"})
    monkeypatch.chdir(repo.path / "sub")
    [head] = opened("inner.txt").old()
    assert head.read("inner.txt") == "inner\n"
    assert head.read("../top.txt") == "top\n"


def test_a_file_absent_from_the_base_is_a_read_error_naming_the_base(repo: GitRepo) -> None:
    repo.commit(files={"README": "x\n"})
    [head] = opened("requirements.txt").old()
    assert not head.exists("requirements.txt")
    with pytest.raises(ReadError, match="not in HEAD"):
        head.read("requirements.txt")


def test_a_path_outside_the_work_tree_does_not_stop_git(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit(files={"requirements.txt": "flask\n"})
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x\n")
    base = opened("requirements.txt", str(outside))
    assert base.covers("requirements.txt")
    assert not base.covers(str(outside))
    [head] = base.old()
    with pytest.raises(ReadError, match="outside the git work tree"):
        head.read(str(outside))
    assert head.read("requirements.txt") == "flask\n"


def test_no_commit_yet_means_no_base(repo: GitRepo) -> None:
    repo.write("requirements.txt", "flask\n")
    assert opened("requirements.txt").old() == []


def test_detached_head_is_a_base_like_any_other(repo: GitRepo) -> None:
    repo.commit(files={"requirements.txt": "flask\n"})
    repo.commit(files={"requirements.txt": "flask\nrequests\n"})
    repo.git("checkout", "-q", "--detach", "HEAD~1")
    [head] = opened("requirements.txt").old()
    assert head.read("requirements.txt") == "flask\n"


def test_while_committing_a_merge_the_merged_branch_is_a_base_too(repo: GitRepo) -> None:
    repo.commit(files={"requirements.txt": "flask\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(files={"requirements.txt": "flask\nrequests\n"})
    repo.git("checkout", "-q", "main")
    repo.commit(files={"other.txt": "x\n"})
    repo.git("merge", "-q", "--no-commit", "--no-ff", "feature")
    base = opened("requirements.txt")
    assert [r.label for r in base.old()] == ["HEAD", "MERGE_HEAD"]
    assert base.old()[1].read("requirements.txt") == "flask\nrequests\n"


def test_a_staged_rename_is_followed(repo: GitRepo) -> None:
    repo.commit(files={"requirements.txt": "flask==3.0\nrequests==2.31\nclick==8.1\n"})
    (repo.path / "requirements").mkdir()
    repo.git("mv", "requirements.txt", "requirements/base.txt")
    base = opened("requirements/base.txt")
    assert not base.old()[0].exists("requirements/base.txt")
    assert base.renamed_from("requirements/base.txt") == "requirements.txt"
    assert base.renamed_from("requirements.txt") is None


def test_a_pre_commit_range_compares_the_to_ref_with_the_merge_base(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    fork = repo.commit(files={"requirements.txt": "flask\n"})
    repo.git("checkout", "-q", "-b", "feature")
    to_ref = repo.commit(files={"requirements.txt": "flask\nrequests\n"})
    repo.git("checkout", "-q", "main")
    from_ref = repo.commit(files={"requirements.txt": "flask\nclick\n"})
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", from_ref)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", to_ref)
    base = opened("requirements.txt")
    [old] = base.old()
    assert old.rev == fork
    new = base.new()
    assert new is not None
    assert new.read("requirements.txt") == "flask\nrequests\n"
    # the work tree (main) is not what is compared
    assert (repo.path / "requirements.txt").read_text() == "flask\nclick\n"


def test_base_ref_compares_with_the_merge_base_of_ref_and_head(repo: GitRepo) -> None:
    fork = repo.commit(files={"requirements.txt": "flask\n"})
    repo.commit(files={"requirements.txt": "flask\nclick\n"})
    repo.git("checkout", "-q", "-b", "feature", "HEAD~1")
    repo.commit(files={"requirements.txt": "flask\nrequests\n"})
    base = opened("requirements.txt", ref="main")
    assert base.old()[0].rev == fork
    assert base.new() is None


def test_an_unknown_base_ref_says_how_to_fetch_it(repo: GitRepo) -> None:
    repo.commit(files={"requirements.txt": "flask\n"})
    with pytest.raises(git.GitError) as caught:
        opened("requirements.txt", ref="origin/main")
    message = str(caught.value)
    assert "cannot compare with origin/main" in message
    assert "git fetch origin main:refs/remotes/origin/main" in message
    assert "\n" not in message


def test_a_shallow_clone_without_the_base_says_how_to_fetch_it(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit(files={"requirements.txt": "flask\n"})
    repo.commit(files={"requirements.txt": "flask\nclick\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(files={"requirements.txt": "flask\nclick\nrequests\n"})
    repo.git("checkout", "-q", "main")
    repo.commit(files={"other.txt": "x\n"})
    clone = repo.clone(tmp_path / "clone", "--depth", "1", "--branch", "feature")
    clone.git("fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    monkeypatch.chdir(clone.path)
    with pytest.raises(git.GitError) as caught:
        opened("requirements.txt", ref="origin/main")
    assert "shallow clone" in str(caught.value)
    assert "git fetch --unshallow" in str(caught.value)
    # once fetched, the same command works
    clone.git("fetch", "-q", "--unshallow", "origin", "main:refs/remotes/origin/main")
    assert opened("requirements.txt", ref="origin/main").old()[0].read("requirements.txt") == (
        "flask\nclick\n"
    )


def test_a_folder_that_is_not_a_repository_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate(monkeypatch, tmp_path)
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.chdir(folder)
    with pytest.raises(git.Unavailable, match="not in a git repository"):
        opened("requirements.txt")


def test_missing_git_is_unavailable(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo.path / "no-such-bin"))
    with pytest.raises(git.Unavailable, match="cannot run git"):
        opened("requirements.txt")


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The argument lists of every git process started during the test."""
    started: list[list[str]] = []
    real = git._Process.__init__

    def counting(self: git._Process, args: list[str], environ: object) -> None:
        started.append(args)
        real(self, args, environ)  # type: ignore[arg-type]

    monkeypatch.setattr(git._Process, "__init__", counting)
    return started


def test_one_git_process_serves_a_commit(repo: GitRepo, spawned: list[list[str]]) -> None:
    repo.commit(files={"requirements.txt": "-r common.txt\nflask\n", "common.txt": "click\n"})
    base = opened("requirements.txt", "setup.cfg")
    [head] = base.old()
    assert head.read("requirements.txt") == "-r common.txt\nflask\n"
    assert head.read("common.txt") == "click\n"  # asked for later, same process
    assert not head.exists("setup.cfg")
    base.close()
    assert [args[2:] for args in spawned] == [["cat-file", "--batch"]]


def test_a_released_base_still_reads_what_it_is_asked(
    repo: GitRepo, spawned: list[list[str]]
) -> None:
    repo.commit(files={"requirements.txt": "flask\n", "common.txt": "click\n"})
    base = opened("requirements.txt")
    [head] = base.old()
    assert head.read("requirements.txt") == "flask\n"
    base.release()  # git exits; what was read stays readable
    assert head.read("requirements.txt") == "flask\n"
    assert len(spawned) == 1
    assert head.read("common.txt") == "click\n"  # a new request starts git again
    assert len(spawned) == 2
    base.close()


def test_many_large_blobs_asked_at_once_do_not_deadlock(repo: GitRepo) -> None:
    import threading

    blob = "x" * 20_000 + "\n"
    repo.commit(files={f"d/{i:03}.txt": blob for i in range(200)})
    names = [f"d/{i:03}.txt" for i in range(200)] + [f"missing/{'y' * 200}{i}" for i in range(500)]
    result: list[int] = []

    def work() -> None:
        base = opened(*names)  # every request is written before any answer is read
        result.append(sum(len(base.old()[0].read(n)) for n in names[:200]))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout=60)
    if thread.is_alive():  # deadlocked: end git so the test (and its teardown) can finish
        import signal

        for base in _OPENED:
            process = base._cat._process if base._cat else None
            if process is not None and process._popen is None:
                os.kill(process._pid, signal.SIGKILL)
        thread.join(timeout=10)
        pytest.fail("reading the answers deadlocked with writing the requests")
    assert result == [200 * len(blob)]
