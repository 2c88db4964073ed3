"""The one plural() every screen, report and check uses."""

from __future__ import annotations

import pytest

from trainer.text import plural


@pytest.mark.parametrize(
    ("n", "word", "many", "want"),
    [
        (1, "set", None, "1 set"),
        (0, "set", None, "0 sets"),
        (2, "rep", None, "2 reps"),
        (3, "knee", "knees", "3 knees"),
    ],
)
def test_plural(n: int, word: str, many: str | None, want: str) -> None:
    assert plural(n, word, many) == want


def test_no_copies_of_plural_in_the_package() -> None:
    # One home: a second helper or an inline `'' if n == 1 else 's'` is a copy that can drift.
    import re

    from tests.conftest import ROOT

    copy = re.compile(r"def _?plural\(|(''|\"\") if [\w.()]+ == 1 else ['\"]s|'s' if [\w.()]+ != 1 else")
    found = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "trainer").rglob("*.py"))
        if p.name != "text.py" and copy.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []
