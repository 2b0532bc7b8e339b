"""The arguments of ``depfence check``, parsed without argparse.

``check`` runs on every commit and every editor save, within 1.5x a bare
interpreter start.  Building an argparse parser costs more than that whole
budget here (it looks up gettext catalogues for every help string and imports
shutil), so this one command reads its few options by hand.  Every other
command uses argparse.
"""

from __future__ import annotations

COLORS = ("auto", "always", "never")

HELP = """\
usage: depfence check [-h] [--config FILE] [--format {text,json,sarif,github}]
                      [--color {auto,always,never}] [--stdin-filename PATH]
                      [--base REF] [FILE ...]

Check dependency manifests for typosquats, unpinned and unreviewed dependencies.

positional arguments:
  FILE                  manifests or folders to check; - for standard input
                        (with --stdin-filename); default: this folder (the
                        manifests git tracks, or all found outside git)

options:
  -h, --help            show this help message and exit
  --config FILE         read [tool.depfence] from FILE
  --format {text,json,sarif,github}
                        output format (default: text)
  --color {auto,always,never}
                        colour the text output (default: auto: on a terminal,
                        unless NO_COLOR is set)
  --stdin-filename PATH
                        check standard input (given as -) as if it were PATH
  --base REF            compare with the merge base of REF and HEAD to find
                        new dependencies (default: HEAD, as in a commit)
"""


class ArgumentError(Exception):
    """Arguments that cannot be used; ``str()`` says why in one line."""


class HelpRequested(Exception):
    pass


class CheckOptions:
    __slots__ = ("files", "config", "format", "color", "stdin_filename", "base")

    def __init__(self) -> None:
        self.files: list[str] = []
        self.config: str | None = None
        self.format = "text"
        self.color = "auto"
        self.stdin_filename: str | None = None
        self.base: str | None = None


# option -> the attribute it sets
_OPTIONS = {
    "--config": "config",
    "--format": "format",
    "--color": "color",
    "--stdin-filename": "stdin_filename",
    "--base": "base",
}


def _choices(option: str) -> tuple[str, ...] | None:
    """The values an option allows, or None for any."""
    if option == "--format":
        from depfence.report import FORMATS  # only when a format is named

        return FORMATS
    return COLORS if option == "--color" else None


def parse(args: list[str]) -> CheckOptions:
    options = CheckOptions()
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            options.files.extend(rest)
            break
        if arg in ("-h", "--help"):
            raise HelpRequested
        if not arg.startswith("--"):
            if arg.startswith("-") and arg != "-":
                raise ArgumentError(f"unrecognized argument: {arg}")
            options.files.append(arg)
            continue
        name, has_value, value = arg.partition("=")
        matches = [option for option in _OPTIONS if option.startswith(name)]
        if name in _OPTIONS:
            matches = [name]
        if len(matches) != 1:
            raise ArgumentError(
                f"ambiguous option: {name}" if matches else f"unrecognized argument: {arg}"
            )
        option = matches[0]
        if not has_value:
            following = next(rest, None)
            if following is None:
                raise ArgumentError(f"argument {option}: expected one argument")
            value = following
        attribute, allowed = _OPTIONS[option], _choices(option)
        if allowed is not None and value not in allowed:
            choices = ", ".join(repr(a) for a in allowed)
            raise ArgumentError(
                f"argument {option}: invalid choice: {value!r} (choose from {choices})"
            )
        setattr(options, attribute, value)
    return options
