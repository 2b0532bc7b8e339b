"""The editor recipes in the README parse what depfence really prints.

Each recipe is read from the docs file itself (the fenced block after its
``<!-- recipe: NAME -->`` marker), so a change to the output format or to a
recipe that breaks the other fails here.  Patterns of editors that are not
installed are translated to Python regular expressions; where the editor is
installed (Vim, Emacs with Flycheck) it parses the output itself.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from depfence import checkargs
from depfence.cli import _parser
from depfence.manifests import kind_of

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "README.md"

MANIFEST = """\
--extra-index-url https://example.org/simple
requests==2.31.0
reqeusts==2.31.0
flask>=2
"""

Finding = tuple[str, int, int, str, str]  # path, line, column, code, message


def recipe(name: str) -> str:
    text = DOC.read_text("utf-8")
    match = re.search(
        rf"^<!-- recipe: {re.escape(name)} -->\n```[a-z]*\n(.*?)^```$", text, re.M | re.S
    )
    assert match is not None, f"no recipe {name!r} in {DOC.name}"
    return match.group(1)


def depfence(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "depfence", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "requirements.txt").write_text(MANIFEST)
    return tmp_path


def expected(project: Path, path: str) -> list[Finding]:
    """The findings, from the JSON output (the ground truth the patterns must recover)."""
    out = depfence("check", "--format", "json", path, cwd=project)
    findings = json.loads(out.stdout)["findings"]
    assert {f["code"] for f in findings} >= {"DF101", "DF201", "DF204"}, out.stdout + out.stderr
    return [(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in findings]


def text_output(project: Path, path: str) -> str:
    out = depfence("check", path, cwd=project)
    assert out.returncode == 1, out.stderr
    return out.stdout


def parse_lines(regex: re.Pattern[str], output: str, groups: dict[str, int]) -> list[Finding]:
    found = []
    for line in output.splitlines():
        match = regex.match(line)
        if match:
            found.append(
                (
                    match.group(groups["file"]),
                    int(match.group(groups["line"])),
                    int(match.group(groups["column"])),
                    match.group(groups["code"]),
                    match.group(groups["message"]),
                )
            )
    return found


# --- VS Code ------------------------------------------------------------------------------


def test_vscode_problem_matcher_parses_the_output(project: Path) -> None:
    tasks = json.loads(recipe("vscode-tasks"))
    [task] = tasks["tasks"]
    matcher = task["problemMatcher"]
    pattern = matcher["pattern"]
    # the task runs on the saved file: ${file} is its absolute path
    path = str(project / "requirements.txt")
    assert task["args"] == ["check", "${file}"]
    regex = re.compile(pattern["regexp"])  # this JavaScript regex is also Python syntax
    groups = {k: pattern[k] for k in ("file", "line", "column", "code", "message")}
    assert parse_lines(regex, text_output(project, path), groups) == expected(project, path)


def test_the_problem_matcher_also_reads_pre_commits_output(project: Path, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(HOME=str(tmp_path), PRE_COMMIT_HOME=str(tmp_path / ".cache"), NO_COLOR="1")
    files = re.search(r"^\s*files:\s*(.+)$", (REPO / ".pre-commit-hooks.yaml").read_text(), re.M)
    assert files is not None
    # a local hook runs the depfence under test without building an environment (no network)
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        "id": "depfence",
                        "name": "depfence",
                        "entry": f"{shlex.quote(sys.executable)} -m depfence check",
                        "language": "system",
                        "files": files.group(1).strip(),
                    }
                ],
            }
        ]
    }
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    for command in (["git", "init", "-q"], ["git", "add", ".pre-commit-config.yaml"]):
        subprocess.run(command, cwd=project, env=env, check=True, timeout=60)
    [documented] = [shlex.split(line) for line in recipe("pre-commit").splitlines() if line]
    assert documented[:4] == ["pre-commit", "run", "depfence", "--files"]
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", *documented[1:]],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    pattern = json.loads(recipe("vscode-tasks"))["tasks"][0]["problemMatcher"]["pattern"]
    groups = {k: pattern[k] for k in ("file", "line", "column", "code", "message")}
    found = parse_lines(re.compile(pattern["regexp"]), run.stdout, groups)
    assert found == expected(project, "requirements.txt")


SAMPLE_NAMES = [
    "requirements.txt",
    "requirements-dev.txt",
    "dev-requirements.txt",
    "constraints.txt",
    "requirements.in",
    "requirements/base.txt",
    "sub/pyproject.toml",
    "setup.cfg",
    "Pipfile",
    "Pipfile.lock",
    "README.md",
    "notes.txt",
    "Cargo.toml",
    "setup.py",
    "docs/conf.txt",
]


def vscode_glob(pattern: str) -> re.Pattern[str]:
    """VS Code's glob syntax (``**``, ``*``, ``{a,b}``) as a regex on ``/``-separated paths."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "{":
            end = pattern.index("}", i)
            alternatives = pattern[i + 1 : end].split(",")
            out += "(?:" + "|".join(vscode_glob(a).pattern[:-2] for a in alternatives) + ")"
            i = end + 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r"\Z")


def test_vscode_globs_select_exactly_the_manifests() -> None:
    settings = json.loads(recipe("vscode-settings"))
    globs = [vscode_glob(g) for g in settings["triggerTaskOnSave.tasks"]["depfence"]]
    selector = re.search(r'"(\*\*/\{[^"]+)"\s*\+\s*"([^"]+)"', recipe("vscode-extension-js"))
    assert selector is not None
    lsp_glob = vscode_glob(selector.group(1) + selector.group(2))
    json.loads(recipe("vscode-extension"))  # valid JSON
    for name in SAMPLE_NAMES:
        wanted = kind_of(name) is not None
        assert any(g.match(name) for g in globs) == wanted, name
        assert bool(lsp_glob.match(name)) == wanted, name


# --- Neovim -------------------------------------------------------------------------------

_LUA_CLASSES = {"d": r"\d", "a": "[A-Za-z]", "s": r"\s", "w": "[A-Za-z0-9]", "u": "[A-Z]"}


def lua_pattern(pattern: str) -> re.Pattern[str]:
    """A Lua pattern (the subset nvim-lint recipes use) as a Python regex."""
    out = ""
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "%":
            nxt = pattern[i + 1]
            out += _LUA_CLASSES.get(nxt, re.escape(nxt))
            i += 2
            continue
        out += "*?" if char == "-" and out else char
        i += 1
    return re.compile(out)


def test_nvim_lint_pattern_parses_the_stdin_output(project: Path) -> None:
    lua = recipe("nvim-lint")
    match = re.search(r'from_pattern\(\s*"([^"]+)",\s*\{([^}]*)\}', lua)
    assert match is not None
    pattern = lua_pattern(match.group(1))
    names = re.findall(r'"(\w+)"', match.group(2))
    assert names == ["file", "lnum", "col", "code", "message"]
    assert "stdin = true" in lua and '"--stdin-filename"' in lua
    path = str(project / "requirements.txt")
    out = depfence("check", "--stdin-filename", path, "-", cwd=project, stdin=MANIFEST)
    groups = {"file": 1, "line": 2, "column": 3, "code": 4, "message": 5}
    assert parse_lines(pattern, out.stdout, groups) == expected(project, path)


def test_neovim_lsp_recipe_runs_the_server_subcommand() -> None:
    cmd = re.search(r"cmd = \{([^}]*)\}", recipe("nvim-lsp"))
    assert cmd is not None
    assert re.findall(r'"([^"]+)"', cmd.group(1)) == ["depfence", "server"]
    _parser().parse_args(["server"])


# --- Vim ----------------------------------------------------------------------------------


def errorformat_regex(efm: str) -> re.Pattern[str]:
    """``%f``, ``%l``, ``%c``, ``%m`` (and ``\\ `` escapes) of a Vim errorformat."""
    efm = efm.replace("\\ ", " ")
    parts = {"%f": r"(.+?)", "%l": r"(\d+)", "%c": r"(\d+)", "%m": r"(.*)"}
    out = ""
    for token in re.split(r"(%[flcm])", efm):
        out += parts.get(token, re.escape(token))
    return re.compile(out + r"\Z")


def _errorformat() -> str:
    match = re.search(r"errorformat=((?:[^\s\\]|\\.)+)", recipe("vim-make"))
    assert match is not None
    return match.group(1)


def test_vim_errorformat_parses_the_output(project: Path) -> None:
    regex = errorformat_regex(_errorformat())
    found = []
    for line in text_output(project, "requirements.txt").splitlines():
        match = regex.match(line)
        assert match is not None, line
        path, lnum, col, text = match.groups()
        found.append((path, int(lnum), int(col), *text.split(" ", 1)))
    assert found == expected(project, "requirements.txt")


def test_real_vim_reads_the_output_with_the_documented_errorformat(
    project: Path, tmp_path: Path
) -> None:
    vim = shutil.which("vim")
    if vim is None:
        pytest.skip("Vim is not installed")
    (tmp_path / "out.txt").write_text(text_output(project, "requirements.txt"))
    script = tmp_path / "qf.vim"
    script.write_text(
        f"let &errorformat = {json.dumps(_errorformat().replace(chr(92) + ' ', ' '))}\n"
        "cgetfile out.txt\n"
        "call writefile([json_encode(map(getqflist(), "
        "{_, e -> [bufname(e.bufnr), e.lnum, e.col, e.text, e.valid]}))], 'qf.json')\n"
        "qall!\n"
    )
    subprocess.run(
        [vim, "-u", "NONE", "-N", "-es", "-S", str(script)],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    items = json.loads((tmp_path / "qf.json").read_text())
    found = [(p, line, col, *text.split(" ", 1)) for p, line, col, text, valid in items if valid]
    assert found == expected(project, "requirements.txt")


def test_vim_ale_pattern_parses_the_stdin_output(project: Path) -> None:
    vimscript = recipe("vim-ale")
    match = re.search(r"GetMatches\(a:lines, '\\v([^']+)'\)", vimscript)
    assert match is not None
    regex = re.compile(match.group(1))  # a very-magic (\v) Vim regex reads as Python here
    command = re.search(r"'command': '([^']+)'", vimscript)
    assert command is not None
    path = str(project / "requirements.txt")
    argv = shlex.split(command.group(1).replace("%s", shlex.quote(path)))
    out = depfence(*argv[1:], cwd=project, stdin=MANIFEST)
    groups = {"file": 1, "line": 2, "column": 3, "code": 4, "message": 5}
    assert parse_lines(regex, out.stdout, groups) == expected(project, path)


# --- Emacs --------------------------------------------------------------------------------


def _emacs_with_flycheck() -> str:
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.skip("Emacs is not installed")
    probe = subprocess.run(
        [emacs, "--batch", "--eval", "(progn (package-initialize) (require 'flycheck))"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip("Flycheck is not installed for Emacs")
    return emacs


def test_real_flycheck_parses_the_stdin_output_with_the_documented_checker(
    project: Path, tmp_path: Path
) -> None:
    emacs = _emacs_with_flycheck()
    path = str(project / "requirements.txt")
    out = depfence("check", "--stdin-filename", path, "-", cwd=project, stdin=MANIFEST)
    (tmp_path / "checker.el").write_text(recipe("emacs-flycheck"))
    (tmp_path / "out.txt").write_text(out.stdout)
    names = ["requirements.txt", "requirements/dev.txt", "pyproject.toml", "Cargo.toml", "a.md"]
    program = f"""
(progn
  (package-initialize)
  (load (expand-file-name "checker.el"))
  (let* ((output (with-temp-buffer (insert-file-contents "out.txt") (buffer-string)))
         (buffer (find-file-noselect {json.dumps(path)}))
         (errors (flycheck-parse-output output 'depfence buffer))
         (predicate (flycheck-checker-get 'depfence 'predicate)))
    (princ (json-encode
            (vector (vconcat (mapcar (lambda (e) (vector (flycheck-error-filename e)
                                              (flycheck-error-line e)
                                              (flycheck-error-column e)
                                              (flycheck-error-id e)
                                              (flycheck-error-message e)
                                              (symbol-name (flycheck-error-level e))))
                          errors))
                  (vconcat (mapcar (lambda (name)
                            (with-temp-buffer
                              (setq buffer-file-name (expand-file-name name "/project/"))
                              (if (funcall predicate) t :json-false)))
                          '({" ".join(json.dumps(n) for n in names)}))))))))
"""
    run = subprocess.run(
        [emacs, "--batch", "--eval", program],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    errors, selected = json.loads(run.stdout)
    found = [(f, line, col, code, message) for f, line, col, code, message, _ in errors]
    assert found == expected(project, path)
    assert {level for *_, level in errors} == {"error"}
    assert selected == [kind_of(name) is not None for name in names]


# --- JetBrains ----------------------------------------------------------------------------

# What the IDE's output-filter macros match, as its documentation describes them.
_JETBRAINS_MACROS = {
    "$FILE_PATH$": r"((?:[A-Za-z]:)?[/\\][^:]*)",
    "$LINE$": r"(\d+)",
    "$COLUMN$": r"(\d+)",
    "$MESSAGE$": r"(.*)",
}


def test_jetbrains_output_filter_parses_the_output(project: Path) -> None:
    [line] = [raw for raw in recipe("jetbrains-filter").splitlines() if raw]
    out = ""
    for token in re.split(r"(\$[A-Z_]+\$)", line):
        out += _JETBRAINS_MACROS.get(token, re.escape(token))
    regex = re.compile(out)
    path = str(project / "requirements.txt")  # the watcher passes $FilePath$, an absolute path
    found = []
    for output_line in text_output(project, path).splitlines():
        match = regex.match(output_line)
        assert match is not None, output_line
        file, lnum, col, text = match.groups()
        found.append((file, int(lnum), int(col), *text.split(" ", 1)))
    assert found == expected(project, path)


# --- every documented command line is one depfence accepts --------------------------------


def test_documented_command_lines_parse() -> None:
    workflow = yaml.safe_load(recipe("github-actions"))
    commands = [step["run"] for step in workflow if "run" in step]
    commands.append(
        re.search(r"'command': '([^']+)'", recipe("vim-ale")).group(1)  # type: ignore[union-attr]
    )
    assert len(commands) == 3
    for command in commands:
        argv = shlex.split(command.split(">")[0].replace("%s", "requirements.txt"))
        assert argv[:2] == ["depfence", "check"]
        checkargs.parse(argv[2:])
    formats = {shlex.split(c)[shlex.split(c).index("--format") + 1] for c in commands[:2]}
    assert formats == {"github", "sarif"}
