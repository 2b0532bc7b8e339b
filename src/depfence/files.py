"""Reading manifest files as text, with one-line errors instead of tracebacks."""

from __future__ import annotations

import os

# Real manifests are a few KiB; anything this large is not one we should parse.
MAX_BYTES = 5 * 1024 * 1024


class ReadError(Exception):
    """A file could not be read as text; ``str()`` is a one-line reason."""


class Files:
    """Reads files once, and lets a buffer (an editor's, from stdin) stand in for a path."""

    def __init__(self, overrides: dict[str, str] | None = None) -> None:
        self._texts: dict[str, str] = {}
        self._errors: dict[str, ReadError] = {}
        for path, text in (overrides or {}).items():
            self._texts[os.path.normpath(path)] = text

    def read(self, path: str) -> str:
        key = os.path.normpath(path)
        if key in self._texts:
            return self._texts[key]
        if key in self._errors:
            raise self._errors[key]
        try:
            text = decode(_read_bytes(key))
        except ReadError as exc:
            self._errors[key] = exc
            raise
        self._texts[key] = text
        return text

    def line(self, path: str, number: int) -> str:
        """Line ``number`` (1-based) of a file already read, or ``""``."""
        text = self._texts.get(os.path.normpath(path))
        if text is None:
            return ""
        lines = text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ReadError("file not found") from None
    except IsADirectoryError:
        raise ReadError("is a directory, not a file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise ReadError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB; not a manifest")
    return data


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped, as pip does); binary or other encodings are errors."""
    if b"\0" in data:
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        raise ReadError(f"binary file (NUL byte on line {line})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line})") from None
    return text[1:] if text.startswith("\ufeff") else text
