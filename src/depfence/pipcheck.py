"""The checks behind ``depfence pip install``: the hook's checks, applied to what pip installs.

Two moments: the request (names typed on the command line, requirements and
constraints files named with ``-r``/``-c``) before anything is downloaded, and
the resolution (every package in pip's report) before anything is installed.
Both run the same checks as ``depfence check`` and settle the findings with the
same configuration, allowlist and severity overrides.
"""

from __future__ import annotations

from depfence import engine, manifests, rules
from depfence.checks import CHECKS
from depfence.config import Config
from depfence.model import Dependency, Location, Manifest, Severity
from depfence.names import canonicalize
from depfence.pipargs import is_url

TYPE_CHECKING = False
if TYPE_CHECKING:
    from depfence.config import Resolver
    from depfence.files import Files
    from depfence.model import Finding
    from depfence.pipargs import Invocation
    from depfence.pipreport import Resolution

COMMAND_LINE = "<command line>"
RESOLUTION = "<pip resolution>"

# The wrapper pins and checks the install itself, so a manifest's own pinning
# policy says nothing about this install: those rules belong to the hook.
_NOT_AT_INSTALL = frozenset({"unpinned", "missing-hash"})
# A moving reference is a manifest's problem; at install time it is a warning.
_WARN_AT_INSTALL = frozenset({"mutable-reference"})


class Verdict:
    """Settled findings, and the findings an allowlist silenced (with which one)."""

    __slots__ = ("allowed", "findings")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.allowed: list[tuple[Finding, str]] = []

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity.blocks]

    def seen(self) -> set[tuple[str, str]]:
        """(rule code, package) of every finding reported or allowed."""
        reported = [*self.findings, *(f for f, _ in self.allowed)]
        return {(f.code, canonicalize(f.package or "")) for f in reported}


def with_allowlist(config: Config, allow: frozenset[str]) -> Config:
    """``config`` with ``allow`` (canonical keys) as its allowlist."""
    clone = Config.__new__(Config)
    for slot in Config.__slots__:
        setattr(clone, slot, getattr(config, slot))
    clone.allow = allow
    return clone


def _check(
    verdict: Verdict,
    manifest: Manifest,
    config: Config,
    once: frozenset[str],
    files: Files,
    extra: list[Finding] | tuple[Finding, ...] = (),
) -> None:
    """Run the checks on ``manifest`` and settle their findings into ``verdict``.

    The checks run with an empty allowlist, so that what an allowlist silences
    can be told to the user: allowing a name at install time leaves a trace.
    """
    bare = with_allowlist(config, frozenset())
    raw = [*extra, *(f for run in CHECKS for f in run(manifest, bare))]
    settled = engine.settle(raw, manifest, with_allowlist(config, config.allow | once), files)
    kept = {(f.sort_key(), f.message) for f in settled}
    for finding in engine.settle(raw, manifest, bare, files):
        if (finding.sort_key(), finding.message) in kept:
            continue
        key = canonicalize(finding.package or "")
        how = "--depfence-allow" if key in once else f"allow in {config.source or 'the config'}"
        verdict.allowed.append((finding, how))
    for finding in settled:
        if finding.name in _NOT_AT_INSTALL:
            continue
        if finding.name in _WARN_AT_INSTALL and finding.severity.blocks:
            finding = finding.with_severity(Severity.WARNING)
        verdict.findings.append(finding)


def _typed_manifest(invocation: Invocation) -> Manifest:
    from packaging.requirements import InvalidRequirement, Requirement

    deps = []
    for typed in invocation.typed:
        if typed.kind != "requirement":
            continue  # URLs and paths are judged by what pip's report says they are
        try:
            req = Requirement(typed.text)
        except InvalidRequirement:
            continue  # pip rejects it before installing anything
        deps.append(
            Dependency(
                req.name,
                Location(COMMAND_LINE, 1, typed.position + 1),
                specifier=str(req.specifier),
                extras=tuple(sorted(req.extras)),
                marker=str(req.marker or ""),
                url=req.url,
            )
        )
    indexes = tuple(
        (Location(COMMAND_LINE, 1, 1), option, url)
        for option, url in invocation.indexes
        if option != "--find-links"
    )
    return Manifest(COMMAND_LINE, "requirements", tuple(deps), indexes=indexes)


def check_request(
    invocation: Invocation, resolver: Resolver, here: Config, files: Files, once: frozenset[str]
) -> tuple[Verdict, dict[str, str]]:
    """Check what the user asked for; also say where each asked-for name came from."""
    verdict = Verdict()
    origins: dict[str, str] = {}
    typed = _typed_manifest(invocation)
    _check(verdict, typed, here, once, files)
    for dep in typed:
        origins.setdefault(dep.key, "on the command line")
    done: set[str] = set()
    for option, path in invocation.files:
        if path in done or is_url(path):
            continue  # a file pip downloads is judged by what pip's report says it asked for
        done.add(path)
        manifest = manifests.parse(path, "requirements", files.read)
        _check(verdict, manifest, resolver.for_file(path), once, files, manifest.problems)
        if option == "--requirement":
            for dep in manifest:
                if not dep.constraint:
                    origins.setdefault(dep.key, f"in {dep.location.path}:{dep.location.line}")
    unique = {(f.sort_key(), f.message): f for f in verdict.findings}
    verdict.findings = [unique[k] for k in sorted(unique)]
    return verdict, origins


def check_resolution(
    resolution: Resolution,
    config: Config,
    files: Files,
    once: frozenset[str],
    seen: set[tuple[str, str]],
) -> Verdict:
    """Check every package pip would install; ``seen`` findings were reported already.

    A finding's location is ``<pip resolution>:N``, N the package's 1-based
    position in ``resolution.packages``.
    """
    deps = tuple(
        Dependency(p.name, Location(RESOLUTION, n, 1), specifier=f"=={p.version}")
        for n, p in enumerate(resolution.packages, 1)
    )
    manifest = Manifest(RESOLUTION, "requirements", deps)
    raw = []
    for n, package in enumerate(resolution.packages, 1):
        if package.built_from_source:
            what = "a version control checkout" if package.source == "vcs" else package.filename
            raw.append(
                rules.SDIST_INSTALL.finding(
                    Location(RESOLUTION, n, 1),
                    f"pip would build {package} from source ({what}): its build code runs "
                    "on this machine during the install; pip's --only-binary :all: refuses "
                    "source builds",
                    package=package.name,
                )
            )
    verdict = Verdict()
    _check(verdict, manifest, config, once, files, raw)

    def new(finding: Finding) -> bool:
        return (finding.code, canonicalize(finding.package or "")) not in seen

    verdict.findings = sorted(filter(new, verdict.findings), key=lambda f: f.sort_key())
    verdict.allowed = [(f, how) for f, how in verdict.allowed if new(f)]
    return verdict
