"""Word-level disguises: affixes, plurals, spellings, word order, version numbers.

Each function takes a PEP 503-normalised name and returns the names it may be
imitating, mapped to the kind of mutation; depfence then looks those up in the
popular list.  None of them returns the name itself.
"""

from __future__ import annotations

import itertools
import sys

PY_PREFIXES = ("python3-", "python-", "python3", "python", "py3-", "py-", "py3", "py")
PY_SUFFIXES = ("-python3", "-python", "python3", "python", "-py3", "-py", "py3", "py")
# words people append to a project's name for a companion package
COMMON_AFFIXES = ("dev", "lib", "sdk", "api", "client", "utils", "util", "tools", "tool", "core")
# words that say nothing about what a package does: a popular name plus one of
# these is a classic combosquat ("requests-lite")
FILLER_WORDS = frozenset(
    [
        "lite",
        "light",
        "pro",
        "new",
        "latest",
        "fix",
        "fixed",
        "patch",
        "patched",
        "update",
        "updated",
        "free",
        "official",
        "original",
        "real",
        "full",
        "beta",
        "stable",
        "fork",
        "mod",
        "modded",
        "darwin",
        "linux",
        "windows",
        "win",
        "win32",
        "win64",
        "macos",
        "mac",
        "osx",
        "x64",
        "x86",
        "amd64",
        "arm64",
        "bin",
        "binary",
        "binaries",
        "v1",
        "v2",
        "v3",
        "v4",
        "2",
        "3",
        "4",
        "5",
        "simple",
        "easy",
        "better",
        "best",
        "fast",
        "faster",
    ]
)
# British and American spellings, both ways: ("our", "or") matches colour/color
SPELLINGS = (
    ("our", "or"),
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("tre", "ter"),
    ("ogue", "og"),
    ("elling", "eling"),
    ("elled", "eled"),
    ("ence", "ense"),
    ("grey", "gray"),
)


def _strip_py(key: str) -> str | None:
    """``key`` without its python affix, if it has one."""
    for prefix in PY_PREFIXES:
        if key.startswith(prefix) and len(key) - len(prefix) >= 3:
            return key[len(prefix) :].strip("-")
    for suffix in PY_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            return key[: -len(suffix)].strip("-")
    return None


def _with_py(core: str) -> list[str]:
    return [prefix + core for prefix in PY_PREFIXES] + [core + suffix for suffix in PY_SUFFIXES]


def python_affixes(key: str) -> dict[str, str]:
    """Names with a python affix added, dropped, swapped or moved."""
    out: dict[str, str] = {}
    stripped = _strip_py(key)
    if stripped is not None:
        out[stripped] = "python-affix"
        out.update(dict.fromkeys(_with_py(stripped), "python-affix"))
    elif len(key) >= 3:
        out.update(dict.fromkeys(_with_py(key), "python-affix"))
    out.pop(key, None)
    return out


def version_suffix(key: str) -> dict[str, str]:
    """``requests2`` and ``requests-v2`` without their number, and with another one."""
    core = key.rstrip("0123456789")
    if core == key or len(core) < 3:
        return {}
    out: dict[str, str] = {}
    for base in (core.rstrip("-"), core.removesuffix("-v")):
        out[base] = "version-suffix"
        for digit in "23":
            out.setdefault(base + digit, "version-suffix")
    out.pop(key, None)
    return out


def common_affixes(key: str) -> dict[str, str]:
    """Names with a companion-package word such as ``-utils`` dropped or added."""
    out: dict[str, str] = {}
    for word in COMMON_AFFIXES:
        for core in (key.removesuffix(word), key.removeprefix(word)):
            core = core.strip("-")
            if core != key and len(core) >= 3:
                out[core] = "common-affix"
                out[core.replace("-", "")] = "common-affix"
    out.pop(key, None)
    return out


def plurals(key: str) -> dict[str, str]:
    """Each word of the name made singular or plural."""
    words = key.split("-")
    out: dict[str, str] = {}
    for i, word in enumerate(words):
        if len(word) < 3 or not word.isalpha():
            continue
        forms = []
        if word.endswith("ies"):
            forms.append(word[:-3] + "y")
        if word.endswith("es"):
            forms.append(word[:-2])
        if word.endswith("ss"):  # "requestss" doubles a letter: not a plural
            continue
        if word.endswith("s"):
            forms.append(word[:-1])
        else:
            forms.append(word + "s")
            forms.append(word[:-1] + "ies" if word.endswith("y") else word + "es")
        for form in forms:
            out["-".join((*words[:i], form, *words[i + 1 :]))] = "plural"
    return out


def spellings(key: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for british, american in SPELLINGS:
        for old, new in ((british, american), (american, british)):
            start = key.find(old)
            while start != -1:
                out[key[:start] + new + key[start + len(old) :]] = "spelling"
                start = key.find(old, start + 1)
    out.pop(key, None)
    return out


def reorderings(key: str) -> dict[str, str]:
    """The name's words in another order, with or without separators."""
    words = key.split("-")
    if not 2 <= len(words) <= 4:
        return {}
    out: dict[str, str] = {}
    for order in itertools.permutations(words):
        if list(order) != words:
            out["-".join(order)] = "reordering"
            out.setdefault("".join(order), "reordering")
    out.pop(key, None)
    return out


def combos(key: str) -> list[tuple[str, tuple[str, ...]]]:
    """``(popular-looking part, other words)`` splits of a name of several words."""
    words = key.split("-")
    out = []
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            if end - start < len(words):
                out.append(("-".join(words[start:end]), (*words[:start], *words[end:])))
    return out


# removed from the standard library in 3.12 and 3.13 (PEP 594 and PEP 632), still
# names an old script may import and an attacker may publish
_REMOVED = [
    "aifc",
    "asynchat",
    "asyncore",
    "audioop",
    "cgi",
    "cgitb",
    "chunk",
    "crypt",
    "distutils",
    "imghdr",
    "imp",
    "lib2to3",
    "mailcap",
    "msilib",
    "nis",
    "nntplib",
    "ossaudiodev",
    "pipes",
    "smtpd",
    "sndhdr",
    "spwd",
    "sunau",
    "telnetlib",
    "uu",
    "xdrlib",
]

_STDLIB: frozenset[str] | None = None


def stdlib_names() -> frozenset[str]:
    """Standard-library module names as a PyPI name would spell them.

    Installing a package named like one is never needed: the import resolves
    to the standard library anyway, or the package shadows it.  Popular
    backports (``typing``, ``dataclasses``...) are on the popular list and so
    never reach this check.
    """
    global _STDLIB
    if _STDLIB is None:
        modules = set(sys.stdlib_module_names) | set(_REMOVED)
        _STDLIB = frozenset(
            name.replace("_", "-").lower() for name in modules if not name.startswith("_")
        )
    return _STDLIB
