"""Every rule depfence knows: a stable code, a readable name, and its help text.

Codes never change meaning; names are what users write in configuration and
inline ``# depfence: ignore[...]`` comments (codes are accepted there too).
"""

from __future__ import annotations

from depfence.model import Finding, Location, Severity


class Rule:
    __slots__ = ("code", "name", "severity", "summary", "help")

    def __init__(self, code: str, name: str, severity: Severity, summary: str, help: str) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.help = help

    def finding(
        self,
        location: Location,
        message: str,
        *,
        severity: Severity | None = None,
        package: str | None = None,
        target: str | None = None,
        evidence: dict[str, object] | None = None,
    ) -> Finding:
        return Finding(
            location,
            self.code,
            self.name,
            severity or self.severity,
            message,
            package=package,
            target=target,
            evidence=evidence,
        )


INVALID_MANIFEST = Rule(
    "DF001",
    "invalid-manifest",
    Severity.ERROR,
    "A manifest could not be read or parsed.",
    "The file is unreadable, malformed, not UTF-8, or includes a file that is missing or "
    "includes itself. depfence cannot vouch for dependencies it cannot read: fix the file.",
)
TYPOSQUAT = Rule(
    "DF101",
    "typosquat",
    Severity.ERROR,
    "A dependency's name looks like a popular package's name.",
    "Attackers publish packages whose names are one typo away from popular ones. Check the "
    "spelling; if the package is really the one you want, add it to the allowlist.",
)
NON_ASCII_NAME = Rule(
    "DF102",
    "non-ascii-name",
    Severity.ERROR,
    "A dependency's name contains non-ASCII characters.",
    "No package index accepts such a name: it is there to fool a reader, usually with a "
    "character that looks like a Latin letter. Retype the name.",
)
UNPINNED = Rule(
    "DF201",
    "unpinned",
    Severity.ERROR,
    "A dependency is not pinned as the manifest's pinning policy requires.",
    "An unpinned requirement installs whatever release is newest, including a hijacked one. "
    "Pin an exact version with == in application manifests; give library metadata at least "
    "a version range.",
)
MISSING_HASH = Rule(
    "DF202",
    "missing-hash",
    Severity.ERROR,
    "A requirement has no --hash although the hash policy asks for one.",
    "With hashes, pip refuses any file other than the one you reviewed. pip requires hashes "
    "on every requirement once one has them.",
)
MUTABLE_REFERENCE = Rule(
    "DF203",
    "mutable-reference",
    Severity.ERROR,
    "A direct reference points at something that can change.",
    "A VCS dependency must name a full commit hash, an archive URL must carry a #sha256= "
    "hash, and plain http:// can be tampered with in transit.",
)
EXTRA_INDEX = Rule(
    "DF204",
    "extra-index",
    Severity.WARNING,
    "A manifest adds a package index beside the default one.",
    "pip takes the highest version from any index, so a public package can shadow a private "
    "one of the same name (dependency confusion). Prefer one index that proxies the others.",
)
NEW_DEPENDENCY = Rule(
    "DF301",
    "new-dependency",
    Severity.ERROR,
    "A dependency is new in this change.",
    "Every dependency that enters the codebase deserves a review. Approve it with "
    "`depfence approve NAME` once you have.",
)
CHANGED_VERSION = Rule(
    "DF302",
    "changed-version",
    Severity.INFO,
    "An existing dependency's version changed.",
    "Shown so a reviewer sees version changes next to new dependencies.",
)
SDIST_INSTALL = Rule(
    "DF401",
    "sdist-install",
    Severity.WARNING,
    "pip would build a package from source.",
    "Building a source distribution runs the package's own code at install time.",
)

RULES: tuple[Rule, ...] = (
    INVALID_MANIFEST,
    TYPOSQUAT,
    NON_ASCII_NAME,
    UNPINNED,
    MISSING_HASH,
    MUTABLE_REFERENCE,
    EXTRA_INDEX,
    NEW_DEPENDENCY,
    CHANGED_VERSION,
    SDIST_INSTALL,
)
BY_NAME = {rule.name: rule for rule in RULES}
BY_CODE = {rule.code: rule for rule in RULES}


def lookup(name_or_code: str) -> Rule | None:
    return BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code.upper())
