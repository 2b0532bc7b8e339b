"""The language server's quick fixes, on plain text."""

from __future__ import annotations

from depfence import rules, suppress
from depfence.model import Finding, Location
from depfence.server_fixes import fixes, ignore_fix, replace_fix, span


def _squat(line: int, column: int, package: str = "reqeusts") -> Finding:
    return rules.TYPOSQUAT.finding(
        Location("requirements.txt", line, column),
        f"{package} looks like requests",
        package=package,
        target="requests",
    )


def _apply_all(text: str, finding: Finding, kind: str = "requirements") -> list[str]:
    lines = text.splitlines()
    return [fix.apply(text) for fix in fixes(finding, lines, kind)]


def test_span_covers_the_name_and_stops_at_the_specifier() -> None:
    lines = ["flask", "reqeusts[socks]>=2 ; python_version > '3'"]
    assert span(_squat(2, 1), lines) == (1, 0, 8)
    toml = ['    "reqeusts>=2",']
    assert span(_squat(1, 6), toml) == (0, 5, 13)


def test_span_outside_the_text_is_clamped() -> None:
    assert span(_squat(9, 1), ["a"]) == (0, 0, 0)
    assert span(_squat(1, 40), ["abc"]) == (0, 3, 3)


def test_replace_writes_the_target() -> None:
    text = "reqeusts==2.31.0\n"
    replaced, ignored = _apply_all(text, _squat(1, 1))
    assert replaced == "requests==2.31.0\n"
    assert ignored == "reqeusts==2.31.0  # depfence: ignore[typosquat]\n"


def test_replace_keeps_extras_and_line_ending() -> None:
    fix = replace_fix(_squat(1, 1), ["reqeusts[socks]==2.31.0"])
    assert fix is not None and fix.preferred
    assert (
        fix.apply("reqeusts[socks]==2.31.0\r\nflask\r\n") == "requests[socks]==2.31.0\r\nflask\r\n"
    )


def test_no_replacement_when_the_name_is_not_where_the_finding_points() -> None:
    assert replace_fix(_squat(1, 1), ["something-else==1"]) is None
    other_rule = rules.UNPINNED.finding(Location("r.txt", 1, 1), "m", package="reqeusts")
    assert replace_fix(other_rule, ["reqeusts"]) is None


def test_ignore_goes_on_the_last_line_of_a_continued_requirement() -> None:
    text = "reqeusts==2.31.0 \\\n    --hash=sha256:abc\nflask==2.0\n"
    fix = ignore_fix(_squat(1, 1), text.splitlines(), "requirements")
    assert fix is not None
    assert fix.apply(text) == (
        "reqeusts==2.31.0 \\\n    --hash=sha256:abc  # depfence: ignore[typosquat]\nflask==2.0\n"
    )


def test_ignore_extends_an_existing_directive() -> None:
    text = "reqeusts  # depfence: ignore[unpinned]\n"
    fix = ignore_fix(_squat(1, 1), text.splitlines(), "requirements")
    assert fix is not None
    fixed = fix.apply(text)
    assert fixed == "reqeusts  # depfence: ignore[unpinned, typosquat]\n"
    assert suppress.silences(fixed, "typosquat") and suppress.silences(fixed, "unpinned")


def test_ignore_after_an_existing_comment_and_trailing_space() -> None:
    assert _apply_all("reqeusts  # why\n", _squat(1, 1))[1] == (
        "reqeusts  # why  # depfence: ignore[typosquat]\n"
    )
    assert _apply_all("reqeusts \n", _squat(1, 1))[1] == "reqeusts # depfence: ignore[typosquat]\n"


def test_ignore_in_toml_and_cfg_uses_a_hash_comment() -> None:
    toml = 'dependencies = ["reqeusts>=2"]\n'
    [_, fixed] = _apply_all(toml, _squat(1, 18), "pyproject")
    assert fixed == 'dependencies = ["reqeusts>=2"]  # depfence: ignore[typosquat]\n'
    # in TOML a trailing backslash means nothing: the comment stays on the same line
    cfg = "install_requires =\n    reqeusts>=2\n"
    [_, fixed] = _apply_all(cfg, _squat(2, 5), "setup.cfg")
    assert fixed == "install_requires =\n    reqeusts>=2  # depfence: ignore[typosquat]\n"


def test_no_ignore_for_a_file_that_cannot_be_parsed() -> None:
    broken = rules.INVALID_MANIFEST.finding(Location("r.txt", 1, 1), "r.txt: not UTF-8")
    assert ignore_fix(broken, ["x"], "requirements") is None
    assert ignore_fix(_squat(5, 1), ["x"], "requirements") is None


def _new(line: int, column: int, package: str, path: str = "requirements.txt") -> Finding:
    return rules.NEW_DEPENDENCY.finding(
        Location(path, line, column), f"new dependency '{package}'", package=package
    )


def test_a_new_dependency_is_approved_not_ignored() -> None:
    text = "flask==3.0.3 \\\n    --hash=sha256:abc\n"
    [fix] = fixes(_new(1, 1, "flask"), text.splitlines(), "requirements")
    assert fix.title == "Approve 'flask' (reviewed)"
    fixed = fix.apply(text)
    assert fixed == "flask==3.0.3 \\\n    --hash=sha256:abc  # depfence: approve\n"
    assert suppress.approves(fixed.splitlines()[1], "flask")


def test_approval_in_toml_names_the_package_and_extends_a_list() -> None:
    text = 'dependencies = ["flask>=3", "attrs>=23"]  # depfence: approve[flask]\n'
    [fix] = fixes(_new(1, 29, "attrs", "pyproject.toml"), text.splitlines(), "pyproject")
    fixed = fix.apply(text)
    assert fixed.endswith("# depfence: approve[flask, attrs]\n")
    assert suppress.approves(fixed, "attrs") and suppress.approves(fixed, "flask")
    [fix] = fixes(
        _new(1, 18, "flask", "pyproject.toml"), ['dependencies = ["flask>=3"]'], "pyproject"
    )
    assert fix.text == "  # depfence: approve[flask]"
