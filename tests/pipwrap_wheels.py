"""Tiny distributions for pip to install offline: wheels and sdists written by hand.

A wheel is a zip with the package's module and a ``.dist-info`` folder holding
METADATA, WHEEL and RECORD; no build tool is needed.  The sdist carries an
in-tree build backend (``backend-path``) with no build requirements, so pip
builds it without fetching setuptools.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import zipfile
from pathlib import Path


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _metadata(name: str, version: str, requires: tuple[str, ...]) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    lines += [f"Requires-Dist: {req}" for req in requires]
    return "\n".join(lines) + "\n"


def wheel_bytes(name: str, version: str, requires: tuple[str, ...] = (), body: str = "") -> bytes:
    module = name.replace("-", "_")
    info = f"{module}-{version}.dist-info"
    files = {
        f"{module}.py": body or f"VERSION = {version!r}\n",
        f"{info}/METADATA": _metadata(name, version, requires),
        f"{info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: depfence-tests\nRoot-Is-Purelib: true\n"
            "Tag: py3-none-any\n"
        ),
    }
    record = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, text in files.items():
            data = text.encode()
            archive.writestr(path, data)
            record.append(f"{path},{_record_hash(data)},{len(data)}")
        record.append(f"{info}/RECORD,,")
        archive.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return buffer.getvalue()


def write_wheel(
    folder: Path, name: str, version: str, requires: tuple[str, ...] = (), body: str = ""
) -> Path:
    path = folder / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    path.write_bytes(wheel_bytes(name, version, requires, body))
    return path


# The in-tree backend: builds the same kind of wheel as above from the sdist itself.
_BACKEND = """
import base64, hashlib, os, zipfile

NAME, VERSION = {name!r}, {version!r}


def _hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    module = NAME.replace("-", "_")
    info = module + "-" + VERSION + ".dist-info"
    metadata = "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (NAME, VERSION)
    wheel = "Wheel-Version: 1.0\\nGenerator: t\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
    files = {{module + ".py": "BUILT = 1\\n", info + "/METADATA": metadata, info + "/WHEEL": wheel}}
    filename = module + "-" + VERSION + "-py3-none-any.whl"
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
            record.append(path + "," + _hash(text.encode()) + "," + str(len(text.encode())))
        record.append(info + "/RECORD,,")
        archive.writestr(info + "/RECORD", "\\n".join(record) + "\\n")
    return filename
"""


def write_sdist(folder: Path, name: str, version: str) -> Path:
    root = f"{name.replace('-', '_')}-{version}"
    files = {
        "pyproject.toml": (
            "[build-system]\nrequires = []\nbuild-backend = 'backend'\nbackend-path = ['.']\n"
            f"[project]\nname = '{name}'\nversion = '{version}'\n"
        ),
        "backend.py": _BACKEND.format(name=name, version=version),
        "PKG-INFO": _metadata(name, version, ()),
    }
    path = folder / f"{root}.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for rel, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{root}/{rel}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path
