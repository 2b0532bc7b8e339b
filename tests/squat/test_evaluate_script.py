"""scripts/evaluate.py on a small evaluation folder made here (no shared data needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "evaluate.py"


def write(path: Path, header: str, *rows: str) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_prints_markdown_tables_for_a_small_folder(tmp_path: Path) -> None:
    write(
        tmp_path / "squats_labelled.tsv",
        "ecosystem\tname\ttarget\tcategory\tsource\ttarget_popular\ttarget_rank\talso_in\tnote",
        "pypi\treqeusts\trequests\ttransposition\tx\tyes\t6\t\t",
        "pypi\tnumpyy\tnumpy\trepetition\tx\tyes\t20\t\t",
        "npm\tlodahs\tlodash\ttransposition\tx\tyes\t1\t\t",
    )
    write(
        tmp_path / "squats_inferred_pypi.tsv",
        "name\ttarget\trule\tdistance\ttarget_rank_or_downloads\tsource",
        "djnago\tdjango\t1\t1\t528\tx",
    )
    write(
        tmp_path / "legit_pypi.tsv",
        "name\tproject\tpath",
        "requests\ta/b\tr.txt",
        "mylib\ta/b\tr.txt",
    )
    write(
        tmp_path / "lookalikes_benign.tsv",
        "ecosystem\tname\tresembles\treason\tsource\tresembles_popular\tresembles_rank",
    )
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--eval-dir", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Summary (PyPI, held-out half)")
    assert "| transposition |" in out and "| repetition |" in out
    # both real squats are caught, at the blocking tier, whichever half they fell in
    assert "| **all** | tune |" in out or "| **all** | held |" in out
    assert "0.00 (0/" not in out.split("### Inferred")[0]
    assert "| all dependency names |" in out
    assert "Time per unknown name" in out


def test_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--eval-dir", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no evaluation data" in result.stderr
