"""Package indexes named in pyproject.toml's tool tables: Poetry's sources and uv's indexes.

Each URL goes into ``Manifest.indexes`` as ``index`` (only its scheme is checked) or, when a
package from another index could shadow one on it, ``source`` (an extra index, DF204).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from depfence.manifests._collect import Collector
    from depfence.manifests._toml import Path


def collect(c: Collector, data: dict[str, Any]) -> None:
    _poetry(c, data)
    _uv(c, data)


def _index(c: Collector, path: Path, url: object, extra: bool) -> None:
    """The index URL at ``path``: ``source`` when it is an extra index (a package from another
    index can shadow one on it), else ``index`` (only its scheme is checked)."""
    if isinstance(url, str):
        c.indexes.append((c.location(path, 0), "source" if extra else "index", url))
    elif url is not None:
        c.wrong_type(path, url, "a URL string")


def _poetry(c: Collector, data: dict[str, Any]) -> None:
    """``[[tool.poetry.source]]``.  Poetry merges what every primary source offers (PyPI is the
    primary one when none is configured) and asks a supplemental source when they have nothing:
    every primary source after the first and every supplemental one is an extra index.  An
    explicit source only serves the packages that name it."""
    primaries = 0
    for index, source in c.tables(data, ("tool", "poetry", "source")):
        priority = source.get("priority")
        if priority is None:  # Poetry before 1.5: flags, and primary when neither is set
            default, secondary = source.get("default") is True, source.get("secondary") is True
            priority = "default" if default else "secondary" if secondary else "primary"
        if priority in ("primary", "default"):
            primaries += 1  # a url-less one (PyPI by name) counts too
            extra = primaries > 1
        else:
            extra = priority in ("supplemental", "secondary")
        _index(c, ("tool", "poetry", "source", index, "url"), source.get("url"), extra)


def _uv(c: Collector, data: dict[str, Any]) -> None:
    """``[tool.uv]`` indexes.  uv asks ``[[tool.uv.index]]`` and ``extra-index-url`` indexes in
    order and the default one (``default = true``, ``index-url``, else PyPI) last, and by default
    takes each package from the first index that has it, which a later index cannot shadow.  Only
    an ``unsafe-*`` ``index-strategy`` weighs them all, as pip does, making every index but the
    default an extra one.  An ``explicit = true`` index only serves the packages that name it."""
    uv = c.table(data, ("tool", "uv")) or {}
    unsafe = str(uv.get("index-strategy", "")).startswith("unsafe-")
    for index, table in c.tables(data, ("tool", "uv", "index")):
        extra = unsafe and table.get("default") is not True and table.get("explicit") is not True
        _index(c, ("tool", "uv", "index", index, "url"), table.get("url"), extra)
    _index(c, ("tool", "uv", "index-url"), uv.get("index-url"), False)
    extras = uv.get("extra-index-url", [])
    if not isinstance(extras, list):
        c.wrong_type(("tool", "uv", "extra-index-url"), extras, "an array of URL strings")
        return
    for index, url in enumerate(extras):
        _index(c, ("tool", "uv", "extra-index-url", index), url, unsafe)
