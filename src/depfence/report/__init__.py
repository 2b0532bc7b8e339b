"""Output formats: each module has ``render(findings, **context) -> str``.

The text format is imported eagerly (it is the default and costs nothing); the
others are looked up by name from ``FORMATS`` and imported when chosen.
"""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")
