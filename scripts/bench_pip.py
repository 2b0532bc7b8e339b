"""What ``depfence pip install`` costs on top of pip's own resolution, as ratios.

Cases, each a fresh process, interleaved round by round; figures are medians:

* ``pip --dry-run``: ``pip install --dry-run --report`` alone (pip's resolution);
* ``depfence --dry-run``: ``depfence pip install --dry-run`` with the same arguments
  (one resolution plus depfence's checks: the check phase of a real install);
* ``pip install`` and ``depfence pip install``: a real install into a fresh
  virtual environment (depfence resolves twice: the check, then the install).

Also depfence's own work in process (reading the arguments, checking the request,
reading pip's report, checking every package), timed apart from pip.

Offline by default: a generated wheelhouse (an app, its libraries and theirs)
served with ``--no-index --find-links``, with this machine's pip configuration
switched off.  ``--online NAME ...`` resolves real packages from the configured
index instead (network).  Run: ``python scripts/bench_pip.py [--rounds N]``.
Nothing here is asserted: shared machines are too noisy for a wall-clock test.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def wheel_helpers() -> ModuleType:
    path = REPO / "tests" / "pipwrap_wheels.py"
    spec = importlib.util.spec_from_file_location("pipwrap_wheels", path)
    if spec is None or spec.loader is None:
        sys.exit(f"bench_pip: cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wheelhouse(folder: Path, libraries: int, leaves: int) -> list[str]:
    """An app needing ``libraries`` packages, each needing ``leaves`` shared ones."""
    helpers = wheel_helpers()
    leaf_names = [f"bench-leaf-{i}" for i in range(leaves)]
    for name in leaf_names:
        helpers.write_wheel(folder, name, "1.0")
    lib_names = [f"bench-lib-{i}" for i in range(libraries)]
    for name in lib_names:
        helpers.write_wheel(folder, name, "2.0", requires=tuple(f"{n}>=1" for n in leaf_names))
    helpers.write_wheel(folder, "bench-app", "3.0", requires=tuple(lib_names))
    return ["bench-app"]


def isolated_env(offline: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if offline:
        env = {k: v for k, v in env.items() if not k.startswith("PIP_")}
        env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def fresh_python(folder: Path, name: str) -> str:
    venv.create(folder / name, with_pip=False, symlinks=os.name != "nt")
    return str(folder / name / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench_pip: {' '.join(command)} failed:\n{done.stderr}")
    return elapsed


def in_process(pip_args: list[str], report: str, rounds: int, cwd: Path) -> float:
    """Median time of depfence's own work, given pip's report text."""
    from depfence import pipargs, pipcheck, pipreport
    from depfence.config import Resolver
    from depfence.files import Files

    times = []
    os.chdir(cwd)
    for _ in range(rounds):
        start = time.perf_counter()
        invocation = pipargs.parse(pip_args)
        files, resolver = Files(), Resolver()
        here = resolver.for_file(os.path.join(os.getcwd(), "pip"))
        request, _ = pipcheck.check_request(invocation, resolver, here, files, frozenset())
        resolution = pipreport.parse(report)
        pipcheck.check_resolution(resolution, here, files, frozenset(), request.seen())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--libraries", type=int, default=20)
    parser.add_argument("--leaves", type=int, default=10)
    parser.add_argument("--online", nargs="+", metavar="NAME", help="resolve these from PyPI")
    parser.add_argument("--no-install", action="store_true", help="skip the real-install cases")
    options = parser.parse_args()
    pip = [sys.executable, "-m", "pip"]
    depfence = [sys.executable, "-m", "depfence", "pip"]
    with tempfile.TemporaryDirectory(prefix="bench-pip-") as name:
        folder = Path(name)
        work = folder / "work"
        work.mkdir()
        if options.online:
            names, index = list(options.online), []
        else:
            (folder / "wheels").mkdir()
            names = wheelhouse(folder / "wheels", options.libraries, options.leaves)
            index = ["--no-index", "--find-links", str(folder / "wheels")]
        env = isolated_env(offline=not options.online)
        target = fresh_python(folder, "target")
        report = str(folder / "report.json")
        install = ["install", *index, *names]
        cases = {
            "pip --dry-run": [*pip, "--python", target, *install, "--dry-run", "--report", report],
            "depfence --dry-run": [*depfence, "--python", target, *install, "--dry-run"],
        }
        times: dict[str, list[float]] = {case: [] for case in cases}
        if not options.no_install:
            times["pip install"], times["depfence pip install"] = [], []
        for round_number in range(options.rounds):
            for case, command in cases.items():
                times[case].append(timed(command, env, work))
            if not options.no_install:
                plain = fresh_python(folder, f"plain{round_number}")
                wrapped = fresh_python(folder, f"wrapped{round_number}")
                times["pip install"].append(timed([*pip, "--python", plain, *install], env, work))
                times["depfence pip install"].append(
                    timed([*depfence, "--python", wrapped, *install], env, work)
                )
        medians = {case: statistics.median(values) for case, values in times.items()}
        own = in_process(install, Path(report).read_text(encoding="utf-8"), 20, work)
        packages = Path(report).read_text(encoding="utf-8").count('"download_info"')

    base = medians["pip --dry-run"]
    print(f"{packages} packages resolved, median of {options.rounds} rounds")
    print(f"{'pip install --dry-run --report':34} {base:7.3f} s   1.00x")
    for case, label in (
        ("depfence --dry-run", "depfence pip install --dry-run"),
        ("pip install", "pip install"),
        ("depfence pip install", "depfence pip install"),
    ):
        if case in medians:
            ratio_base = medians["pip install"] if case == "depfence pip install" else base
            print(f"{label:34} {medians[case]:7.3f} s   {medians[case] / ratio_base:.2f}x")
    print(f"{'depfence checks alone (in process)':34} {own * 1000:7.2f} ms  {own / base:.4f}x")
    print("(depfence pip install is compared with pip install; the rest with pip --dry-run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
