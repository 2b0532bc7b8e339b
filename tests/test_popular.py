"""The bundled popular list and the script that generates it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from depfence import popular

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "generate_popular.py"
DATA = REPO / "src" / "depfence" / "data" / "pypi-popular.txt"
HEAD = REPO / "src" / "depfence" / "data" / "pypi-popular-head.txt"


def test_rank_finds_popular_names_and_only_them() -> None:
    assert popular.rank("boto3") == 1
    assert popular.rank("requests") is not None
    assert popular.rank("typing-extensions") is not None
    for key in ("", "-", "0", "zzzzzzzz", "reqeusts", "requests-", "typing_extensions"):
        assert popular.rank(key) is None


def test_binary_search_agrees_with_the_full_table() -> None:
    table = popular.ranks()
    assert len(table) == popular.size() > 10_000
    assert all(popular.rank(key) == rank for key, rank in table.items())
    assert popular.names() == frozenset(table)


def test_known_looks_up_many_names_at_once() -> None:
    table = popular.ranks()
    keys = [*list(table)[::7], "", " ", "requests ", "zzzzzzzz", "reqeusts", "a b", "0", "boto3"]
    assert popular.known(keys) == {key: table[key] for key in keys if key in table}


def test_among_finds_what_known_finds_through_the_filter() -> None:
    table = popular.ranks()
    # every popular name passes the filter
    keys = [*table, *(key + "q" for key in table), "", " ", "a b", "\u00e9"]
    assert popular.among(keys) == {key: table[key] for key in keys if key in table}
    moduli, bits = popular._filter()
    assert len(moduli) >= 2 and len(bits) * 8 >= max(moduli)


def test_the_index_points_at_the_start_of_its_blocks() -> None:
    data = DATA.read_bytes()
    header = [line for line in data.splitlines() if line.startswith(b"#")]
    firsts = next(line for line in header if line.startswith(b"#@names ")).split()[1:]
    starts = next(line for line in header if line.startswith(b"#@starts ")).split()[1:]
    body = data[sum(len(line) + 1 for line in header) :]
    assert len(firsts) == len(starts) > 100
    for first, start in zip(firsts, starts, strict=True):
        assert body[int(start) :].startswith(first + b" ")
        assert int(start) == 0 or body[int(start) - 1 : int(start)] == b"\n"


@pytest.mark.parametrize("header", ["", "# a list without an index\n"])
def test_a_list_without_an_index_is_read_as_one_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    listing = tmp_path / "popular.txt"
    listing.write_text(header + "alpha 3\nbeta 1\nbeta-x 2\n")
    monkeypatch.setattr(popular, "_PATH", str(listing))
    for name, value in (("_body", -1), ("_data", b""), ("_firsts", []), ("_starts", [])):
        monkeypatch.setattr(popular, name, value)
    assert [popular.rank(key) for key in ("alpha", "beta", "beta-x", "b", "gamma")] == [
        3,
        1,
        2,
        None,
        None,
    ]
    assert popular.known(["beta-x", "alpha", "zeta"]) == {"alpha": 3, "beta-x": 2}
    monkeypatch.setattr(popular, "_bloom", None)
    assert popular.among(["beta-x", "alpha", "zeta"]) == {"alpha": 3, "beta-x": 2}
    assert popular.prefixed("beta") == ["beta", "beta-x"]


@pytest.mark.parametrize("limit", [1, 100, 1000, 5000])
def test_top_lists_the_best_ranked_best_first(limit: int) -> None:
    table = popular.ranks()
    expected = sorted((key for key, rank in table.items() if rank <= limit), key=table.__getitem__)
    assert popular.top(limit) == expected
    assert popular.by_rank()[0] == "boto3"


def test_bundled_file_is_sorted_normalised_and_says_where_it_came_from() -> None:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    assert any("scripts/generate_popular.py" in line and "pypi-top.tsv" in line for line in header)
    names = [line.split(" ")[0] for line in body]
    assert names == sorted(set(names))
    assert all(name == name.lower() and "_" not in name and "." not in name for name in names)
    assert f"# {len(body)} names." in "\n".join(header)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True
    )


def body(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if not line.startswith("#")]


def test_tsv_and_json_sources_give_the_same_list(tmp_path: Path) -> None:
    tsv = tmp_path / "top.tsv"
    tsv.write_text(
        "name\trank\nboto3\t1\nTyping_Extensions\t2\nzope.interface\t3\ntyping-extensions\t4\n"
    )
    rows = [
        {"project": "zope.interface", "download_count": 10},
        {"project": "boto3", "download_count": 30},
        {"project": "Typing_Extensions", "download_count": 20},
        {"project": "typing-extensions", "download_count": 5},
    ]
    top_json = tmp_path / "top.json"
    top_json.write_text(json.dumps({"last_update": "2026-01-01 00:00:00", "rows": rows}))
    for source, out in ((tsv, tmp_path / "a.txt"), (top_json, tmp_path / "b.txt")):
        result = run(source, "--output", out, "--head-output", out.with_suffix(".head"))
        assert result.returncode == 0, result.stderr
    # normalised, sorted by name, the better rank kept for names that normalise alike
    assert body(tmp_path / "a.txt") == ["boto3 1", "typing-extensions 2", "zope-interface 3"]
    assert body(tmp_path / "a.txt") == body(tmp_path / "b.txt")
    assert "last_update 2026-01-01" in (tmp_path / "b.txt").read_text()
    # the head lists the same names best first
    assert body(tmp_path / "a.head") == ["boto3 1", "typing-extensions 2", "zope-interface 3"]
    assert body(tmp_path / "a.head") == body(tmp_path / "b.head")


def test_limit_keeps_the_best_ranked(tmp_path: Path) -> None:
    tsv = tmp_path / "top.tsv"
    tsv.write_text("name\trank\na\t1\nb\t2\nc\t3\n")
    result = run(
        tsv, "--output", tmp_path / "out.txt", "--head-output", tmp_path / "h", "--limit", "2"
    )
    assert result.returncode == 0
    assert body(tmp_path / "out.txt") == ["a 1", "b 2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        ("project\trank\nx\t1\n", "no 'name' column"),
        ("name\trank\nx\tfirst\n", ":2: expected a name and a number"),
        ('{"rows": [{"project": "x"}]}', 'row 1: needs "project" and "download_count"'),
        ("{not json", "not valid JSON"),
    ],
)
def test_bad_sources_get_one_line(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "top.tsv"
    source.write_text(content)
    result = run(source, "--output", tmp_path / "out.txt", "--head-output", tmp_path / "head.txt")
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.txt").exists()
    assert not (tmp_path / "head.txt").exists()


def test_bundled_file_is_reproducible_from_the_shared_snapshot(tmp_path: Path) -> None:
    source = REPO / ".." / "shared" / "data" / "pypi-top.tsv"
    if not source.is_file():
        pytest.skip("needs ../shared/data/pypi-top.tsv beside the repository (absent here)")
    result = run(source, "--output", tmp_path / "out.txt", "--head-output", tmp_path / "head.txt")
    assert result.returncode == 0
    assert (tmp_path / "out.txt").read_bytes() == DATA.read_bytes()
    assert (tmp_path / "head.txt").read_bytes() == HEAD.read_bytes()
