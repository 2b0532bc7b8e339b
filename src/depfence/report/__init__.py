"""Output formats: each module has ``render(findings, **context) -> str``.

A format is imported when it is chosen (the default, text, only when there is
something to print); ``FORMATS`` lists the names ``--format`` accepts.
"""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")
