"""``unpinned`` and ``missing-hash``: is each dependency pinned as its manifest kind requires?

Requirements and constraints files describe an application's environment, so
anything but an exact ``==``/``===`` pin is an error there.  Library metadata
(pyproject.toml, setup.cfg, Pipfile) may use ranges; a dependency with no
constraint at all is a warning.
"""

from __future__ import annotations

from depfence import rules
from depfence.model import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from depfence.config import Config
    from depfence.model import Finding, Manifest


def is_exact(specifier: str) -> bool:
    """One exact pin: ``==1.2.3`` (no wildcard, nothing else) or ``===anything``."""
    spec = specifier.strip()
    if spec.startswith("==="):
        return bool(spec[3:].strip()) and "," not in spec
    if not spec.startswith("=="):
        return False
    version = spec[2:].strip()
    return bool(version) and not any(c in version for c in ",* \t")


def check(manifest: Manifest, config: Config) -> Iterator[Finding]:
    policy = config.pinning.get(manifest.kind, "off")
    for dep in manifest.dependencies:
        if dep.url is not None or policy == "off":
            continue  # direct references are judged by the references check
        shown = dep.name + dep.specifier
        if policy == "exact" and not is_exact(dep.specifier):
            what = "has no version" if not dep.specifier else f"allows a range ({dep.specifier})"
            yield rules.UNPINNED.finding(
                dep.location,
                f"'{shown}' {what}: pin one exact version ({dep.name}==X.Y.Z) in an "
                "application manifest",
                package=dep.name,
            )
        elif policy == "bounded" and not dep.specifier:
            yield rules.UNPINNED.finding(
                dep.location,
                f"'{dep.name}' has no version constraint: give it a range (e.g. "
                f"{dep.name}>=X.Y,<X+1)",
                severity=Severity.WARNING,
                package=dep.name,
            )
    if manifest.kind == "requirements":
        yield from _hashes(manifest, config.hashes)


def _hashes(manifest: Manifest, policy: str) -> Iterator[Finding]:
    """pip's hash-checking mode is all or nothing: once one requirement has a hash, all must."""
    if policy == "off":
        return
    deps = [d for d in manifest.dependencies if not d.constraint and not d.local]
    hashed = [d for d in deps if d.hashes]
    if policy == "consistent" and not hashed:
        return
    why = (
        "the hash policy requires a --hash on every requirement"
        if policy == "require"
        else f"pip refuses the install: {len(hashed)} other requirement(s) have hashes, "
        "so every requirement needs one"
    )
    for dep in deps:
        if not dep.hashes:
            yield rules.MISSING_HASH.finding(
                dep.location, f"'{dep.name or dep.url}' has no --hash: {why}", package=dep.name
            )
