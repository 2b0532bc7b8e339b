"""``mutable-reference``: a direct reference must name something that cannot change."""

from __future__ import annotations

import re

from depfence import rules

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from depfence.config import Config
    from depfence.model import Dependency, Finding, Manifest

_VCS = ("git+", "hg+", "svn+", "bzr+")
# Patterns, not compiled objects: compiling costs time on every run, and these
# are needed only for the few dependencies that have a URL (re caches them).
_COMMIT = r"(?i)^(?:[0-9a-f]{40}|[0-9a-f]{64})$"
_SVN_REVISION = r"^r?\d+$"
_ARCHIVE_HASH = r"(?i)[#&](?:sha256|sha384|sha512)=[0-9a-f]+"


def _vcs_revision(url: str) -> str | None:
    """The ``@revision`` of a VCS URL, or ``None`` when it names none."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    scheme_end = path.find("://")
    rest = path[scheme_end + 3 :] if scheme_end >= 0 else path
    # an @ before the first / belongs to user@host, not to the revision
    slash = rest.find("/")
    at = rest.rfind("@")
    if at <= slash:
        return None
    return rest[at + 1 :]


def problem(dep: Dependency) -> str | None:
    """Why the dependency's URL can change under us, or ``None`` when it cannot."""
    url = dep.url
    if url is None:
        return None
    label = dep.name or url
    if url.lower().startswith(_VCS):
        revision = _vcs_revision(url)
        if url.lower().startswith("svn+") and revision and re.match(_SVN_REVISION, revision):
            return None
        if revision is None:
            return f"'{label}' follows the default branch of {url}: pin a full commit hash (@<sha>)"
        if not re.match(_COMMIT, revision):
            return (
                f"'{label}' points at '{revision}', a branch, tag or short hash that can move: "
                "pin the full commit hash"
            )
        if url.lower().startswith(("git+http://", "hg+http://", "bzr+http://")):
            return f"'{label}' is fetched over plain http://: use https://"
        return None
    if url.lower().startswith("http://"):
        return (
            f"'{label}' is downloaded over plain http://, which can be tampered with: use https://"
        )
    remote = "://" in url and not url.lower().startswith("file:")
    if remote and not re.search(_ARCHIVE_HASH, url) and not dep.hashes:
        return (
            f"'{label}' downloads {url} with no hash: add #sha256=<hash> to the URL "
            "(or a --hash) so a replaced file is refused"
        )
    return None


def check(manifest: Manifest, config: Config) -> Iterator[Finding]:
    for dep in manifest.dependencies:
        message = problem(dep)
        if message is not None:
            yield rules.MUTABLE_REFERENCE.finding(dep.location, message, package=dep.name or None)
