"""``depfence pip``: check what pip is about to install, then install exactly that.

``depfence pip install ARGS`` checks the names typed and the requirements files
named, asks pip for its resolution (``--dry-run --report``), checks every
package in it, and only then runs pip with the user's own arguments plus a
constraints file that pins the checked versions.  Every other pip command runs
unchanged.  Exit codes: pip's own, 1 when depfence refuses, 2 when it cannot run.
"""

from __future__ import annotations

import os
import sys

from depfence import pipargs, pipcheck, pipreport
from depfence.names import canonicalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from depfence.model import Finding
    from depfence.pipcheck import Verdict
    from depfence.pipreport import Resolution

# Set for every pip the wrapper starts: a depfence started by that pip (an alias,
# a shim named pip) runs pip directly instead of checking again, and a second
# level means "pip" leads back to depfence itself.
GUARD = "DEPFENCE_PIP_DEPTH"
# DEPFENCE_PIP=off runs plain pip, with a warning every time.
SWITCH = "DEPFENCE_PIP"
_OFF = ("off", "0", "false", "no")
EXIT_REFUSED, EXIT_ERROR = 1, 2
_HELP = (
    "depfence pip install checks what pip would install (the names typed, the files named "
    "with -r/-c, every package pip resolves) and refuses typosquats before installing; other "
    "pip commands run unchanged.\n"
    "  --depfence-allow NAME    let NAME through for this install (repeatable)\n"
    "  --depfence-config FILE   read [tool.depfence] from FILE\n"
    "  DEPFENCE_PIP=off         run plain pip (with a warning)\n"
    "pip's own help follows."
)


class WrapperError(Exception):
    """depfence cannot do what was asked: one line, exit code 2."""


class Options:
    """The wrapper's own options, taken out of pip's arguments."""

    __slots__ = ("allow", "config")

    def __init__(self) -> None:
        self.allow: list[str] = []
        self.config: str | None = None


def _say(message: str) -> None:
    print(f"depfence: {message}", file=sys.stderr, flush=True)


def split_options(args: list[str]) -> tuple[Options, list[str]]:
    """Take ``--depfence-allow NAME`` and ``--depfence-config FILE`` out of ``args``."""
    options, rest = Options(), []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            rest.extend(args[i - 1 :])
            break
        name, eq, value = arg.partition("=")
        if not name.startswith("--depfence-"):
            rest.append(arg)
            continue
        if name not in ("--depfence-allow", "--depfence-config"):
            raise WrapperError(
                f"unknown option {name} (depfence pip knows --depfence-allow NAME "
                "and --depfence-config FILE)"
            )
        if not eq:
            if i >= len(args):
                raise WrapperError(f"{name} needs a value")
            value = args[i]
            i += 1
        if name == "--depfence-allow":
            options.allow.append(value)
        else:
            options.config = value
    return options, rest


def main(args: list[str]) -> int:
    try:
        return _main(args)
    except WrapperError as exc:
        print(f"depfence: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _main(args: list[str]) -> int:
    options, pip_args = split_options(args)
    try:
        invocation = pipargs.parse(pip_args)
    except pipargs.ArgumentError as exc:
        raise WrapperError(str(exc)) from None
    depth = _depth()
    if depth >= 2:
        raise WrapperError(
            "pip leads back to depfence itself (a 'pip' alias or shim that runs depfence "
            "pip?): run the real pip with python -m pip"
        )
    pip = _pip_command(invocation.python)
    if depth == 1:
        _say("note: started by depfence pip itself; running pip without checking again")
        return _run(pip + invocation.args)
    if os.environ.get(SWITCH, "").strip().lower() in _OFF:
        _say(
            f"warning: {SWITCH}={os.environ[SWITCH]}: running pip WITHOUT checking what it installs"
        )
        return _run(pip + invocation.args)
    if invocation.has("--help") and invocation.command in (None, "install"):
        print(_HELP, file=sys.stderr, flush=True)
    if invocation.command != "install" or invocation.has("--help") or invocation.has("--version"):
        if options.allow or options.config:
            _say("note: --depfence-* options apply to pip install only")
        return _run(pip + invocation.args)
    return _install(invocation, options, pip)


def _depth() -> int:
    try:
        return int(os.environ.get(GUARD) or 0)
    except ValueError:
        return 1


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env[GUARD] = str(_depth() + 1)
    return env


def _run(command: list[str]) -> int:
    import subprocess

    try:
        return subprocess.run(command, env=_child_env()).returncode
    except OSError as exc:
        raise WrapperError(f"cannot run {command[0]}: {exc.strerror or exc}") from None


# --- which pip --------------------------------------------------------------------------


def target_python(option: str | None) -> str:
    """The interpreter to install into: ``--python``, the active virtualenv, or ours."""
    if option:
        path = os.path.abspath(os.path.expanduser(option))
        if os.path.isdir(path):
            path = _env_python(path)
        where = f"--python {option}"
    elif os.environ.get("VIRTUAL_ENV"):
        path = _env_python(os.environ["VIRTUAL_ENV"])
        where = f"the active virtual environment ($VIRTUAL_ENV={os.environ['VIRTUAL_ENV']})"
    elif "pipx" in sys.prefix.replace("\\", "/").split("/"):
        # installed with pipx: our own interpreter is depfence's private environment
        raise WrapperError(
            "no virtual environment is active: activate one, or name the interpreter "
            "with --python PATH"
        )
    else:
        return sys.executable
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        raise WrapperError(f"{where}: no Python interpreter at {path}")
    if sys.argv and os.path.realpath(path) == os.path.realpath(sys.argv[0]):
        raise WrapperError(f"{where} is depfence itself, not a Python interpreter")
    return path


def _env_python(prefix: str) -> str:
    if os.name == "nt":
        return os.path.join(prefix, "Scripts", "python.exe")
    return os.path.join(prefix, "bin", "python")


def _pip_command(option: str | None) -> list[str]:
    """The command that runs pip for the target interpreter.

    The target's own pip when it has one; otherwise our pip, told to install into
    the target with pip's ``--python`` (pip 22.3 and later).
    """
    import importlib.util

    target = target_python(option)
    # compare paths as given: a virtualenv's python is a symlink to its base interpreter
    if os.path.normcase(os.path.abspath(target)) == os.path.normcase(sys.executable):
        has_pip = importlib.util.find_spec("pip") is not None
    else:
        import subprocess

        probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('pip') is None)"
        try:
            has_pip = subprocess.run([target, "-c", probe], env=_child_env()).returncode == 0
        except OSError as exc:
            raise WrapperError(f"cannot run {target}: {exc.strerror or exc}") from None
    if has_pip:
        return [target, "-m", "pip"]
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip", "--python", target]
    raise WrapperError(f"no pip for {target}: install it there with {target} -m ensurepip")


# --- pip install ------------------------------------------------------------------------


def _with(args: list[str], extra: list[str]) -> list[str]:
    """pip's arguments with ``extra`` options added (before a ``--``, if any)."""
    if "--" in args:
        at = args.index("--")
        return args[:at] + extra + args[at:]
    return args + extra


def _install(invocation: pipargs.Invocation, options: Options, pip: list[str]) -> int:
    import tempfile

    from depfence.config import ConfigError, Resolver
    from depfence.files import Files

    quiet = bool(invocation.has("--quiet"))
    dry_run = invocation.has("--dry-run")
    once = frozenset(canonicalize(name) for name in options.allow)
    files = Files()
    try:
        resolver = Resolver(options.config)
        here = resolver.for_file(os.path.join(os.getcwd(), "pip"))
        request, origins = pipcheck.check_request(invocation, resolver, here, files, once)
    except ConfigError as exc:
        raise WrapperError(str(exc)) from None
    _show_request(request, invocation)
    if request.blocking:
        return _refuse(request.blocking, "pip was not run")

    with tempfile.TemporaryDirectory(prefix="depfence-pip-") as tmp:
        report_path = os.path.join(tmp, "report.json")
        extra = ["--dry-run", "--report", report_path]
        if not quiet:
            _say("asking pip what it would install (pip install --dry-run)")
        code = _run(pip + _with(invocation.args, extra if dry_run else [*extra, "--quiet"]))
        if code != 0:
            if not dry_run:
                _say(f"pip could not resolve the install (exit code {code}); nothing was installed")
            return code
        resolution = _read_report(report_path)
        verdict = pipcheck.check_resolution(resolution, here, files, once, request.seen())
        _show_resolution(verdict, resolution, origins, invocation)
        _unused_allows(options.allow, request, verdict)
        if verdict.blocking:
            return _refuse(verdict.blocking)
        if dry_run:
            _hand_over_report(invocation.value("--report"), report_path)
            return 0
        if not quiet:
            noun = "package" if len(resolution) == 1 else "packages"
            _say(f"checked {len(resolution)} {noun} pip would install; installing exactly those")
        constraints = os.path.join(tmp, "constraints.txt")
        with open(constraints, "w", encoding="utf-8") as f:
            f.write(resolution.constraints())
        extra = ["--constraint", constraints]
        # pip's report of the real install says which files it installed
        installed_path = invocation.value("--report")
        if installed_path is None:
            installed_path = os.path.join(tmp, "installed.json")
            extra += ["--report", installed_path]
        code = _run(pip + _with(invocation.args, extra))
        if code != 0 or installed_path == "-":
            return code
        problems = pipreport.differences(resolution, _read_report(installed_path))
        for problem in problems:
            _say(f"error: {problem}")
        return EXIT_REFUSED if problems else 0


def _read_report(path: str) -> Resolution:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        raise WrapperError("pip wrote no --report (depfence pip needs pip 22.2 or newer)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WrapperError(f"cannot read pip's report: {exc}") from None
    try:
        return pipreport.parse(text)
    except pipreport.ReportError as exc:
        raise WrapperError(str(exc)) from None


def _hand_over_report(user_path: str | None, report_path: str) -> None:
    """In a dry run our --report replaced the user's: give them its contents."""
    if user_path is None:
        return
    with open(report_path, encoding="utf-8") as f:
        text = f.read()
    if user_path == "-":
        sys.stdout.write(text)
        return
    try:
        with open(user_path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise WrapperError(f"cannot write --report {user_path}: {exc.strerror or exc}") from None


# --- what the user sees -----------------------------------------------------------------


def _severity(finding: Finding) -> str:
    return finding.severity.value


def _where(finding: Finding, invocation: pipargs.Invocation) -> str:
    loc = finding.location
    if loc.path == pipcheck.COMMAND_LINE:
        for typed in invocation.typed:
            if typed.position + 1 == loc.column:
                return f"pip install argument '{typed.text}'"
        return "pip install options"
    return f"{loc.path}:{loc.line}:{loc.column}"


def _show_request(verdict: Verdict, invocation: pipargs.Invocation) -> None:
    for finding, how in verdict.allowed:
        _say(
            f"warning: {_where(finding, invocation)}: {finding.code} {finding.name} allowed by "
            f"{how}: {finding.message}"
        )
    for finding in verdict.findings:
        where = _where(finding, invocation)
        _say(f"{_severity(finding)}: {where}: {finding.code} {finding.message}")


def _chain(resolution: Resolution, key: str, origins: dict[str, str]) -> str:
    """``pulled in by: A 1.0 (asked for ...) -> B 2.0``, or how the package was asked for."""
    chain = resolution.chain(key)
    if not chain:
        return ""
    root = chain[0]
    if not root.requested:
        return "pulled in by a package that is installed already"
    origin = origins.get(root.key) or ("by URL or path" if root.direct else "")
    asked = f"asked for {origin}" if origin else "asked for"
    if len(chain) == 1:
        return asked
    steps = [f"{root} ({asked})", *(str(p) for p in chain[1:])]
    return "pulled in by: " + " -> ".join(steps)


def _show_resolution(
    verdict: Verdict,
    resolution: Resolution,
    origins: dict[str, str],
    invocation: pipargs.Invocation,
) -> None:
    for finding, how in verdict.allowed:
        package = resolution.packages[finding.location.line - 1]
        _say(
            f"warning: {package}: {finding.code} {finding.name} allowed by {how}: {finding.message}"
        )
    for finding in verdict.findings:
        package = resolution.packages[finding.location.line - 1]
        _say(f"{_severity(finding)}: {package}: {finding.code} {finding.message}")
        chain = _chain(resolution, package.key, origins)
        if chain:
            _say(f"    {chain}")


def _unused_allows(names: list[str], *verdicts: Verdict) -> None:
    used = {canonicalize(f.package or "") for v in verdicts for f, how in v.allowed if how}
    for name in names:
        if canonicalize(name) not in used:
            _say(f"note: --depfence-allow {name}: no finding about {name} needed it")


def _refuse(blocking: list[Finding], note: str = "") -> int:
    count = len(blocking)
    noun = "problem" if count == 1 else "problems"
    note = f"{note}, " if note else ""
    _say(f"refusing to install: {count} blocking {noun} above; {note}nothing was installed")
    names = sorted({f.package for f in blocking if f.name == "typosquat" and f.package})
    if names:
        flags = " ".join(f"--depfence-allow {name}" for name in names)
        _say(
            f"if you are sure, add {flags} (this install only), or list the name under "
            "allow in [tool.depfence]"
        )
    return EXIT_REFUSED
