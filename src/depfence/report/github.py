"""GitHub Actions: workflow-command annotations, and a Markdown job summary.

An annotation is one line, ``::error file=F,line=L,col=C,title=T::MESSAGE``.
GitHub decodes ``%25``, ``%0D`` and ``%0A`` in the message and, in property
values, ``%3A`` and ``%2C`` too; anything else a manifest smuggles into a
message (a newline followed by ``::set-env``, say) stays inert text.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from depfence.model import Finding

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
# a job summary may hold 1 MiB; a table longer than this is not read anyway
MAX_ROWS = 200


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: str, root: str | None = None) -> str:
    """The path relative to ``root`` (default: cwd) when inside it, with ``/`` separators."""
    if os.path.isabs(path):
        relative = os.path.relpath(path, root or os.getcwd())
        if not relative.startswith(os.pardir):
            path = relative
    return os.path.normpath(path).replace(os.sep, "/")


def annotation(finding: Finding, root: str | None = None) -> str:
    loc = finding.location
    properties = {
        "file": display_path(loc.path, root),
        "line": str(loc.line),
        "col": str(loc.column),
        "title": f"depfence {finding.code} ({finding.name})",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    command = _COMMANDS[finding.severity.value]
    return f"::{command} {joined}::{escape_data(finding.message)}"


def render(findings: Sequence[Finding], *, root: str | None = None) -> str:
    return "".join(annotation(finding, root) + "\n" for finding in findings)


# Everything Markdown or HTML could read as markup becomes a character reference,
# so a package name or URL from a pull request cannot add links or break the table.
_MARKUP = str.maketrans({c: f"&#{ord(c)};" for c in "&<>|\\`*_[]~#!"} | {"\n": " ", "\r": " "})


def cell(text: str) -> str:
    return text.translate(_MARKUP)


def summary(findings: Sequence[Finding], *, root: str | None = None) -> str:
    """A Markdown report for ``$GITHUB_STEP_SUMMARY``: findings, then new dependencies."""
    blocking = sum(1 for f in findings if f.severity.blocks)
    files = len({f.location.path for f in findings})
    lines = ["## depfence", ""]
    if findings:
        noun = "problem" if len(findings) == 1 else "problems"
        where = "file" if files == 1 else "files"
        lines += [f"**{len(findings)} {noun}** ({blocking} blocking) in {files} {where}.", ""]
        lines += [
            "| Severity | Location | Rule | Package | Message |",
            "| --- | --- | --- | --- | --- |",
        ]
        for f in findings[:MAX_ROWS]:
            loc = f.location
            place = f"{display_path(loc.path, root)}:{loc.line}:{loc.column}"
            lines.append(
                f"| {f.severity.value} | {cell(place)} | {f.code} {cell(f.name)} "
                f"| {cell(f.package or '')} | {cell(f.message)} |"
            )
        if len(findings) > MAX_ROWS:
            lines.append(f"\n… and {len(findings) - MAX_ROWS} more (see the annotations).")
    else:
        lines.append("No problems found.")
    new = [f for f in findings if f.name == "new-dependency"]
    lines += ["", f"### New dependencies ({len(new)})", ""]
    if new:
        lines += ["| Package | File | Line |", "| --- | --- | --- |"]
        for f in new[:MAX_ROWS]:
            loc = f.location
            lines.append(
                f"| {cell(f.package or '')} | {cell(display_path(loc.path, root))} | {loc.line} |"
            )
    else:
        lines.append("No dependency is new in this change.")
    return "\n".join(lines) + "\n"
