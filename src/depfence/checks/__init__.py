"""The checks run on every manifest: one module per rule family.

A check is a function ``check(manifest, config) -> Iterable[Finding]``.  It
reports everything it sees; the engine then applies the allowlist, disabled
rules, severity overrides and inline ``# depfence: ignore`` comments.
"""

from __future__ import annotations

from depfence.checks import indexes, pinning, references, typosquat

CHECKS = (
    typosquat.check,
    pinning.check,
    references.check,
    indexes.check,
)
