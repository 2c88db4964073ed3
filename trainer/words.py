"""Small helpers for the words the app shows and says (no Qt, used by every layer)."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 set', '2 sets', '0 sets'; `many` for a word that does not just take an s."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
