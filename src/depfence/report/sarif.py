"""SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) ingest.

Every rule is listed in ``tool.driver.rules`` so a result's ``ruleIndex`` does
not depend on which rules fired.  Locations are relative to ``%SRCROOT%`` (the
folder depfence ran in).  The partial fingerprint hashes the rule, the file and
the package, never the line: moving a requirement must not open a new alert.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse

from depfence import __version__, rules
from depfence.names import canonicalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from depfence.model import Finding

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "depfence/v1"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_INDEX = {rule.code: index for index, rule in enumerate(rules.RULES)}


def _rule(rule: rules.Rule) -> dict[str, object]:
    turn_off = f'To turn the rule off, add "{rule.name}" to `disable` in `[tool.depfence]`.'
    if rule is rules.NEW_DEPENDENCY:
        accept = "To record a review, end the line with `# depfence: approve`. "
    elif rule is rules.INVALID_MANIFEST:
        accept = ""
    else:
        accept = f"To accept one occurrence, end its line with `# depfence: ignore[{rule.name}]`. "
    how_to_ignore = accept + turn_off
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.help},
        "help": {
            "text": f"{rule.help}\n\n{how_to_ignore}",
            "markdown": f"**{rule.name}** ({rule.code}): {rule.help}\n\n{how_to_ignore}",
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value]},
        "properties": {"tags": ["security", "supply-chain"]},
    }


def artifact_location(path: str, root: str) -> dict[str, str]:
    """A URI relative to ``%SRCROOT%``, or an absolute file URI for a file outside it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": _file_uri(absolute)}
    uri = urllib.parse.quote(relative.replace(os.sep, "/"))
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _file_uri(absolute: str) -> str:
    path = urllib.parse.quote(absolute.replace(os.sep, "/"), safe="/:")
    # a Windows path (C:/x) needs the extra slash that a POSIX one (/x) brings
    return "file://" + (path if path.startswith("/") else "/" + path)


def fingerprint(finding: Finding, uri: str) -> str:
    """A hash of rule, file and package (or message, for findings about no package)."""
    subject = canonicalize(finding.package) if finding.package else finding.message
    text = "\0".join((finding.code, uri, subject))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _result(finding: Finding, root: str, seen: dict[str, int]) -> dict[str, object]:
    loc = finding.location
    artifact = artifact_location(loc.path, root)
    digest = fingerprint(finding, artifact["uri"])
    # the same package twice in one file gets :1, :2 ... (GitHub's own scheme)
    seen[digest] = seen.get(digest, 0) + 1
    result: dict[str, object] = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": loc.line, "startColumn": loc.column},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{seen[digest]}"},
    }
    if finding.code in _INDEX:
        result["ruleIndex"] = _INDEX[finding.code]
    properties = {"name": finding.name}
    if finding.package:
        properties["package"] = finding.package
    if finding.target:
        properties["target"] = finding.target
    result["properties"] = properties
    return result


def render(findings: Sequence[Finding], *, root: str | None = None) -> str:
    """The SARIF log for ``findings``; paths are made relative to ``root`` (default: cwd)."""
    base = os.path.abspath(root or os.getcwd())
    seen: dict[str, int] = {}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "depfence",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(rule) for rule in rules.RULES],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(base).rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(finding, base, seen) for finding in findings],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
