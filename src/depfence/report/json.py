"""``{"findings": [...]}``: every field a program needs, stable key names."""

from __future__ import annotations

import json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from depfence.model import Finding


def as_dict(finding: Finding) -> dict[str, object]:
    loc = finding.location
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "package": finding.package,
        "message": finding.message,
        "target": finding.target,
        "evidence": finding.evidence,
    }


def render(findings: Sequence[Finding]) -> str:
    return json.dumps({"findings": [as_dict(f) for f in findings]}, indent=2) + "\n"
