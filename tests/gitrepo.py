"""Real git repositories in a temporary folder, isolated from the user's git setup.

tests/ is not a package (pytest runs with --import-mode=importlib), so test files load this
module by path: ``runpy.run_path(str(Path(__file__).with_name("gitrepo.py")))``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def isolate(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """No system or user git config, a fixed identity, no variables from an outer git or hook."""
    for name in list(os.environ):
        if name.startswith(("GIT_", "PRE_COMMIT")):
            monkeypatch.delenv(name)
    home = root / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(root))
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "test@example.org")


class GitRepo:
    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def write(self, name: str, text: str) -> Path:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def commit(self, message: str = "change", files: dict[str, str] | None = None) -> str:
        """Write and stage ``files`` (all changes when none are given), commit; the new sha."""
        for name, text in (files or {}).items():
            self.write(name, text)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def clone(self, path: Path, *options: str) -> GitRepo:
        """``git clone <options> <this repository> <path>``."""
        GitRepo(path.parent).git("clone", "-q", *options, self.path.as_uri(), path.name)
        return GitRepo(path)


def init(path: Path) -> GitRepo:
    path.mkdir(parents=True, exist_ok=True)
    repo = GitRepo(path)
    repo.git("init", "-q", "-b", "main")
    return repo


def chdir_to_new_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """An isolated, empty repository in ``root / "repo"``, made the current folder."""
    isolate(monkeypatch, root)
    repo = init(root / "repo")
    monkeypatch.chdir(repo.path)
    return repo
