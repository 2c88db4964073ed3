"""Small wording helpers shared by the domain and the screens."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 rep", "2 reps", "0 reps"; ``many`` for words that do not just take an s ("1 knee", ...)."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
