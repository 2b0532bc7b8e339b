"""``new-dependency`` and ``changed-version``: what a change adds to its manifests.

A dependency is new when its name is absent from the base version of every
checked manifest that reads the file it sits in.  So a dependency moved between
sections of one file, or into a file the manifest includes, is not new; a new
manifest (one git cannot trace to a renamed one) makes all its dependencies new.
A removal is silent.

Not in ``CHECKS``: it needs the base side of the change (``depfence.git``), so
the engine runs it once over all the manifests it checked, through ``Review``.
"""

from __future__ import annotations

import os

from depfence import git, rules, suppress
from depfence.model import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from depfence.config import Config
    from depfence.files import Files
    from depfence.model import Dependency, Finding, Manifest

    Known = dict[str, set[str]]  # canonical name -> every pin it had in the base

_OTHER_SEVERITIES = (Severity.ERROR, Severity.WARNING)
_OWN_RULES = frozenset({rules.NEW_DEPENDENCY.name, rules.CHANGED_VERSION.name})


class Review:
    """Compares the checked manifests with their base, which the engine has opened."""

    def __init__(self, base: git.Base) -> None:
        self.base = base
        self.notices: list[str] = []
        self._checked: list[tuple[Manifest, Config, list[Finding]]] = []

    def add(self, manifest: Manifest, config: Config, settled: list[Finding]) -> None:
        """A manifest the engine checked, with the findings the other checks settled on."""
        if config.new_dependencies == "off":
            return
        if not self.base.covers(manifest.path):
            self.notices.append(
                f"{manifest.path}: outside the git work tree compared: "
                "the new-dependency check is skipped for it"
            )
            return
        self._checked.append((manifest, config, settled))

    def findings(self, files: Files) -> list[Finding]:
        try:
            return self._findings(files) if self._checked else []
        except git.Unavailable as exc:  # git started but found no repository after all
            if self.base.required:
                raise
            self.notices.append(f"{exc}: the new-dependency check is skipped")
            return []
        finally:
            self.base.close()

    def _findings(self, files: Files) -> list[Finding]:
        from depfence import engine, manifests

        new_side = self.base.new()
        sides: list[tuple[Manifest, Config, list[Finding], Files]] = []
        known_by_file: dict[str, Known] = {}
        for manifest, config, settled in self._checked:
            view, new, others = files, manifest, settled
            if new_side is not None:  # the to-ref's version is the new side
                if not new_side.exists(manifest.path):
                    continue
                view = new_side
                new = manifests.parse(manifest.path, manifest.kind, new_side.read)
                others = engine.inspect(new, config, new_side)
            sides.append((new, config, others, view))
            known = self._known(manifest)
            for path in new.files:
                merged = known_by_file.setdefault(os.path.normpath(path), {})
                for key, pins in known.items():
                    merged.setdefault(key, set()).update(pins)
        self.base.release()  # everything is read: git exits while the findings are made
        out: list[Finding] = []
        for new, config, others, view in sides:
            raw = check(new, config, known_by_file, others, view, self.base.description)
            out.extend(engine.settle(raw, new, config, view))
        return out

    def _known(self, manifest: Manifest) -> Known:
        """Every dependency (with its pins) of the manifest's base versions, includes too."""
        from depfence import manifests

        known: Known = {}
        for revision in self.base.old():
            path = manifest.path
            if not revision.exists(path):
                renamed = self.base.renamed_from(path)
                if renamed is None or not revision.exists(renamed):
                    continue
                path = renamed
            kind = manifests.kind_of(path) or manifest.kind
            for dep in manifests.parse(path, kind, revision.read).dependencies:
                if dep.key and not dep.constraint:
                    known.setdefault(dep.key, set()).add(pin(dep))
        return known


def pin(dep: Dependency) -> str:
    """The version a dependency asks for, as a reviewer would read it."""
    if dep.url:
        return f"@ {dep.url}"
    return "".join(dep.specifier.split())


def check(
    manifest: Manifest,
    config: Config,
    known_by_file: dict[str, Known],
    others: list[Finding],
    view: Files,
    base: str = "HEAD",
) -> Iterator[Finding]:
    """Findings for the dependencies of ``manifest`` that its base did not have or pin so."""
    for dep in manifest.dependencies:
        if not dep.key or dep.constraint:
            continue
        known = known_by_file.get(os.path.normpath(dep.location.path), {})
        pins = known.get(dep.key)
        if pins is None:
            related = [
                f
                for f in others
                if f.name not in _OWN_RULES
                and f.severity in _OTHER_SEVERITIES
                and f.location.path == dep.location.path
                and f.package is not None
                and _canonical(f.package) == dep.key
            ]
            yield _new(dep, config.new_dependencies, related, approved(dep, view), base)
        elif pin(dep) not in pins:
            old = ", ".join(sorted(p or "any version" for p in pins))
            yield rules.CHANGED_VERSION.finding(
                dep.location,
                f"'{dep.name}' changed from {old} to {pin(dep) or 'any version'}",
                package=dep.name,
                evidence={"old": sorted(pins), "new": pin(dep)},
            )


def approved(dep: Dependency, view: Files) -> bool:
    """Whether ``# depfence: approve`` is on the dependency's line (or its continuations)."""
    if suppress.approves(dep.comment, dep.key):
        return True
    number = dep.location.line
    line = view.line(dep.location.path, number)
    while True:
        if suppress.approves(line, dep.key):
            return True
        if not line.endswith("\\"):
            return False
        number += 1
        line = view.line(dep.location.path, number)


def _new(
    dep: Dependency, policy: str, related: list[Finding], is_approved: bool, base: str
) -> Finding:
    from depfence import popular

    rank = popular.rank(dep.key)
    size = _popular_size()
    local = dep.local
    closest: list[tuple[str, int]] = []
    if rank is None and not local:
        from depfence import squat

        closest = [(n, r) for n, r in squat.closest(dep.key) if _canonical(n) != dep.key]
    section = dep.section + (f": {dep.group}" if dep.group else "")
    facts = [
        "a local path"
        if local
        else f"#{rank} among the {size} most downloaded on PyPI"
        if rank is not None
        else f"not among the {size} most downloaded on PyPI"
    ]
    if closest:
        facts.append("closest popular: " + ", ".join(f"{n} (#{r})" for n, r in closest))
    facts.append(_pinning(dep))
    if related:
        facts.append("also " + ", ".join(sorted({f.name for f in related})))
    if is_approved:
        severity = Severity.INFO
    elif policy == "block-all":
        severity = Severity.ERROR
    elif policy == "warn":
        severity = Severity.WARNING
    else:  # block-unknown
        unknown = rank is None and not local
        severity = Severity.ERROR if unknown or related else Severity.INFO
    status = ", approved" if is_approved else ""
    advice = (
        f"; review it, then approve it: depfence approve {dep.name}"
        if severity is not Severity.INFO
        else ""
    )
    return rules.NEW_DEPENDENCY.finding(
        dep.location,
        f"new dependency '{dep.name}' ({section}){status}: {'; '.join(facts)}{advice}",
        severity=severity,
        package=dep.name,
        evidence={
            "section": dep.section,
            "group": dep.group,
            "rank": rank,
            "popular": size,
            "closest": [{"name": n, "rank": r} for n, r in closest],
            "pin": pin(dep),
            "pinned": _exact(dep),
            "approved": is_approved,
            "other_findings": sorted({f.code for f in related}),
            "base": base,
        },
    )


_size: int | None = None


def _popular_size() -> int:
    global _size
    if _size is None:
        from depfence import popular

        _size = popular.size()  # counts the lines of the whole list: once per run
    return _size


def _pinning(dep: Dependency) -> str:
    if dep.url:
        return f"from {dep.url}"
    if _exact(dep):
        return f"pinned {dep.specifier.strip()}"
    if dep.specifier:
        return f"not pinned ({dep.specifier.strip()})"
    return "not pinned (any version)"


def _exact(dep: Dependency) -> bool:
    from depfence.checks.pinning import is_exact

    return dep.url is None and is_exact(dep.specifier)


def _canonical(name: str) -> str:
    from depfence.names import canonicalize

    return canonicalize(name)
