"""Known-legitimate look-alikes: names that resemble a popular one for good reason.

Read from ``data/pypi-legit-lookalikes.txt`` only when the detector has found a
resemblance, so names that resemble nothing never pay for it.
"""

from __future__ import annotations

import os

_PATH = os.path.join(
    os.path.dirname(os.path.dirname(__file__)), "data", "pypi-legit-lookalikes.txt"
)
_KNOWN: dict[str, str] | None = None


def known() -> dict[str, str]:
    """Each known-legitimate name with the popular name it resembles."""
    global _KNOWN
    if _KNOWN is None:
        with open(_PATH, encoding="utf-8") as f:
            rows = [line.split(None, 2) for line in f if line.strip() and not line.startswith("#")]
        _KNOWN = {row[0]: row[1] for row in rows}
    return _KNOWN
