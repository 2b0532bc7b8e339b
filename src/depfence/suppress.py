"""Inline directives in manifest comments: ``# depfence: ignore[rule, ...]``.

A bare ``# depfence: ignore`` silences every rule on its line; rule names and
codes are both accepted inside the brackets.  ``# depfence: approve`` (or
``approve[name, ...]`` on a line holding several dependencies) records a
reviewer's approval of a new dependency (see checks/new_dependency.py).
"""

from __future__ import annotations

import re

from depfence import rules

# Patterns rather than compiled objects: most runs meet no directive at all,
# and compiling at import would cost every run (re caches them on first use).
_DIRECTIVE = r"(?i)depfence:\s*ignore(?:\[([^\]]*)\])?"
APPROVE = r"(?i)depfence:\s*approve\b(?:\[([^\]]*)\])?"


def ignored_rules(comment: str) -> frozenset[str] | None:
    """Rule names a comment silences: ``None`` for none, an empty set for all of them."""
    if "depfence" not in comment:
        return None
    names: set[str] = set()
    for match in re.finditer(_DIRECTIVE, comment):
        if match.group(1) is None:
            return frozenset()
        for item in match.group(1).split(","):
            rule = rules.lookup(item.strip())
            # an unknown name silences nothing, so a typo cannot hide a finding
            if rule is not None:
                names.add(rule.name)
    return frozenset(names) if names else None


def silences(comment: str, rule_name: str) -> bool:
    ignored = ignored_rules(comment)
    return ignored is not None and (not ignored or rule_name in ignored)


def approves(comment: str, package_key: str) -> bool:
    """Whether a comment approves the package (a bare ``approve`` approves all on the line)."""
    if "depfence" not in comment:
        return False
    from depfence.names import canonicalize

    for match in re.finditer(APPROVE, comment):
        if match.group(1) is None:
            return True
        if package_key in {canonicalize(item.strip()) for item in match.group(1).split(",")}:
            return True
    return False
