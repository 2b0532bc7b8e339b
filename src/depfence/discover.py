"""Which manifests to check when no file is named on the command line.

Inside a git work tree: the files git tracks (and untracked ones it does not
ignore), so vendored and ignored folders stay out.  Elsewhere: a walk of the
current folder that skips hidden folders, virtual environments and node_modules.
"""

from __future__ import annotations

import os

from depfence.manifests import kind_of

_SKIP_DIRS = frozenset({"node_modules", "site-packages", "__pycache__", "venv", "env", "build"})


def manifests(root: str = ".") -> list[str]:
    listed = _git_files(root)
    paths = listed if listed is not None else _walk(root)
    return sorted(p for p in paths if kind_of(p) is not None and os.path.isfile(p))


def _git_files(root: str) -> list[str] | None:
    import subprocess

    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return [os.path.normpath(os.path.join(root, name)) for name in names if name]


def _walk(root: str) -> list[str]:
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _SKIP_DIRS
            and not os.path.exists(os.path.join(folder, d, "pyvenv.cfg"))
        )
        found.extend(os.path.normpath(os.path.join(folder, name)) for name in names)
    return found
