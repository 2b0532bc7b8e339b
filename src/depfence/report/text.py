"""``path:line:col: CODE message``, one line per finding: what editors and CI logs parse."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from depfence.model import Finding

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;34m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"


def line(finding: Finding, color: bool = False) -> str:
    loc = finding.location
    where = f"{loc.path}:{loc.line}:{loc.column}:"
    if not color:
        return f"{where} {finding.code} {finding.message}"
    code = f"{_COLORS[finding.severity.value]}{finding.code}{_RESET}"
    return f"{_BOLD}{where}{_RESET} {code} {finding.message}"


def render(findings: Sequence[Finding], color: bool = False) -> str:
    return "".join(line(finding, color) + "\n" for finding in findings)


def summary(findings: Sequence[Finding]) -> str:
    """A one-line count for stderr, e.g. ``Found 3 problems (2 blocking).``"""
    blocking = sum(1 for f in findings if f.severity.blocks)
    noun = "problem" if len(findings) == 1 else "problems"
    return f"Found {len(findings)} {noun} ({blocking} blocking)."
