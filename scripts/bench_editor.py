"""Save-time latency: ``depfence check --stdin-filename requirements.txt -`` vs a bare start.

An editor pipes its buffer to depfence on every save, so this route has the
same whole-process budget as ``depfence check`` (1.5x ``python -c pass``).
The buffer is 50 pinned popular packages; the same file checked from disk is
timed too, to show what the stdin route adds.  Runs alternate round by round
so machine noise falls on all cases; medians are printed with their ratios.
Run: ``python scripts/bench_editor.py [--rounds N] [--git]``.  Nothing is asserted.
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


def commit_buffer(folder: str, text: bytes) -> None:
    with open(os.path.join(folder, "requirements.txt"), "wb") as f:
        f.write(text)
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    for command in (["init", "-q"], ["add", "requirements.txt"], [*identity, "commit", "-qm", "b"]):
        subprocess.run(["git", *command], cwd=folder, check=True, capture_output=True)


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
    parser.add_argument(
        "--git",
        action="store_true",
        help="run inside a git repository with the buffer committed (the new-dependency check "
        "then reads HEAD, as in an editor on a real project)",
    )
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
        # the same buffer saved: what the stdin route adds over checking a file
        "check requirements.txt (saved file)": ([script, "check", "requirements.txt"], b""),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    with tempfile.TemporaryDirectory() as folder:
        if args.git:
            commit_buffer(folder, text)
        else:
            with open(os.path.join(folder, "requirements.txt"), "wb") as f:
                f.write(text)
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
