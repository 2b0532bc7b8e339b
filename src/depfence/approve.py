"""``depfence approve NAME...``: write ``# depfence: approve`` on new dependencies' lines.

The approval is a comment on the dependency's own line, so it shows up in the
same diff hunk as the dependency, works in every manifest format, and leaves
with the dependency when it is removed.  Only the marked lines change: the
comment is appended (on the last line of a backslash-continued requirement),
everything else keeps its bytes.  The edited file must parse to the same
dependencies and carry the approval, or nothing is written; writing goes to a
temporary file renamed over the original.
"""

from __future__ import annotations

import os
import re

from depfence import rules, suppress
from depfence.files import Files, ReadError, decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from depfence.config import Resolver
    from depfence.git import Base
    from depfence.model import Dependency, Manifest


class ApproveError(Exception):
    """Nothing was written; ``str()`` says why in one line."""


class Approval:
    """An approval on ``path:line``; ``written`` is False when it was already there."""

    __slots__ = ("line", "name", "path", "written")

    def __init__(self, path: str, line: int, name: str, written: bool) -> None:
        self.path = path
        self.line = line
        self.name = name
        self.written = written


def approve(
    names: Sequence[str], paths: Sequence[str], resolver: Resolver, base: Base
) -> tuple[list[Approval], list[str]]:
    """Approve each new dependency named: the approvals, and the names that are not new.

    ``base`` must be ``required`` (outside a repository nothing is new).
    """
    from depfence import engine
    from depfence.names import canonicalize

    wanted = {canonicalize(name): name for name in names}
    files = Files()
    result = engine.check(paths, resolver, files, base)
    targets: dict[str, list[Dependency]] = {}
    owners: dict[str, Manifest] = {}
    found: set[str] = set()
    approvals: list[Approval] = []
    by_location = {d.location: d for m in result.manifests for d in m.dependencies}
    for finding in result.findings:
        dep = by_location.get(finding.location)
        if finding.code != rules.NEW_DEPENDENCY.code or dep is None or dep.key not in wanted:
            continue
        found.add(dep.key)
        if finding.evidence.get("approved"):
            approvals.append(Approval(dep.location.path, dep.location.line, dep.name, False))
            continue
        path = dep.location.path
        targets.setdefault(path, []).append(dep)
        owners.setdefault(path, next(m for m in result.manifests if dep in m.dependencies))
    # every file is edited and verified before the first one is written
    edits = {path: _edit(path, deps, owners[path], files) for path, deps in targets.items()}
    for path, data in sorted(edits.items()):
        write_atomic(path, data)
        approvals.extend(Approval(path, d.location.line, d.name, True) for d in targets[path])
    missing = [name for key, name in wanted.items() if key not in found]
    return sorted(approvals, key=lambda a: (a.path, a.line)), missing


def _edit(path: str, deps: list[Dependency], owner: Manifest, files: Files) -> bytes:
    """The new bytes of ``path`` with approvals on the lines of ``deps``, checked by re-parsing."""
    from depfence import manifests

    try:
        with open(path, "rb") as f:
            data = f.read()
        text = decode(data)
    except (OSError, ReadError) as exc:
        raise ApproveError(f"{path}: cannot read: {exc}") from None
    if text != files.read(path):
        raise ApproveError(f"{path}: changed while depfence was reading it; run it again")
    bom = data.startswith(b"\xef\xbb\xbf")
    lines = text.split("\n")
    per_line: dict[int, int] = {}
    for dep in owner.dependencies:
        if dep.location.path == path:
            per_line[dep.location.line] = per_line.get(dep.location.line, 0) + 1
    for dep in deps:
        index = dep.location.line - 1
        # a requirement continued with backslashes takes its comment on its last line
        while index + 1 < len(lines) and lines[index].rstrip("\r").endswith("\\"):
            index += 1
        shared = per_line.get(dep.location.line, 0) > 1
        lines[index] = annotate(lines[index], dep.name, shared)
    new_text = "\n".join(lines)

    kind = manifests.kind_of(owner.path) or owner.kind
    view = Files({path: new_text})
    edited = os.path.normpath(path)

    def read(name: str) -> str:
        return view.read(name) if os.path.normpath(name) == edited else files.read(name)

    reparsed = manifests.parse(owner.path, kind, read)
    if _shape(reparsed) != _shape(owner) or len(reparsed.problems) > len(owner.problems):
        where = ", ".join(str(n) for n in sorted({d.location.line for d in deps}))
        raise ApproveError(
            f"{path}:{where}: a comment there would change what the file means; put the "
            "requirement on a line of its own, or list it under allow in [tool.depfence]"
        )
    from depfence.checks.new_dependency import approved

    marked = {d.location for d in deps}
    for dep in reparsed.dependencies:
        if dep.location in marked and not approved(dep, view):
            line = dep.location.line
            raise ApproveError(f"{path}:{line}: cannot place an approval comment on this line")
    return (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8")


def _shape(manifest: Manifest) -> list[tuple[object, ...]]:
    return [
        (d.key, d.specifier, d.url, d.marker, d.section, d.group, d.extras, d.location)
        for d in manifest.dependencies
    ]


def annotate(line: str, name: str, shared: bool) -> str:
    """``line`` with an approval for ``name``; ``shared`` when other dependencies sit on it."""
    body, ending = (line[:-1], "\r") if line.endswith("\r") else (line, "")
    match = re.search(suppress.APPROVE, body)
    if match is not None:
        if match.group(1) is None:
            return line
        listed = [item.strip() for item in match.group(1).split(",") if item.strip()]
        directive = f"depfence: approve[{', '.join([*listed, name])}]"
        return body[: match.start()] + directive + body[match.end() :] + ending
    directive = f"depfence: approve[{name}]" if shared else "depfence: approve"
    return body.rstrip(" \t") + f"  # {directive}{ending}"


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file's content all at once; on any error the original stays as it was."""
    target = os.path.realpath(path)  # write through a symlink, do not replace it
    folder = os.path.dirname(target)
    temporary = os.path.join(folder, f".{os.path.basename(target)}.depfence-{os.getpid()}.tmp")
    try:
        mode = os.stat(target).st_mode & 0o7777
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as exc:
        raise ApproveError(f"{path}: cannot write: {exc.strerror or exc}") from None
