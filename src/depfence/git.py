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
manifests and the files they include, on demand), started with
``os.posix_spawn`` because ``import subprocess`` alone costs about half an
interpreter start.  ``git merge-base`` runs only with a ref range, and ``git
diff`` (to follow a renamed manifest) only when a manifest is absent from the
base.
"""

from __future__ import annotations

import os

from depfence.files import Files, ReadError, decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from collections.abc import Iterable, Mapping
    from typing import IO

# SIGPIPE is 13 on Linux, macOS and the BSDs; importing `signal` for it costs ~0.4 ms
_SIGPIPE = 13


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


def _which(name: str, environ: Mapping[str, str]) -> str:
    for folder in environ.get("PATH", os.defpath).split(os.pathsep):
        candidate = os.path.join(folder or os.curdir, name)
        if os.access(candidate, os.X_OK) and not os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(2, f"{name} is not on PATH")


class _Process:
    """A git child process with pipes on its standard streams."""

    def __init__(self, args: list[str], environ: Mapping[str, str]) -> None:
        argv = ["git", *args]
        if not hasattr(os, "posix_spawn"):  # Windows
            import subprocess

            try:
                popen = subprocess.Popen(
                    argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    env=dict(environ),
                )  # fmt: skip
            except OSError as exc:
                raise Unavailable(f"cannot run git: {exc.strerror or exc}") from None
            assert popen.stdin and popen.stdout and popen.stderr
            self.stdin: IO[bytes] = popen.stdin
            self.stdout: IO[bytes] = popen.stdout
            self.stderr: IO[bytes] = popen.stderr
            self._popen: subprocess.Popen[bytes] | None = popen
            return
        child_in, parent_in = os.pipe()
        parent_out, child_out = os.pipe()
        parent_err, child_err = os.pipe()
        # os.pipe() descriptors are close-on-exec; dup2 clears the flag on 0, 1 and 2 only
        actions = [
            (os.POSIX_SPAWN_DUP2, child_in, 0),
            (os.POSIX_SPAWN_DUP2, child_out, 1),
            (os.POSIX_SPAWN_DUP2, child_err, 2),
        ]
        try:
            # posix_spawnp would try every PATH entry inside the child, with the parent blocked
            executable = _which("git", environ)
            pid = os.posix_spawn(
                executable, argv, dict(environ), file_actions=actions, setsigdef=(_SIGPIPE,)
            )
        except OSError as exc:
            for fd in (parent_in, parent_out, parent_err):
                os.close(fd)
            raise Unavailable(f"cannot run git: {exc.strerror or exc}") from None
        finally:
            for fd in (child_in, child_out, child_err):
                os.close(fd)
        self.stdin = os.fdopen(parent_in, "wb")
        self.stdout = os.fdopen(parent_out, "rb")
        self.stderr = os.fdopen(parent_err, "rb")
        self._popen = None
        self._pid = pid

    def finish(self) -> tuple[int, str]:
        """Close the pipes, wait for the exit; the exit code and the first line of stderr."""
        for stream in (self.stdin, self.stdout):
            try:  # noqa: SIM105 (contextlib is not loaded yet; importing it costs)
                stream.close()
            except OSError:
                pass
        error = self.stderr.read().decode("utf-8", "replace").strip()
        self.stderr.close()
        if self._popen is not None:
            code = self._popen.wait()
        else:
            code = os.waitstatus_to_exitcode(os.waitpid(self._pid, 0)[1])
        return code, error.splitlines()[0] if error else ""


def run(args: list[str], environ: Mapping[str, str]) -> tuple[int, bytes, str]:
    """Run ``git ARGS`` to the end: exit code, stdout, first line of stderr."""
    process = _Process(args, environ)
    process.stdin.close()
    out = process.stdout.read()
    code, error = process.finish()
    return code, out, error


class CatFile:
    """One ``git cat-file --batch`` for a whole run; objects are asked for ahead and cached.

    At most ``AHEAD`` bytes of requests are in flight: git stops reading requests
    while its answers fill the pipe, and we must never block writing then.
    """

    AHEAD = 16 * 1024

    def __init__(self, environ: Mapping[str, str], top: str) -> None:
        self._environ = environ
        self._top = top
        self._process: _Process | None = None
        self._backlog: list[str] = []  # asked for, not yet sent
        self._pending: list[str] = []  # sent, answer not yet read
        self._in_flight = 0
        self._cache: dict[str, tuple[str, bytes] | None] = {}

    def ask(self, names: Iterable[str]) -> None:
        """Request objects now so git works while we parse; read them later with ``get``."""
        known = {*self._cache, *self._pending, *self._backlog}
        self._backlog.extend(n for n in dict.fromkeys(names) if n not in known and "\n" not in n)
        self._send()

    def _send(self) -> None:
        batch = []
        while self._backlog and (
            not self._pending or self._in_flight + len(self._backlog[0]) < self.AHEAD
        ):
            name = self._backlog.pop(0)
            batch.append(name + "\n")
            self._pending.append(name)
            self._in_flight += len(name) + 1
        if not batch:
            return
        if self._process is not None and self._process.stdin.closed:  # released, asked again
            self._process.finish()
            self._process = None
        if self._process is None:
            self._process = _Process(["-C", self._top, "cat-file", "--batch"], self._environ)
        try:
            self._process.stdin.write("".join(batch).encode("utf-8", "surrogateescape"))
            self._process.stdin.flush()
        except BrokenPipeError:
            self._fail()

    def get(self, name: str) -> tuple[str, bytes] | None:
        """``(type, content)`` of the object ``name`` (``REV:PATH``, ``HEAD``), None if missing."""
        if "\n" in name:
            return None
        self.ask([name])
        while name not in self._cache:
            self._read_one()
        return self._cache[name]

    def _read_one(self) -> None:
        assert self._process is not None
        name = self._pending.pop(0)
        self._in_flight -= len(name) + 1
        stdout = self._process.stdout
        header = stdout.readline()
        if not header.endswith(b"\n"):
            self._fail()
        fields = header.split()
        if len(fields) == 3 and fields[2].isdigit():
            size = int(fields[2])
            content = stdout.read(size + 1)
            if len(content) != size + 1:
                self._fail()
            self._cache[name] = (fields[1].decode("ascii"), content[:-1])
        else:  # "NAME missing", "NAME ambiguous"
            self._cache[name] = None
        self._send()

    def _fail(self) -> None:
        assert self._process is not None
        code, error = self._process.finish()
        self._process = None
        if "not a git repository" in error:
            raise Unavailable("not in a git repository")
        raise GitError(f"git cat-file failed ({error or f'exit code {code}'})")

    def release(self) -> None:
        """No more requests for now: git exits while we work, so ``close`` waits less."""
        if self._process is not None and not self._pending and not self._backlog:
            self._process.stdin.close()

    def close(self) -> None:
        if self._process is not None:
            self._process.finish()
            self._process = None


class Revision(Files):
    """The files of one commit, readable like ``Files`` (includes resolve in the commit too)."""

    def __init__(self, cat: CatFile, rev: str, top: str, label: str) -> None:
        super().__init__()
        self.rev = rev
        self.label = label
        self._cat = cat
        self._top = top

    def spec(self, path: str) -> str | None:
        """``REV:path/from/top`` for a path given relative to the current folder."""
        relative = os.path.relpath(os.path.abspath(path), self._top)
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return None
        return f"{self.rev}:{relative.replace(os.sep, '/')}"

    def exists(self, path: str) -> bool:
        spec = self.spec(path)
        found = self._cat.get(spec) if spec else None
        return found is not None and found[0] == "blob"

    def read(self, path: str) -> str:
        key = os.path.normpath(path)
        if key in self._texts:
            return self._texts[key]
        spec = self.spec(path)
        if spec is None:
            raise ReadError(f"outside the git work tree {self._top}")
        found = self._cat.get(spec)
        if found is None or found[0] != "blob":
            raise ReadError(f"not in {self.label}")
        self._texts[key] = text = decode(found[1])
        return text


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

    def release(self) -> None:
        """The base has been read: git may exit (a later read starts it again)."""
        if self._cat is not None:
            self._cat.release()

    def close(self) -> None:
        if self._cat is not None:
            self._cat.close()
