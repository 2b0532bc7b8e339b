"""The hook as users install it: pre-commit builds depfence from this checkout.

These tests run real pre-commit and real git; pre-commit builds the hook's
virtual environment once per session (from the package index, as it would for
a user), everything else is local.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HOOKS = REPO / ".pre-commit-hooks.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
    )
    return env


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One HOME (and pre-commit cache) for the module, so the hook env is built once."""
    yield tmp_path_factory.mktemp("home")


@pytest.fixture
def project(tmp_path: Path, home: Path) -> Path:
    env = git_env(home)
    run(["git", "init", "-q", "-b", "main", str(tmp_path)], tmp_path, env)
    (tmp_path / "README").write_text("a project\n")
    run(["git", "add", "README"], tmp_path, env)
    run(["git", "commit", "-qm", "init"], tmp_path, env)
    return tmp_path


def pre_commit(*args: str) -> list[str]:
    return [sys.executable, "-m", "pre_commit", *args]


def test_hook_files_pattern_matches_every_manifest_kind() -> None:
    from depfence.manifests import kind_of

    pattern = re.search(r"^\s*files:\s*(.+)$", HOOKS.read_text(), re.MULTILINE)
    assert pattern is not None
    regex = re.compile(pattern.group(1).strip())
    names = [
        "requirements.txt",
        "requirements-dev.txt",
        "dev-requirements.txt",
        "requirements/base.txt",
        "sub/requirements/test.txt",
        "requirements.in",
        "constraints.txt",
        "constraints-py311.txt",
        "pyproject.toml",
        "pkg/setup.cfg",
        "Pipfile",
        "sub/dir/requirements-lint.txt",
    ]
    for name in names:
        assert regex.search(name), name
        assert kind_of(name) is not None, name
    for name in ["README.md", "setup.py", "Pipfile.lock", "docs/conf.txt", "pyproject.toml.bak"]:
        assert not regex.search(name), name
        assert kind_of(name) is None, name


def test_try_repo_fails_on_a_typosquat_and_passes_a_clean_file(project: Path, home: Path) -> None:
    env = git_env(home)
    (project / "requirements.txt").write_text("reqeusts==2.31.0\n")
    run(["git", "add", "requirements.txt"], project, env)
    bad = run(pre_commit("try-repo", str(REPO), "depfence"), project, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "requirements.txt:1:1: DF101" in bad.stdout
    assert "did you mean requests?" in bad.stdout

    (project / "requirements.txt").write_text("requests==2.31.0\n")
    run(["git", "add", "requirements.txt"], project, env)
    good = run(pre_commit("try-repo", str(REPO), "depfence"), project, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_installed_hook_blocks_the_commit(project: Path, home: Path, tmp_path: Path) -> None:
    env = git_env(home)
    # a copy of this checkout as a committed repo, so `rev:` can name a commit
    hook_repo = tmp_path.parent / (tmp_path.name + "-hookrepo")
    shutil.copytree(
        REPO,
        hook_repo,
        ignore=shutil.ignore_patterns(".git", ".venv*", "*.egg-info", "__pycache__", ".*cache"),
    )
    run(["git", "init", "-q", "-b", "main"], hook_repo, env)
    run(["git", "add", "-A"], hook_repo, env)
    run(["git", "commit", "-qm", "snapshot"], hook_repo, env)
    rev = run(["git", "rev-parse", "HEAD"], hook_repo, env).stdout.strip()
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hook_repo}\n  rev: {rev}\n  hooks:\n  - id: depfence\n"
    )
    installed = run(pre_commit("install"), project, env)
    assert installed.returncode == 0, installed.stderr
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])

    (project / "requirements.txt").write_text("flask\n")
    run(["git", "add", ".pre-commit-config.yaml", "requirements.txt"], project, env)
    refused = run(["git", "commit", "-m", "add flask"], project, env)
    assert refused.returncode != 0
    assert "DF201" in refused.stdout + refused.stderr
    assert run(["git", "rev-list", "--count", "HEAD"], project, env).stdout.strip() == "1"

    (project / "requirements.txt").write_text("flask==3.0.3\n")
    run(["git", "add", "requirements.txt"], project, env)
    accepted = run(["git", "commit", "-m", "add flask, pinned"], project, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert run(["git", "rev-list", "--count", "HEAD"], project, env).stdout.strip() == "2"


def test_own_configuration_runs_the_same_files_pattern() -> None:
    own = (REPO / ".pre-commit-config.yaml").read_text()
    published = re.search(r"^\s*files:\s*(.+)$", HOOKS.read_text(), re.MULTILINE)
    assert published is not None
    assert f"files: {published.group(1).strip()}" in own


def test_depfence_passes_its_own_manifests(home: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("needs a git checkout of depfence")
    env = git_env(home)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    result = run(pre_commit("run", "depfence", "--all-files"), REPO, env)
    assert result.returncode == 0, result.stdout + result.stderr
