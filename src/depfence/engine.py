"""Run every check on a set of manifest files and settle the findings.

Settling applies, in order: disabled rules, the allowlist, inline
``# depfence: ignore`` comments, and severity overrides; then findings that
two manifests share (an included file checked on its own too) are merged.
"""

from __future__ import annotations

from depfence import manifests, suppress
from depfence.checks import CHECKS
from depfence.files import Files

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from depfence.config import Config, Resolver
    from depfence.model import Finding, Manifest

# rules whose finding disappears when the user vouches for the package
_ALLOWLISTED = frozenset({"typosquat", "new-dependency"})


class Result:
    __slots__ = ("findings", "manifests")

    def __init__(self, findings: list[Finding], manifests: list[Manifest]) -> None:
        self.findings = findings
        self.manifests = manifests

    @property
    def blocking(self) -> bool:
        return any(f.severity.blocks for f in self.findings)


def check(paths: Iterable[str], resolver: Resolver, files: Files | None = None) -> Result:
    """Check each manifest in ``paths``; paths that are not manifests are skipped."""
    files = files or Files()
    findings: dict[tuple[str, int, int, str, str], Finding] = {}
    parsed: list[Manifest] = []
    for path in paths:
        kind = manifests.kind_of(path)
        if kind is None:
            continue
        config = resolver.for_file(path)
        manifest = manifests.parse(path, kind, files.read)
        parsed.append(manifest)
        raw: list[Finding] = list(manifest.problems)
        for run in CHECKS:
            raw.extend(run(manifest, config))
        for finding in settle(raw, manifest, config, files):
            findings.setdefault(finding.sort_key(), finding)
    return Result([findings[key] for key in sorted(findings)], parsed)


def settle(
    raw: Iterable[Finding], manifest: Manifest, config: Config, files: Files
) -> list[Finding]:
    comments = {dep.location: dep.comment for dep in manifest.dependencies}
    settled = []
    for finding in raw:
        if not config.enabled(finding.name):
            continue
        if finding.name in _ALLOWLISTED and finding.package:
            from depfence.names import canonicalize

            if config.allowed(canonicalize(finding.package)):
                continue
        loc = finding.location
        line = files.line(loc.path, loc.line)
        comment = comments.get(loc, "")
        if suppress.silences(line, finding.name) or suppress.silences(comment, finding.name):
            continue
        override = config.severity.get(finding.name)
        if override is not None and override is not finding.severity:
            finding = finding.with_severity(override)
        settled.append(finding)
    return settled
