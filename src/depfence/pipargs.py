"""Reading a pip command line the way pip's own option parser would.

``depfence pip`` must find, among arbitrary pip arguments, the command, the
requirements the user typed, the requirements and constraints files they named,
and the index options, without importing pip (the target interpreter's pip may
differ from ours).  The option tables are pip's command-line interface; an
option missing from them is taken for a flag, so an unknown option never turns
its value into a "typed requirement" by accident: pip rejects it first.
"""

from __future__ import annotations

import os
import re

# Options of pip (general and ``install``) that take a value, by every spelling.
_VALUED = frozenset(
    {
        # general options
        "--python",
        "--log",
        "--log-file",
        "--local-log",
        "--keyring-provider",
        "--proxy",
        "--retries",
        "--timeout",
        "--default-timeout",
        "--exists-action",
        "--trusted-host",
        "--cert",
        "--client-cert",
        "--cache-dir",
        "--use-feature",
        "--use-deprecated",
        "--resume-retries",
        # install
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-t",
        "--target",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--root",
        "--prefix",
        "--src",
        "--source",
        "--source-dir",
        "--source-directory",
        "--upgrade-strategy",
        "-C",
        "--config-settings",
        "--global-option",
        "--build-option",
        "--install-option",
        "--no-binary",
        "--only-binary",
        "--progress-bar",
        "--root-user-action",
        "--report",
        "--group",
        "--all-releases",
        "--only-final",
        "--uploaded-prior-to",
        # package index options
        "-i",
        "--index-url",
        "--pypi-url",
        "--extra-index-url",
        "-f",
        "--find-links",
    }
)
_FLAGS = frozenset(
    {
        "-h",
        "--help",
        "-V",
        "--version",
        "-v",
        "--verbose",
        "-q",
        "--quiet",
        "-U",
        "--upgrade",
        "-I",
        "--ignore-installed",
        "--debug",
        "--isolated",
        "--require-virtualenv",
        "--require-venv",
        "--no-input",
        "--no-cache-dir",
        "--disable-pip-version-check",
        "--no-color",
        "--no-python-version-warning",
        "--no-deps",
        "--no-dependencies",
        "--pre",
        "--dry-run",
        "--user",
        "--no-user",
        "--force-reinstall",
        "--ignore-requires-python",
        "--no-build-isolation",
        "--use-pep517",
        "--no-use-pep517",
        "--check-build-dependencies",
        "--break-system-packages",
        "--compile",
        "--no-compile",
        "--no-warn-script-location",
        "--no-warn-conflicts",
        "--prefer-binary",
        "--require-hashes",
        "--no-clean",
        "--no-index",
    }
)
_LONG = tuple(sorted(o for o in _VALUED | _FLAGS if o.startswith("--")))
# the canonical spelling of the options whose values matter to the wrapper
_ALIASES = {
    "-r": "--requirement",
    "-c": "--constraint",
    "-e": "--editable",
    "-i": "--index-url",
    "--pypi-url": "--index-url",
    "-f": "--find-links",
    "-h": "--help",
    "-V": "--version",
    "-q": "--quiet",
    "-v": "--verbose",
    "-U": "--upgrade",
    "-I": "--ignore-installed",
    "-t": "--target",
    "-C": "--config-settings",
    "--no-dependencies": "--no-deps",
    "--log-file": "--log",
    "--local-log": "--log",
}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_ARCHIVE = (".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar")


class Typed:
    """One positional argument of ``pip install``: a requirement, a URL or a path."""

    __slots__ = ("kind", "position", "text")

    def __init__(self, text: str, position: int, kind: str) -> None:
        self.text = text
        self.position = position  # index in the argument list
        self.kind = kind  # "requirement", "url", "path" or "editable"

    def __repr__(self) -> str:
        return f"<Typed {self.kind} {self.text!r}>"


class Invocation:
    """A pip command line, read.  ``args`` is what pip gets (without ``--python``)."""

    __slots__ = ("args", "command", "files", "indexes", "options", "python", "typed")

    def __init__(self) -> None:
        self.args: list[str] = []
        self.command: str | None = None
        self.python: str | None = None
        self.typed: list[Typed] = []
        # ("--requirement" | "--constraint", path), in order
        self.files: list[tuple[str, str]] = []
        # ("--index-url" | "--extra-index-url" | "--find-links", url)
        self.indexes: list[tuple[str, str]] = []
        # canonical option name -> values ("" for a flag), for the options pip gets
        self.options: dict[str, list[str]] = {}

    def has(self, option: str) -> bool:
        return option in self.options

    def value(self, option: str) -> str | None:
        values = self.options.get(option)
        return values[-1] if values else None


class ArgumentError(Exception):
    """The command line is broken in a way pip would reject too (e.g. ``-r`` with no file)."""


def _long(option: str) -> str:
    """A long option by its full name, expanding a unique prefix as optparse does."""
    if option in _VALUED or option in _FLAGS:
        return option
    matches = [name for name in _LONG if name.startswith(option)]
    return matches[0] if len(matches) == 1 else option


def is_url(text: str) -> bool:
    return _URL.match(text) is not None


def classify(text: str) -> str:
    """What pip would take a positional argument for: ``requirement``, ``url`` or ``path``."""
    if is_url(text):
        return "url"
    if "@" in text.split(";", 1)[0] and "://" in text:
        return "requirement"  # name @ url
    if (
        "/" in text
        or os.sep in text
        or text.startswith(".")
        or text.lower().endswith(_ARCHIVE)
        or os.path.exists(text)
    ):
        return "path"
    return "requirement"


def parse(args: list[str]) -> Invocation:
    """Read pip's arguments (what follows ``pip`` on the command line)."""
    inv = Invocation()
    i = 0
    only_positional = False
    while i < len(args):
        arg = args[i]
        i += 1
        if only_positional or not arg.startswith("-") or arg == "-":
            if inv.command is None:
                inv.command = arg
            else:
                kind = classify(arg)
                inv.typed.append(Typed(arg, len(inv.args), kind))
            inv.args.append(arg)
            continue
        if arg == "--":
            only_positional = True
            inv.args.append(arg)
            continue
        start = len(inv.args)
        if arg.startswith("--"):
            name, eq, value = arg.partition("=")
            name = _long(name)
            if name in _VALUED and not eq:
                if i >= len(args):
                    raise ArgumentError(f"{name} needs a value")
                value = args[i]
                i += 1
                inv.args.extend([arg, value])
            else:
                inv.args.append(arg)
            _record(inv, name, value if name in _VALUED else "", start)
            continue
        # short options, possibly clustered (-Uq) or with an attached value (-rfile)
        inv.args.append(arg)
        for k in range(1, len(arg)):
            name = "-" + arg[k]
            if name in _VALUED:
                value = arg[k + 1 :]
                if not value:
                    if i >= len(args):
                        raise ArgumentError(f"{name} needs a value")
                    value = args[i]
                    i += 1
                    inv.args.append(value)
                _record(inv, name, value, start)
                break
            _record(inv, name, "", start)
    return inv


def _record(inv: Invocation, name: str, value: str, start: int) -> None:
    canonical = _ALIASES.get(name, name)
    if canonical == "--python":
        # the wrapper picks the interpreter itself; pip never sees this option
        inv.python = value
        del inv.args[start:]
        return
    inv.options.setdefault(canonical, []).append(value)
    if canonical in ("--requirement", "--constraint"):
        inv.files.append((canonical, value))
    elif canonical in ("--index-url", "--extra-index-url", "--find-links"):
        inv.indexes.append((canonical, value))
    elif canonical == "--editable":
        inv.typed.append(Typed(value, len(inv.args) - 1, "editable"))
