"""pip's installation report: packages, the chains that pulled them in, the constraints."""

from __future__ import annotations

import json

import pytest

from depfence import pipreport

ENVIRONMENT = {"python_version": "3.11", "sys_platform": "linux", "os_name": "posix"}


def item(
    name: str,
    version: str = "1.0",
    requires: tuple[str, ...] = (),
    *,
    url: str = "",
    requested: bool = False,
    direct: bool = False,
    extras: tuple[str, ...] = (),
    info: dict[str, object] | None = None,
) -> dict[str, object]:
    url = url or f"https://files.example.org/{name}-{version}-py3-none-any.whl"
    entry: dict[str, object] = {
        "download_info": info
        or {"url": url, "archive_info": {"hashes": {"sha256": f"{name}-digest"}}},
        "is_direct": direct,
        "requested": requested,
        "metadata": {"name": name, "version": version, "requires_dist": list(requires)},
    }
    if extras:
        entry["requested_extras"] = list(extras)
    return entry


def report(*items: dict[str, object]) -> pipreport.Resolution:
    text = json.dumps({"version": "1", "install": list(items), "environment": ENVIRONMENT})
    return pipreport.parse(text)


def names(chain: tuple[pipreport.Package, ...]) -> list[str]:
    return [p.name for p in chain]


def test_chain_is_the_shortest_path_from_what_was_asked_for() -> None:
    resolution = report(
        item("App", requires=("Middle>=1", "Leaf"), requested=True),
        item("Middle", requires=("Deep",)),
        item("Deep", requires=("Leaf",)),
        item("Leaf"),
    )
    assert names(resolution.chain("deep")) == ["App", "Middle", "Deep"]
    assert names(resolution.chain("leaf")) == ["App", "Leaf"]
    assert names(resolution.chain("app")) == ["App"]


def test_markers_and_extras_decide_which_edges_exist() -> None:
    resolution = report(
        item(
            "app",
            requires=(
                "old-only; python_version < '3'",
                "for-extra; extra == 'speed'",
                "linux-only; sys_platform == 'linux'",
            ),
            requested=True,
            extras=("speed",),
        ),
        item("old-only"),
        item("for-extra"),
        item("linux-only"),
    )
    assert names(resolution.chain("for-extra")) == ["app", "for-extra"]
    assert names(resolution.chain("linux-only")) == ["app", "linux-only"]
    # no requested package leads to it: its own one-step chain
    assert names(resolution.chain("old-only")) == ["old-only"]


def test_extras_asked_for_by_a_parent_count() -> None:
    resolution = report(
        item("top", requires=("lib[fast]",), requested=True),
        item("lib", requires=("accel; extra == 'fast'",)),
        item("accel"),
    )
    assert names(resolution.chain("accel")) == ["top", "lib", "accel"]


def test_sources_and_what_is_built_from_source() -> None:
    resolution = report(
        item("wheeled"),
        item("sourced", url="https://files.example.org/sourced-1.0.tar.gz"),
        item("checkout", info={"url": "https://example.org/c.git", "vcs_info": {"vcs": "git"}}),
        item("local", info={"url": "file:///src/local", "dir_info": {"editable": True}}),
    )
    sources = {p.name: (p.source, p.built_from_source) for p in resolution}
    assert sources == {
        "wheeled": ("wheel", False),
        "sourced": ("sdist", True),
        "checkout": ("vcs", True),
        "local": ("directory", False),
    }


def test_constraints_pin_versions_of_index_packages_only() -> None:
    resolution = report(
        item("Pinned_Name", "2.0.1"),
        item("by-url", direct=True, requested=True),
        item("checkout", info={"url": "https://example.org/c.git", "vcs_info": {"vcs": "git"}}),
    )
    assert resolution.constraints() == "Pinned_Name==2.0.1\n"


def test_differences_between_checked_and_installed() -> None:
    checked = report(item("same"), item("moved", "1.0"), item("swapped"))
    installed = report(
        item("same"),
        item("moved", "2.0"),
        item("swapped", info={"url": "x.whl", "archive_info": {"hash": "sha256=other"}}),
        item("stowaway"),
    )
    problems = pipreport.differences(checked, installed)
    assert problems == [
        "pip installed moved 2.0, but moved 1.0 was checked",
        "pip installed stowaway 1.0, which was not in the checked resolution",
        "pip installed swapped 1.0 from a file other than the one checked "
        "(x.whl, sha256 other... instead of swapped-dige...)",
    ]
    assert pipreport.differences(checked, checked) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"version": "2", "install": []}', "unknown format version '2'"),
        ('{"version": "1"}', "no list of packages"),
        ('{"version": "1", "install": [{"metadata": {}}]}', "without a name and version"),
        ('{"version": "1", "install": [3]}', "not a package"),
    ],
)
def test_an_unreadable_report_is_one_error(text: str, message: str) -> None:
    with pytest.raises(pipreport.ReportError, match=message):
        pipreport.parse(text)
