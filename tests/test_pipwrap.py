"""``depfence pip install`` end to end, with the real pip, offline.

Each test gets a fresh virtual environment without pip (made in ~0.1 s); the
wrapper then installs into it with the test interpreter's own pip and pip's
``--python``.  Packages come from a folder of hand-written wheels (``--no-index
--find-links``), and every PIP_* setting of this machine is removed first.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from depfence import pipcheck, pipwrap


def _helpers() -> ModuleType:
    # tests/ is not a package (pytest runs with --import-mode=importlib): load by path
    path = Path(__file__).with_name("pipwrap_wheels.py")
    spec = importlib.util.spec_from_file_location("pipwrap_wheels", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_wheels = _helpers()
write_wheel, write_sdist = _wheels.write_wheel, _wheels.write_sdist

# one typo away from a very popular name; a harmless-looking package that needs it; clean ones
TYPO, TARGET = "reqeusts", "requests"


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheelhouse")
    write_wheel(folder, TYPO, "1.0")
    write_wheel(folder, "friendly-helper", "1.0", requires=(f"{TYPO}>=1.0",))
    write_wheel(folder, "tidy-clean", "1.0")
    write_wheel(folder, "tidy-parent", "2.0", requires=("tidy-clean",))
    write_sdist(folder, "slow-build", "0.1")
    return folder


@pytest.fixture
def links(wheelhouse: Path, tmp_path: Path) -> Path:
    """A private copy of the wheelhouse that a test may add releases to."""
    folder = tmp_path / "links"
    shutil.copytree(wheelhouse, folder)
    return folder


@pytest.fixture(autouse=True)
def _isolated_pip(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No pip configuration of this machine, no index, no active venv, a clean cwd."""
    for name in list(os.environ):
        if name.startswith("PIP_") or name in ("VIRTUAL_ENV", pipwrap.GUARD, pipwrap.SWITCH):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    monkeypatch.setenv("PIP_NO_INPUT", "1")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    yield


@pytest.fixture
def env(tmp_path: Path) -> Path:
    """A fresh virtual environment without pip; returns its interpreter."""
    venv.create(tmp_path / "env", with_pip=False, symlinks=os.name != "nt")
    return tmp_path / "env" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def installed(python: Path) -> dict[str, str]:
    """name -> version of every distribution in the environment's site-packages."""
    found = {}
    prefix = python.parent.parent
    for info in prefix.glob("lib*/python*/site-packages/*.dist-info"):
        name, _, version = info.name[: -len(".dist-info")].partition("-")
        found[name.replace("_", "-").lower()] = version
    return found


def pip(python: Path, links: Path, *args: str) -> list[str]:
    return ["--python", str(python), "install", "--no-index", "--find-links", str(links), *args]


def test_typed_typo_is_refused_before_pip_runs(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert pipwrap.main(pip(env, links, TYPO)) == 1
    err = capfd.readouterr().err
    assert f"pip install argument '{TYPO}': DF101" in err
    assert TARGET in err
    assert "refusing to install" in err
    assert "asking pip what it would install" not in err  # nothing downloaded, or installed
    assert installed(env) == {}


def test_transitive_typo_is_refused_with_its_chain(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert pipwrap.main(pip(env, links, "friendly-helper")) == 1
    err = capfd.readouterr().err
    assert f"error: {TYPO} 1.0: DF101" in err
    assert f"pulled in by: friendly-helper 1.0 (asked for on the command line) -> {TYPO} 1.0" in err
    assert f"--depfence-allow {TYPO}" in err
    assert installed(env) == {}


def test_typo_in_a_requirements_file_names_the_line(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    Path("deps.txt").write_text(f"tidy-clean==1.0\n{TYPO}==1.0\n")
    assert pipwrap.main(pip(env, links, "-r", "deps.txt")) == 1
    assert "deps.txt:2:1: DF101" in capfd.readouterr().err
    assert installed(env) == {}


def test_chain_starts_at_the_requirements_file_line(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    Path("requirements.txt").write_text("tidy-clean==1.0\nfriendly-helper==1.0\n")
    assert pipwrap.main(pip(env, links, "-r", "requirements.txt")) == 1
    err = capfd.readouterr().err
    assert (
        f"pulled in by: friendly-helper 1.0 (asked for in requirements.txt:2) -> {TYPO} 1.0" in err
    )
    assert installed(env) == {}


def test_clean_install_succeeds(env: Path, links: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert pipwrap.main(pip(env, links, "tidy-parent")) == 0
    err = capfd.readouterr().err
    assert "checked 2 packages pip would install" in err
    assert installed(env) == {"tidy-parent": "2.0", "tidy-clean": "1.0"}


def test_a_release_published_after_the_check_does_not_slip_in(
    env: Path, links: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipcheck.check_resolution

    def publish_during_check(*args: object, **kwargs: object) -> pipcheck.Verdict:
        write_wheel(links, "tidy-clean", "9.0")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipcheck, "check_resolution", publish_during_check)
    assert pipwrap.main(pip(env, links, "tidy-clean")) == 0
    assert installed(env) == {"tidy-clean": "1.0"}
    # plain pip would have taken the new release
    plain = subprocess.run(
        [sys.executable, "-m", "pip", *pip(env, links, "--dry-run", "--upgrade", "tidy-clean")],
        capture_output=True,
        text=True,
    )
    assert "Would install tidy-clean-9.0" in plain.stdout


def test_a_file_replaced_after_the_check_is_reported(
    env: Path, links: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    real = pipcheck.check_resolution

    def replace_during_check(*args: object, **kwargs: object) -> pipcheck.Verdict:
        write_wheel(links, "tidy-clean", "1.0", body="SWAPPED = True\n")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipcheck, "check_resolution", replace_during_check)
    assert pipwrap.main(pip(env, links, "tidy-clean")) == 1
    assert "from a file other than the one checked" in capfd.readouterr().err


def test_allow_flag_installs_and_says_so(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    args = pip(env, links, "friendly-helper", "--depfence-allow", TYPO)
    assert pipwrap.main(args) == 0
    err = capfd.readouterr().err
    assert f"warning: {TYPO} 1.0: DF101 typosquat allowed by --depfence-allow" in err
    assert installed(env) == {"friendly-helper": "1.0", TYPO: "1.0"}


def test_config_allowlist_installs_and_says_so(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    Path("pyproject.toml").write_text(f'[tool.depfence]\nallow = ["{TYPO}"]\n')
    assert pipwrap.main(pip(env, links, TYPO)) == 0
    err = capfd.readouterr().err
    assert "allowed by allow in" in err and "pyproject.toml" in err
    assert installed(env) == {TYPO: "1.0"}


def test_switching_the_wrapper_off_warns_and_runs_plain_pip(
    env: Path, links: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(pipwrap.SWITCH, "off")
    assert pipwrap.main(pip(env, links, TYPO)) == 0
    assert "running pip WITHOUT checking" in capfd.readouterr().err
    assert installed(env) == {TYPO: "1.0"}


def test_inside_its_own_pip_the_wrapper_runs_pip_directly(
    env: Path, links: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(pipwrap.GUARD, "1")
    assert pipwrap.main(pip(env, links, "tidy-clean")) == 0
    assert "started by depfence pip itself" in capfd.readouterr().err
    monkeypatch.setenv(pipwrap.GUARD, "2")
    assert pipwrap.main(pip(env, links, "tidy-clean")) == 2
    assert "leads back to depfence itself" in capfd.readouterr().err


def test_pip_error_exit_codes_pass_through(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert pipwrap.main(pip(env, links, "--no-such-option", "tidy-clean")) == 2
    assert "no such option" in capfd.readouterr().err
    assert pipwrap.main(pip(env, links, "absent-package")) == 1
    err = capfd.readouterr().err
    assert "No matching distribution found for absent-package" in err
    assert "refusing" not in err
    assert installed(env) == {}


def test_other_pip_commands_pass_straight_through(
    env: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (site,) = {path.resolve() for path in env.parent.parent.glob("lib*/python*/site-packages")}
    info = site / "tidy_clean-3.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tidy-clean\nVersion: 3.0\n")
    assert pipwrap.main(["--python", str(env), "list", "--format=freeze"]) == 0
    assert "tidy-clean==3.0" in capfd.readouterr().out
    assert pipwrap.main(["--python", str(env), "show", "absent-package"]) == 1


def test_a_source_build_is_a_warning(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert pipwrap.main(pip(env, links, "slow-build")) == 0
    err = capfd.readouterr().err
    assert "warning: slow-build 0.1: DF401 pip would build slow-build 0.1 from source" in err
    assert "depfence:     asked for on the command line\n" in err
    assert installed(env) == {"slow-build": "0.1"}


def test_users_dry_run_is_checked_and_installs_nothing(
    env: Path, links: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert pipwrap.main(pip(env, links, "--dry-run", "tidy-parent")) == 0
    assert "Would install tidy-clean-1.0 tidy-parent-2.0" in capfd.readouterr().out
    assert pipwrap.main(pip(env, links, "--dry-run", "friendly-helper")) == 1
    assert installed(env) == {}


def test_the_active_virtualenvs_own_pip_is_used(
    tmp_path: Path, links: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv.create(tmp_path / "withpip", with_pip=True, symlinks=os.name != "nt")
    python = tmp_path / "withpip" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    monkeypatch.setenv("VIRTUAL_ENV", str(tmp_path / "withpip"))
    assert pipwrap._pip_command(None) == [str(python), "-m", "pip"]
    args = ["install", "--no-index", "--find-links", str(links), "tidy-parent"]
    assert pipwrap.main(args) == 0
    assert installed(python).get("tidy-parent") == "2.0"
    assert pipwrap.main([*args[:-1], "friendly-helper"]) == 1
    assert "friendly-helper" not in installed(python)


def test_without_a_virtualenv_a_pipx_install_does_not_install_into_itself(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "prefix", "/home/me/.local/pipx/venvs/depfence")
    assert pipwrap.main(["install", "tidy-clean"]) == 2
    assert "no virtual environment is active" in capfd.readouterr().err


def test_help_names_the_wrappers_options_then_pips(
    env: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert pipwrap.main(["--python", str(env), "install", "--help"]) == 0
    out, err = capfd.readouterr()
    assert "--depfence-allow NAME" in err
    assert "pip install [options] <requirement specifier>" in out


def test_unknown_wrapper_option_is_a_usage_error(capfd: pytest.CaptureFixture[str]) -> None:
    assert pipwrap.main(["install", "--depfence-alow", "x"]) == 2
    assert "unknown option --depfence-alow" in capfd.readouterr().err


def test_python_option_may_name_the_environment(env: Path) -> None:
    assert pipwrap.target_python(str(env.parent.parent)) == str(env)


def test_config_file_named_on_the_command_line(
    env: Path, links: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text(f'[tool.depfence]\nallow = ["{TYPO}"]\n')
    args = pip(env, links, "--dry-run", TYPO, "--depfence-config", str(config))
    assert pipwrap.main(args) == 0
    assert f"allowed by allow in {config}" in capfd.readouterr().err


def test_python_option_must_name_an_interpreter(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert pipwrap.main(["--python", str(tmp_path / "nowhere"), "install", "x"]) == 2
    assert "no Python interpreter at" in capfd.readouterr().err
