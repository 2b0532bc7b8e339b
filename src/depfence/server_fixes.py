"""What the language server knows without a protocol: check a buffer, locate, fix.

Everything here works on plain text and ``Finding`` records with 0-based lines
and code-point columns, so it is tested without an editor and without pygls.
"""

from __future__ import annotations

import os
import re

from depfence import manifests
from depfence.names import canonicalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from depfence.model import Finding

# the name (or other token) a finding points at: up to a specifier, marker, quote or comment
_TOKEN = re.compile(r"[^\s=<>!~;\[\],\"'@#()]+")
_DIRECTIVE = re.compile(r"depfence:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)
_APPROVE = re.compile(r"depfence:\s*approve\b(?:\[([^\]]*)\])?", re.IGNORECASE)
# a file that cannot be parsed has no line an ignore comment could go on
_NOT_IGNORABLE = frozenset({"invalid-manifest"})


class Fix:
    """Replace ``lines[line][start:end]`` with ``text`` (0-based, code points)."""

    __slots__ = ("end", "line", "preferred", "start", "text", "title")

    def __init__(
        self, title: str, line: int, start: int, end: int, text: str, preferred: bool = False
    ) -> None:
        self.title = title
        self.line = line
        self.start = start
        self.end = end
        self.text = text
        self.preferred = preferred

    def apply(self, text: str) -> str:
        """``text`` with the fix made (for tests and for clients that ask for the result)."""
        lines = text.splitlines(keepends=True)
        line = lines[self.line]
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        lines[self.line] = body[: self.start] + self.text + body[self.end :] + ending
        return "".join(lines)

    def __repr__(self) -> str:
        return f"<Fix {self.title!r} {self.line}:{self.start}-{self.end} {self.text!r}>"


def check_buffer(path: str, text: str) -> list[Finding]:
    """Findings in ``path`` as if it held ``text``; configuration comes from disk.

    ``ConfigError`` propagates: the caller shows it.  A path that is not a
    manifest has no findings.
    """
    if manifests.kind_of(path) is None:
        return []
    from depfence import engine
    from depfence.config import Resolver
    from depfence.files import Files
    from depfence.git import Base, GitError

    resolver, files = Resolver(), Files({path: text})
    # like `depfence check` on a file: new dependencies are those HEAD does not have
    base = Base()
    try:
        result = engine.check([path], resolver, files, base)
    except GitError:
        result = engine.check([path], resolver, files)
    finally:
        base.close()
    key = os.path.normpath(path)
    return [f for f in result.findings if os.path.normpath(f.location.path) == key]


def span(finding: Finding, lines: Sequence[str]) -> tuple[int, int, int]:
    """``(line, start, end)`` of what a finding points at: its package name when it is there."""
    line = finding.location.line - 1
    if not 0 <= line < len(lines):
        return (max(0, min(line, len(lines) - 1)) if lines else 0, 0, 0)
    text = lines[line]
    start = min(max(finding.location.column - 1, 0), len(text))
    match = _TOKEN.match(text, start)
    end = match.end() if match else min(start + 1, len(text))
    return (line, start, end)


def replace_fix(finding: Finding, lines: Sequence[str]) -> Fix | None:
    """For a typosquat: write the name it imitates instead, when the name is where it points."""
    if finding.name != "typosquat" or not finding.target or not finding.package:
        return None
    line, start, end = span(finding, lines)
    if canonicalize(lines[line][start:end]) != canonicalize(finding.package):
        return None
    title = f"Replace '{lines[line][start:end]}' with '{finding.target}'"
    return Fix(title, line, start, end, finding.target, preferred=True)


def _comment_line(finding: Finding, lines: Sequence[str], kind: str) -> int | None:
    """The line a directive for ``finding`` goes on: the last of a continued requirement.

    In a requirements file a line ending in ``\\`` continues on the next one, and
    pip drops everything after a comment once it has joined the lines.
    """
    line = finding.location.line - 1
    if not 0 <= line < len(lines):
        return None
    if kind == "requirements":
        while lines[line].endswith("\\") and line + 1 < len(lines):
            line += 1
    return line


def _directive(
    title: str, lines: Sequence[str], line: int, pattern: re.Pattern[str], item: str, new: str
) -> Fix:
    """Add ``item`` to the bracketed list of an existing directive, or append ``new``."""
    text = lines[line]
    for existing in pattern.finditer(text):
        if existing.group(1) is not None:
            inside = existing.group(1).rstrip()
            at = existing.start(1) + len(inside)
            return Fix(title, line, at, at, f", {item}" if inside.strip() else item)
    gap = "" if not text or text[-1].isspace() else "  "
    return Fix(title, line, len(text), len(text), f"{gap}{new}")


def ignore_fix(finding: Finding, lines: Sequence[str], kind: str) -> Fix | None:
    """Add ``# depfence: ignore[rule]`` to the finding's line (or to its ignore list)."""
    if finding.name in _NOT_IGNORABLE:
        return None
    line = _comment_line(finding, lines, kind)
    if line is None:
        return None
    title = f"Ignore {finding.name} on this line"
    new = f"# depfence: ignore[{finding.name}]"
    return _directive(title, lines, line, _DIRECTIVE, finding.name, new)


def approve_fix(finding: Finding, lines: Sequence[str], kind: str) -> Fix | None:
    """For a new dependency: record the review with ``# depfence: approve``.

    A TOML or cfg line may hold several requirements, so there the approval
    names the package; a requirements line holds one.
    """
    if finding.name != "new-dependency" or not finding.package:
        return None
    line = _comment_line(finding, lines, kind)
    if line is None:
        return None
    title = f"Approve '{finding.package}' (reviewed)"
    named = kind != "requirements"
    new = f"# depfence: approve[{finding.package}]" if named else "# depfence: approve"
    return _directive(title, lines, line, _APPROVE, finding.package, new)


def fixes(finding: Finding, lines: Sequence[str], kind: str) -> list[Fix]:
    if finding.name == "new-dependency":
        found = [approve_fix(finding, lines, kind)]
    else:
        found = [replace_fix(finding, lines), ignore_fix(finding, lines, kind)]
    return [fix for fix in found if fix is not None]
