"""pip requirements files (``requirements*.txt``, ``*.in``, constraints) -> Manifest.

The grammar is pip's: comments start with ``#`` at the start of a line or after
whitespace, a trailing backslash joins the next line, a line is a requirement
followed by options (everything from the first word that starts with ``-``), or
options alone.  ``-r`` / ``-c`` includes are read relative to the including
file.  ``${VAR}`` references are kept as written: depfence checks the file, not
one machine's environment.

This module is on the hot path of ``depfence check``: the commonest lines (a
name, extras, plain release pins) are read with string methods, other common
forms with the regular expressions below (compiled on first use: compiling
costs every run that imports the module), and ``packaging`` is imported only
for a line they cannot vouch for (it costs more than an interpreter start).
"""

from __future__ import annotations

import os
import re

from depfence import rules
from depfence.files import ReadError
from depfence.model import Dependency, Finding, Location, Manifest
from depfence.names import ascii_stand_in

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    # (logical offset, physical line, columns dropped before that offset's line part)
    Segments = list[tuple[int, int, int]]
    # name, extras, specifier, url, marker
    Parsed = tuple[str, tuple[str, ...], str, "str | None", str]

# --- the fast path: PEP 508 forms that need no `packaging` --------------------------------
# Each accepts a strict subset of what packaging accepts; anything else goes to packaging.
# Patterns are plain strings that `re` compiles (and caches) on first use.
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_NAME_CHARS = _ALNUM + "._-"
_OPERATORS = ("==", "!=", "~=", "<=", ">=")
_SPEC_ITEM = (
    r"[ \t]*(===|==|!=|~=|<=|>=|<|>)[ \t]*((?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*)"
    r"((?:(?:a|b|rc)[0-9]*)?(?:\.post[0-9]*)?(?:\.dev[0-9]*)?)"
    r"(\.\*|\+[a-z0-9]+(?:\.[a-z0-9]+)*)?[ \t]*\Z"
)
# printable ASCII without quotes or backslash: values packaging keeps verbatim
_OPERAND = r"""([a-z_.]+|'[ !#-&(-\[\]-~]*'|"[ !#-&(-\[\]-~]*")"""
_MARKER_ATOM = (
    rf"[ \t]*{_OPERAND}[ \t]*(===|==|~=|!=|<=|>=|<|>|not[ \t]+in(?=[ \t])|in(?=[ \t]))"
    rf"[ \t]*{_OPERAND}"
)
_MARKER_BOOL = r"[ \t]+(and|or)[ \t]+"
_MARKER_VARS = frozenset(
    {"python_version", "python_full_version", "os_name", "os.name", "sys_platform"}
    | {"sys.platform", "platform_release", "platform_system", "platform_version"}
    | {"platform.version", "platform_machine", "platform.machine", "implementation_name"}
    | {"platform_python_implementation", "platform.python_implementation"}
    | {"python_implementation", "implementation_version"}
)

# --- pip's line structure ----------------------------------------------------------------
_TOKEN = r"""(?:[^\s'"]+|'[^']*'|"[^"]*"|['"]\S*)+"""
_URL_SCHEMES = frozenset(
    ["http", "https", "file", "ftp"]
    + [
        f"{vcs}+{scheme}"
        for vcs, schemes in (
            ("bzr", "http https ssh sftp ftp lp file"),
            ("git", "http https ssh git file"),
            ("hg", "file http https ssh static-http"),
            ("svn", "ssh http https svn file"),
        )
        for scheme in schemes.split()
    ]
)
_ARCHIVES = (
    *(".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz"),
    *(".tar.lzma", ".tar.gz", ".tgz", ".tar"),
)
# Patterns for rarer forms, compiled (and cached by `re`) on first use:
_QUOTED = r"""'([^']*)'|"([^"]*)"|([^'"]+)|(['"])"""
_EGG = r"[#&]egg=([^&]*)"
_WHEEL = r"(.+?)-(.*?)(?:-\d[^-]*?)?-.+?-.+?-.+?\.whl\Z"  # name-version[-build]-py-abi-platform
_TRAILING_EXTRAS = r"(.+)(\[[^\]]+\])\Z"
_SUFFIX_NUMBER = r"(a|b|rc|post|dev)([0-9]*)"

# Long options pip reads in requirements files (with a few aliases and legacy ones it
# used to read), mapped to (the name findings use, whether it takes a value).
_LONG = {
    "--index-url": ("--index-url", True),
    "--pypi-url": ("--index-url", True),
    "--extra-index-url": ("--extra-index-url", True),
    "--no-index": ("--no-index", False),
    "--find-links": ("--find-links", True),
    "--constraint": ("--constraint", True),
    "--requirement": ("--requirement", True),
    "--requirements": ("--requirement", True),
    "--editable": ("--editable", True),
    "--no-binary": ("--no-binary", True),
    "--only-binary": ("--only-binary", True),
    "--prefer-binary": ("--prefer-binary", False),
    "--require-hashes": ("--require-hashes", False),
    "--pre": ("--pre", False),
    "--trusted-host": ("--trusted-host", True),
    "--use-feature": ("--use-feature", True),
    "--hash": ("--hash", True),
    "--config-settings": ("--config-settings", True),
    "--global-option": ("--global-option", True),
    "--install-option": ("--install-option", True),
    "--allow-external": ("--allow-external", True),
    "--allow-unverified": ("--allow-unverified", True),
    "--allow-all-external": ("--allow-all-external", False),
    "--always-unzip": ("--always-unzip", False),
    "--no-use-wheel": ("--no-use-wheel", False),
}
_SHORT = {
    "i": "--index-url",
    "f": "--find-links",
    "c": "--constraint",
    "r": "--requirement",
    "e": "--editable",
    "Z": "--always-unzip",
}
_INDEX_OPTIONS = ("--index-url", "--extra-index-url", "--find-links")
_DEV_WORDS = frozenset(
    {"dev", "devel", "develop", "development", "test", "tests", "testing", "lint"}
    | {"linting", "doc", "docs", "typing"}
)


class _LineError(Exception):
    """A line that cannot be parsed; ``offset`` is where, 0-based in the joined line."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def parse(path: str, read: Callable[[str], str]) -> Manifest:
    """Parse a requirements file and, recursively, the files it includes."""
    parser = _Parser(read)
    try:
        text = read(path)
    except ReadError as exc:
        problem = rules.INVALID_MANIFEST.finding(Location(path, 1, 1), f"{path}: {exc}")
        return Manifest(path, "requirements", problems=(problem,))
    parser.files.append(path)
    parser.parse_file(path, text, False, (os.path.normpath(path),))
    return Manifest(
        path,
        "requirements",
        dependencies=tuple(parser.dependencies),
        problems=tuple(parser.problems),
        indexes=tuple(parser.indexes),
        files=tuple(parser.files),
    )


def section_of(path: str) -> str:
    """``dev`` or ``build`` when a file's name or folder says so, else ``runtime``."""
    folder, base = os.path.split(path)
    # a folder counts only when that is its whole name ("docs/", not "my-test-app/")
    stem = os.path.splitext(base)[0].lower()
    words = [
        *stem.replace("-", " ").replace("_", " ").replace(".", " ").split(),
        os.path.basename(folder).lower(),
    ]
    if not _DEV_WORDS.isdisjoint(words):
        return "dev"
    return "build" if "build" in words else "runtime"


class _Parser:
    def __init__(self, read: Callable[[str], str]) -> None:
        self.read = read
        self.dependencies: list[Dependency] = []
        self.problems: list[Finding] = []
        self.indexes: list[tuple[Location, str, str]] = []
        self.files: list[str] = []
        self.done: set[tuple[str, bool]] = set()
        self.reported: set[tuple[Location, str]] = set()

    def parse_file(self, path: str, text: str, constraint: bool, stack: tuple[str, ...]) -> None:
        self.done.add((stack[-1], constraint))
        section = section_of(path)
        for number, logical, segments in _logical_lines(text):
            hash_at = _comment_start(logical)
            body = logical[:hash_at] if hash_at >= 0 else logical
            content = body.strip()
            if not content:
                continue
            comment = logical[hash_at + 1 :].strip() if hash_at >= 0 else ""
            start = len(body) - len(body.lstrip())
            try:
                self._line(
                    path, number, segments, content, start, comment, section, constraint, stack
                )
            except _LineError as exc:
                line, column = _position(number, segments, exc.offset)
                self._problem(Location(path, line, column), exc.message)

    def _line(
        self,
        path: str,
        number: int,
        segments: Segments | None,
        content: str,
        start: int,
        comment: str,
        section: str,
        constraint: bool,
        stack: tuple[str, ...],
    ) -> None:
        # pip splits on single spaces: the requirement is every word before the first
        # one that starts with "-", and the rest are options.
        if content[0] == "-":
            requirement, options_at = "", 0
        else:
            cut = content.find(" -")
            requirement = content if cut < 0 else content[:cut].rstrip()
            options_at = -1 if cut < 0 else cut + 1
        options = _options(content[options_at:], start + options_at) if options_at >= 0 else []

        if requirement:
            hashes = []
            for option, value, _, value_at in options:
                if option == "--hash":
                    if ":" not in value or not value.partition(":")[2]:
                        raise _LineError(
                            f"--hash needs an algorithm and a digest, like sha256:<hex>, "
                            f"not {value!r}",
                            value_at,
                        )
                    hashes.append(value)
            name, extras, specifier, url, marker = _requirement(requirement, start)
            line, column = _position(number, segments, start)
            self.dependencies.append(
                Dependency(
                    name,
                    Location(path, line, column),
                    specifier=specifier,
                    extras=extras,
                    marker=marker,
                    url=url,
                    hashes=tuple(hashes),
                    section=section,
                    comment=comment,
                    constraint=constraint,
                )
            )
            return

        for option, value, option_at, value_at in options:
            if option in ("--requirement", "--constraint"):
                line, column = _position(number, segments, value_at)
                nested = constraint or option == "--constraint"
                self._include(path, Location(path, line, column), value, nested, stack)
            elif option == "--editable":
                name, extras, specifier, url = _editable(value, value_at)
                line, column = _position(number, segments, value_at)
                self.dependencies.append(
                    Dependency(
                        name,
                        Location(path, line, column),
                        specifier=specifier,
                        extras=extras,
                        url=url,
                        editable=True,
                        section=section,
                        comment=comment,
                        constraint=constraint,
                    )
                )
            elif option in _INDEX_OPTIONS:
                line, column = _position(number, segments, option_at)
                self.indexes.append((Location(path, line, column), option, value))

    def _include(
        self, path: str, where: Location, target: str, constraint: bool, stack: tuple[str, ...]
    ) -> None:
        scheme = _scheme(target)
        if scheme == "file":
            target = _file_url_path(target)
        elif scheme is not None and "://" in target:
            self._problem(where, f"remote include {target} is not checked: depfence reads no URLs")
            return
        full = os.path.normpath(os.path.join(os.path.dirname(path), target))
        if full in stack:
            if full == stack[-1]:
                self._problem(where, f"{path} includes itself")
            else:
                loop = " -> ".join((*stack[stack.index(full) :], full))
                self._problem(where, f"include loop: {loop}")
            return
        if (full, constraint) in self.done:
            return  # already read in this role through another include
        try:
            text = self.read(full)
        except ReadError as exc:
            self._problem(where, f"cannot read included file {full}: {exc}")
            return
        if full not in self.files:
            self.files.append(full)
        self.parse_file(full, text, constraint, (*stack, full))

    def _problem(self, where: Location, message: str) -> None:
        # a file read both as requirements and as constraints reports its problems once
        if (where, message) not in self.reported:
            self.reported.add((where, message))
            self.problems.append(rules.INVALID_MANIFEST.finding(where, message))


def _logical_lines(text: str) -> Iterator[tuple[int, str, Segments | None]]:
    """pip's line joining: a line ending in a backslash continues on the next one.

    A comment line ends a continuation; the joined line is numbered by its first line.
    """
    parts: list[str] = []
    segments: Segments = []
    size = first = 0
    for number, line in enumerate(text.splitlines(), 1):
        comment_line = line.lstrip()[:1] == "#"
        if comment_line or not line.endswith("\\"):
            if not parts:
                yield number, line, None
                continue
            if comment_line:
                line = " " + line  # pip adds it so the comment is still found
            segments.append((size, number, -1 if comment_line else 0))
            parts.append(line)
            yield first, "".join(parts), segments
            parts, segments, size = [], [], 0
        else:
            if not parts:
                first = number
            stripped = line.strip("\\")
            segments.append((size, number, len(line) - len(line.lstrip("\\"))))
            parts.append(stripped)
            size += len(stripped)
    if parts:
        yield first, "".join(parts), segments


def _comment_start(line: str) -> int:
    """Where a comment starts: a ``#`` at the start of the line or after whitespace; else -1."""
    at = line.find("#")
    while at > 0 and not line[at - 1].isspace():
        at = line.find("#", at + 1)
    return at


def _position(number: int, segments: Segments | None, offset: int) -> tuple[int, int]:
    """The 1-based physical line and column of ``offset`` in a logical line."""
    if segments is None:
        return number, offset + 1
    line, column = number, offset + 1
    for seg_start, seg_line, dropped in segments:
        if seg_start > offset:
            break
        line, column = seg_line, offset - seg_start + dropped + 1
    return line, column


def _options(text: str, base: int) -> list[tuple[str, str, int, int]]:
    """(option's long name, value, option offset, value offset) for the options pip knows.

    Unknown options are skipped as pip's newer options would be; words that are no
    option's value are ignored, as pip ignores them.
    """
    found: list[tuple[str, str, int, int]] = []
    tokens = [(m.group(), base + m.start()) for m in re.finditer(_TOKEN, text)]
    i = 0
    while i < len(tokens):
        token, at = tokens[i]
        i += 1
        if token.startswith("--"):
            name, eq, value = token.partition("=")
            known = _long_option(name)
            value_at = at + len(name) + 1
        elif token.startswith("-") and len(token) > 1:
            long = _SHORT.get(token[1])
            known = (long, _LONG[long][1]) if long else None
            eq, value, value_at = (token[2:], token[2:], at + 2)
            if value.startswith("="):  # -r=file: pip-requirements-parser reads "file"
                value, value_at = value[1:], value_at + 1
        else:
            continue
        if known is None:
            continue
        option, takes_value = known
        if not takes_value:
            found.append((option, "", at, at))
            continue
        if not eq:
            if i >= len(tokens):
                raise _LineError(f"option {token} needs a value", at)
            value, value_at = tokens[i]
            i += 1
        found.append((option, _unquote(value, value_at), at, value_at + (value[:1] in ("'", '"'))))
    return found


def _long_option(name: str) -> tuple[str, bool] | None:
    known = _LONG.get(name)
    if known is not None:
        return known
    # optparse accepts any unambiguous prefix of a long option
    matches = {_LONG[long] for long in _LONG if long.startswith(name)}
    return matches.pop() if len(matches) == 1 and len(name) > 2 else None


def _unquote(value: str, at: int) -> str:
    if "'" not in value and '"' not in value:
        return value
    out = []
    for m in re.finditer(_QUOTED, value):
        if m.group(4):
            raise _LineError(f"no closing quotation in {value!r}", at)
        out.append(m.group(1) or m.group(2) or m.group(3) or "")
    return "".join(out)


def _scheme(text: str) -> str | None:
    head, colon, _ = text.partition(":")
    return head.lower() if colon and head.lower() in _URL_SCHEMES else None


def _file_url_path(url: str) -> str:
    rest = url[5:]
    if rest.startswith("//"):
        rest = rest[2:]
        rest = rest[rest.find("/") :] if "/" in rest else ""
    return _unquote_url(rest)


def _unquote_url(text: str) -> str:
    if "%" not in text:
        return text
    from urllib.parse import unquote

    return unquote(text)


def _requirement(text: str, at: int) -> Parsed:
    """(name, extras, specifier, url, marker) of a requirement as pip reads it."""
    stand_in = ascii_stand_in(text)
    if stand_in is not None:
        return (stand_in[0], *_requirement(stand_in[1], at)[1:])
    is_url = _scheme(text) is not None
    before, sep, marker_text = text.partition("; " if is_url else ";")
    marker = ""
    if sep:
        marker_at = at + len(before) + len(sep) + len(marker_text) - len(marker_text.lstrip())
        marker = _marker(marker_text.strip(), marker_at)
    spec = before.strip()
    if not spec:
        raise _LineError(f"requirement has a marker but no name: {text!r}", at)
    if is_url:
        name, extras, specifier = _named_link(spec, at)
        return name, extras, specifier, spec, marker
    head = _head(spec)
    named_url = head is not None and spec[head[2] : head[2] + 1] == "@"
    if not named_url and (
        "/" in spec or os.sep in spec or spec[0] == "." or spec.lower().endswith(_ARCHIVES)
    ):
        # a local directory or archive, as pip tells them from names
        path, extras_text = _strip_extras(spec, at)
        name, extras, specifier = _named_link(path, at)
        return name, extras_text or extras, specifier, path, marker
    name, extras, specifier, url = _pep508(spec, at, head)
    return name, extras, specifier, url, marker


def _pep508(
    text: str, at: int, head: tuple[str, str | None, int] | None = None
) -> tuple[str, tuple[str, ...], str, str | None]:
    """Name, extras, specifier and URL of a PEP 508 requirement without its marker.

    ``head`` is ``_head(text)`` when the caller has it already.
    """
    if head is None:
        head = _head(text)
    if head is not None:
        name, extras_text, end = head
        extras = _extras(extras_text)
        rest = text[end:]
        if extras is not None:
            if not rest:
                return name, extras, "", None
            if rest[0] == "@":
                url = rest[1:].strip(" \t")
                if url and not any(c.isspace() for c in url):
                    return name, extras, "", url
            else:
                specifier = _specifier(rest)
                if specifier is not None:
                    return name, extras, specifier, None
    return _slow(text, at)


def _head(text: str) -> tuple[str, str | None, int] | None:
    """A leading name, the text between the ``[]`` after it (if closed), and where they end.

    Spaces and tabs after each are part of the head.  The name is a run of
    letters, digits and ``._-`` from the first character to the last letter or
    digit (``\\[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?``).
    """
    if not text or text[0] not in _ALNUM:
        return None
    name = text[: len(text) - len(text.lstrip(_NAME_CHARS))].rstrip("._-")
    end = len(name)
    end += len(text) - end - len(text[end:].lstrip(" \t"))
    extras = None
    if text.startswith("[", end):
        close = text.find("]", end)
        if close >= 0:
            extras = text[end + 1 : close]
            end = close + 1
            end += len(text) - end - len(text[end:].lstrip(" \t"))
    return name, extras, end


def _named_link(url: str, at: int) -> tuple[str, tuple[str, ...], str]:
    """The name pip gives a URL or path: a wheel's file name, else its #egg= fragment."""
    base = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    if base.endswith(".whl"):
        filename = _unquote_url(base.rsplit("/", 1)[-1])
        wheel = re.match(_WHEEL, filename)
        if wheel is None:
            raise _LineError(f"{filename} is not a valid wheel file name", at)
        name, version = (part.replace("_", "-") for part in wheel.groups())
        text = f"{name}=={version}"
    else:
        egg = re.search(_EGG, url)
        if egg is None or not egg.group(1):
            return "", (), ""
        text = egg.group(1)
    name, extras, specifier, _ = _pep508(text, at)
    return name, extras, specifier


def _editable(value: str, at: int) -> tuple[str, tuple[str, ...], str, str]:
    """(name, extras, specifier, url) of an ``-e`` path or VCS URL."""
    url, extras = _strip_extras(value.strip(), at)
    if not url:
        raise _LineError("-e needs a path or a VCS URL", at)
    name, egg_extras, specifier = _named_link(url, at)
    return name, extras or egg_extras, specifier, url


def _strip_extras(text: str, at: int) -> tuple[str, tuple[str, ...]]:
    """A path or URL without its trailing ``[extras]``, and those extras."""
    match = re.match(_TRAILING_EXTRAS, text, re.DOTALL)
    if match is None:
        return text, ()
    extras = _extras(match.group(2)[1:-1])
    if extras is None:
        raise _LineError(f"invalid extras {match.group(2)!r} after {match.group(1)!r}", at)
    return match.group(1), extras


def _extras(text: str | None) -> tuple[str, ...] | None:
    """Sorted extras from between the brackets, or ``None`` when one is not a valid name."""
    if text is None or not text.strip(" \t"):
        return ()
    extras = {extra.strip(" \t") for extra in text.split(",")}
    if not all(_is_name(extra) for extra in extras):
        return None
    return tuple(sorted(extras))


def _is_name(text: str) -> bool:
    """``[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?``, the whole of ``text``."""
    return bool(text) and not text.strip(_NAME_CHARS) and text[0] in _ALNUM and text[-1] in _ALNUM


def _specifier(text: str) -> str | None:
    """``str(SpecifierSet(text))`` (sorted, no spaces, equal ones once), or ``None``."""
    items: list[tuple[str, tuple[str, str]]] = []
    for part in text.split(","):
        plain = _plain_item(part)
        if plain is not None:
            operator, release, suffix, tail = plain
        else:
            match = re.match(_SPEC_ITEM, part)
            if match is None:
                return None
            operator, release, suffix, tail = match.groups()
        if tail and (operator not in ("==", "!=", "===") or (tail == ".*" and suffix)):
            return None
        if operator == "~=" and "." not in release.rpartition("!")[2]:
            return None
        version = release + suffix + (tail or "")
        items.append((operator + version, (operator, version)))
    if len(items) == 1:
        return items[0][0]
    seen: set[tuple[str, str]] = set()
    kept = []
    for text_form, (operator, version) in sorted(items):
        key = _spec_key(operator, version)
        if key not in seen:
            seen.add(key)
            kept.append(text_form)
    return ",".join(kept)


def _plain_item(part: str) -> tuple[str, str, str, str | None] | None:
    """``_SPEC_ITEM``'s groups for an operator and a release of digits and dots, else None."""
    item = part.strip(" \t")
    if item.startswith("==="):
        operator = "==="
    elif item[:2] in _OPERATORS:
        operator = item[:2]
    elif item[:1] in ("<", ">"):
        operator = item[:1]
    else:
        return None
    release = item[len(operator) :].lstrip(" \t")
    # digits with single dots between them
    if not (release.isascii() and release.replace(".", "").isdigit()):
        return None
    if release[0] == "." or release[-1] == "." or ".." in release:
        return None
    return operator, release, "", None


def _spec_key(operator: str, version: str) -> tuple[str, str]:
    """What specifier equality compares: packaging trims ``.0`` from releases."""
    if operator == "===" or version.endswith(".*"):
        return operator, version
    epoch, bang, rest = version.rpartition("!")
    public, plus, local = rest.partition("+")
    release = re.match(r"[0-9.]*[0-9]", public)
    assert release is not None  # _SPEC_ITEM matched a release
    numbers = [int(n) for n in release.group().split(".")]
    while operator != "~=" and len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    suffix = re.sub(_SUFFIX_NUMBER, lambda m: f"{m[1]}{int(m[2] or 0)}", public[release.end() :])
    head = f"{int(epoch)}!" if bang and int(epoch) else ""
    return operator, head + ".".join(map(str, numbers)) + suffix + plus + local


def _marker(text: str, at: int) -> str:
    """The marker as ``str(packaging.markers.Marker(text))`` would print it."""
    if not text:
        return ""
    out: list[str] = []
    pos = 0
    while True:
        atom = re.compile(_MARKER_ATOM).match(text, pos)
        if atom is None:
            break
        lhs, op, rhs = (
            _marker_operand(atom.group(1)),
            atom.group(2),
            _marker_operand(atom.group(3)),
        )
        if not lhs or not rhs:
            break
        out.append(f"{lhs} {'not in' if op[0] == 'n' else op} {rhs}")
        pos = atom.end()
        join = re.compile(_MARKER_BOOL).match(text, pos)
        if join is None:
            if not text[pos:].strip(" \t"):
                return " ".join(out)
            break
        out.append(join.group(1))
        pos = join.end()
    from packaging.markers import Marker

    try:
        return str(Marker(text))
    except ValueError as exc:  # InvalidMarker, or a value it cannot print back
        raise _LineError(f"invalid marker {text!r}: {_first_line(exc)}", at) from None


def _marker_operand(text: str) -> str:
    """How packaging prints an operand; ``""`` for one the fast path leaves to it."""
    if text[0] in "'\"":
        return f'"{text[1:-1]}"'
    if text not in _MARKER_VARS:
        return ""
    name = text.replace(".", "_")
    return "platform_python_implementation" if name == "python_implementation" else name


def _slow(text: str, at: int) -> tuple[str, tuple[str, ...], str, str | None]:
    """Parse what the fast path could not vouch for with ``packaging`` itself."""
    from packaging.requirements import Requirement

    try:
        req = Requirement(text)
    except ValueError as exc:  # InvalidRequirement
        raise _LineError(f"invalid requirement {text!r}: {_first_line(exc)}", at) from None
    return req.name, tuple(sorted(req.extras)), str(req.specifier), req.url


def _first_line(exc: Exception) -> str:
    message = getattr(exc, "message", None) or str(exc)
    return str(message).strip().splitlines()[0] if str(message).strip() else type(exc).__name__
