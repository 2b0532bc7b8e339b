"""TYPOSQUAT and NON_ASCII_NAME: names that imitate popular packages.

Popular and allowlisted names cost one lookup in the bundled list (all of a
manifest's names in one pass); the detector is imported only when a manifest
has a name outside it.
"""

from __future__ import annotations

from depfence import popular, rules
from depfence.model import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from depfence.config import Config
    from depfence.model import Dependency, Finding, Manifest


def check(manifest: Manifest, config: Config) -> Iterator[Finding]:
    # one pass over the popular list's index for every name in the manifest
    known = popular.known(dep.key for dep in manifest if dep.name.isascii() and not dep.local)
    for dep in manifest:
        if not dep.name or dep.local:
            continue  # a local path is installed from there, never looked up by its name
        if not dep.name.isascii():
            yield _non_ascii(dep)
            continue
        key = dep.key
        if config.allowed(key) or key in known:
            continue
        from depfence import squat

        match = squat.detect(key)
        if match is None:
            continue
        if match.mutation == "stdlib":
            message = (
                f"'{dep.name}' is the name of a standard-library module, which needs no "
                f"install: did you mean the standard library's {match.target}?"
            )
        else:
            message = (
                f"'{dep.name}' looks like '{match.target}' (popular #{match.rank}, "
                f"{match.mutation}): did you mean {match.target}?"
            )
        yield rules.TYPOSQUAT.finding(
            dep.location,
            message,
            severity=Severity.ERROR if match.tier == squat.BLOCK else Severity.WARNING,
            package=dep.name,
            target=match.target,
            evidence={"rank": match.rank, "mutation": match.mutation, "tier": match.tier},
        )


def _non_ascii(dep: Dependency) -> Finding:
    from depfence.names import canonicalize
    from depfence.squat import confusables

    odd = list(dict.fromkeys(ch for ch in dep.name if not ch.isascii()))
    parts = []
    for ch in odd:
        looks = confusables.imitates(ch)
        parts.append(confusables.describe(ch) + (f" (looks like '{looks}')" if looks else ""))
    plain = confusables.asciify(dep.name)
    target = None
    if plain is not None:
        key = canonicalize(plain)
        if popular.rank(key) is not None:
            target = key
        else:
            from depfence import squat

            match = squat.detect(key)
            target = match.target if match is not None else key
    noun = "character" if len(odd) == 1 else "characters"
    message = f"'{dep.name}' contains non-ASCII {noun} {', '.join(parts)}; no index accepts it"
    message += f": did you mean {target}?" if target else ": retype the name"
    return rules.NON_ASCII_NAME.finding(
        dep.location,
        message,
        package=dep.name,
        target=target,
        evidence={"characters": [f"U+{ord(ch):04X}" for ch in odd], "ascii": plain},
    )
