"""``depfence server`` driven over stdio with real, Content-Length framed JSON-RPC."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from depfence import cli

TIMEOUT = 20.0  # seconds for any one message; a healthy server answers in milliseconds

Message = dict[str, Any]


class Client:
    """A minimal LSP client: frames messages, reads them on a thread, times out."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "NO_COLOR": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "depfence", "server"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.inbox: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    self.inbox.put(None)
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            assert length is not None, "a message without Content-Length"
            self.inbox.put(json.loads(stream.read(length)))

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Message) -> None:
        self.send({"method": method, "params": params})

    def _next(self) -> Message:
        try:
            message = self.inbox.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"no message from the server in {TIMEOUT} s") from None
        if message is None:
            assert self.proc.stderr is not None
            raise AssertionError(f"server exited: {self.proc.stderr.read().decode()}")
        return message

    def request(self, method: str, params: Message) -> Any:
        self._next_id += 1
        self.send({"id": self._next_id, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == self._next_id and "method" not in message:
                assert "error" not in message, message["error"]
                return message["result"]
            self._handle(message)

    def _handle(self, message: Message) -> None:
        if "id" in message and "method" in message:  # a request from the server
            self.send({"id": message["id"], "result": None})
        else:
            self.notifications.append(message)

    def wait_for(self, predicate: Callable[[Message], bool]) -> Message:
        for message in self.notifications:
            if predicate(message):
                self.notifications.remove(message)
                return message
        while True:
            message = self._next()
            if predicate(message):
                return message
            self._handle(message)

    def diagnostics(self, uri: str, version: int | None = None) -> list[Message]:
        def published(message: Message) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return bool(
                params["uri"] == uri and (version is None or params.get("version") == version)
            )

        return list(self.wait_for(published)["params"]["diagnostics"])

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.request("shutdown", {})
                self.notify("exit", {})
                self.proc.wait(timeout=TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=TIMEOUT)
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    lsp = Client(tmp_path)
    try:
        result = lsp.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": tmp_path.as_uri(), "capabilities": {}},
        )
        assert result["serverInfo"]["name"] == "depfence"
        lsp.notify("initialized", {})
        yield lsp
    finally:
        lsp.close()


def _open(client: Client, path: Path, text: str, language: str = "pip-requirements") -> str:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    return uri


def _change(client: Client, uri: str, version: int, text: str) -> None:
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}],
        },
    )


SQUAT = "requests==2.31.0\nreqeusts==2.31.0\n"


def test_capabilities(tmp_path: Path) -> None:
    lsp = Client(tmp_path)
    try:
        result = lsp.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        capabilities = result["capabilities"]
        assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
        sync = capabilities["textDocumentSync"]
        assert sync["openClose"] is True
        assert sync["save"] is not None and sync["save"] is not False
    finally:
        lsp.close()


def test_diagnostics_on_open_follow_the_buffer_not_the_disk(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_text("requests==2.31.0\n")  # the disk copy is clean; the buffer is not
    uri = _open(client, path, SQUAT)
    [diagnostic] = client.diagnostics(uri)
    assert diagnostic["code"] == "DF101"
    assert diagnostic["source"] == "depfence"
    assert diagnostic["severity"] == 1
    assert diagnostic["range"] == {
        "start": {"line": 1, "character": 0},
        "end": {"line": 1, "character": len("reqeusts")},
    }
    assert "requests" in diagnostic["message"]


def test_diagnostics_on_change_and_incremental_edits(client: Client, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "requirements.txt", SQUAT)
    assert [d["code"] for d in client.diagnostics(uri)] == ["DF101"]
    _change(client, uri, 2, "requests==2.31.0\n")
    assert client.diagnostics(uri, version=2) == []
    # an incremental edit: make line 1 unpinned
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [
                {
                    "range": {
                        "start": {"line": 0, "character": 8},
                        "end": {"line": 0, "character": 16},
                    },
                    "text": "",
                }
            ],
        },
    )
    assert [d["code"] for d in client.diagnostics(uri, version=3)] == ["DF201"]


def test_save_rereads_configuration_from_the_files_folder(client: Client, tmp_path: Path) -> None:
    project = tmp_path / "app"
    project.mkdir()
    uri = _open(client, project / "requirements.txt", SQUAT)
    assert [d["code"] for d in client.diagnostics(uri)] == ["DF101"]
    (project / "pyproject.toml").write_text('[tool.depfence]\nallow = ["reqeusts"]\n')
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []


def test_close_clears_diagnostics(client: Client, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "requirements.txt", SQUAT)
    assert client.diagnostics(uri)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []


def test_files_that_are_not_manifests_get_no_diagnostics(client: Client, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "notes.txt", SQUAT, language="plaintext")
    assert client.diagnostics(uri) == []


def _actions(client: Client, uri: str, line: int) -> list[Message]:
    position = {"line": line, "character": 0}
    return list(
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {"start": position, "end": position},
                "context": {"diagnostics": []},
            },
        )
    )


def _apply(text: str, edit: Message) -> str:
    lines = text.splitlines(keepends=True)
    start, end = edit["range"]["start"], edit["range"]["end"]
    assert start["line"] == end["line"]
    line = lines[start["line"]]
    lines[start["line"]] = line[: start["character"]] + edit["newText"] + line[end["character"] :]
    return "".join(lines)


def test_quick_fix_replaces_a_typosquat(client: Client, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "requirements.txt", SQUAT)
    client.diagnostics(uri)
    actions = _actions(client, uri, 1)
    replace = next(a for a in actions if a["title"].startswith("Replace"))
    assert replace["kind"] == "quickfix"
    assert replace["isPreferred"] is True
    assert replace["diagnostics"][0]["code"] == "DF101"
    [edit] = replace["edit"]["changes"][uri]
    assert edit == {
        "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 8}},
        "newText": "requests",
    }
    assert _actions(client, uri, 0) == []  # nothing to fix on a clean line


def test_quick_fix_adds_an_inline_ignore_that_works(client: Client, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "requirements.txt", SQUAT)
    client.diagnostics(uri)
    ignore = next(a for a in _actions(client, uri, 1) if a["title"].startswith("Ignore"))
    [edit] = ignore["edit"]["changes"][uri]
    fixed = _apply(SQUAT, edit)
    assert fixed.splitlines()[1] == "reqeusts==2.31.0  # depfence: ignore[typosquat]"
    _change(client, uri, 2, fixed)
    assert client.diagnostics(uri, version=2) == []


def test_quick_fix_in_pyproject_uses_a_toml_comment(client: Client, tmp_path: Path) -> None:
    text = '[project]\nname = "x"\ndependencies = [\n    "reqeusts>=2",\n]\n'
    uri = _open(client, tmp_path / "pyproject.toml", text, language="toml")
    codes = [d["code"] for d in client.diagnostics(uri)]
    assert "DF101" in codes
    actions = _actions(client, uri, 3)
    replace = next(a for a in actions if a["title"].startswith("Replace"))
    [edit] = replace["edit"]["changes"][uri]
    assert _apply(text, edit).splitlines()[3] == '    "requests>=2",'
    ignore = next(a for a in actions if a["title"] == "Ignore typosquat on this line")
    [edit] = ignore["edit"]["changes"][uri]
    fixed = _apply(text, edit)
    assert fixed.splitlines()[3] == '    "reqeusts>=2",  # depfence: ignore[typosquat]'
    _change(client, uri, 2, fixed)
    assert "DF101" not in [d["code"] for d in client.diagnostics(uri, version=2)]


def test_new_dependencies_against_head_and_the_approve_fix(client: Client, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "requirements.txt").write_text("requests==2.31.0\n")
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "requirements.txt"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "i"],
    ):
        subprocess.run(command, cwd=repo, check=True, capture_output=True, timeout=60)
    text = "requests==2.31.0\nacme-internal-thing==1.0.0\n"
    uri = _open(client, repo / "requirements.txt", text)
    [diagnostic] = client.diagnostics(uri)
    assert diagnostic["code"] == "DF301"
    assert diagnostic["range"]["start"] == {"line": 1, "character": 0}
    [approve] = _actions(client, uri, 1)
    assert approve["title"] == "Approve 'acme-internal-thing' (reviewed)"
    [edit] = approve["edit"]["changes"][uri]
    _change(client, uri, 2, _apply(text, edit))
    # an approved dependency stays visible to reviewers, as information
    [after] = client.diagnostics(uri, version=2)
    assert (after["code"], after["severity"]) == ("DF301", 3)
    assert "approved" in after["message"]


def test_server_without_pygls_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delitem(sys.modules, "depfence.server", raising=False)
    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    assert cli.main(["server"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 'depfence[lsp]'" in err
