"""``[tool.depfence]`` in pyproject.toml, read into a ``Config``.

The nearest pyproject.toml above a checked file that has a ``[tool.depfence]``
table applies to it.  ``tomllib`` is imported only for a file that has one
and that ``simple_toml`` cannot read: it costs almost as much as a bare
interpreter start.
"""

from __future__ import annotations

import os
import re

from depfence import rules
from depfence.model import Severity
from depfence.names import canonicalize

PINNING_KINDS = ("requirements", "pyproject", "setup.cfg", "pipfile")
PINNING_POLICIES = ("exact", "bounded", "off")
HASH_POLICIES = ("consistent", "require", "off")
NEW_DEPENDENCY_POLICIES = ("block-unknown", "block-all", "warn", "off")


def _has_table(text: str) -> bool:
    """Whether TOML text has a [tool.depfence] table (or a sub-table of it), without parsing."""
    if "depfence" not in text:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*depfence\s*[\].]", text, re.MULTILINE) is not None


class ConfigError(Exception):
    """The configuration cannot be used; ``str()`` names the file and the problem."""


class Config:
    __slots__ = (
        "source",
        "allow",
        "disabled",
        "severity",
        "pinning",
        "hashes",
        "new_dependencies",
    )

    def __init__(
        self,
        *,
        source: str | None = None,
        allow: frozenset[str] = frozenset(),
        disabled: frozenset[str] = frozenset(),
        severity: dict[str, Severity] | None = None,
        pinning: dict[str, str] | None = None,
        hashes: str = "consistent",
        new_dependencies: str = "block-unknown",
    ) -> None:
        self.source = source
        self.allow = allow
        self.disabled = disabled
        self.severity = severity or {}
        self.pinning = {
            "requirements": "exact",
            "pyproject": "bounded",
            "setup.cfg": "bounded",
            "pipfile": "bounded",
            **(pinning or {}),
        }
        self.hashes = hashes
        self.new_dependencies = new_dependencies

    def enabled(self, rule_name: str) -> bool:
        return rule_name not in self.disabled

    def allowed(self, package_key: str) -> bool:
        return package_key in self.allow


DEFAULT = Config()


def from_table(table: dict[str, object], source: str) -> Config:
    """Build a Config from the ``[tool.depfence]`` table; unknown keys are errors."""

    def fail(message: str) -> ConfigError:
        return ConfigError(f"{source}: [tool.depfence] {message}")

    def str_list(key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"{key} must be a list of strings")
        return value

    def choice(key: str, value: object, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise fail(f"{key} must be one of {', '.join(allowed)}, not {value!r}")
        return str(value)

    def rule_name(value: str, key: str) -> str:
        rule = rules.lookup(value)
        if rule is None:
            known = ", ".join(r.name for r in rules.RULES)
            raise fail(f"{key}: unknown rule {value!r} (known rules: {known})")
        return rule.name

    known_keys = {"allow", "disable", "severity", "pinning", "hashes", "new-dependencies"}
    for key in table:
        if key not in known_keys:
            raise fail(f"unknown key {key!r} (known keys: {', '.join(sorted(known_keys))})")

    severity: dict[str, Severity] = {}
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise fail("severity must be a table of rule = level")
    for name, level in raw_severity.items():
        level = choice(f"severity.{name}", level, tuple(s.value for s in Severity))
        severity[rule_name(name, "severity")] = Severity(level)

    pinning: dict[str, str] = {}
    raw_pinning = table.get("pinning", {})
    if not isinstance(raw_pinning, dict):
        raise fail("pinning must be a table of manifest kind = policy")
    for kind, policy in raw_pinning.items():
        kind = "setup.cfg" if kind == "setup-cfg" else kind
        if kind not in PINNING_KINDS:
            raise fail(f"pinning: unknown manifest kind {kind!r} ({', '.join(PINNING_KINDS)})")
        pinning[kind] = choice(f"pinning.{kind}", policy, PINNING_POLICIES)

    return Config(
        source=source,
        allow=frozenset(canonicalize(name) for name in str_list("allow")),
        disabled=frozenset(rule_name(name, "disable") for name in str_list("disable")),
        severity=severity,
        pinning=pinning,
        hashes=choice("hashes", table.get("hashes", "consistent"), HASH_POLICIES),
        new_dependencies=choice(
            "new-dependencies",
            table.get("new-dependencies", "block-unknown"),
            NEW_DEPENDENCY_POLICIES,
        ),
    )


def load(path: str) -> Config | None:
    """The configuration in ``path``; ``None`` when it has no ``[tool.depfence]`` table."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    if not _has_table(text):
        return None
    from depfence import simple_toml

    # a document in TOML's simplest forms is read without importing tomllib
    table = simple_toml.depfence_table(text)
    if table is None:
        from depfence.manifests import _toml

        try:
            document = _toml.load(text)
        except _toml.TomlError as exc:
            raise ConfigError(f"{path}:{exc.line}: invalid TOML: {exc}") from None
        table = document.get("tool", {}).get("depfence", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.depfence] must be a table")
    return from_table(table, path)


class Resolver:
    """Finds and caches the configuration for each checked file.

    An explicit ``--config FILE`` applies to every file; otherwise the nearest
    pyproject.toml with a ``[tool.depfence]`` table above the file does.
    """

    def __init__(self, explicit: str | None = None) -> None:
        self._explicit = (load(explicit) or Config(source=explicit)) if explicit else None
        self._by_dir: dict[str, Config] = {}

    def for_file(self, path: str) -> Config:
        if self._explicit is not None:
            return self._explicit
        return self._for_dir(os.path.dirname(os.path.abspath(path)))

    def _for_dir(self, folder: str) -> Config:
        cached = self._by_dir.get(folder)
        if cached is not None:
            return cached
        candidate = os.path.join(folder, "pyproject.toml")
        config = load(candidate) if os.path.isfile(candidate) else None
        if config is None:
            parent = os.path.dirname(folder)
            config = DEFAULT if parent == folder else self._for_dir(parent)
        self._by_dir[folder] = config
        return config
