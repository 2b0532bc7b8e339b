"""Whole-process latency of ``depfence check``, as ratios to a bare interpreter start.

Every case runs as a fresh process, the cases interleaved round by round so
that machine noise falls on all of them alike; the figure is the median.
Run: ``python scripts/bench.py [--rounds N]``.  Nothing here is asserted:
shared machines are too noisy for a wall-clock test.
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


def popular_names(count: int) -> list[str]:
    from depfence import popular

    by_rank = sorted(popular.ranks().items(), key=lambda item: item[1])
    return [name for name, _ in by_rank[:count]]


def depfence_command() -> list[str]:
    script = shutil.which("depfence", path=os.path.dirname(sys.executable))
    if script is None:
        sys.exit("bench: the depfence console script is not installed next to this Python")
    return [script]


def measure(cases: dict[str, list[str]], rounds: int, cwd: str) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    # PYTHONDONTWRITEBYTECODE would make every run recompile depfence's modules
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    for _ in range(rounds):
        for name, command in cases.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    depfence = depfence_command()
    names = popular_names(50)
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "requirements.txt"), "w") as f:
            f.writelines(f"{name}==1.0.0\n" for name in names)
        with open(os.path.join(folder, "requirements-unknown.txt"), "w") as f:
            f.writelines(f"{name}==1.0.0\n" for name in names[:45] + list(UNKNOWN))
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import re' (console-script floor)": [sys.executable, "-c", "import re"],
            "(a) check, 50 popular pinned": [*depfence, "check", "requirements.txt"],
            "(b) check, 45 popular + 5 unknown": [*depfence, "check", "requirements-unknown.txt"],
        }
        # warm the page cache and .pyc files before measuring
        measure(cases, 2, folder)
        medians = measure(cases, args.rounds, folder)
    bare = medians["python -c pass"]
    print(f"{'case':48} {'median':>9} {'ratio':>6}")
    for name, value in medians.items():
        print(f"{name:48} {value * 1000:7.2f}ms {value / bare:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
