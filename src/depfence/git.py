"""The base side of a change: manifests as they were before it, read from git.

Which base, and which new side (see docs/review-workflow.md):

* a commit (the default): the base is ``HEAD`` (and ``MERGE_HEAD`` too while a
  merge is being committed); the new side is the file as given, from the work
  tree or stdin.  pre-commit stashes unstaged changes before running hooks, so
  during a hook run the work tree holds exactly what is staged.
* ``PRE_COMMIT_FROM_REF`` / ``PRE_COMMIT_TO_REF`` (pre-push, ``pre-commit run
  --from-ref/--to-ref``): the base is the merge base of the two refs and the
  new side is the to-ref's version of each file.
* ``depfence check --base REF``: the base is the merge base of REF and ``HEAD``;
  the new side is the file as given.

Speed: one ``git cat-file --batch`` process serves every blob a run needs (the
manifests and the files they include, on demand; see ``depfence.gitio``, which
is imported only once a work tree is found).  ``git merge-base`` runs only with
a ref range, and ``git diff`` (to follow a renamed manifest) only when a
manifest is absent from the base.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from depfence.gitio import CatFile, Revision


class GitError(Exception):
    """git cannot give the base; ``str()`` is one line that says what to do."""


class Unavailable(GitError):
    """No comparison is possible here (not a repository, no git): skip it with a notice."""


def toplevel(environ: Mapping[str, str], cwd: str | None = None) -> str | None:
    """The work tree that holds ``cwd``, found as git finds it, without running git."""
    if environ.get("GIT_WORK_TREE"):
        return os.path.abspath(environ["GIT_WORK_TREE"])
    folder = os.path.abspath(cwd or os.curdir)
    if environ.get("GIT_DIR"):
        return folder
    ceilings = {
        os.path.abspath(p)
        for p in environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep)
        if p
    }
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder or parent in ceilings:
            return None
        folder = parent


class Base:
    """What a check compares with.  Nothing runs until ``open()``."""

    def __init__(
        self,
        ref: str | None = None,
        environ: Mapping[str, str] | None = None,
        *,
        required: bool = False,
    ) -> None:
        self._environ = os.environ if environ is None else environ
        from_ref = self._environ.get("PRE_COMMIT_FROM_REF")
        to_ref = self._environ.get("PRE_COMMIT_TO_REF")
        # without a repository an explicit --base is an error, the default base a notice
        self.required = required or ref is not None
        self._range = (ref, None) if ref else (from_ref, to_ref) if from_ref and to_ref else None
        self._cat: CatFile | None = None
        self._top = ""
        self._old: list[Revision] = []
        self._new: Revision | None = None
        self._renames: dict[str, str] | None = None
        self._diff_args: list[str] = []
        self._head: Revision | None = None  # HEAD, until we know whether it exists

    @property
    def description(self) -> str:
        if self._range is None:
            return "HEAD"
        return f"the merge base of {self._range[0]} and {self._range[1] or 'HEAD'}"

    def open(self, paths: Iterable[str] = ()) -> None:
        """Find the base revisions and ask git for ``paths`` there (raises ``GitError``).

        The repository is the one holding the first path (or the current folder).
        """
        if self._cat is not None:
            return
        paths = list(paths)
        self._old, self._new, self._renames = [], None, None
        top = toplevel(self._environ, os.path.dirname(os.path.abspath(paths[0])) if paths else None)
        if top is None:
            raise Unavailable("not in a git repository")
        self._top = top
        from depfence.gitio import CatFile, Revision

        self._cat = cat = CatFile(self._environ, top)
        if self._range is None:
            head = Revision(cat, "HEAD", top, "HEAD")
            # "HEAD" says whether there is a commit yet; MERGE_HEAD whether a merge is underway
            # asked now, read when needed: git works while the new side is parsed
            cat.ask(["HEAD", "MERGE_HEAD", *filter(None, map(head.spec, paths))])
            self._head = head
        else:
            since, until = self._range
            commit = self._merge_base(since or "", until or "HEAD")
            label = f"the merge base of {since} and {until or 'HEAD'} ({commit[:12]})"
            old = Revision(cat, commit, top, label)
            self._old.append(old)
            specs = list(filter(None, map(old.spec, paths)))
            self._diff_args = [commit]
            if until:
                self._new = Revision(cat, until, top, until)
                self._diff_args.append(until)
                specs += filter(None, map(self._new.spec, paths))
            cat.ask(specs)

    def _merge_base(self, since: str, until: str) -> str:
        for rev in (since, until):
            if rev.startswith("-"):
                raise GitError(f"not a git revision: {rev}")
        code, out, error = self._run(["merge-base", since, until])
        if code == 0 and out.strip():
            return out.decode("ascii").strip()
        if "not a git repository" in error:
            raise Unavailable("not in a git repository")
        shallow = self._run(["rev-parse", "--is-shallow-repository"])[1].strip()
        if code == 1 and shallow == b"true":
            raise GitError(
                f"cannot find the merge base of {since} and {until}: this shallow clone lacks "
                "their common history; fetch it with `git fetch --unshallow` (in CI: "
                "`fetch-depth: 0` with actions/checkout)"
            )
        if code == 1:
            raise GitError(f"{since} and {until} have no common ancestor to compare with")
        remote, _, branch = since.partition("/")
        how = (
            f"`git fetch {remote} {branch}:refs/remotes/{since}`"
            if branch
            else f"`git fetch origin {since}`"
        )
        raise GitError(
            f"cannot compare with {since}: {error.removeprefix('fatal: ') or f'exit code {code}'}"
            f"; fetch it first, e.g. {how} (in CI: `fetch-depth: 0` with actions/checkout)"
        )

    def _run(self, args: list[str]) -> tuple[int, bytes, str]:
        from depfence.gitio import run

        return run(["-C", self._top, *args], self._environ)

    def covers(self, path: str) -> bool:
        """Whether ``path`` is inside the work tree compared (False before ``open``)."""
        if not self._top:
            return False
        relative = os.path.relpath(os.path.abspath(path), self._top)
        return not (relative == os.pardir or relative.startswith(os.pardir + os.sep))

    def old(self) -> list[Revision]:
        """The base revisions (none before the first commit)."""
        head, self._head = self._head, None
        cat = self._cat
        if head is not None and cat is not None and cat.get("HEAD") is not None:
            self._old.append(head)
            self._diff_args = ["--cached", "HEAD"]
            if cat.get("MERGE_HEAD") is not None:
                from depfence.gitio import Revision

                self._old.append(Revision(cat, "MERGE_HEAD", self._top, "MERGE_HEAD"))
        return self._old

    def new(self) -> Revision | None:
        """The to-ref's files when they are the new side; None for the files as given."""
        return self._new

    def renamed_from(self, path: str) -> str | None:
        """The path (from the current folder) that ``path`` had in the base, if it was renamed."""
        if not self.old():
            return None
        if self._renames is None:
            args = ["-c", "diff.relative=false", "diff", "--name-status", "-z", "-M"]
            code, out, error = self._run([*args, "--no-ext-diff", *self._diff_args])
            if code != 0:
                raise GitError(f"git diff failed ({error or f'exit code {code}'})")
            self._renames = {}
            fields = out.decode("utf-8", "surrogateescape").split("\0")
            i = 0
            while i < len(fields) - 1:
                status = fields[i]
                if status[:1] in ("R", "C"):
                    if status[0] == "R":
                        self._renames[fields[i + 2]] = fields[i + 1]
                    i += 3
                else:
                    i += 2
        relative = os.path.relpath(os.path.abspath(path), self._top).replace(os.sep, "/")
        old = self._renames.get(relative)
        return None if old is None else os.path.relpath(os.path.join(self._top, old))

    def close(self) -> None:
        if self._cat is not None:
            self._cat.close()
