"""What the content files share: one error that names file, field and need, and one reader."""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any


class ContentError(ValueError):
    """A content file that is malformed or incomplete; the message names file, field and need."""

    def __init__(self, source: str, field: str, expected: str, got: object = None) -> None:
        self.source = source
        self.field = field
        self.expected = expected
        detail = f"{source}: field '{field}': expected {expected}"
        if got is not None:
            detail += f", got {got!r}"
        super().__init__(detail)


MAX_BYTES = 1_000_000  # a real exercise file is ~10 kB; more is a mistake (or /dev/zero)
MAX_DEPTH = 16  # tables in arrays in tables...; ours need 3


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def read_toml(path: Path, what: str, error: type[ContentError]) -> dict[str, Any]:
    """The file's TOML table; `error` (naming the file) if it is missing, unreadable or not TOML.

    Only a regular file of at most MAX_BYTES is read (a FIFO would block, /dev/zero never ends),
    and nesting deeper than MAX_DEPTH is refused (deep nesting exhausts the parser's recursion).
    """
    source = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(source, "(file)", f"an existing {what} (it was not found)") from None
    except OSError as exc:
        raise error(source, "(file)", f"a readable file ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a device, pipe or socket"
        raise error(source, "(file)", f"a regular file (it is {kind})")
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening does not hang.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise error(source, "(file)", f"a readable file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise error(source, "(file)", f"a file of at most {MAX_BYTES // 1000} kB")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(source, "(file)", "UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(source, "(file)", f"valid TOML ({exc})") from None
    except RecursionError:
        raise error(source, "(file)", f"at most {MAX_DEPTH} levels of nesting") from None
    if _depth(data) > MAX_DEPTH:
        raise error(source, "(file)", f"at most {MAX_DEPTH} levels of nesting")
    return data


class FieldReader:
    """Checks fields of one file; every failure is `error` naming the file, the field and the need."""

    error: type[ContentError] = ContentError

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, expected: str, got: object = None) -> ContentError:
        return self.error(self.source, field, expected, got)

    def text(self, data: Mapping[str, Any], key: str, path: str) -> str:
        value = data.get(key)
        if value is None:
            raise self.fail(path, "a non-empty text (it is missing)")
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, "a non-empty text", value)
        return value.strip()
