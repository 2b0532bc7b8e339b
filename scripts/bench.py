"""Whole-process latency of ``depfence check``, as ratios to a bare interpreter start.

Every case runs as a fresh process, the cases interleaved round by round so
that machine noise falls on all of them alike; the figure is the median.
Run: ``python scripts/bench.py [--rounds N] [--baseline SRC]``.  With
``--baseline``, every depfence case also runs the package found in SRC (another
version's ``src`` folder, e.g. unpacked with ``git archive REV src | tar -x -C
DIR``), in the same rounds, and the table shows both side by side.  Nothing
here is asserted: shared machines are too noisy for a wall-clock test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

UNKNOWN = ("acme-billing-core", "zeta-ledger-sync", "orbweaver-cli", "quillmap", "tessellate-io")

# a project's pyproject.toml as it often looks, configuring depfence
CONFIGURED_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.18"]
build-backend = "hatchling.build"

[project]
name = "acme-billing-core"
version = "2.4.1"
description = "Invoices, ledgers and payment runs"
readme = "README.md"
requires-python = ">=3.9"
license = { text = "MIT" }
authors = [{ name = "Acme Platform Team", email = "platform@example.org" }]
classifiers = [
    "Programming Language :: Python :: 3",
    "License :: OSI Approved :: MIT License",
]
dependencies = [
    "requests>=2.31",
    "click>=8.1,<9",  # the CLI
]

[project.optional-dependencies]
test = ["pytest>=8", "coverage[toml]>=7"]

[project.urls]
Homepage = "https://example.org/acme-billing-core"
"Bug Tracker" = "https://example.org/acme-billing-core/issues"

[project.scripts]
acme-billing = "acme_billing.cli:main"

[tool.ruff]
line-length = 100

[tool.depfence]
allow = ["acme-ledger", "acme-auth"]
disable = ["extra-index"]
severity = { typosquat = "warning" }
hashes = "consistent"

[tool.depfence.pinning]
requirements = "exact"
"""


def popular_names(count: int) -> list[str]:
    from depfence import popular

    by_rank = sorted(popular.ranks().items(), key=lambda item: item[1])
    return [name for name, _ in by_rank[:count]]


def depfence_command() -> list[str]:
    script = shutil.which("depfence", path=os.path.dirname(sys.executable))
    if script is None:
        sys.exit("bench: the depfence console script is not installed next to this Python")
    return [script]


def clean_env() -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE would make every run recompile depfence's modules
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in env.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(NO_COLOR="1", GIT_CONFIG_NOSYSTEM="1")
    return env


class Case:
    def __init__(
        self, command: list[str], cwd: str, stdin: bytes | None = None, path: str | None = None
    ) -> None:
        self.command = command
        self.cwd = cwd
        self.stdin = stdin
        self.path = path  # PYTHONPATH: where a baseline's package is

    def moved(self, path: str) -> Case:
        return Case(self.command, self.cwd, self.stdin, path)


def measure(cases: dict[str, Case], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    env = clean_env()
    for _ in range(rounds):
        for name, case in cases.items():
            start = time.perf_counter()
            subprocess.run(
                case.command,
                cwd=case.cwd,
                env=env if case.path is None else {**env, "PYTHONPATH": case.path},
                input=case.stdin,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def git_repo(folder: str, committed: str, staged: str) -> None:
    """A repository whose next commit adds one dependency to requirements.txt."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=folder, env=clean_env(), check=True, capture_output=True)

    os.makedirs(folder)
    git("init", "-q")
    with open(os.path.join(folder, "requirements.txt"), "w") as f:
        f.write(committed)
    git("add", "requirements.txt")
    git("-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "base")
    with open(os.path.join(folder, "requirements.txt"), "w") as f:
        f.write(staged)
    git("add", "requirements.txt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument(
        "--baseline", metavar="SRC", help="also run the depfence package in SRC, side by side"
    )
    args = parser.parse_args()
    baseline = os.path.abspath(args.baseline) if args.baseline else None
    if baseline is not None:
        if not os.path.isfile(os.path.join(baseline, "depfence", "cli.py")):
            sys.exit(f"bench: {baseline} holds no depfence package")
        # the baseline's .pyc files, written once, as an installed package has them
        subprocess.run([sys.executable, "-m", "compileall", "-q", baseline], check=True)
    depfence = depfence_command()
    names = popular_names(50)
    with tempfile.TemporaryDirectory() as folder:
        popular_text = "".join(f"{name}==1.0.0\n" for name in names)
        with open(os.path.join(folder, "requirements.txt"), "w") as f:
            f.write(popular_text)
        with open(os.path.join(folder, "requirements-unknown.txt"), "w") as f:
            f.writelines(f"{name}==1.0.0\n" for name in names[:45] + list(UNKNOWN))
        configured = os.path.join(folder, "configured")
        os.makedirs(configured)
        with open(os.path.join(configured, "requirements.txt"), "w") as f:
            f.write(popular_text)
        with open(os.path.join(configured, "pyproject.toml"), "w") as f:
            f.write(CONFIGURED_PYPROJECT)
        repo = os.path.join(folder, "repo")
        git_repo(repo, "".join(f"{name}==1.0.0\n" for name in names[:49]), popular_text)
        check = [*depfence, "check"]
        cases = {
            "python -c pass": Case([sys.executable, "-c", "pass"], folder),
            "python -c 'import re' (console-script floor)": Case(
                [sys.executable, "-c", "import re"], folder
            ),
            "(a) 50 popular pinned": Case([*check, "requirements.txt"], folder),
            "(b) 45 popular + 5 unknown": Case([*check, "requirements-unknown.txt"], folder),
            "(c) (a) in a commit adding one dependency": Case([*check, "requirements.txt"], repo),
            "(d) (a) from stdin, as an editor runs it": Case(
                [*check, "--stdin-filename", "requirements.txt", "-"],
                folder,
                popular_text.encode(),
            ),
            "(e) (a) in a folder configured by [tool.depfence]": Case(
                [*check, "requirements.txt"], configured
            ),
        }
        if baseline is not None:
            for name in [name for name in cases if name.startswith("(")]:
                cases[f"{name} [baseline]"] = cases[name].moved(baseline)
        # warm the page cache and .pyc files before measuring
        measure(cases, 2)
        medians = measure(cases, args.rounds)
    bare = medians["python -c pass"]
    if baseline is None:
        print("| case | median | ratio to `python -c pass` |\n| --- | ---: | ---: |")
        for name, value in medians.items():
            print(f"| {name} | {value * 1000:.2f} ms | {value / bare:.2f}x |")
        return 0
    print(f"baseline: {baseline}")
    print("| case | baseline | ratio | this tree | ratio |\n| --- | ---: | ---: | ---: | ---: |")
    for name, value in medians.items():
        if name.endswith(" [baseline]"):
            continue
        old = medians.get(f"{name} [baseline]", value)
        print(
            f"| {name} | {old * 1000:.2f} ms | {old / bare:.2f}x | {value * 1000:.2f} ms | "
            f"{value / bare:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
