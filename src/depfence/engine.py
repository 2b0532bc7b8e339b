"""Run every check on a set of manifest files and settle the findings.

Settling applies, in order: disabled rules, the allowlist, inline
``# depfence: ignore`` comments, and severity overrides; then findings that
two manifests share (an included file checked on its own too) are merged.
"""

from __future__ import annotations

from depfence import manifests
from depfence.checks import CHECKS
from depfence.files import Files
from depfence.names import canonicalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from depfence.checks.new_dependency import Review
    from depfence.config import Config, Resolver
    from depfence.git import Base
    from depfence.model import Finding, Manifest

# rules whose finding disappears when the user vouches for the package
_ALLOWLISTED = frozenset({"typosquat", "new-dependency"})


class Result:
    __slots__ = ("findings", "manifests", "notices")

    def __init__(
        self, findings: list[Finding], manifests: list[Manifest], notices: list[str] | None = None
    ) -> None:
        self.findings = findings
        self.manifests = manifests
        # what could not be checked and why (e.g. no git repository), for stderr
        self.notices = notices or []

    @property
    def blocking(self) -> bool:
        return any(f.severity.blocks for f in self.findings)


def check(
    paths: Iterable[str], resolver: Resolver, files: Files | None = None, base: Base | None = None
) -> Result:
    """Check each manifest in ``paths``; paths that are not manifests are skipped.

    With ``base``, dependencies new since the base are reported too (raises
    ``depfence.git.GitError`` when git cannot give the base).
    """
    files = files or Files()
    findings: dict[tuple[str, int, int, str, str], Finding] = {}
    parsed: list[Manifest] = []
    kinds = {p: kind for p in paths if (kind := manifests.kind_of(p)) is not None}
    review, notices = (None, []) if base is None else _review(base, resolver, list(kinds))
    for path, kind in kinds.items():
        config = resolver.for_file(path)
        manifest = manifests.parse(path, kind, files.read)
        parsed.append(manifest)
        settled = inspect(manifest, config, files)
        for finding in settled:
            findings.setdefault(finding.sort_key(), finding)
        if review is not None:
            review.add(manifest, config, settled)
    if review is not None:
        for finding in review.findings(files):
            findings.setdefault(finding.sort_key(), finding)
        notices += review.notices
    return Result([findings[key] for key in sorted(findings)], parsed, notices)


def _review(base: Base, resolver: Resolver, paths: list[str]) -> tuple[Review | None, list[str]]:
    """Open the base for the manifests that want the new-dependency check, or say why not."""
    wanted = [p for p in paths if resolver.for_file(p).new_dependencies != "off"]
    if not wanted:
        return None, []
    from depfence.git import Unavailable

    try:
        base.open(wanted)  # asks git for every base blob now; parsing overlaps with it
    except Unavailable as exc:
        if base.required:
            raise
        return None, [f"{exc}: the new-dependency check is skipped"]
    # imported only when there is a base to compare with
    from depfence.checks.new_dependency import Review

    return Review(base), []


def inspect(manifest: Manifest, config: Config, files: Files) -> list[Finding]:
    """The parser's problems and every check's findings on one manifest, settled."""
    raw: list[Finding] = list(manifest.problems)
    for run in CHECKS:
        raw.extend(run(manifest, config))
    return settle(raw, manifest, config, files)


def settle(
    raw: Iterable[Finding], manifest: Manifest, config: Config, files: Files
) -> list[Finding]:
    comments = {dep.location: dep.comment for dep in manifest.dependencies}
    settled = []
    for finding in raw:
        if not config.enabled(finding.name):
            continue
        if (
            finding.name in _ALLOWLISTED
            and finding.package
            and config.allowed(canonicalize(finding.package))
        ):
            continue
        loc = finding.location
        line = files.line(loc.path, loc.line)
        comment = comments.get(loc, "")
        if "depfence" in line or "depfence" in comment:  # only then can a directive be there
            from depfence import suppress

            if suppress.silences(line, finding.name) or suppress.silences(comment, finding.name):
                continue
        override = config.severity.get(finding.name)
        if override is not None and override is not finding.severity:
            finding = finding.with_severity(override)
        settled.append(finding)
    return settled
