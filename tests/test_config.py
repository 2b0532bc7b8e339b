from __future__ import annotations

from pathlib import Path

import pytest

from depfence.config import DEFAULT, ConfigError, Resolver, load
from depfence.model import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_full_table(tmp_path: Path) -> None:
    cfg = load(
        str(
            write(
                tmp_path / "pyproject.toml",
                """
[tool.depfence]
allow = ["My_Internal.Pkg"]
disable = ["extra-index", "DF302"]
severity = { typosquat = "warning" }
pinning = { requirements = "bounded", setup-cfg = "off" }
hashes = "require"
new-dependencies = "block-all"
""",
            )
        )
    )
    assert cfg is not None
    assert cfg.allowed("my-internal-pkg")
    assert cfg.disabled == {"extra-index", "changed-version"}
    assert cfg.severity == {"typosquat": Severity.WARNING}
    assert cfg.pinning["requirements"] == "bounded"
    assert cfg.pinning["setup.cfg"] == "off"
    assert cfg.pinning["pyproject"] == "bounded"
    assert (cfg.hashes, cfg.new_dependencies) == ("require", "block-all")


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('disable = ["typosqaut"]', "unknown rule 'typosqaut'"),
        ('severity = { unpinned = "fatal" }', "severity.unpinned must be one of"),
        ('pinning = { npm = "exact" }', "unknown manifest kind 'npm'"),
        ("allow = 'requests'", "allow must be a list of strings"),
        ("colour = true", "unknown key 'colour'"),
        ('new-dependencies = "maybe"', "new-dependencies must be one of"),
    ],
)
def test_bad_configuration_is_a_one_line_error(tmp_path: Path, table: str, says: str) -> None:
    path = write(tmp_path / "pyproject.toml", f"[tool.depfence]\n{table}\n")
    with pytest.raises(ConfigError) as info:
        load(str(path))
    assert says in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [('[tool.depfence]\nallow = ["a",,]\n', 2), ('[tool.depfence]\nallow = ["a"\n', 3)],
)
def test_malformed_toml_names_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError, match=rf"pyproject.toml:{line}: invalid TOML: "):
        load(str(path))


def test_pyproject_without_a_table_is_not_parsed(tmp_path: Path) -> None:
    # not even valid TOML: without [tool.depfence] the file is never handed to tomllib
    path = write(tmp_path / "pyproject.toml", "[project\nname = 'x'\n")
    assert load(str(path)) is None


def test_nearest_pyproject_with_a_table_applies(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.depfence]\nallow = ["outer"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'inner'\n")
    write(tmp_path / "sub" / "deeper" / "pyproject.toml", '[tool.depfence]\nallow = ["deep"]\n')
    resolver = Resolver()
    assert resolver.for_file(str(tmp_path / "sub" / "requirements.txt")).allowed("outer")
    assert resolver.for_file(str(tmp_path / "sub" / "deeper" / "r.txt")).allowed("deep")


def test_explicit_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.depfence]\nallow = ["near"]\n')
    other = write(tmp_path / "other.toml", '[tool.depfence]\nallow = ["explicit"]\n')
    cfg = Resolver(str(other)).for_file(str(tmp_path / "requirements.txt"))
    assert cfg.allowed("explicit")
    assert not cfg.allowed("near")


def test_no_configuration_anywhere_gives_defaults(tmp_path: Path) -> None:
    assert Resolver().for_file(str(tmp_path / "a" / "requirements.txt")).pinning == DEFAULT.pinning
