"""The command line: ``depfence check``, ``approve``, ``pip`` and ``server``.

The only module that reads arguments, prints, and picks an exit code:
0 nothing blocks, 1 a finding at error severity, 2 depfence could not run.
"""

from __future__ import annotations

import os
import sys

from depfence import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from depfence.checkargs import CheckOptions

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or configuration: printed as one line, exit code 2."""


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="depfence",
        description="Stop typosquats, unreviewed and unpinned dependencies before they land.",
    )
    parser.add_argument("--version", action="version", version=f"depfence {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # listed for --help only: main() hands `check` to checkargs before argparse is built
    sub.add_parser(
        "check",
        help="check manifest files (default: the manifests tracked in this git repository)",
    )
    sub.add_parser("pip", help="check what pip would install, then install it (pip install ...)")
    server = sub.add_parser(
        "server",
        help="run the language server (needs depfence[lsp])",
        description="A language server on standard input and output: diagnostics for "
        "manifests on open, change and save, and quick fixes.",
    )
    server.add_argument("--stdio", action="store_true", help="talk over stdio (the default)")
    approve = sub.add_parser(
        "approve",
        help="approve new dependencies: write '# depfence: approve' on their lines",
        description="Mark new dependencies as reviewed with a '# depfence: approve' comment on "
        "their lines, so the approval shows in the same diff as the dependency.",
    )
    approve.add_argument("names", nargs="+", metavar="NAME", help="packages to approve")
    approve.add_argument(
        "--file",
        dest="files",
        action="append",
        default=[],
        metavar="FILE",
        help="look only in FILE (repeatable; default: the manifests in this repository)",
    )
    approve.add_argument("--config", metavar="FILE", help="read [tool.depfence] from FILE")
    approve.add_argument(
        "--base", metavar="REF", help="new since git REF (default: HEAD, as in a commit)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "pip":
        from depfence import pipwrap

        return pipwrap.main(args[1:])
    if args and args[0] == "check":
        if argv is None:  # the process ends with this check (not a test calling main)
            # Skip the garbage collector: a check leaves no cycles that need it, and its
            # passes over every object imported, the last one at exit, cost ~2.5% of a run.
            import gc

            gc.disable()
        return _check_command(args[1:])
    parser = _parser()
    options = parser.parse_args(args)
    try:
        if options.command == "server":
            return _server(options)
        if options.command == "approve":
            return _approve(options)
    except UsageError as exc:
        print(f"depfence: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    parser.print_help()
    return EXIT_ERROR


def _check_command(args: list[str]) -> int:
    from depfence import checkargs

    try:
        options = checkargs.parse(args)
    except checkargs.HelpRequested:
        sys.stdout.write(checkargs.HELP)
        return EXIT_OK
    except checkargs.ArgumentError as exc:
        print(
            f"usage: depfence check [-h] [options] [FILE ...]\ndepfence check: error: {exc}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        return _check(options)
    except UsageError as exc:
        print(f"depfence: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _expand(paths: list[str]) -> list[str]:
    """Folders (and no path at all, meaning this folder) become the manifests inside them."""
    if paths and not any(os.path.isdir(p) for p in paths):
        return paths
    from depfence import discover

    return [
        found
        for path in paths or ["."]
        for found in (discover.manifests(path) if os.path.isdir(path) else [path])
    ]


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _check(options: CheckOptions) -> int:
    from depfence import engine
    from depfence.config import ConfigError, Resolver
    from depfence.files import Files

    paths: list[str] = options.files
    overrides = {}
    if "-" in paths:
        if not options.stdin_filename:
            raise UsageError("reading - (standard input) needs --stdin-filename PATH")
        overrides[options.stdin_filename] = _read_stdin()
        paths = [options.stdin_filename if p == "-" else p for p in paths]
    elif options.stdin_filename:
        raise UsageError("--stdin-filename goes with - among the files")
    paths = _expand(paths)
    from depfence.git import Base, GitError

    try:
        resolver = Resolver(options.config)
        result = engine.check(paths, resolver, Files(overrides), Base(options.base))
    except (ConfigError, GitError) as exc:
        raise UsageError(str(exc)) from None
    for notice in result.notices:
        print(f"depfence: {notice}", file=sys.stderr)
    findings = result.findings
    if options.format == "text":
        if findings:  # no findings, no output: nothing to import
            from depfence.report import text

            sys.stdout.write(text.render(findings, color=_use_color(options.color)))
            print(text.summary(findings), file=sys.stderr)
    elif options.format == "json":
        from depfence.report import json

        sys.stdout.write(json.render(findings))
    elif options.format == "sarif":
        from depfence.report import sarif

        sys.stdout.write(sarif.render(findings))
    elif options.format == "github":
        from depfence.report import github

        sys.stdout.write(github.render(findings))
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            try:
                with open(summary_path, "a", encoding="utf-8") as f:
                    f.write(github.summary(findings))
            except OSError as exc:
                raise UsageError(
                    f"cannot write $GITHUB_STEP_SUMMARY ({summary_path}): {exc.strerror or exc}"
                ) from None
    else:
        raise UsageError(f"--format {options.format} is not available yet")
    return EXIT_FINDINGS if result.blocking else EXIT_OK


def _approve(options: argparse.Namespace) -> int:
    from depfence import approve
    from depfence.config import ConfigError, Resolver
    from depfence.git import Base, GitError

    paths = _expand(options.files)
    # the work tree is the new side here, even when a pre-commit range is in the environment
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT_")}
    try:
        base = Base(options.base, environ, required=True)
        approvals, missing = approve.approve(options.names, paths, Resolver(options.config), base)
    except (ConfigError, GitError, approve.ApproveError) as exc:
        raise UsageError(str(exc)) from None
    for a in approvals:
        done = "approved" if a.written else "already approved"
        print(f"{a.path}:{a.line}: {done} '{a.name}'")
    for name in missing:
        print(f"depfence: '{name}' is not a new dependency in these manifests", file=sys.stderr)
    return EXIT_FINDINGS if missing else EXIT_OK


def _read_stdin() -> str:
    from depfence.files import ReadError, decode

    try:
        return decode(sys.stdin.buffer.read())
    except ReadError as exc:
        raise UsageError(f"standard input: {exc}") from None


def _server(options: argparse.Namespace) -> int:
    try:
        from depfence import server
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        raise UsageError("the language server needs pygls: pip install 'depfence[lsp]'") from None
    return server.main(options)
