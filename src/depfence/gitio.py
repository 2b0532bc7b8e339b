"""Talking to git: child processes, and one ``git cat-file --batch`` for a whole run.

Children are started with ``os.posix_spawn`` because ``import subprocess``
alone costs about half an interpreter start.  ``depfence.git`` imports this
module only once it has found a work tree, so a check outside git never loads
it.
"""

from __future__ import annotations

import os

from depfence.files import Files, ReadError, decode
from depfence.git import GitError, Unavailable

TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from collections.abc import Iterable, Mapping
    from typing import IO

# SIGPIPE is 13 on Linux, macOS and the BSDs; importing `signal` for it costs ~0.4 ms
_SIGPIPE = 13


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
