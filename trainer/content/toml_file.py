"""What the content files share: one error that names file, field and need, and one reader."""

from __future__ import annotations

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


def read_toml(path: Path, what: str, error: type[ContentError]) -> dict[str, Any]:
    """The file's TOML table; `error` (naming the file) if it is missing, unreadable or not TOML."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(source, "(file)", f"an existing {what} (it was not found)") from None
    except OSError as exc:
        raise error(source, "(file)", f"a readable file ({exc.strerror})") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(source, "(file)", "UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(source, "(file)", f"valid TOML ({exc})") from None


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
