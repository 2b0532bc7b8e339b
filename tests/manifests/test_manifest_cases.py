"""Example-driven tests of the pyproject.toml, setup.cfg and Pipfile parsers.

Each folder under cases/ holds one manifest and expected.txt: what the parser
must find, one line per dependency, index or problem, in file order.  After a
deliberate change, rewrite them with
``DEPFENCE_UPDATE_CASES=1 pytest tests/manifests/test_manifest_cases.py`` and
review the diff.  The evaluation data's real manifests must parse without a
problem, every dependency located exactly where its name is written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from depfence.files import Files
from depfence.manifests import parse
from depfence.model import Manifest

CASES = Path(__file__).parent / "cases"
SHARED_MANIFESTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "manifests"


# case folder prefix -> (manifest file name, manifest kind)
KINDS = {
    "pyproject": ("pyproject.toml", "pyproject"),
    "setupcfg": ("setup.cfg", "setup.cfg"),
    "pipfile": ("Pipfile", "pipfile"),
}


def render(manifest: Manifest, shown_path: str) -> str:
    rows = []
    for dep in manifest.dependencies:
        fields = [
            f"{dep.location.line}:{dep.location.column}",
            dep.name,
            repr(dep.specifier),
            dep.section,
            f"group={dep.group}" if dep.group is not None else "",
            f"extras={','.join(dep.extras)}" if dep.extras else "",
            f"marker={dep.marker!r}" if dep.marker else "",
            f"url={dep.url}" if dep.url is not None else "",
            "editable" if dep.editable else "",
            f"comment={dep.comment!r}" if dep.comment else "",
        ]
        rows.append(((dep.location.line, dep.location.column), " ".join(f for f in fields if f)))
    for location, option, url in manifest.indexes:
        rows.append(
            (
                (location.line, location.column),
                f"{location.line}:{location.column} index {option} {url}",
            )
        )
    for problem in manifest.problems:
        where = f"{problem.location.line}:{problem.location.column}"
        message = problem.message.replace(manifest.path, shown_path)
        rows.append(
            ((problem.location.line, problem.location.column), f"{where} problem {message}")
        )
    return "".join(row + "\n" for _, row in sorted(rows, key=lambda r: r[0]))


@pytest.mark.parametrize(
    "folder",
    sorted(p for prefix in KINDS for p in CASES.glob(f"{prefix}-*")),
    ids=lambda p: p.name,
)
def test_case(folder: Path) -> None:
    filename, kind = KINDS[folder.name.split("-")[0]]
    path = folder / filename
    manifest = parse(str(path), kind, Files().read)
    actual = render(manifest, filename)
    expected_file = folder / "expected.txt"
    if os.environ.get("DEPFENCE_UPDATE_CASES"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", list(KINDS))
def test_real_manifests(prefix: str) -> None:
    filename, kind = KINDS[prefix]
    if not SHARED_MANIFESTS.is_dir():
        pytest.skip("needs the evaluation data in ../shared/eval/manifests (absent here)")
    paths = sorted(p for p in SHARED_MANIFESTS.rglob(filename) if p.is_file())
    if not paths:
        pytest.skip(f"the evaluation data has no {filename} files")
    files = Files()
    found = 0
    for path in paths:
        manifest = parse(str(path), kind, files.read)
        messages = [p.message for p in manifest.problems]
        if "{{" in str(path):  # a cookiecutter template: Jinja placeholders are not versions
            assert all("{{" in m for m in messages), messages
        else:
            assert not messages, messages
        lines = files.read(str(path)).split("\n")
        for dep in manifest.dependencies:
            text = lines[dep.location.line - 1][dep.location.column - 1 :]
            assert text.startswith(dep.name), (str(path), dep)
        found += len(manifest.dependencies)
    assert found > 0


_CASE_FILES = sorted(
    (folder / KINDS[folder.name.split("-")[0]][0], KINDS[folder.name.split("-")[0]][1])
    for prefix in KINDS
    for folder in CASES.glob(f"{prefix}-*")
)
_NOISE = st.sampled_from([*"[]{}\"'=,.#\n \\;:@a1-*^~<>|", "\r\n", "'''", '"""', "[["])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_CASE_FILES),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 6), st.one_of(st.none(), _NOISE))),
)
def test_damaged_files_give_one_line_problems_not_tracebacks(
    case: tuple[Path, str], edits: list[tuple[float, int, str | None]]
) -> None:
    path, kind = case
    text = path.read_text(encoding="utf-8")
    for where, length, insert in edits:  # delete `length` characters, or insert noise
        at = int(where * len(text))
        text = text[:at] + insert + text[at:] if insert else text[:at] + text[at + length :]
    manifest = parse(str(path), kind, lambda _: text)
    assert all("\n" not in problem.message for problem in manifest.problems)
    assert all(d.location.line >= 1 and d.location.column >= 1 for d in manifest)
