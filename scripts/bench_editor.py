"""Save-time latency: ``depfence check --stdin-filename requirements.txt -`` vs a bare start.

An editor pipes its buffer to depfence on every save, so this route has the
same whole-process budget as ``depfence check`` (1.5x ``python -c pass``).
The buffer is 50 pinned popular packages.  Runs alternate round by round so
machine noise falls on both; medians are printed with their ratio.
Run: ``python scripts/bench_editor.py [--rounds N]``.  Nothing is asserted.
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


def buffer(count: int = 50) -> bytes:
    from depfence import popular

    by_rank = sorted(popular.ranks().items(), key=lambda item: item[1])
    return "".join(f"{name}==1.0.0\n" for name, _ in by_rank[:count]).encode()


def run_once(command: list[str], stdin: bytes, cwd: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        input=stdin,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    script = shutil.which("depfence", path=os.path.dirname(sys.executable))
    if script is None:
        sys.exit("bench_editor: the depfence console script is not installed next to this Python")
    text = buffer()
    # .pyc files are what a user has; a PYTHONDONTWRITEBYTECODE shell would time compiling
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    cases = {
        "python -c pass": ([sys.executable, "-c", "pass"], b""),
        "check --stdin-filename requirements.txt -": (
            [script, "check", "--stdin-filename", "requirements.txt", "-"],
            text,
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    with tempfile.TemporaryDirectory() as folder:
        for warm in range(2 + args.rounds):
            for name, (command, stdin) in cases.items():
                elapsed = run_once(command, stdin, folder, env)
                if warm >= 2:  # the first rounds warm the page cache and .pyc files
                    times[name].append(elapsed)
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["python -c pass"]
    print(f"{'case':44} {'median':>9} {'ratio':>6}")
    for name, value in medians.items():
        print(f"{name:44} {value * 1000:7.2f}ms {value / bare:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
