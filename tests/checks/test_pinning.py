from __future__ import annotations

import pytest

from depfence.checks import pinning
from depfence.config import Config
from depfence.model import Dependency, Location, Manifest, Severity


def manifest(kind: str, *deps: Dependency) -> Manifest:
    return Manifest("m", kind, dependencies=deps)


def dep(name: str, specifier: str = "", line: int = 1, **kw: object) -> Dependency:
    return Dependency(name, Location("m", line, 1), specifier=specifier, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("spec", ["==2.31.0", "===2.31.0", "== 1.0", "==1.0.post1"])
def test_exact_pins_pass_in_requirements(spec: str) -> None:
    assert list(pinning.check(manifest("requirements", dep("requests", spec)), Config())) == []


@pytest.mark.parametrize("spec", ["", ">=2", "~=2.31", "==2.*", ">=1,<2", "!=1.0"])
def test_anything_else_is_an_error_in_requirements(spec: str) -> None:
    [finding] = pinning.check(manifest("requirements", dep("flask", spec)), Config())
    assert finding.name == "unpinned"
    assert finding.severity is Severity.ERROR
    assert "flask==X.Y.Z" in finding.message


def test_library_metadata_warns_only_without_any_constraint() -> None:
    m = manifest("pyproject", dep("flask", "", 1), dep("click", ">=8", 2))
    [finding] = pinning.check(m, Config())
    assert (finding.package, finding.severity) == ("flask", Severity.WARNING)


def test_policy_is_configurable_per_kind() -> None:
    m = manifest("pyproject", dep("click", ">=8"))
    [finding] = pinning.check(m, Config(pinning={"pyproject": "exact"}))
    assert finding.severity is Severity.ERROR
    off = Config(pinning={"requirements": "off"})
    assert list(pinning.check(manifest("requirements", dep("flask")), off)) == []


def test_direct_references_are_left_to_the_references_check() -> None:
    m = manifest("requirements", dep("pkg", url="https://example.org/pkg.whl"))
    assert list(pinning.check(m, Config())) == []


def test_hashes_all_or_nothing_like_pip() -> None:
    m = manifest(
        "requirements",
        dep("a", "==1", 1, hashes=("sha256:" + "0" * 64,)),
        dep("b", "==1", 2),
    )
    [finding] = pinning.check(m, Config())
    assert finding.name == "missing-hash"
    assert finding.package == "b"
    assert "pip refuses" in finding.message


def test_hash_policy_require_and_off() -> None:
    m = manifest("requirements", dep("a", "==1"))
    assert [f.name for f in pinning.check(m, Config(hashes="require"))] == ["missing-hash"]
    hashed = manifest("requirements", dep("a", "==1", 1, hashes=("sha256:00",)), dep("b", "==1", 2))
    assert list(pinning.check(hashed, Config(hashes="off"))) == []


def test_constraints_and_local_paths_need_no_hash() -> None:
    m = manifest(
        "requirements",
        dep("a", "==1", 1, hashes=("sha256:00",)),
        dep("b", "==1", 2, constraint=True),
        dep("", "", 3, url="./vendored/pkg", editable=True),
    )
    assert list(pinning.check(m, Config())) == []
