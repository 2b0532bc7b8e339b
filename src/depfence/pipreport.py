"""pip's installation report (``pip install --dry-run --report``), read into records.

The report (format version 1) lists every distribution pip would install, with
the file it would install from and the metadata that pulled in the rest.  From
it come the chain that explains why a package is there, and the constraints
that hold the real install to exactly the checked versions.
"""

from __future__ import annotations

import json

from depfence.names import canonicalize

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


class ReportError(Exception):
    """pip's report is unreadable or not in a format we know."""


class Package:
    """One distribution pip would install."""

    __slots__ = (
        "direct",
        "extras",
        "key",
        "name",
        "requested",
        "requires",
        "sha256",
        "source",
        "url",
        "version",
    )

    def __init__(
        self,
        name: str,
        version: str,
        url: str,
        source: str,
        *,
        sha256: str | None = None,
        direct: bool = False,
        requested: bool = False,
        extras: tuple[str, ...] = (),
        requires: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.key = canonicalize(name)
        self.version = version
        self.url = url
        # "wheel", "sdist" (an archive built at install time), "vcs" or "directory"
        self.source = source
        self.sha256 = sha256
        self.direct = direct
        self.requested = requested
        self.extras = extras
        self.requires = requires

    @property
    def built_from_source(self) -> bool:
        return self.source in ("sdist", "vcs")

    @property
    def filename(self) -> str:
        return self.url.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    def __repr__(self) -> str:
        return f"<Package {self.name} {self.version} {self.source}>"


class Resolution:
    """Everything pip would install, and the environment it resolved for."""

    __slots__ = ("_chains", "environment", "packages")

    def __init__(self, packages: list[Package], environment: dict[str, str]) -> None:
        self.packages = sorted(packages, key=lambda p: p.key)
        self.environment = environment
        self._chains: dict[str, tuple[Package, ...]] | None = None

    def __iter__(self) -> Iterator[Package]:
        return iter(self.packages)

    def __len__(self) -> int:
        return len(self.packages)

    def chain(self, key: str) -> tuple[Package, ...]:
        """The shortest path from a requested package down to ``key``.

        A package that no requested one leads to (its parent is installed
        already, so it is not in the report) is its own one-step chain.
        """
        if self._chains is None:
            self._chains = _chains(self)
        by_key = {p.key: p for p in self.packages}
        return self._chains.get(key) or ((by_key[key],) if key in by_key else ())

    def constraints(self) -> str:
        """A constraints file pinning every package found on an index to its checked version.

        Versions only: pip takes any ``--hash`` in a constraints file as
        ``--require-hashes`` for every requirement, which would reject the user's
        own unpinned arguments.  The installed files are compared with the
        checked ones afterwards instead (``differences``).
        """
        lines = []
        for package in self.packages:
            if package.direct or package.source in ("vcs", "directory"):
                continue  # named by URL or path: pip installs that very thing
            lines.append(f"{package.name}=={package.version}\n")
        return "".join(lines)


def parse(text: str) -> Resolution:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ReportError(f"pip's report is not JSON: {exc}") from None
    if not isinstance(data, dict) or str(data.get("version")) != "1":
        version = data.get("version") if isinstance(data, dict) else None
        raise ReportError(f"pip's report has an unknown format version {version!r}")
    environment = data.get("environment") or {}
    items = data.get("install")
    if not isinstance(items, list) or not isinstance(environment, dict):
        raise ReportError("pip's report has no list of packages to install")
    return Resolution([_package(item) for item in items], environment)


def _package(item: object) -> Package:
    if not isinstance(item, dict):
        raise ReportError("pip's report lists something that is not a package")
    metadata = item.get("metadata") or {}
    info = item.get("download_info") or {}
    name, version = metadata.get("name"), metadata.get("version")
    if not isinstance(name, str) or not isinstance(version, str) or not isinstance(info, dict):
        raise ReportError("pip's report lists a package without a name and version")
    url = str(info.get("url", ""))
    sha256 = None
    if "vcs_info" in info:
        source = "vcs"
    elif "dir_info" in info:
        source = "directory"
    else:
        archive = info.get("archive_info") or {}
        hashes = archive.get("hashes") or {}
        sha256 = hashes.get("sha256")
        legacy = str(archive.get("hash", ""))
        if sha256 is None and legacy.startswith("sha256="):
            sha256 = legacy[len("sha256=") :]
        filename = url.split("#", 1)[0].lower()
        source = "wheel" if filename.endswith(".whl") else "sdist"
    return Package(
        name,
        version,
        url,
        source,
        sha256=sha256,
        direct=bool(item.get("is_direct")),
        requested=bool(item.get("requested")),
        extras=tuple(item.get("requested_extras") or ()),
        requires=tuple(metadata.get("requires_dist") or ()),
    )


def _edges(resolution: Resolution) -> dict[str, list[str]]:
    """Which packages in the report each package requires, given its extras."""
    from packaging.markers import InvalidMarker, UndefinedComparison, UndefinedEnvironmentName
    from packaging.requirements import InvalidRequirement, Requirement

    present = {p.key for p in resolution.packages}
    parsed: dict[str, list[Requirement]] = {}
    extras: dict[str, set[str]] = {p.key: {canonicalize(e) for e in p.extras} for p in resolution}
    for package in resolution.packages:
        reqs = []
        for line in package.requires:
            try:
                req = Requirement(line)
            except InvalidRequirement:
                continue
            reqs.append(req)
            child = canonicalize(req.name)
            if child in extras:
                extras[child].update(canonicalize(e) for e in req.extras)
        parsed[package.key] = reqs
    edges: dict[str, list[str]] = {}
    for package in resolution.packages:
        children = []
        for req in parsed[package.key]:
            child = canonicalize(req.name)
            if child not in present or child == package.key:
                continue
            if req.marker is not None:
                applies = False
                for extra in sorted({"", *extras[package.key]}):
                    try:
                        env = {**resolution.environment, "extra": extra}
                        applies = req.marker.evaluate(env)
                    except (InvalidMarker, UndefinedComparison, UndefinedEnvironmentName):
                        applies = True  # explaining, not resolving: keep the edge
                    if applies:
                        break
                if not applies:
                    continue
            children.append(child)
        edges[package.key] = sorted(set(children))
    return edges


def _chains(resolution: Resolution) -> dict[str, tuple[Package, ...]]:
    by_key = {p.key: p for p in resolution.packages}
    edges = _edges(resolution)
    chains: dict[str, tuple[Package, ...]] = {}
    queue = [p for p in resolution.packages if p.requested]
    for root in queue:
        chains[root.key] = (root,)
    # breadth first, so each chain is a shortest one
    for package in queue:
        for child in edges.get(package.key, ()):
            if child not in chains:
                chains[child] = (*chains[package.key], by_key[child])
                queue.append(by_key[child])
    return chains


def differences(checked: Resolution, installed: Resolution) -> list[str]:
    """What pip installed that is not what was checked (empty when all is as checked)."""
    by_key = {p.key: p for p in checked}
    problems = []
    for package in installed:
        was = by_key.get(package.key)
        if was is None:
            problems.append(f"pip installed {package}, which was not in the checked resolution")
        elif was.version != package.version:
            problems.append(f"pip installed {package}, but {was} was checked")
        elif was.sha256 and package.sha256 and was.sha256 != package.sha256:
            problems.append(
                f"pip installed {package} from a file other than the one checked "
                f"({package.filename}, sha256 {package.sha256[:12]}... instead of "
                f"{was.sha256[:12]}...)"
            )
    return problems
